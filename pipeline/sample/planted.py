"""Planted integrity cases and their ground truth, kept outside the published data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from pipeline.sample.checks import BOILERPLATE_NOTES
from pipeline.sample.config import DUPLICATE_WINDOW_DAYS, SPLIT_WINDOW_DAYS
from pipeline.sample.dates import fy_bounds
from pipeline.sample.payments import SupplierPools

#: Stable codes of the planted indicators.
INDICATORS = (
    "split_payment",
    "duplicate_payment",
    "dominant_supplier",
    "over_budget_line",
    "closed_without_action",
)

_PAYABLE_KINDS = ["operating", "repair", "asset"]


@dataclass
class Case:
    """One planted case; ``keys`` are internal row keys until the ids are known."""

    indicator: str
    lg_code: str
    fiscal_year: str
    keys: list[int] = field(default_factory=list)
    amount: int | None = None
    note: str = ""
    dept_code: str | None = None
    supplier_id: str | None = None
    line_id: str | None = None

    def as_truth(self, rows: list[str]) -> dict:
        """The ground-truth record."""
        record: dict = {
            "indicator": self.indicator,
            "lg_code": self.lg_code,
            "fiscal_year": self.fiscal_year,
            "rows": rows,
            "amount": self.amount,
            "note": self.note,
        }
        if self.dept_code:
            record["dept_code"] = self.dept_code
        if self.supplier_id:
            record["supplier_id"] = self.supplier_id
        return record


def _rupees(amount: float) -> str:
    return f"Rs {amount:,.0f}"


def _weekday(day: np.datetime64) -> np.datetime64:
    """The Friday before a Saturday, the Monday after a Sunday."""
    dow = (int(day.astype(np.int64)) + 3) % 7
    return day + np.timedelta64({5: -1, 6: 1}.get(dow, 0), "D")


def _rescale(payments: pd.DataFrame, rows: pd.Index, total: int) -> None:
    """Scale the amounts of ``rows`` so they sum to ``total`` exactly (in place)."""
    amounts = payments.loc[rows, "amount"].to_numpy(dtype=float)
    scaled = np.maximum(np.floor(amounts * total / amounts.sum()), 1).astype(np.int64)
    scaled[int(np.argmax(scaled))] += total - int(scaled.sum())
    payments.loc[rows, "amount"] = scaled


def plant_over_budget(
    payments: pd.DataFrame, lines: pd.DataFrame, count: int, rng: np.random.Generator
) -> list[Case]:
    """Raise payments on ``count`` lines above their revised estimates."""
    paid = payments.groupby("budget_line_id")["amount"].agg(["sum", "size"])
    candidates = lines[
        lines["line_id"].isin(paid.index[paid["size"] >= 3])
        & lines["_kind"].isin([*_PAYABLE_KINDS, "development"])
    ]
    cases = []
    for i in rng.choice(len(candidates), min(count, len(candidates)), replace=False):
        line = candidates.iloc[int(i)]
        rows = payments.index[payments["budget_line_id"] == line["line_id"]]
        revised = int(line["revised"])
        total = int(revised * rng.uniform(1.06, 1.3))
        _rescale(payments, rows, total)
        payments.loc[rows, "_planted"] = True
        cases.append(
            Case(
                "over_budget_line",
                str(line["lg_code"]),
                str(line["fiscal_year"]),
                dept_code=str(line["dept_code"]),
                line_id=str(line["line_id"]),
                note=f"Payments on line {line['line_id']} ({line['description_en']}) total "
                f"{_rupees(total)} against a revised estimate of {_rupees(revised)}.",
            )
        )
    return cases


def plant_splits(
    payments: pd.DataFrame,
    lines: pd.DataFrame,
    count: int,
    pools: SupplierPools,
    rng: np.random.Generator,
    threshold: int,
    as_of: date,
    next_key: int,
) -> tuple[pd.DataFrame, list[Case]]:
    """Add ``count`` groups of 2-5 payments just below the threshold to one supplier."""
    fiscal_year = str(lines["fiscal_year"].iloc[0])
    first, last = fy_bounds(fiscal_year)
    last = min(last, as_of)
    candidates = lines[lines["_kind"].isin(_PAYABLE_KINDS) & (lines["_target"] >= 8 * threshold)]
    cases: list[Case] = []
    new_rows = []
    used_lines: set[str] = set()
    for _ in range(count):
        free = candidates[~candidates["line_id"].isin(used_lines)]
        if free.empty or (last - first).days < 40:
            break
        line = free.iloc[int(rng.integers(0, len(free)))]
        used_lines.add(str(line["line_id"]))
        k = int(rng.integers(2, 6))
        amounts = np.floor(threshold * rng.uniform(0.86, 0.995, k) / 100).astype(np.int64) * 100
        amounts = np.where(rng.random(k) < 0.5, amounts + rng.integers(1, 99, k), amounts)
        span = (last - first).days - SPLIT_WINDOW_DAYS
        start = np.datetime64(first) + np.timedelta64(int(rng.integers(0, span)), "D")
        offsets = np.sort(rng.choice(SPLIT_WINDOW_DAYS - 1, k, replace=False))
        dates = np.array([_weekday(start + np.timedelta64(int(o), "D")) for o in offsets])
        dates = np.clip(dates, np.datetime64(first), np.datetime64(last))
        same_dept = payments[
            (payments["dept_code"] == line["dept_code"])
            & (np.abs((payments["payment_date"] - start).dt.days) <= 45)
        ]
        busy = set(same_dept["supplier_id"])
        supplier = None
        for _attempt in range(30):
            pick = str(pools.draw(rng, np.array(["general"], dtype=object))[0])
            if pick not in busy:
                supplier = pick
                break
        if supplier is None:
            continue
        rows = payments.index[(payments["budget_line_id"] == line["line_id"])]
        total = int(payments.loc[rows, "amount"].sum())
        if total - amounts.sum() < len(rows):
            continue
        _rescale(payments, rows, total - int(amounts.sum()))
        keys = list(range(next_key, next_key + k))
        next_key += k
        purposes = line["_purposes"] or (str(line["description_en"]),)
        purpose = purposes[int(rng.integers(0, len(purposes)))]
        new_rows.append(
            pd.DataFrame(
                {
                    "payment_date": dates,
                    "fiscal_year": fiscal_year,
                    "lg_code": line["lg_code"],
                    "dept_code": line["dept_code"],
                    "budget_line_id": line["line_id"],
                    "object_code": line["object_code"],
                    "supplier_id": supplier,
                    "amount": amounts,
                    "purpose": purpose,
                    "_kind": line["_kind"],
                    "_pool": "general",
                    "_locked": True,
                    "_planted": True,
                    "_key": keys,
                }
            )
        )
        days = int((dates[-1] - dates[0]).astype(np.int64))
        cases.append(
            Case(
                "split_payment",
                str(line["lg_code"]),
                fiscal_year,
                keys=keys,
                amount=int(amounts.sum()),
                dept_code=str(line["dept_code"]),
                supplier_id=supplier,
                note=f"{k} payments of {_rupees(amounts.min())} to {_rupees(amounts.max())} "
                f"to one supplier within {days + 1} days, each below the "
                f"{_rupees(threshold)} threshold, together {_rupees(amounts.sum())}.",
            )
        )
    if new_rows:
        payments = pd.concat([payments, *new_rows], ignore_index=True)
    return payments, cases


def plant_duplicates(
    payments: pd.DataFrame,
    lines: pd.DataFrame,
    count: int,
    rng: np.random.Generator,
    threshold: int,
    as_of: date,
    next_key: int,
) -> tuple[pd.DataFrame, list[Case]]:
    """Pay ``count`` ordinary payments a second time, 0-3 days later, on a new voucher."""
    fiscal_year = str(lines["fiscal_year"].iloc[0])
    _first, last = fy_bounds(fiscal_year)
    last = min(last, as_of)
    revised = lines.set_index("line_id")["revised"]
    paid = payments.groupby("budget_line_id")["amount"].sum()
    amount = payments["amount"]
    room = payments["budget_line_id"].map(revised) * 0.995 - payments["budget_line_id"].map(paid)
    eligible = (
        (payments["fiscal_year"] == fiscal_year)
        & ~payments["_planted"]
        & payments["_kind"].isin([*_PAYABLE_KINDS, "development"])
        & payments["_pool"].isin(["works", "general", "vehicles", "it", "electric", "stationery"])
        & ((amount >= threshold) | ((amount >= 20_000) & (amount < threshold // 2)))
        & (room.isna() | (room >= amount))
    )
    candidates = np.flatnonzero(eligible.to_numpy())
    supplier = payments["supplier_id"].to_numpy(dtype=object)
    supplier_code = pd.factorize(supplier)[0]
    day = payments["payment_date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    values = amount.to_numpy(dtype=np.int64)
    line_ids = payments["budget_line_id"].to_numpy(dtype=object)
    cases: list[Case] = []
    originals: list[int] = []
    days: list[np.datetime64] = []
    used_lines: set[str] = set()
    for i in rng.permutation(candidates):
        if len(cases) >= count:
            break
        line_id, value = str(line_ids[i]), int(values[i])
        if line_id in used_lines:
            continue
        near = (supplier_code == supplier_code[i]) & (np.abs(day - day[i]) <= 20)
        if near.sum() > 1 and (value < threshold or (values[near] == value).sum() > 1):
            continue
        paid_on = np.datetime64(int(day[i]), "D")
        new_day = paid_on + np.timedelta64(int(rng.integers(0, DUPLICATE_WINDOW_DAYS + 1)), "D")
        while (int(new_day.astype(np.int64)) + 3) % 7 >= 5:
            new_day -= np.timedelta64(1, "D")
        if new_day > np.datetime64(last) or new_day < paid_on:
            new_day = paid_on
        shift = int((new_day - paid_on).astype(np.int64))
        originals.append(int(i))
        days.append(new_day)
        used_lines.add(line_id)
        cases.append(
            Case(
                "duplicate_payment",
                str(payments["lg_code"].iat[i]),
                fiscal_year,
                keys=[int(payments["_key"].iat[i]), next_key],
                amount=value,
                dept_code=str(payments["dept_code"].iat[i]),
                supplier_id=str(supplier[i]),
                note=f"The same {_rupees(value)} paid twice to one supplier "
                f"{shift} day(s) apart on different vouchers.",
            )
        )
        next_key += 1
    if originals:
        copies = payments.iloc[originals].copy()
        copies["payment_date"] = np.array(days, dtype="datetime64[D]")
        copies["_key"] = [case.keys[1] for case in cases]
        copies["_locked"] = True
        copies["_planted"] = True
        flags = [payments.columns.get_loc("_locked"), payments.columns.get_loc("_planted")]
        payments.iloc[originals, flags] = True
        payments = pd.concat([payments, copies], ignore_index=True)
    return payments, cases


def plant_dominance(
    payments: pd.DataFrame,
    fiscal_year: str,
    pools: SupplierPools,
    rng: np.random.Generator,
    share: float,
    threshold: int,
) -> Case | None:
    """Pass one department's largest payments to one supplier until it takes most of them."""
    year = payments[(payments["fiscal_year"] == fiscal_year)]
    depts = sorted(set(year["dept_code"]))
    for dept in rng.permutation(depts):
        group = year[year["dept_code"] == dept]
        movable = group[
            ~group["_locked"] & group["_pool"].isin(["works", "general", "electric", "vehicles"])
        ]
        total = int(group["amount"].sum())
        goal = share + rng.uniform(0.06, 0.2)
        if len(movable) < 6 or movable["amount"].sum() < goal * total:
            continue
        pool = "works" if dept == "ENG" else "general"
        supplier = str(pools.draw(rng, np.array([pool], dtype=object))[0])
        ordered = movable[movable["supplier_id"] != supplier]
        ordered = ordered.sort_values("amount", ascending=False, kind="stable")
        already = int(group.loc[group["supplier_id"] == supplier, "amount"].sum())
        need = (ordered["amount"].cumsum() + already) >= goal * total
        if not need.any():
            continue
        take = ordered.index[: int(np.argmax(need.to_numpy())) + 1]
        if (payments.loc[take, "amount"] < threshold).sum() > 6:
            continue  # many small payments to one supplier would also look like splits
        payments.loc[take, "supplier_id"] = supplier
        mine = group.index[group["supplier_id"] == supplier].union(take)
        payments.loc[mine, "_planted"] = True
        lg_code = str(group["lg_code"].iloc[0])
        return Case(
            "dominant_supplier", lg_code, fiscal_year, dept_code=str(dept), supplier_id=supplier
        )
    return None


def plant_closed_without_action(
    complaints: pd.DataFrame,
    fiscal_year: str,
    count: int,
    rng: np.random.Generator,
    as_of: date,
) -> Case | None:
    """Close ``count`` complaints of one department within hours, with no note, unsatisfied."""
    year = complaints[
        (complaints["fiscal_year"] == fiscal_year) & (complaints["status"] == "closed")
    ]
    if year.empty:
        return None
    end = np.datetime64(as_of, "m") + np.timedelta64(1439, "m")
    year = year[year["_requested"] < end - np.timedelta64(6, "h")]
    if year.empty:
        return None
    dept = str(rng.choice(sorted(set(year["agency_responsible"]))))
    pool = year[year["agency_responsible"] == dept]
    if len(pool) < count:
        return None
    chosen = pool.index[np.sort(rng.choice(len(pool), count, replace=False))]
    requested = complaints.loc[chosen, "_requested"].to_numpy(dtype="datetime64[m]")
    hours = rng.uniform(0.4, 5.0, count)
    resolved = requested + np.round(hours * 60).astype("timedelta64[m]")
    updated = resolved + rng.integers(2, 90, count).astype("timedelta64[m]")
    complaints.loc[chosen, "_resolved"] = resolved
    complaints.loc[chosen, "_updated"] = np.minimum(updated, end)
    complaints.loc[chosen, "status_detail"] = rng.choice(
        ["closed", "no_further_action", "relief_granted"], count, p=[0.4, 0.3, 0.3]
    )
    complaints.loc[chosen, "status_notes"] = np.where(
        rng.random(count) < 0.5, "", rng.choice(np.array(BOILERPLATE_NOTES, dtype=object), count)
    )
    complaints.loc[chosen, "citizen_feedback"] = "not_satisfied"
    complaints.loc[chosen, "reopened_count"] = (rng.random(count) < 0.25).astype(np.int64)
    complaints.loc[chosen, "_planted"] = True
    return Case(
        "closed_without_action",
        str(pool["lg_code"].iloc[0]),
        fiscal_year,
        keys=[int(k) for k in complaints.loc[chosen, "_key"]],
        dept_code=dept,
        note=f"{count} complaints to {dept} closed within "
        f"{max(1, int(np.ceil(hours.max())))} hours as closed, no further action "
        "or relief granted, with no or boilerplate notes; citizens not satisfied.",
    )
