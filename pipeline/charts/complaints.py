"""Complaints: received and resolved each month, and the honest view of what "resolved" means."""

from __future__ import annotations

from functools import partial
from typing import Any

import altair as alt

from pipeline import formats
from pipeline.charts import bars, labels, style
from pipeline.charts.figure import Figure, Table, both, csv_text

MONTHS_KEY = "complaints-months"
OUTCOMES_KEY = "complaints-outcomes"
SERIES = ("received", "resolved")
FISCAL_START = 7  # July: used only for bundles that do not say when their year starts
#: (measure in the CSV, rate in the bundle's totals, label key)
OUTCOMES = (
    ("resolved", "resolved_rate", "outcome_resolved"),
    ("satisfied", "satisfied_rate", "outcome_satisfied"),
    ("reopened", "reopened_rate", "outcome_reopened"),
)


def _fiscal_start(summary: dict[str, Any]) -> tuple[int, int] | None:
    """(year, month) the complaints' fiscal year began: as the bundle says, else guessed."""
    if "first_month" in summary:
        year, month = summary["first_month"].split("-")
        return int(year), int(month)
    received = [m["month"] for m in summary["months"] if m["received"]]
    if not received:
        return None
    first = min(received)
    year = int(first[:4]) if int(first[5:7]) >= FISCAL_START else int(first[:4]) - 1
    return year, FISCAL_START


def _window(summary: dict[str, Any]) -> list[str]:
    """The fiscal year's months, July to June, up to the last month with data."""
    start = _fiscal_start(summary)
    if start is None:
        return []
    months = [
        f"{start[0] + (start[1] - 1 + i) // 12:04d}-{(start[1] - 1 + i) % 12 + 1:02d}"
        for i in range(12)
    ]
    last = max(m["month"] for m in summary["months"])
    return [m for m in months if m <= last]


def _months(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Received and resolved in each month of the fiscal year; a month with neither is zero.

    Complaints resolved after the year ended are left out here and counted by ``_later``: a row
    for July of the next year would read as if no complaint had been received then.
    """
    given = {m["month"]: m for m in summary["months"]}
    return [
        given.get(month, {"month": month, "received": 0, "resolved": 0})
        for month in _window(summary)
    ]


def _later(summary: dict[str, Any]) -> int:
    """Complaints of this year resolved after its last month (June)."""
    window = _window(summary)
    return sum(m["resolved"] for m in summary["months"] if window and m["month"] > window[-1])


def months_chart(summary: dict[str, Any], lang: str) -> alt.LayerChart:
    """Two bars a month, received and resolved, each labelled with its count."""
    months = _months(summary)
    groups = [labels.month(m["month"], lang, short=True) for m in months]
    rows = [
        {"group": g, "series": labels.text(lang, s), "value": m[s],
         "text": formats.number(m[s], lang)}
        for g, m in zip(groups, months, strict=True)
        for s in SERIES
    ]  # fmt: skip
    return bars.horizontal(
        rows,
        lang,
        groups=groups,
        series=[(labels.text(lang, s), style.COLOURS[s]) for s in SERIES],
        axis_title=labels.text(lang, "count_axis"),
        axis_format="d",
        names_above=False,
        value_labels=False,  # two labels a month crowd each other; the table has the numbers
    )


def _outcomes(summary: dict[str, Any]) -> list[tuple[str, str, float, int]]:
    """(measure, label key, rate, count) for the three outcomes, rates of complaints received."""
    totals = summary["totals"]
    received = totals["received"]
    return [
        (measure, key, totals[rate], round(totals[rate] * received))
        for measure, rate, key in OUTCOMES
    ]


def outcomes_chart(summary: dict[str, Any], lang: str) -> alt.LayerChart:
    """The honest view: resolved, citizen-satisfied and reopened rates as three bars (0-100%)."""
    outcomes = _outcomes(summary)
    groups = [labels.in_svg(labels.text(lang, key), lang) for _, key, _, _ in outcomes]
    rows = [
        {"group": g, "series": g, "value": rate, "text": formats.percent(rate, lang)}
        for g, (_, _, rate, _) in zip(groups, outcomes, strict=True)
    ]
    return bars.horizontal(
        rows,
        lang,
        groups=groups,
        series=[(g, style.COLOURS[o[1]]) for g, o in zip(groups, outcomes, strict=True)],
        axis_title=labels.text(lang, "percent_axis"),
        axis_format="~%",
        colour_by_group=True,
        top=1.0,
    )


def _months_table(summary: dict[str, Any], lang: str) -> Table:
    return {
        "header": [labels.text(lang, k) for k in ("month", *SERIES)],
        "rows": [
            [labels.month(m["month"], lang), *(formats.number(m[s], lang) for s in SERIES)]
            for m in _months(summary)
        ],
    }


def _months_description(summary: dict[str, Any], lang: str) -> str:
    months = _months(summary)
    top = max(months, key=lambda m: m["received"])
    later = _later(summary)
    return labels.text(
        lang,
        "complaints_months_later" if later else "complaints_months",
        received=formats.number(sum(m["received"] for m in months), lang),
        resolved=formats.number(sum(m["resolved"] for m in months), lang),
        later=formats.number(later, lang),
        month=labels.month(top["month"], lang),
        count=formats.number(top["received"], lang),
    )


def months_figure(key: str, summary: dict[str, Any], year: str) -> Figure | None:
    """Received and resolved per month, or None when the year has no complaint."""
    if not _months(summary):
        return None
    return Figure(
        key=key,
        inputs={"year": year, "months": summary["months"]},
        chart=partial(months_chart, summary),
        title=both(
            lambda lang: labels.text(lang, "title_complaints", year=labels.year(year, lang))
        ),
        description=both(lambda lang: _months_description(summary, lang)),
        table=both(lambda lang: _months_table(summary, lang)),
        csv=csv_text(
            ["month", *SERIES], [[m["month"], *(m[s] for s in SERIES)] for m in _months(summary)]
        ),
    )


def _outcomes_table(summary: dict[str, Any], lang: str) -> Table:
    return {
        "header": [labels.text(lang, k) for k in ("measure", "share_of_received", "complaints")],
        "rows": [
            [labels.text(lang, key), formats.percent(rate, lang), formats.number(count, lang)]
            for _, key, rate, count in _outcomes(summary)
        ],
    }


def _outcomes_description(summary: dict[str, Any], lang: str) -> str:
    rates = {measure: formats.percent(rate, lang) for measure, _, rate, _ in _outcomes(summary)}
    return labels.text(lang, "outcomes", **rates)


def outcomes_figure(key: str, summary: dict[str, Any], year: str) -> Figure | None:
    """The honest view, or None when no complaint was received (no rate to show)."""
    if not summary.get("totals", {}).get("received"):
        return None
    received = summary["totals"]["received"]
    outcomes = _outcomes(summary)
    return Figure(
        key=key,
        inputs={"year": year, "totals": summary["totals"]},
        chart=partial(outcomes_chart, summary),
        title=both(lambda lang: labels.text(lang, "title_outcomes", year=labels.year(year, lang))),
        description=both(lambda lang: _outcomes_description(summary, lang)),
        table=both(lambda lang: _outcomes_table(summary, lang)),
        csv=csv_text(
            ["measure", "complaints", "received", "rate"],
            [[measure, count, received, repr(rate)] for measure, _, rate, count in outcomes],
        ),
    )
