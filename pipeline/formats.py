"""Numbers as Pakistani readers expect them: rupees in lakh and crore, shares in per cent.

Money is in the council's currency (the ``currency`` setting): lakh, crore, "Rs" and روپے
belong to rupees only; another currency is written with its own symbol or name, in millions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from babel import Locale
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)

PKR = "PKR"  # the currency lakh, crore, "Rs" and روپے belong to
LAKH = 100_000
CRORE = 10_000_000
MILLION = 1_000_000
BILLION = 1_000_000_000
MINUS = "\u2212"  # a refund's sign: a true minus, not a hyphen
#: The currency of the data being analysed, for text made far from the settings (the red flags'
#: explanations): set with :func:`in_currency`; everything else is given the currency.
CURRENCY: ContextVar[str] = ContextVar("currency", default="PKR")
#: Parsed once: Babel parses a locale name on every call, which dominated page rendering.
LOCALES = {"en": Locale.parse("en_IN"), "ur": Locale.parse("ur_PK")}  # en_IN: 12,34,56,789
_EN = Locale.parse("en")
_IN, _UR = LOCALES["en"], LOCALES["ur"]


@contextmanager
def in_currency(currency: str) -> Iterator[None]:
    """Within the block, :data:`CURRENCY` is ``currency``."""
    token = CURRENCY.set(currency)
    try:
        yield
    finally:
        CURRENCY.reset(token)


def _signed(text: str, negative: bool, lang: str) -> str:
    """``text`` (a figure without its sign) with a minus sign (U+2212) in front when
    ``negative``; in Urdu a signed figure is isolated left to right (U+2066 … U+2069), so the
    minus stays on the left of the digits inside right-to-left text."""
    if not negative:
        return text
    return f"\u2066{MINUS}{text}\u2069" if lang == "ur" else f"{MINUS}{text}"


def rupees(paisa: int | None, lang: str = "en") -> str:
    """'Rs 45.8 crore' / '45.8 کروڑ روپے'; a refund reads '−Rs 1.2 lakh' / '−1.2 لاکھ روپے';
    an amount not reported yet reads as a dash."""
    if paisa is None:
        return "–"
    amount = abs(paisa) / 100
    negative = paisa < 0
    if lang == "ur":  # crore and lakh, as in English: Urdu's compact form jumps to arab (10^9)
        for unit, size in (("کروڑ", CRORE), ("لاکھ", LAKH)):
            if amount >= size:
                number = format_decimal(amount / size, "#,##0.0", locale=_UR)
                return f"{_signed(number, negative, lang)}\u00a0{unit} روپے"
        return f"{_signed(format_decimal(round(amount), locale=_UR), negative, lang)} روپے"
    for unit, size in (("crore", CRORE), ("lakh", LAKH)):
        if amount >= size:
            figure = f"Rs {format_decimal(amount / size, '#,##,##0.0', locale=_IN)} {unit}"
            return _signed(figure, negative, lang)
    return _signed(f"Rs {format_decimal(round(amount), locale=_IN)}", negative, lang)


def rupees_exact(paisa: int | None, lang: str = "en") -> str:
    """Every rupee, grouped as the reader's language groups digits (12,34,56,789 in English)."""
    if paisa is None:
        return "–"
    digits = format_decimal(round(abs(paisa) / 100), locale=LOCALES.get(lang, _IN))
    return _signed(digits, paisa < 0, lang)


def currency_name(currency: str, lang: str = "en") -> str:
    """What an amount is in, as a label: 'Rs' / 'روپے' for rupees, else the currency's symbol
    in English ('£') and its name in Urdu ('برطانوی پاؤنڈ')."""
    if currency == PKR:
        return "روپے" if lang == "ur" else "Rs"
    if lang == "ur":
        return get_currency_name(currency, locale=_UR)
    return get_currency_symbol(currency, locale=_EN)


def money(paisa: int | None, lang: str = "en", currency: str = PKR) -> str:
    """An amount in ``currency`` as people read it: rupees in lakh and crore (:func:`rupees`);
    any other currency in millions and billions ('£12.5 million' / '12.5 ملین برطانوی پاؤنڈ')."""
    if currency == PKR or paisa is None:
        return rupees(paisa, lang)
    amount, negative = abs(paisa) / 100, paisa < 0
    name = currency_name(currency, lang)
    for size, word_en, word_ur in ((BILLION, "billion", "ارب"), (MILLION, "million", "ملین")):
        if amount >= size:
            figure = format_decimal(amount / size, "#,##0.0", locale=_EN)
            if lang == "ur":
                return f"{_signed(figure, negative, lang)}\u00a0{word_ur} {name}"
            return _signed(f"{name}{figure} {word_en}", negative, lang)
    figure = format_decimal(round(amount), locale=_EN)
    if lang == "ur":
        return f"{_signed(figure, negative, lang)} {name}"
    return _signed(f"{name}{figure}", negative, lang)


def money_exact(paisa: int | None, lang: str = "en", currency: str = PKR) -> str:
    """Every unit of an amount: rupees as bare digits grouped as the reader groups them
    (:func:`rupees_exact`), any other currency with its symbol and pence ('£1,234.50')."""
    if currency == PKR or paisa is None:
        return rupees_exact(paisa, lang)
    text = format_currency(abs(paisa) / 100, currency, locale=_EN)
    if paisa < 0:
        return _signed(text, True, lang)
    return f"\u2066{text}\u2069" if lang == "ur" else text


def millions(paisa: int | None, currency: str = PKR) -> str:
    """The same amount in millions or billions, for English readers who think in those."""
    if paisa is None:
        return ""
    return (
        currency_name(currency)
        + ("" if currency != PKR else " ")
        + format_compact_decimal(paisa / 100, format_type="long", locale=_EN, fraction_digits=1)
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
