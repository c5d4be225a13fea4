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


def grouped(frame: pd.DataFrame, keys: list[str]) -> dict[Any, dict[str, Any]]:
    """The complaint statistics of every group of ``keys``, computed column-wise."""
    flags = pd.DataFrame(
        {
            **{k: frame[k] for k in keys},
            "received": 1,
            "resolved": frame["closed"],
            "within": frame["closed"] & frame["days"].le(TARGET_DAYS),
            "satisfied": frame["citizen_feedback"].eq("satisfied"),
            "rated": frame["citizen_feedback"].isin(["satisfied", "not_satisfied"]),
            "reopened": frame["reopened_count"].gt(0),
            "closed_days": frame["days"].where(frame["closed"]),
        }
    )
    groups = flags.groupby(keys, sort=True)
    sums = groups[["received", "resolved", "within", "satisfied", "rated", "reopened"]].sum()
    sums["median"] = groups["closed_days"].median()
    out = {}
    for key, row in zip(sums.index, sums.to_dict("records"), strict=True):
        received, resolved = int(row["received"]), int(row["resolved"])
        median = row["median"]
        out[key] = {
            "received": received,
            "resolved": resolved,
            "resolved_rate": _rate(resolved, received),
            "median_days": round(float(median), 1) if pd.notna(median) else None,
            "within_target": _rate(int(row["within"]), resolved),
            "satisfied_rate": _rate(int(row["satisfied"]), received),
            "rated": int(row["rated"]),
            "reopened_rate": _rate(int(row["reopened"]), received),
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

    wards_named = ward_info.assign(population=ward_info["population"].astype("int64"))
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for key, stats in totals.items():
        lg, year = key
        months = sorted(
            set(received_m.loc[key].index if key in received_m.index else [])
            | set(resolved_m.loc[key].index if key in resolved_m.index else [])
        )
        ward_rows = rows(by_ward, key, wards_named)
        for ward in ward_rows:
            population = int(ward["population"])
            ward["per_1000"] = (
                round(ward["received"] / population * 1000, 2) if population else None
            )
        out[str(lg)][str(year)] = {
            "first_month": f"{str(year)[:4]}-{start_month:02d}",
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
