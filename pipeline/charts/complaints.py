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
    """The fiscal year's months, July to June, from the council's first published month to the
    last month with data."""
    start = _fiscal_start(summary)
    if start is None:
        return []
    months = [
        f"{start[0] + (start[1] - 1 + i) // 12:04d}-{(start[1] - 1 + i) % 12 + 1:02d}"
        for i in range(12)
    ]
    last = max(m["month"] for m in summary["months"])
    first = summary.get("published_from", months[0])  # before it: not published, not zero
    return [m for m in months if first <= m <= last]


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


Outcome = tuple[str, str, float | None, int | None, int]  # measure, label, rate, count, base


def _outcomes(summary: dict[str, Any]) -> list[Outcome]:
    """(measure, label key, rate, count, base) for the three outcomes. Each rate is of the
    complaints that record it: resolved of received, satisfied of those the citizen rated,
    reopened of those whose reopenings were recorded. An outcome no complaint records has
    rate and count None."""
    totals = summary["totals"]
    received = totals["received"]
    counts = {
        "resolved": (totals.get("resolved"), received),
        "satisfied": (totals.get("satisfied"), totals.get("rated", received)),
        "reopened": (totals.get("reopened"), totals.get("reopened_recorded", received)),
    }
    out: list[Outcome] = []
    for measure, rate_key, key in OUTCOMES:
        count, base = counts[measure]
        rate = totals.get(rate_key)
        if count is None and rate is not None:  # a bundle from before the counts were kept
            count = round(rate * base)
        out.append((measure, key, rate, count if rate is not None else None, base or 0))
    return out


def _recorded(summary: dict[str, Any]) -> list[Outcome]:
    """The outcomes some complaint records: the only ones drawn."""
    return [o for o in _outcomes(summary) if o[2] is not None]


def outcomes_chart(summary: dict[str, Any], lang: str) -> alt.LayerChart:
    """The honest view: resolved, citizen-satisfied and reopened rates as bars (0-100%); an
    outcome no complaint records is not drawn (the description says why)."""
    outcomes = _recorded(summary)
    groups = [labels.in_svg(labels.text(lang, o[1]), lang) for o in outcomes]
    rows = [
        {"group": g, "series": g, "value": o[2], "text": formats.percent(o[2], lang)}
        for g, o in zip(groups, outcomes, strict=True)
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
    missing = labels.text(lang, "not_recorded")
    return {
        "header": [labels.text(lang, k) for k in ("measure", "share", "complaints", "base")],
        "rows": [
            [
                labels.text(lang, key),
                formats.percent(rate, lang) if rate is not None else missing,
                formats.number(count, lang) if count is not None else missing,
                formats.number(base, lang),
            ]
            for _, key, rate, count, base in _outcomes(summary)
        ],
    }


def _outcomes_description(summary: dict[str, Any], lang: str) -> str:
    totals = summary["totals"]
    sentences = []
    for measure, _, rate, _, base in _outcomes(summary):
        if rate is None:
            sentences.append(labels.text(lang, f"outcome_{measure}_missing"))
            continue
        sentences.append(
            labels.text(
                lang,
                f"outcome_{measure}_text",
                rate=formats.percent(rate, lang),
                base=formats.number(base, lang),
                unrated=formats.number(totals.get("not_rated", totals["received"] - base), lang),
            )
        )
    return " ".join(sentences)


def outcomes_figure(key: str, summary: dict[str, Any], year: str) -> Figure | None:
    """The honest view, or None when no complaint was received (no rate to show)."""
    if not summary.get("totals", {}).get("received"):
        return None
    outcomes = _outcomes(summary)
    return Figure(
        key=key,
        inputs={"year": year, "totals": summary["totals"]},
        chart=partial(outcomes_chart, summary),
        title=both(lambda lang: labels.text(lang, "title_outcomes", year=labels.year(year, lang))),
        description=both(lambda lang: _outcomes_description(summary, lang)),
        table=both(lambda lang: _outcomes_table(summary, lang)),
        csv=csv_text(
            ["measure", "complaints", "of", "rate"],
            [
                [measure, "" if count is None else count, base, "" if rate is None else repr(rate)]
                for measure, _, rate, count, base in outcomes
            ],
        ),
    )
