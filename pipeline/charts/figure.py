"""A figure: one chart's Altair charts, title, description, table and CSV, in both languages."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

import altair as alt
from babel.numbers import format_decimal

from pipeline import formats
from pipeline.charts import labels


class Table(TypedDict):
    """The numbers of a chart as text in one language: a header row and body rows."""

    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Figure:
    """Everything the page needs for one chart; ``chart(lang)`` builds the Altair chart.

    ``inputs`` is the JSON-able data the chart is drawn from: with the code, it decides the SVG.
    """

    key: str
    inputs: Any
    chart: Callable[[str], alt.TopLevelMixin]
    title: Mapping[str, str]
    description: Mapping[str, str]
    table: Mapping[str, Table]
    csv: str


@dataclass(frozen=True)
class Unit:
    """The unit an amount axis is drawn in: rupees, lakh or crore; for another currency, its
    units, thousands or millions."""

    key: str
    size: int  # currency units per unit
    currency: str = formats.PKR

    def value(self, paisa: int) -> float:
        """``paisa`` (hundredths of the currency) in this unit, for drawing only."""
        return paisa / 100 / self.size

    def text(self, paisa: int, lang: str) -> str:
        """``paisa`` in this unit with one decimal, as a bar label."""
        locale = formats.LOCALES[lang] if self.currency == formats.PKR else "en"
        return format_decimal(self.value(paisa), "#,##0.0", locale=locale)

    def title(self, lang: str) -> str:
        """The axis title: 'Rs crore', '£ million'…"""
        return labels.text(lang, self.key, currency=formats.currency_name(self.currency, lang))


def unit_for(largest_paisa: int, currency: str = formats.PKR) -> Unit:
    """Crore when the largest amount reaches a crore, else lakh, else rupees; for another
    currency millions, thousands or units."""
    amount = largest_paisa / 100
    steps = (
        (("unit_crore", formats.CRORE), ("unit_lakh", formats.LAKH))
        if currency == formats.PKR
        else (("unit_million", formats.MILLION), ("unit_thousand", 1000))
    )
    for key, size in steps:
        if amount >= size:
            return Unit(key, size, currency)
    return Unit("unit_rupees" if currency == formats.PKR else "unit_money", 1, currency)


def rupees(paisa: int | None) -> str:
    """Exact rupees for a CSV cell: 1234567 paisa -> '12345.67'; blank when not reported."""
    return "" if paisa is None else str(Decimal(paisa).scaleb(-2))


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row, Unix line ends, UTF-8 text (as the datasets are)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def both(make: Callable[[str], Any]) -> dict[str, Any]:
    """``{lang: make(lang)}`` for every site language."""
    return {lang: make(lang) for lang in labels.LANGS}
