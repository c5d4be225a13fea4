"""The public holidays: a CSV list (date,name_en,name_ur), read and checked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

COLUMNS = ("date", "name_en", "name_ur")


class HolidaysError(ValueError):
    """The holiday list cannot be used; the message says where, what, and how to fix it."""


def empty() -> pd.DataFrame:
    """A holiday list with no holidays."""
    return pd.DataFrame(
        {"date": pd.Series([], dtype="datetime64[s]"), "name_en": [], "name_ur": []}
    ).astype({"name_en": "string", "name_ur": "string"})


def read(path: Path) -> pd.DataFrame:
    """The holidays in ``path``, one row per date (names of a date joined by ' / ')."""
    fix = 'set holidays_file in settings.toml to the right file, or to "" to skip holidays'
    if not path.is_file():
        raise HolidaysError(f"{path}: the list of public holidays is missing; create it, or {fix}.")
    try:
        frame = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise HolidaysError(f"{path}: not a readable UTF-8 CSV file ({error}).") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise HolidaysError(
            f"{path}: column {missing[0]!r} is missing; the first row must name the columns "
            f"{', '.join(COLUMNS)}."
        )
    dates = pd.to_datetime(frame["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    bad = dates.isna()
    if bad.any():
        first = int(bad.to_numpy().argmax())
        letter = chr(ord("A") + list(frame.columns).index("date"))
        more = f" (and {int(bad.sum()) - 1} more)" if bad.sum() > 1 else ""
        raise HolidaysError(
            f"{path}: row {first + 2}, column {letter} 'date': {frame['date'].iat[first]!r} is "
            f"not a date{more}; write it as YYYY-MM-DD, e.g. 2025-08-14."
        )
    frame = frame.assign(date=dates.astype("datetime64[s]"))
    frame = frame.sort_values(["date", "name_en"], kind="stable")
    grouped = frame.groupby("date", sort=True)[["name_en", "name_ur"]].agg(" / ".join)
    return grouped.reset_index().astype({"name_en": "string", "name_ur": "string"})
