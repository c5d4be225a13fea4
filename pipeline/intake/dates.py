"""Dates and times as council spreadsheets write them, rewritten as ISO 8601 where unambiguous."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from pipeline.intake.numbers import ascii_digits

#: Day 0 of Excel's date numbers (1900 system, counting its phantom 29 February 1900).
EXCEL_EPOCH = date(1899, 12, 30)
#: Date numbers read as dates: 1954 to 2119. Outside that, a number is not taken for a date.
EXCEL_SERIALS = (20_000, 80_000)
DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YMD = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[\s\-/.]+([A-Za-z]{3,9})\.?[\s\-/.,]+(\d{4}|\d{2})")
_MONTH_NAME_DAY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")
_TIME = re.compile(
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


@dataclass(frozen=True)
class Reading:
    """A date (and maybe a time) read from a cell, and how it was written."""

    day: date
    form: str  # e.g. "day/month/year", "Excel date number"
    clock: tuple[int, int, int] | None = None  # hour, minute, second
    offset: str | None = None  # "+05:00" when the cell gave one


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def serial(number: float) -> date | None:
    """Excel's date number 45474 as 2024-07-01; None outside the plausible range."""
    if not EXCEL_SERIALS[0] <= number < EXCEL_SERIALS[1] or number != int(number):
        return None
    return EXCEL_EPOCH + timedelta(days=int(number))


def _clock(match: re.Match[str]) -> tuple[tuple[int, int, int] | None, str | None] | None:
    hour, minute, second, half, offset = match.groups()
    if hour is None:
        return None, None
    h, m, s = int(hour), int(minute), int(second or 0)
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half.lower() == "pm" else 0)
    if h > 23 or m > 59 or s > 59:
        return None
    if offset and offset != "Z" and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    return (h, m, s), ("+00:00" if offset == "Z" else offset)


def numeric_parts(text: str) -> tuple[int, int, int] | None:
    """The two numbers and the year of a date like 03/04/2024, whose order is a question."""
    match = _NUMERIC.match(ascii_digits(text.strip()))
    if not match:
        return None
    return int(match.group(1)), int(match.group(3)), int(match.group(4))


def read(text: str, order: str = DAY_FIRST) -> Reading | None:
    """Read one cell's text; ``order`` says how to read 03/04/2024 (see :func:`column_order`)."""
    value = ascii_digits(text.strip())
    if value.isdigit() and (day := serial(int(value))):
        return Reading(day, "Excel date number")
    for pattern, form in (
        (_ISO, "YYYY-MM-DD"),
        (_YMD, "year/month/day"),
        (_NUMERIC, "day/month/year" if order == DAY_FIRST else "month/day/year"),
        (_DAY_MONTH_NAME, "day month-name year"),
        (_MONTH_NAME_DAY, "month-name day, year"),
    ):
        match = pattern.match(value)
        if not match:
            continue
        rest = _TIME.fullmatch(value[match.end() :])
        clock = _clock(rest) if rest else None
        if clock is None:
            return None
        g = match.groups()
        if pattern is _ISO or pattern is _YMD:
            got = _make(int(g[0]), int(g[1]), int(g[2]))
        elif pattern is _NUMERIC:
            a, b, year = int(g[0]), int(g[2]), int(g[3])
            got = _make(year, a, b) if order == MONTH_FIRST else _make(year, b, a)
        else:
            day_text, month_text = (g[1], g[0]) if pattern is _MONTH_NAME_DAY else (g[0], g[1])
            month = MONTHS.get(month_text.lower())
            year = int(g[2]) + (2000 if len(g[2]) == 2 else 0)
            got = _make(year, month, int(day_text)) if month else None
        return Reading(got, form, clock[0], clock[1]) if got else None
    return None


def possible_orders(pairs: list[tuple[int, int, int]]) -> set[str]:
    """Which readings of a column's nn/nn/yyyy dates give real dates for every cell.

    ``pairs`` are (first number, second number, year).
    """
    orders = set()
    if all(_make(y, b, a) for a, b, y in pairs):
        orders.add(DAY_FIRST)
    if all(_make(y, a, b) for a, b, y in pairs):
        orders.add(MONTH_FIRST)
    return orders


def is_ambiguous(pairs: list[tuple[int, int, int]]) -> bool:
    """Whether both readings are possible and would give different dates for some cell."""
    return possible_orders(pairs) == {DAY_FIRST, MONTH_FIRST} and any(a != b for a, b, _ in pairs)


def iso_datetime(day: date, clock: tuple[int, int, int], offset: str) -> str:
    """2024-08-14T10:32:00+05:00."""
    h, m, s = clock
    return f"{day.isoformat()}T{h:02d}:{m:02d}:{s:02d}{offset}"


def offset_text(hours: float) -> str:
    """+05:00 for 5 hours ahead of UTC."""
    delta = timedelta(hours=hours)
    zone = timezone(delta)
    text = datetime(2000, 1, 1, tzinfo=zone).strftime("%z")
    return text[:3] + ":" + text[3:]
