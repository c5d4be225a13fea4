"""Monthly complaint counts per local government and category, in Asia/Karachi months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeAlias

import numpy as np
import pandas as pd

from pipeline.forecast.config import TIMEZONE

#: What ``as_of`` may be: an instant, a Karachi wall-clock time, or None for the data's latest.
AsOf: TypeAlias = pd.Timestamp | datetime | date | str | None

#: Resolution of the timestamps: data up to the last minute of a month make the month full.
RESOLUTION = pd.Timedelta(minutes=1)


@dataclass(frozen=True)
class Series:
    """Complaints received by one local government in one category, one count per full month."""

    lg_code: str
    service_code: str
    months: tuple[str, ...]  # "YYYY-MM", consecutive
    counts: np.ndarray  # float, same length as ``months``


def as_of_time(complaints: pd.DataFrame, as_of: AsOf = None) -> pd.Timestamp:
    """The instant the data describe: ``as_of`` if given, else the latest timestamp in the data
    (received or last updated). A time without a zone is Karachi time; a date means the end of
    that day."""
    if as_of is None:
        columns = [c for c in ("requested_datetime", "updated_datetime") if c in complaints]
        latest = complaints[columns].max().max()
        if pd.isna(latest):
            raise ValueError("no complaints with a time: cannot tell the as-of date")
        return pd.Timestamp(latest).tz_convert("UTC")
    if isinstance(as_of, date) and not isinstance(as_of, datetime):
        return as_of_time(complaints, pd.Timestamp(as_of) + pd.Timedelta(days=1) - RESOLUTION)
    stamp = pd.Timestamp(as_of)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize(TIMEZONE)
    return stamp.tz_convert("UTC")


def local_month(times: pd.Series) -> pd.Series:
    """The Karachi calendar month of each UTC timestamp."""
    return times.dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.to_period("M")


def last_full_month(as_of: pd.Timestamp) -> pd.Period:
    """The last month wholly covered by data up to ``as_of``: its own month only if ``as_of``
    is in that month's last minute, otherwise the month before (the partial one is dropped)."""
    local = (as_of + RESOLUTION).tz_convert(TIMEZONE).tz_localize(None)
    return local.to_period("M") - 1


def monthly(
    complaints: pd.DataFrame, codes: list[str], as_of: pd.Timestamp
) -> dict[str, list[Series]]:
    """{lg_code: [Series per category]}: every code in ``codes`` (and any other in the data),
    months from the local government's first complaint to the last full month, gaps as 0.
    Complaints received after ``as_of`` are left out."""
    received = complaints[complaints["requested_datetime"] <= as_of]
    frame = pd.DataFrame(
        {
            "lg_code": received["lg_code"].astype(str),
            "service_code": received["service_code"].astype(str),
            "month": local_month(received["requested_datetime"]),
        }
    )
    counts = frame.groupby(["lg_code", "service_code", "month"]).size()
    last = last_full_month(as_of)
    out: dict[str, list[Series]] = {}
    for lg, rows in frame.groupby("lg_code", sort=True):
        span = pd.period_range(rows["month"].min(), last, freq="M")
        names = tuple(str(m) for m in span)
        by_code = counts.loc[str(lg)]
        out[str(lg)] = [
            Series(
                str(lg),
                code,
                names,
                (
                    by_code.loc[code].reindex(span, fill_value=0)
                    if code in by_code.index.get_level_values(0)
                    else pd.Series(0, index=span)
                ).to_numpy(dtype=float),
            )
            for code in sorted(set(codes) | set(rows["service_code"]))
        ]
    return out
