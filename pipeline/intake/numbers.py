"""Amounts and counts as council spreadsheets write them: 'Rs. 1,20,000/-', '١٢٠', '۱۲۰'."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: Arabic-Indic (٠-٩) and Urdu / Extended Arabic-Indic (۰-۹) digits, and Arabic separators.
DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
)
_NOISE_BEFORE = re.compile(r"(?i)^(rs\.?|pkr|rupees|روپے|روپیہ)\s*")
_NOISE_AFTER = re.compile(r"(?i)\s*(/-|/=|rs\.?|pkr|rupees|روپے|روپیہ)$")
_PLAIN = re.compile(r"-?\d+(\.\d+)?")
_WESTERN = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,200,000
_LAKH = re.compile(r"-?\d{1,2}(,\d{2})*,\d{3}(\.\d+)?")  # 12,00,000


def ascii_digits(text: str) -> str:
    """'١٢٠' and '۱۲۰' as '120'; other characters are kept."""
    return text.translate(DIGITS)


def _decimal_text(number: Decimal) -> str:
    """120000, 120000.5: no grouping, no exponent, no trailing zeros after the point."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def from_cell(value: int | float) -> str:
    """A number a workbook stored, written as the CSV wants it."""
    if isinstance(value, int):
        return str(value)
    return _decimal_text(Decimal(repr(value)))


def read_amount(text: str) -> tuple[str, list[str]] | None:
    """The plain number in ``text`` and what was removed to get it; None if it is not one.

    Only unambiguous forms are read: currency words and '/-' around the number, group commas
    in a whole-number part grouped by thousands or in the lakh style, a minus sign or
    accountants' brackets, Arabic-Indic or Urdu digits.
    """
    steps: list[str] = []
    value = ascii_digits(text.strip())
    if value != text.strip():
        steps.append("Urdu or Arabic digits")
    stripped = _NOISE_AFTER.sub("", _NOISE_BEFORE.sub("", value)).strip()
    if stripped != value:
        steps.append("'Rs.' or '/-'")
        value = stripped
    if value.startswith("(") and value.endswith(")"):
        value = "-" + value[1:-1].strip()
        steps.append("brackets for a negative amount")
    if "," in value:
        if not (_WESTERN.fullmatch(value) or _LAKH.fullmatch(value)):
            return None
        value = value.replace(",", "")
        steps.append("digit grouping commas")
    if not _PLAIN.fullmatch(value):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    result = _decimal_text(number)
    if result != value and not steps:
        steps.append("leading or trailing zeros")
    elif result != value:
        steps.append("trailing zeros")
    return result, steps
