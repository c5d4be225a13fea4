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
    """The unit an amount axis is drawn in: rupees, lakh or crore."""

    key: str
    size: int  # rupees per unit

    def value(self, paisa: int) -> float:
        """``paisa`` in this unit, for drawing only (never shown as exact)."""
        return paisa / 100 / self.size

    def text(self, paisa: int, lang: str) -> str:
        """``paisa`` in this unit with one decimal, as a bar label."""
        return format_decimal(self.value(paisa), "#,##0.0", locale=formats.LOCALES[lang])


def unit_for(largest_paisa: int) -> Unit:
    """Crore when the largest amount reaches a crore, else lakh, else rupees."""
    rupees = largest_paisa / 100
    if rupees >= formats.CRORE:
        return Unit("unit_crore", formats.CRORE)
    if rupees >= formats.LAKH:
        return Unit("unit_lakh", formats.LAKH)
    return Unit("unit_rupees", 1)


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
