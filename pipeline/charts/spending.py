"""Spending per month over one fiscal year, July to June; months with no data yet are left out."""

from __future__ import annotations

from functools import partial
from typing import Any

import altair as alt

from pipeline import formats
from pipeline.charts import bars, labels, style
from pipeline.charts.figure import Figure, Table, both, csv_text, rupees, unit_for

KEY = "spending-months"


def _months(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The months with data, in fiscal order (ISO months sort by time)."""
    known = (m for m in summary["months"] if m["amount"] is not None)
    return sorted(known, key=lambda m: m["month"])


def chart(summary: dict[str, Any], lang: str, currency: str = formats.PKR) -> alt.LayerChart:
    """One bar per month, July at the top, each labelled with its amount."""
    months = _months(summary)
    unit = unit_for(max((m["amount"] for m in months), default=0), currency)
    groups = [labels.month(m["month"], lang, short=True) for m in months]
    rows = [
        {"group": g, "series": labels.text(lang, "paid"), "value": unit.value(m["amount"]),
         "text": unit.text(m["amount"], lang)}
        for g, m in zip(groups, months, strict=True)
    ]  # fmt: skip
    return bars.horizontal(
        rows,
        lang,
        groups=groups,
        series=[(labels.text(lang, "paid"), style.COLOURS["paid"])],
        axis_title=unit.title(lang),
        names_above=False,
    )


def _table(summary: dict[str, Any], lang: str, currency: str = formats.PKR) -> Table:
    return {
        "header": [labels.text(lang, "month"), labels.text(lang, "paid")],
        "rows": [
            [labels.month(m["month"], lang), formats.money(m["amount"], lang, currency)]
            for m in _months(summary)
        ],
    }


def _description(summary: dict[str, Any], lang: str, currency: str = formats.PKR) -> str:
    months = _months(summary)
    top = max(months, key=lambda m: m["amount"])
    values = {
        "total": formats.money(sum(m["amount"] for m in months), lang, currency),
        "month": labels.month(top["month"], lang),
        "amount": formats.money(top["amount"], lang, currency),
        "count": formats.number(len(months), lang),
        "last": labels.month(months[-1]["month"], lang),
    }
    full = len(months) == len(summary["months"])
    return labels.text(lang, "spending_year" if full else "spending_partial", **values)


def figure(
    key: str, summary: dict[str, Any], year: str, currency: str = formats.PKR
) -> Figure | None:
    """The spending-per-month figure, or None when no month of the year has data yet."""
    if not _months(summary):
        return None
    return Figure(
        key=key,
        inputs={"year": year, "months": summary["months"], "currency": currency},
        chart=partial(chart, summary, currency=currency),
        title=both(lambda lang: labels.text(lang, "title_spending", year=labels.year(year, lang))),
        description=both(lambda lang: _description(summary, lang, currency)),
        table=both(lambda lang: _table(summary, lang, currency)),
        csv=csv_text(
            ["month", "amount_rupees"],
            [[m["month"], rupees(m["amount"])] for m in _months(summary)],
        ),
    )
