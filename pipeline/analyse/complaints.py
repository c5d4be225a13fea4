"""Complaints: how many arrive, how fast they are resolved, and what citizens say about it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

TARGET_DAYS = 20  # Pakistan Citizen Portal practice: resolve within 20 days...
LIMIT_DAYS = 40  # ...and never leave a complaint open past 40 (escalation on day 41)
KEYS = ["lg_code", "fiscal_year"]


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def whole_or_none(value: Any) -> int | None:
    """A count read from a table (a population), or None where it is not recorded."""
    return None if pd.isna(value) else int(value)


def grouped(frame: pd.DataFrame, keys: list[str]) -> dict[Any, dict[str, Any]]:
    """The complaint statistics of every group of ``keys``, computed column-wise.

    A measure built on a field the council may not record (citizen feedback, reopened count,
    resolved time) is a rate only of the complaints that have it, and carries how many those
    are: ``rated`` of ``received`` for satisfaction, ``reopened_recorded`` for reopening,
    ``timed`` (closed with a resolved time) for days to resolve. With none, the rate is None
    ("not recorded"), never 0.
    """
    feedback = frame["citizen_feedback"]
    reopened = frame["reopened_count"]
    flags = pd.DataFrame(
        {
            **{k: frame[k] for k in keys},
            "received": 1,
            "resolved": frame["closed"],
            "timed": frame["closed"] & frame["days"].notna(),
            "within": frame["closed"] & frame["days"].le(TARGET_DAYS).fillna(False),
            "satisfied": feedback.eq("satisfied").fillna(False),
            "rated": feedback.isin(["satisfied", "not_satisfied"]).fillna(False),
            "reopened": reopened.gt(0).fillna(False),
            "reopened_recorded": reopened.notna(),
            "closed_days": frame["days"].where(frame["closed"]),
        }
    )
    counted = ["received", "resolved", "timed", "within", "satisfied", "rated", "reopened"]
    counted.append("reopened_recorded")
    groups = flags.groupby(keys, sort=True)
    sums = groups[counted].sum()
    sums["median"] = groups["closed_days"].median()
    out = {}
    for key, row in zip(sums.index, sums.to_dict("records"), strict=True):
        n = {name: int(row[name]) for name in counted}
        median = row["median"]
        out[key] = {
            "received": n["received"],
            "resolved": n["resolved"],
            "resolved_rate": _rate(n["resolved"], n["received"]),
            "median_days": round(float(median), 1) if pd.notna(median) else None,
            "timed": n["timed"],
            "within_target": _rate(n["within"], n["timed"]),
            "satisfied": n["satisfied"],
            "rated": n["rated"],
            "not_rated": n["received"] - n["rated"],
            "satisfied_rate": _rate(n["satisfied"], n["rated"]),
            "reopened": n["reopened"],
            "reopened_recorded": n["reopened_recorded"],
            "reopened_rate": _rate(n["reopened"], n["reopened_recorded"]),
        }
    return out


def prepare(complaints: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The complaints with what every measure needs: local month received, days to resolve,
    age (days open at ``as_of``, default: the latest time in the data) and whether closed."""
    as_of = as_of or complaints[["requested_datetime", "updated_datetime"]].max().max()
    local = complaints["requested_datetime"].dt.tz_convert("Asia/Karachi")
    days = (complaints["resolved_datetime"] - complaints["requested_datetime"]).dt.total_seconds()
    return complaints.assign(
        month=local.dt.tz_localize(None).dt.to_period("M").astype(str),
        days=days / 86400,
        age=(as_of - complaints["requested_datetime"]).dt.total_seconds() / 86400,
        closed=complaints["status"].eq("closed"),
    )


def summary(
    complaints: pd.DataFrame,
    categories: pd.DataFrame,
    departments: pd.DataFrame,
    wards: pd.DataFrame,
    as_of: pd.Timestamp | None = None,
    start_month: int = 7,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{lg_code: {fiscal_year: {totals, months, categories, departments, wards, overdue}}}.

    ``as_of`` (default: the latest time in the data) dates the open complaints' age.
    """
    frame = prepare(complaints, as_of)
    cat_names = categories.set_index("service_code")[["service_name_en", "service_name_ur"]]
    dept_names = departments.set_index("dept_code")[["name_en", "name_ur"]]
    ward_info = wards.set_index("ward_code")[["name_en", "name_ur", "population"]]

    totals = grouped(frame, KEYS)
    by_category = grouped(frame, [*KEYS, "service_code"])
    by_department = grouped(frame, [*KEYS, "agency_responsible"])
    by_ward = grouped(frame, [*KEYS, "ward_code"])
    received_m = frame.groupby([*KEYS, "month"]).size()
    resolved_at = frame["resolved_datetime"].dt.tz_convert("Asia/Karachi").dt.tz_localize(None)
    resolved_m = (
        frame.assign(month=resolved_at.dt.to_period("M").astype(str))[frame["closed"]]
        .groupby([*KEYS, "month"])
        .size()
    )
    still_open = frame[~frame["closed"]]
    open_count = still_open.groupby(KEYS).size()
    overdue = still_open[still_open["age"] > LIMIT_DAYS].groupby(KEYS).size()

    def rows(
        stats: dict[Any, dict[str, Any]], key: tuple[str, str], names: pd.DataFrame
    ) -> list[dict[str, Any]]:
        found = []
        for (lg, year, code), values in stats.items():
            if (lg, year) == key:
                found.append({"code": code, **names.loc[code].to_dict(), **values})
        return sorted(found, key=lambda r: (-r["received"], r["code"]))

    # the first month of a council's published complaints of the year: before it, a month
    # with none received is not published, not a month without complaints
    first = frame.groupby(KEYS)["month"].min()
    wards_named = ward_info.assign(population=[whole_or_none(v) for v in ward_info["population"]])
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for key, stats in totals.items():
        lg, year = key
        months = sorted(
            set(received_m.loc[key].index if key in received_m.index else [])
            | set(resolved_m.loc[key].index if key in resolved_m.index else [])
        )
        ward_rows = rows(by_ward, key, wards_named)
        for ward in ward_rows:
            population = ward["population"]
            ward["per_1000"] = (
                round(ward["received"] / population * 1000, 2) if population else None
            )
        out[str(lg)][str(year)] = {
            "first_month": f"{str(year)[:4]}-{start_month:02d}",
            "published_from": str(first[key]),
            "totals": stats,
            "months": [
                {
                    "month": m,
                    "received": int(received_m.get((lg, year, m), 0)),
                    "resolved": int(resolved_m.get((lg, year, m), 0)),
                }
                for m in months
            ],
            "categories": rows(
                by_category,
                key,
                cat_names.rename(
                    columns={"service_name_en": "name_en", "service_name_ur": "name_ur"}
                ),
            ),
            "departments": rows(by_department, key, dept_names),
            "wards": sorted(ward_rows, key=lambda w: (-(w["per_1000"] or 0), w["code"])),
            "open": int(open_count.get(key, 0)),
            "overdue": int(overdue.get(key, 0)),
        }
    return dict(out)
