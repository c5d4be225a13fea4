"""Checks: plain versions of the integrity indicators, to keep ordinary rows clean and to test."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags.closed_without_action import BOILERPLATE_NOTES


def _days(values: pd.Series) -> np.ndarray:
    """Dates as whole days since the epoch."""
    return values.to_numpy(dtype="datetime64[D]").astype(np.int64)


def group_codes(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per distinct combination of ``columns`` (fast factorize)."""
    key = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(frame[column].to_numpy())
        key = key * (len(uniques) + 1) + codes
    return pd.factorize(key)[0]


def split_windows(
    payments: pd.DataFrame, threshold: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Rows in split-payment windows: same LG, department and supplier, each below the
    threshold, within ``window`` days of the first, together above the threshold.

    Returns (first rows of offending windows, the next row of each such window) as positions.
    """
    below = np.flatnonzero(payments["amount"].to_numpy() < threshold)
    if below.size == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty
    sub = payments.iloc[below]
    key = group_codes(sub, ["lg_code", "dept_code", "supplier_id"])
    day = _days(sub["payment_date"])
    order = np.lexsort((day, key))
    pos = key[order].astype(np.int64) * 1_000_000 + day[order]
    amount = sub["amount"].to_numpy(dtype=np.int64)[order]
    end = np.searchsorted(pos, pos + window, side="right")
    cum = np.concatenate([[0], np.cumsum(amount)])
    start = np.arange(order.size)
    bad = ((end - start) >= 2) & ((cum[end] - cum[start]) > threshold)
    first = below[order[start[bad]]]
    nxt = below[order[start[bad] + 1]]
    return first, nxt


def duplicate_pairs(payments: pd.DataFrame, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows in which one local government pays the same supplier the same amount
    within ``window`` days."""
    columns = ["lg_code", "supplier_id", "amount"]
    key = group_codes(payments, columns)
    day = _days(payments["payment_date"])
    order = np.lexsort((day, key))
    same = (key[order][1:] == key[order][:-1]) & (np.diff(day[order]) <= window)
    return order[:-1][same], order[1:][same]


def dominant_suppliers(payments: pd.DataFrame, share: float) -> pd.DataFrame:
    """(lg, fiscal year, department, supplier) whose share of the department's payments
    exceeds ``share``, with the share."""
    keys = ["lg_code", "fiscal_year", "dept_code"]
    by_supplier = payments.groupby([*keys, "supplier_id"], sort=True)["amount"].sum()
    by_dept = payments.groupby(keys, sort=True)["amount"].sum()
    shares = (by_supplier / by_dept.reindex(by_supplier.index.droplevel(-1)).to_numpy()).rename(
        "share"
    )
    return shares[shares > share].reset_index()


def over_budget_lines(budget: pd.DataFrame, payments: pd.DataFrame) -> pd.DataFrame:
    """Lines whose payments total more than the revised estimate."""
    paid = payments.groupby("budget_line_id")["amount"].sum().rename("paid")
    lines = budget.set_index("line_id")[["revised"]].join(paid, how="inner")
    lines = lines[lines["revised"].notna()]
    return lines[lines["paid"] > lines["revised"]].reset_index()


def closed_without_action(complaints: pd.DataFrame, hours: float = 24.0) -> pd.Series:
    """Complaints closed within ``hours`` as closed / no further action / relief granted,
    with no real note, that the citizen was not satisfied with."""
    requested = pd.to_datetime(complaints["requested_datetime"])
    resolved = pd.to_datetime(complaints["resolved_datetime"])
    quick = (resolved - requested) <= pd.Timedelta(hours=hours)
    notes = complaints["status_notes"].fillna("")
    empty = (notes == "") | notes.isin(BOILERPLATE_NOTES)
    return (
        (complaints["status"] == "closed")
        & complaints["status_detail"].isin(["closed", "no_further_action", "relief_granted"])
        & quick.fillna(False)
        & empty
        & (complaints["citizen_feedback"] == "not_satisfied")
    )
