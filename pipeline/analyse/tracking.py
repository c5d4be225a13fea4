"""The public index of every complaint for the "track a complaint" pages: status and dates only.

Each council's complaints are split into ranges of 100 ids (``c00090`` holds C0009000 to
C0009099), so a citizen's browser fetches a few kilobytes to find one complaint, and a reader
without JavaScript finds it on that range's page. Ids a council's own system gave in another
form (kept as the source wrote them) are listed in sorted lists of a hundred (``x0000``,
``x0001``…), each named by its first and last id. The index carries only the fields in
:data:`FIELDS`: never the description, the notes or anything else a citizen wrote.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

#: What the index publishes of each complaint, in this order (a row is a list of these).
FIELDS = (
    "service_request_id",
    "status",
    "status_detail",
    "service_code",
    "ward_code",
    "requested",  # local dates, YYYY-MM-DD
    "updated",
    "resolved",  # empty while open
    "days",  # days to resolve (closed) or days open on the index's as_of date (open)
)
RANGE_SIZE = 100
DIGITS = 7  # ids are LG-C1234567
TIMEZONE = "Asia/Karachi"  # complaints are dated in Pakistan time, as on the complaints pages
NUMBERED = re.compile(rf"-C\d{{{DIGITS}}}$")  # Shafaf's own ids: LG-C1234567
OTHER = "x"  # the first letter of the keys of lists of ids in another form


def range_key(service_request_id: str) -> str:
    """The range an id belongs to: 'SBZ-MC-C0009030' -> 'c00090'."""
    number = service_request_id.rsplit("-C", 1)[1]
    return "c" + number[: DIGITS - 2]


def range_bounds(key: str) -> tuple[str, str]:
    """The first and last number a range holds: 'c00090' -> ('C0009000', 'C0009099')."""
    start = int(key[1:]) * RANGE_SIZE
    return f"C{start:0{DIGITS}d}", f"C{start + RANGE_SIZE - 1:0{DIGITS}d}"


def _local_dates(column: pd.Series) -> pd.Series:
    return column.dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize()


def index(complaints: pd.DataFrame, as_of: pd.Timestamp | None = None) -> dict[str, Any]:
    """{lg_code: {as_of, count, ranges: [{key, first, last, count, rows}]}}, ranges in id order.

    ``as_of`` (default: the latest time in the data, as on the complaints pages) dates how long
    the open complaints have been open. Days are counted between local calendar dates.
    """
    if complaints.empty:
        return {}
    as_of = as_of or complaints[["requested_datetime", "updated_datetime"]].max().max()
    today = pd.Timestamp(as_of).tz_convert(TIMEZONE).tz_localize(None).normalize()
    requested = _local_dates(complaints["requested_datetime"])
    updated = _local_dates(complaints["updated_datetime"])
    resolved = _local_dates(complaints["resolved_datetime"])
    is_open = complaints["status"].eq("open")
    end = resolved.where(~is_open, today)
    days = (end - requested).dt.days
    frame = pd.DataFrame(
        {
            "service_request_id": complaints["service_request_id"].astype(str),
            "status": complaints["status"].astype(str),
            # not recorded: "" (the pages and the script show "Not recorded")
            "status_detail": complaints["status_detail"].astype("string").fillna("").astype(str),
            "service_code": complaints["service_code"].astype(str),
            "ward_code": complaints["ward_code"].astype(str),
            "requested": requested.dt.strftime("%Y-%m-%d"),
            "updated": updated.dt.strftime("%Y-%m-%d"),
            "resolved": resolved.dt.strftime("%Y-%m-%d").where(~is_open).fillna(""),
            "days": days.astype(object).where(days.notna(), None),
            "lg_code": complaints["lg_code"].astype(str),
        }
    ).sort_values("service_request_id", kind="stable")
    numbered = frame["service_request_id"].str.contains(NUMBERED)
    frame["key"] = (
        frame["service_request_id"]
        .where(numbered, "")
        .map(lambda ident: range_key(ident) if ident else "")
    )
    out: dict[str, Any] = {}
    for lg, council in frame.groupby("lg_code", sort=True):
        others = council[council["key"] == ""]
        council = council.assign(
            key=council["key"].mask(
                council["key"] == "",
                pd.Series(
                    [f"{OTHER}{n // RANGE_SIZE:04d}" for n in range(len(others))],
                    index=others.index,
                    dtype=object,
                ),
            )
        )
        ranges = []
        for key, part in council.groupby("key", sort=True):
            rows = [
                [*row[:-1], None if row[-1] is None else int(row[-1])]
                for row in part[list(FIELDS)].itertuples(index=False, name=None)
            ]
            if str(key).startswith(OTHER):  # named by the ids it holds
                first, last = rows[0][0], rows[-1][0]
            else:
                first, last = range_bounds(str(key))
            ranges.append(
                {"key": str(key), "first": first, "last": last, "count": len(rows), "rows": rows}
            )
        out[str(lg)] = {
            "as_of": today.strftime("%Y-%m-%d"),
            "count": len(council),
            "ranges": ranges,
        }
    return out


def shard(lg_code: str, entry: dict[str, Any], key: str) -> dict[str, Any]:
    """One range as the site publishes it ({lg}/track/{key}.json): self-describing rows."""
    found = next(r for r in entry["ranges"] if r["key"] == key)
    return {
        "lg_code": lg_code,
        "as_of": entry["as_of"],
        "range": [found["first"], found["last"]],
        "fields": list(FIELDS),
        "rows": found["rows"],
    }


def listing(lg_code: str, entry: dict[str, Any]) -> dict[str, Any]:
    """The council's list of ranges ({lg}/track/index.json), for anyone reading the index."""
    return {
        "lg_code": lg_code,
        "as_of": entry["as_of"],
        "count": entry["count"],
        "fields": list(FIELDS),
        "ranges": [
            {"key": r["key"], "first": r["first"], "last": r["last"], "count": r["count"]}
            for r in entry["ranges"]
        ],
    }
