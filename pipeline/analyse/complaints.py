"""Complaints: how many arrive, how fast they are resolved, and what citizens say about it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

TARGET_DAYS = 20  # Pakistan Citizen Portal practice: resolve within 20 days...
LIMIT_DAYS = 40  # ...and never leave a complaint open past 40 (escalation on day 41)
KEYS = ["lg_code", "fiscal_year"]


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _median(days: pd.Series) -> float | None:
    days = days.dropna()
    return round(float(days.median()), 1) if len(days) else None


def _stats(frame: pd.DataFrame) -> dict[str, Any]:
    closed = frame["status"].eq("closed")
    received, resolved = len(frame), int(closed.sum())
    rated = frame["citizen_feedback"].isin(["satisfied", "not_satisfied"])
    return {
        "received": received,
        "resolved": resolved,
        "resolved_rate": _rate(resolved, received),
        "median_days": _median(frame.loc[closed, "days"]),
        "within_target": _rate(int((closed & frame["days"].le(TARGET_DAYS)).sum()), resolved),
        "satisfied_rate": _rate(int(frame["citizen_feedback"].eq("satisfied").sum()), received),
        "rated": int(rated.sum()),
        "reopened_rate": _rate(int(frame["reopened_count"].gt(0).sum()), received),
    }


def summary(
    complaints: pd.DataFrame,
    categories: pd.DataFrame,
    departments: pd.DataFrame,
    wards: pd.DataFrame,
    as_of: pd.Timestamp | None = None,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{lg_code: {fiscal_year: {totals, months, categories, departments, wards, overdue}}}.

    ``as_of`` (default: the latest time in the data) dates the open complaints' age.
    """
    as_of = as_of or complaints[["requested_datetime", "updated_datetime"]].max().max()
    local = complaints["requested_datetime"].dt.tz_convert("Asia/Karachi")
    days = (complaints["resolved_datetime"] - complaints["requested_datetime"]).dt.total_seconds()
    frame = complaints.assign(
        month=local.dt.tz_localize(None).dt.to_period("M").astype(str),
        days=days / 86400,
        age=(as_of - complaints["requested_datetime"]).dt.total_seconds() / 86400,
    )
    cat_names = categories.set_index("service_code")[["service_name_en", "service_name_ur"]]
    dept_names = departments.set_index("dept_code")[["name_en", "name_ur"]]
    ward_info = wards.set_index("ward_code")[["name_en", "name_ur", "population"]]

    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for (lg, year), part in frame.groupby(KEYS, sort=True):
        closed = part[part["status"].eq("closed")]
        received_m = part.groupby("month").size()
        resolved_m = (
            closed.assign(
                month=closed["resolved_datetime"]
                .dt.tz_convert("Asia/Karachi")
                .dt.tz_localize(None)
                .dt.to_period("M")
                .astype(str)
            )
            .groupby("month")
            .size()
        )
        months = sorted(set(received_m.index) | set(resolved_m.index))
        by_category = [
            {"code": code, "name_en": cat_names.loc[code, "service_name_en"],
             "name_ur": cat_names.loc[code, "service_name_ur"], **_stats(rows)}
            for code, rows in part.groupby("service_code", sort=True)
        ]  # fmt: skip
        by_department = [
            {"code": code, **dept_names.loc[code].to_dict(), **_stats(rows)}
            for code, rows in part.groupby("agency_responsible", sort=True)
        ]
        by_ward = []
        for code, rows in part.groupby("ward_code", sort=True):
            info = ward_info.loc[code]
            population = int(info["population"])
            by_ward.append(
                {
                    "code": code,
                    "name_en": info["name_en"],
                    "name_ur": info["name_ur"],
                    "population": population,
                    "per_1000": round(len(rows) / population * 1000, 2) if population else None,
                    **_stats(rows),
                }
            )
        still_open = part[part["status"].eq("open")]
        out[str(lg)][str(year)] = {
            "totals": _stats(part),
            "months": [
                {
                    "month": m,
                    "received": int(received_m.get(m, 0)),
                    "resolved": int(resolved_m.get(m, 0)),
                }
                for m in months
            ],
            "categories": sorted(by_category, key=lambda c: -c["received"]),
            "departments": sorted(by_department, key=lambda d: -d["received"]),
            "wards": sorted(by_ward, key=lambda w: -(w["per_1000"] or 0)),
            "open": len(still_open),
            "overdue": int(np.count_nonzero(still_open["age"] > LIMIT_DAYS)),
        }
    return dict(out)
