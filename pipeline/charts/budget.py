"""Budget by department for one council and year: approved, revised and actual, side by side."""

from __future__ import annotations

from functools import partial
from typing import Any

import altair as alt

from pipeline import formats
from pipeline.charts import bars, labels, style
from pipeline.charts.figure import Figure, Table, both, csv_text, rupees, unit_for

PHASES = ("approved", "revised", "actual")
KEY = "budget-departments"


def chart(summary: dict[str, Any], lang: str, currency: str = formats.PKR) -> alt.LayerChart:
    """Horizontal grouped bars, one group per department, largest approved budget first; a
    phase no department reports is left out (the description says so)."""
    departments = summary["departments"]
    largest = max((d[p] or 0 for d in departments for p in PHASES), default=0)
    unit = unit_for(largest, currency)
    groups = [labels.in_svg(d[f"name_{lang}"], lang) for d in departments]
    rows = [
        {"group": g, "series": labels.text(lang, p), "value": unit.value(d[p]),
         "text": unit.text(d[p], lang)}
        for g, d in zip(groups, departments, strict=True)
        for p in PHASES
        if d[p] is not None
    ]  # fmt: skip
    return bars.horizontal(
        rows,
        lang,
        groups=groups,
        series=[(labels.text(lang, p), style.COLOURS[p]) for p in _reported(summary)],
        axis_title=unit.title(lang),
        value_labels=False,
    )


def _reported(summary: dict[str, Any]) -> list[str]:
    """The phases at least one department reports (a series all blank is not drawn)."""
    return [p for p in PHASES if any(d[p] is not None for d in summary["departments"])]


def _table(summary: dict[str, Any], lang: str, currency: str = formats.PKR) -> Table:
    return {
        "header": [labels.text(lang, k) for k in ("department", *PHASES)],
        "rows": [
            [d[f"name_{lang}"], *(formats.money(d[p], lang, currency) for p in PHASES)]
            for d in summary["departments"]
        ],
    }


def _description(summary: dict[str, Any], lang: str, currency: str = formats.PKR) -> str:
    departments = summary["departments"]
    top = max(departments, key=lambda d: d["approved"] or 0)
    reported = [d for d in departments if d["actual"] is not None and d["revised"] is not None]
    values = {"top": top[f"name_{lang}"], "amount": formats.money(top["approved"], lang, currency)}
    totals = summary.get("totals")
    if totals and totals.get("execution_lines") is not None:  # over the lines reporting both
        if not totals["execution_lines"]:
            return labels.text(lang, "budget_unreported", **values)
        values["share"] = formats.percent(totals["spent_of_revised"], lang)
        if totals["execution_lines"] < totals["lines"]:
            values["count"] = formats.number(totals["execution_lines"], lang)
            values["lines"] = formats.number(totals["lines"], lang)
            return labels.text(lang, "budget_spent_partial", **values)
    elif not reported:
        return labels.text(lang, "budget_unreported", **values)
    else:
        actual = sum(d["actual"] for d in reported)
        revised = sum(d["revised"] for d in reported)
        values["share"] = formats.share(actual, revised, lang)
    values["count"] = formats.number(len(reported), lang)
    return labels.text(lang, "budget_spent" if len(reported) > 1 else "budget_spent_one", **values)


def figure(
    key: str, summary: dict[str, Any], year: str, currency: str = formats.PKR
) -> Figure | None:
    """The budget-by-department figure, or None when the year lists no department."""
    if not summary.get("departments"):
        return None
    return Figure(
        key=key,
        inputs={"year": year, "departments": summary["departments"], "currency": currency},
        chart=partial(chart, summary, currency=currency),
        title=both(lambda lang: labels.text(lang, "title_budget", year=labels.year(year, lang))),
        description=both(lambda lang: _description(summary, lang, currency)),
        table=both(lambda lang: _table(summary, lang, currency)),
        csv=csv_text(
            ["department_code", "department_en", "department_ur", *(f"{p}_rupees" for p in PHASES)],
            [
                [d["code"], d["name_en"], d["name_ur"], *(rupees(d[p]) for p in PHASES)]
                for d in summary["departments"]
            ],
        ),
    )
