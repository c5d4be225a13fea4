"""Did-you-mean and how-to-write-it hints for a bad value, in a clerk's words.

Each hint is a ``Phrase``, said in the reader's language when the report is shown; ``None``
when there is nothing to suggest.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date

from pipeline.i18n import Phrase
from pipeline.i18n import lazy_gettext as _
from pipeline.validate.codes import LITERALS

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
SOURCE_ID_PATTERN = "^[!-~\u00a1-\U0010fffd]([ -~\u00a0-\U0010fffd]{0,98}[!-~\u00a1-\U0010fffd])?$"
SOURCE_ID_LENGTH = 100
#: The missing-value word a clerk writes when the source does not record a value.
NOT_RECORDED = "not recorded"
#: What clerks write for "the source does not say" in a column of allowed values.
_NOT_RECORDED_WORDS = frozenset(
    {"not_recorded", "unknown", "not_known", "not_available", "na", "n.a.", "null", "missing"}
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _instead(better: str, value: str) -> Phrase:
    return _("Write %(better)s instead of '%(value)s'.", better=better, value=value)


def date_hint(value: str) -> Phrase | None:
    """Suggest the ISO form of a day-first date such as 31/12/2024."""
    if match := _DMY.match(value):
        day, month, year = (int(g) for g in match.groups())
        iso = _iso(year, month, day)
        other = _iso(year, day, month)
        if iso and other and day <= 12 and month <= 12 and day != month:
            return _(
                "If '%(value)s' means day %(day)s of month %(month)s, write %(iso)s (if month "
                "%(day)s, day %(month)s: %(other)s).",
                value=value,
                day=day,
                month=month,
                iso=iso,
                other=other,
            )
        if iso:
            return _instead(iso, value)
        if other:
            return _(
                "If this is month %(day)s, day %(month)s, write %(iso)s.",
                day=day,
                month=month,
                iso=other,
            )
    if match := _YMD_SLASH.match(value):
        year, month, day = (int(g) for g in match.groups())
        if iso := _iso(year, month, day):
            return _instead(iso, value)
    if value.strip().isdigit() and 20000 < int(value.strip()) < 80000:
        return _(
            "This looks like an Excel date number: format the column as a date (%(date_cells)s) "
            "before saving.",
            date_cells=LITERALS["date_cells"],
        )
    return None


def datetime_hint(value: str) -> Phrase | None:
    """Suggest the ISO 8601 form with the Pakistan offset."""
    if match := _DT_SPACE.match(value):
        day, hour, minute, second, offset = match.groups()
        offset = offset or "+05:00"
        if offset != "Z" and ":" not in offset:
            offset = offset[:3] + ":" + offset[3:]
        return _("Write %(iso)s.", iso=f"{day}T{int(hour):02d}:{minute}:{second or '00'}{offset}")
    return date_hint(value.split(" ")[0]) if " " in value.strip() else date_hint(value)


def number_hint(value: str, group_char: str = ",", negative_ok: bool = False) -> Phrase | None:
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
        return _(
            "Refunds, credit notes and reversals are written with a minus sign: write "
            "%(better)s instead of '%(value)s'.",
            better=f"-{stripped}",
            value=value,
        )
    if re.fullmatch(r"-?\d+(\.\d+)?", candidate) and candidate != value.strip():
        return _instead(stripped, value)
    return None


def _did_you_mean(option: str) -> Phrase:
    return _("Did you mean '%(option)s'?", option=option)


def choice_hint(value: str, allowed: Sequence[str], optional: bool = False) -> Phrase | None:
    """Did-you-mean for a value that should be one of ``allowed``; in a column that may be left
    empty (``optional``), how to say that the source does not record it."""
    normal = "_".join(value.strip().lower().replace("-", " ").split())
    for option in allowed:
        if normal == option.lower():
            return _(
                "Did you mean '%(option)s'? Values must be written exactly, in lowercase.",
                option=option,
            )
    if optional and normal in _NOT_RECORDED_WORDS:
        return _(
            "If the source does not record it, leave the cell empty or write '%(not_recorded)s'.",
            not_recorded=NOT_RECORDED,
        )
    close = difflib.get_close_matches(normal, list(allowed), 1, 0.7)
    return _did_you_mean(close[0]) if close else None


def code_hint(value: str, candidates: Sequence[str]) -> Phrase | None:
    """Did-you-mean for a code that should exist in another table."""
    upper = value.strip().upper()
    for option in candidates:
        if upper == option.upper():
            return _did_you_mean(option)
    close = difflib.get_close_matches(value.strip(), list(candidates), 1, 0.8)
    return _did_you_mean(close[0]) if close else None


def pattern_hint(value: str, pattern: str) -> Phrase | None:
    """Did-you-mean for a code written in the wrong case or with stray spaces."""
    if not pattern:
        return None
    compiled = re.compile(f"^(?:{pattern})$")
    for candidate in (value.strip(), value.strip().upper(), value.strip().lower()):
        if candidate != value and compiled.match(candidate):
            return _did_you_mean(candidate)
    return None


def fiscal_year_hint(value: str) -> Phrase | None:
    """Suggest 2024-25 for 2024-2025, 2024/25, FY2024-25 and similar."""
    match = re.search(r"(\d{4})\s*[-/–]\s*(\d{2,4})", value)
    if match:
        start, end = int(match.group(1)), int(match.group(2)[-2:])
        if (start + 1) % 100 == end:
            return _("Write %(fiscal_year)s.", fiscal_year=f"{start}-{end:02d}")
    return None


def negative_hint() -> Phrase:
    """For a negative figure in a column that takes none (a count, a population): money
    columns take negative figures, so the hint never asks for another figure."""
    return _(
        "This column cannot be negative: a minus sign belongs only in money columns, for "
        "refunds, credit notes and reversals."
    )


def is_source_id(pattern: object) -> bool:
    """Whether a field's pattern is the one for identifiers kept as the source wrote them."""
    return pattern == SOURCE_ID_PATTERN


def source_id_hint(value: str) -> dict[str, Phrase | str]:
    """What is wrong with an identifier the source system wrote, and the id it probably is.

    Returns template parameters: a ``suggestion``, and an ``example`` that is the value itself
    cleaned (so the fix never shows another council's id form as the model)."""
    cleaned = _CONTROL.sub("", value).strip()
    if len(cleaned) > SOURCE_ID_LENGTH:
        return {
            "suggestion": _(
                "It is %(length)s characters long; an id has at most %(most)s. Check that the "
                "cell holds only the id, as the source system writes it.",
                length=len(cleaned),
                most=SOURCE_ID_LENGTH,
            )
        }
    if not cleaned:
        return {}
    if _CONTROL.search(value):
        problem = _(
            "It holds an invisible character (a tab, a line break or another control "
            "character): delete it."
        )
    else:
        problem = _("Delete the spaces at its start or end.")
    return {"suggestion": problem, "example": cleaned}
