"""Words for findings in English and Urdu: names of departments, suppliers, months and days."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pandas as pd

from pipeline import formats
from pipeline.flags.tables import Tables

INDIVIDUAL = "individual_redacted"
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_UR = (
    "جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون",
    "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر",
)  # fmt: skip
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS_UR = ("پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ", "اتوار")
_TENTH = Decimal("0.1")
_MONEY: dict[tuple[str, int, Decimal | int], str] = {}
_PERCENT: dict[tuple[str, Decimal], str] = {}


def ltr(text: object) -> str:
    """Codes, ids and years kept left-to-right inside Urdu text (U+2066 … U+2069)."""
    return f"\u2066{text}\u2069"


def money(paisa: int | float, lang: str = "en") -> str:
    """Rupees in lakh and crore ('Rs 5.0 lakh' / '5.0 لاکھ روپے'), by :func:`formats.rupees`.

    Babel is slow (a tenth of a millisecond a call) and a province has tens of thousands of
    findings, so each text is made once for what it shows: the unit and the figure rounded
    exactly as babel rounds it (half to even, on the decimal form of the number).
    """
    whole = round(paisa)
    if formats.CURRENCY.get() != formats.PKR:  # another currency: no lakh, crore or cache
        return formats.money(whole, lang, formats.CURRENCY.get())
    key = (lang, *_rupee_key(whole))
    text = _MONEY.get(key)
    if text is None:
        text = _MONEY[key] = formats.rupees(whole, lang)
    return text


def _rupee_key(paisa: int) -> tuple[int, Decimal | int]:
    """What the text of :func:`formats.rupees` depends on: unit, and figure as shown."""
    amount = paisa / 100
    for unit, size in enumerate((formats.CRORE, formats.LAKH)):
        if abs(amount) >= size:
            return unit, Decimal(str(amount / size)).quantize(_TENTH)
    return 2, round(amount)


def money_exact(paisa: int | float, lang: str = "en") -> str:
    """Every rupee ('Rs 5,00,000' / '5,00,000 روپے'); another currency as '£5,000.00'."""
    if formats.CURRENCY.get() != formats.PKR:
        return formats.money_exact(round(paisa), lang, formats.CURRENCY.get())
    digits = formats.rupees_exact(round(paisa), lang)
    return f"{digits} روپے" if lang == "ur" else f"Rs {digits}"


@lru_cache(maxsize=1 << 16)
def number(value: int, lang: str = "en") -> str:
    """A count with the reader's digit grouping."""
    return formats.number(int(value), lang)


def decimal(value: float, lang: str = "en") -> str:
    """A figure such as 0.015 or 3.5, as written in settings."""
    text = f"{value:g}"
    return ltr(text) if lang == "ur" else text


def percent(rate: float, lang: str = "en") -> str:
    """A share as a percentage with one decimal, by :func:`formats.percent` (made once for
    each figure shown, as :func:`money`)."""
    key = (lang, Decimal(str(float(rate))).scaleb(2).quantize(_TENTH))
    text = _PERCENT.get(key)
    if text is None:
        text = _PERCENT[key] = formats.percent(float(rate), lang)
    return text


class Names:
    """Names of departments, suppliers, object codes and budget lines in both languages.

    A supplier who is an individual is named only by the redacted id.
    """

    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self._depts = _names(tables.departments, "dept_code", "name_en", "name_ur")
        self._objects = _names(tables.object_codes, "object_code", "name_en", "name_ur")
        self._suppliers = _names(tables.suppliers, "supplier_id", "name_en", "name_ur")
        kinds = tables.suppliers
        self._individuals = set(kinds["supplier_id"][kinds["kind"].eq(INDIVIDUAL).fillna(False)])
        self._lines: dict[str, tuple[str | None, str | None]] | None = None

    def department(self, code: str, lang: str = "en") -> str:
        """'Sanitation (SAN)' / 'صفائی (SAN)'."""
        return _named(self._depts, code, lang)

    def object_code(self, code: str, lang: str = "en") -> str:
        """'Repair of machinery (A13101)'."""
        return _named(self._objects, code, lang)

    def is_individual(self, supplier_id: str) -> bool:
        """Whether the supplier is a person (named only by the redacted id)."""
        return supplier_id in self._individuals

    def supplier(self, supplier_id: str, lang: str = "en") -> str:
        """A firm's name and id; for an individual, only the redacted id."""
        if self.is_individual(supplier_id):
            if lang == "ur":
                return f"ایک فرد (نام پوشیدہ، {ltr(supplier_id)})"
            return f"an individual (name withheld, {supplier_id})"
        return _named(self._suppliers, supplier_id, lang)

    def line(self, line_id: str, lang: str = "en") -> str:
        """A budget line's id and description."""
        if self._lines is None:
            budget = self._tables.budget
            self._lines = _names(budget, "line_id", "description_en", "description_ur")
        shown = ltr(line_id) if lang == "ur" else line_id
        en, ur = self._lines.get(line_id, (None, None))
        name = (ur or en) if lang == "ur" else en
        return f"{shown} ({name})" if name else shown


def _names(
    frame: pd.DataFrame, key: str, en: str, ur: str
) -> dict[str, tuple[str | None, str | None]]:
    """{key: (English name, Urdu name)}, missing names as None."""

    def texts(column: str) -> list[str | None]:
        values = frame[column].astype("object")
        return [v if isinstance(v, str) and v else None for v in values.tolist()]

    pairs = zip(texts(en), texts(ur), strict=True)
    return dict(zip(frame[key].astype("object").tolist(), pairs, strict=True))


def _named(names: dict[str, tuple[str | None, str | None]], code: str, lang: str) -> str:
    """'Name (CODE)' in ``lang``; the English name if the Urdu is missing; the code alone if
    the name is unknown."""
    shown = ltr(code) if lang == "ur" else code
    en, ur = names.get(code, (None, None))
    name = (ur or en) if lang == "ur" else en
    return f"{name} ({shown})" if name else shown


def within_days(days: int, lang: str = "en") -> str:
    """'on one day' / 'within 1 day' / 'within 12 days', and in Urdu."""
    if lang == "ur":
        return "ایک ہی دن میں" if days == 0 else f"{number(days, 'ur')} دن کے اندر"
    if days == 0:
        return "on one day"
    return f"within {number(days)} day{'s' if days != 1 else ''}"


def listed(items: list[str], lang: str = "en") -> str:
    """Items joined with the language's comma."""
    return ("، " if lang == "ur" else ", ").join(items)
