"""Did-you-mean and how-to-write-it hints for a bad value, in a clerk's words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")
_DT_SPACE = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
_MONEY_NOISE = re.compile(r"(?i)^\s*(rs\.?|pkr|rupees)?\s*|\s*(/-|rs\.?|pkr|rupees)?\s*$")
_BRACKETED = re.compile(r"^\s*\(\s*([^()]*?)\s*\)\s*$")  # (1,500.00): accounting's negative
_DASHES = "\u2212\u2013\u2014"  # minus sign, en and em dash, as word processors write them
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

#: The pattern the standard schemas give identifiers taken from the council's own systems
#: (transaction, complaint, budget line and supplier ids): any text of 1 to 100 characters with
#: no control character and no space at either end. Written with explicit ranges rather than
#: \\S or [^…], whose meaning differs between RE2 (the fast path) and Python.
SOURCE_ID_PATTERN = "^[!-~\u00a1-\U0010ffff]([ -~\u00a0-\U0010ffff]{0,98}[!-~\u00a1-\U0010ffff])?$"
SOURCE_ID_LENGTH = 100
#: What clerks write for "the source does not say" in a column of allowed values.
_NOT_RECORDED_WORDS = frozenset(
    {"not_recorded", "unknown", "not_known", "not_available", "na", "n.a.", "null", "missing"}
)
#: The missing-value word a clerk writes when the source does not record a value.
NOT_RECORDED = "not recorded"


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_hint(value: str) -> str:
    """Suggest the ISO form of a day-first date such as 31/12/2024."""
    if match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
        iso = _iso(year, month, day)
        if iso and day <= 12 and month <= 12 and day != month:
            other = _iso(year, day, month)
            return (
                f"If '{value}' means day {day} of month {month}, write {iso}"
                + (f" (if month {day}, day {month}: {other})" if other else "")
                + ". "
            )
        if iso:
            return f"Write {iso} instead of '{value}'. "
        swapped = _iso(year, day, month)
        if swapped:
            return f"If this is month {day}, day {month}, write {swapped}. "
    if match := _YMD_SLASH.match(value):
        year, month, day = (int(g) for g in match.groups())
        if iso := _iso(year, month, day):
            return f"Write {iso} instead of '{value}'. "
    if value.strip().isdigit() and 20000 < int(value.strip()) < 80000:
        return (
            "This looks like an Excel date number: format the column as a date "
            "(Format Cells → Custom → yyyy-mm-dd) before saving. "
        )
    return ""


def datetime_hint(value: str) -> str:
    """Suggest the ISO 8601 form with the Pakistan offset."""
    if match := _DT_SPACE.match(value):
        day, hour, minute, second, offset = match.groups()
        offset = offset or "+05:00"
        if offset != "Z" and ":" not in offset:
            offset = offset[:3] + ":" + offset[3:]
        return f"Write {day}T{int(hour):02d}:{minute}:{second or '00'}{offset}. "
    date_only = date_hint(value.split(" ")[0]) if " " in value.strip() else date_hint(value)
    return date_only


def number_hint(value: str, group_char: str = ",", negative_ok: bool = False) -> str:
    """Suggest the bare number hidden in 'Rs. 1,20,000/-' and the like; where the column takes
    negative figures (refunds, credit notes), the minus-sign form of '(1,500.00)' or '–1500'."""
    text, negative = value.strip(), False
    if negative_ok and (match := _BRACKETED.match(text)):
        text, negative = match.group(1), True
    elif negative_ok and text[:1] in _DASHES:
        text, negative = text[1:], True
    stripped = _MONEY_NOISE.sub("", text).replace(" ", "")
    candidate = stripped.replace(group_char, "") if group_char else stripped
    if negative and re.fullmatch(r"\d+(\.\d+)?", candidate):
        return (
            f"Refunds, credit notes and reversals are written with a minus sign: write "
            f"-{stripped} instead of '{value}'. "
        )
    if re.fullmatch(r"-?\d+(\.\d+)?", candidate) and candidate != value.strip():
        return f"Write {stripped} instead of '{value}'. "
    return ""


def negative_hint(value: str) -> str:
    """For a negative figure in a column that takes none (a count, a population)."""
    if value.strip()[:1] in ("-", "(", *_DASHES):
        return (
            "This column cannot be negative: a minus sign belongs only in money columns, for "
            "refunds, credit notes and reversals. "
        )
    return ""


def choice_hint(value: str, allowed: Sequence[str], optional: bool = False) -> str:
    """Did-you-mean for a value that should be one of ``allowed``; in a column that may be left
    empty (``optional``), how to say that the source does not record it."""
    normal = "_".join(value.strip().lower().replace("-", " ").split())
    for option in allowed:
        if normal == option.lower():
            return f"Did you mean '{option}'? Values must be written exactly, in lowercase. "
    if optional and normal in _NOT_RECORDED_WORDS:
        return f"If the source does not record it, leave the cell empty or write '{NOT_RECORDED}'. "
    close = difflib.get_close_matches(normal, list(allowed), 1, 0.7)
    if close:
        return f"Did you mean '{close[0]}'? "
    return ""


def code_hint(value: str, candidates: Sequence[str]) -> str:
    """Did-you-mean for a code that should exist in another table."""
    upper = value.strip().upper()
    for option in candidates:
        if upper == option.upper():
            return f"Did you mean '{option}'? "
    close = difflib.get_close_matches(value.strip(), list(candidates), 1, 0.8)
    return f"Did you mean '{close[0]}'? " if close else ""


def pattern_hint(value: str, pattern: str) -> str:
    """Did-you-mean for a code written in the wrong case or with stray spaces."""
    if not pattern:
        return ""
    compiled = re.compile(f"^(?:{pattern})$")
    for candidate in (value.strip(), value.strip().upper(), value.strip().lower()):
        if candidate != value and compiled.match(candidate):
            return f"Did you mean '{candidate}'? "
    return ""


def fiscal_year_hint(value: str) -> str:
    """Suggest 2024-25 for 2024-2025, 2024/25, FY2024-25 and similar."""
    match = re.search(r"(\d{4})\s*[-/–]\s*(\d{2,4})", value)
    if match:
        start, end = int(match.group(1)), int(match.group(2)[-2:])
        if (start + 1) % 100 == end:
            return f"Write {start}-{end:02d}. "
    return ""


def is_source_id(pattern: object) -> bool:
    """Whether a field's pattern is the one for identifiers kept as the source wrote them."""
    return pattern == SOURCE_ID_PATTERN


def source_id_hint(value: str) -> dict[str, str]:
    """What is wrong with an identifier the source system wrote, and the id it probably is.

    Returns template parameters: a ``suggestion``, and an ``example`` that is the value itself
    cleaned (so the fix never shows another council's id form as the model)."""
    cleaned = _CONTROL.sub("", value).strip()
    if len(cleaned) > SOURCE_ID_LENGTH:
        return {
            "suggestion": (
                f"It is {len(cleaned)} characters long; an id has at most {SOURCE_ID_LENGTH}. "
                "Check that the cell holds only the id, as the source system writes it. "
            )
        }
    if not cleaned:
        return {}
    if _CONTROL.search(value):
        problem = (
            "It holds an invisible character (a tab, a line break or another control "
            "character): delete it. "
        )
    else:
        problem = "Delete the spaces at its start or end. "
    return {"suggestion": problem, "example": cleaned}
