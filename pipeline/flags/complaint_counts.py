"""Counts of complaints per department and year that the complaint indicators compare."""

from __future__ import annotations

import pandas as pd

KEYS = ["lg_code", "fiscal_year", "agency_responsible"]


def marks(complaints: pd.DataFrame) -> pd.DataFrame:
    """Complaints with a department, marked: closed, rated, satisfied, unhappy (closed and
    not satisfied), reopened."""
    frame = complaints.dropna(subset=KEYS)
    feedback = frame["citizen_feedback"].fillna("")
    closed = frame["status"].eq("closed").fillna(False)
    return frame.assign(
        closed=closed.to_numpy(dtype=bool),
        rated=feedback.isin(["satisfied", "not_satisfied"]).to_numpy(dtype=bool),
        satisfied=feedback.eq("satisfied").to_numpy(dtype=bool),
        unhappy=(closed & feedback.eq("not_satisfied")).to_numpy(dtype=bool),
        reopened=frame["reopened_count"].fillna(0).gt(0).to_numpy(dtype=bool),
    )


def per_department(marked: pd.DataFrame) -> pd.DataFrame:
    """received, closed, rated, satisfied, closed_rated, unhappy and reopened per department
    and year."""
    frame = marked.assign(closed_rated=marked["closed"] & marked["rated"])
    grouped = frame.groupby(KEYS, sort=True)
    columns = ["closed", "rated", "satisfied", "closed_rated", "unhappy", "reopened"]
    return grouped[columns].sum().astype("int64").assign(received=grouped.size())
