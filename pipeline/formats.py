"""Numbers as Pakistani readers expect them: rupees in lakh and crore, shares in per cent."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal, format_percent

LAKH = 100_000
CRORE = 10_000_000
#: Parsed once: Babel parses a locale name on every call, which dominated page rendering.
LOCALES = {"en": Locale.parse("en_IN"), "ur": Locale.parse("ur_PK")}  # en_IN: 12,34,56,789
_EN = Locale.parse("en")
_IN, _UR = LOCALES["en"], LOCALES["ur"]


def rupees(paisa: int | None, lang: str = "en") -> str:
    """'Rs 45.8 crore' / '45.8 کروڑ روپے'; an amount not reported yet reads as a dash."""
    if paisa is None:
        return "–"
    amount = paisa / 100
    if lang == "ur":  # crore and lakh, as in English: Urdu's compact form jumps to arab (10^9)
        for unit, size in (("کروڑ", CRORE), ("لاکھ", LAKH)):
            if abs(amount) >= size:
                number = format_decimal(amount / size, "#,##0.0", locale=_UR)
                return f"{number}\u00a0{unit} روپے"
        return f"{format_decimal(round(amount), locale=_UR)} روپے"
    for unit, size in (("crore", CRORE), ("lakh", LAKH)):
        if abs(amount) >= size:
            return f"Rs {format_decimal(amount / size, '#,##,##0.0', locale=_IN)} {unit}"
    return f"Rs {format_decimal(round(amount), locale=_IN)}"


def rupees_exact(paisa: int | None, lang: str = "en") -> str:
    """Every rupee, grouped as the reader's language groups digits (12,34,56,789 in English)."""
    if paisa is None:
        return "–"
    return format_decimal(round(paisa / 100), locale=LOCALES.get(lang, _IN))


def millions(paisa: int | None) -> str:
    """The same amount in millions or billions, for English readers who think in those."""
    if paisa is None:
        return ""
    return "Rs " + format_compact_decimal(
        paisa / 100, format_type="long", locale=_EN, fraction_digits=1
    )


def share(part: int | None, whole: int | None, lang: str = "en") -> str:
    """part / whole as a percentage, or a dash when either is unknown or whole is zero."""
    if part is None or not whole:
        return "–"
    return format_percent(part / whole, "#,##0.0%", locale=LOCALES.get(lang, _IN))


def percent(rate: float | None, lang: str = "en") -> str:
    """A rate between 0 and 1 as a percentage with one decimal; a dash when unknown.

    In Urdu the figure is isolated left-to-right (U+2066 … U+2069), or right-to-left text
    around it, such as parentheses, would move the % sign to the wrong side.
    """
    if rate is None:
        return "–"
    text = format_percent(rate, "#,##0.0%", locale=LOCALES.get(lang, _IN))
    return f"\u2066{text}\u2069" if lang == "ur" else text


def days(value: float | None, lang: str = "en") -> str:
    """A number of days with one decimal; a dash when unknown."""
    if value is None:
        return "–"
    return format_decimal(value, "#,##0.0", locale=LOCALES.get(lang, _IN))


def number(value: int | None, lang: str = "en") -> str:
    """A count or population with the reader's digit grouping (12,34,567 in English)."""
    if value is None:
        return "–"
    return format_decimal(value, locale=LOCALES.get(lang, _IN))


def file_size(size: int, lang: str = "en") -> str:
    """Bytes as KB or MB, one decimal; in Urdu isolated left to right (U+2066…U+2069), so that
    "776.2 KB" inside a sentence or brackets does not come out as "KB 776.2"."""
    locale = LOCALES.get(lang, _IN)
    if size >= 1024 * 1024:
        text = f"{format_decimal(size / 1024 / 1024, '#,##0.0', locale=locale)} MB"
    else:
        text = f"{format_decimal(size / 1024, '#,##0.0', locale=locale)} KB"
    return f"\u2066{text}\u2069" if lang == "ur" else text
