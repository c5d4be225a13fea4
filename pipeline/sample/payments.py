"""Payments: every payment charged to a budget line, with supplier, purpose and procurement."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pipeline.sample.checks import dominant_suppliers, duplicate_pairs, split_windows
from pipeline.sample.config import (
    DIRECT_PURCHASE_LIMIT,
    DUPLICATE_WINDOW_DAYS,
    SPLIT_WINDOW_DAYS,
)
from pipeline.sample.dates import fy_bounds, fy_days, fy_start_year, payment_day_weights
from pipeline.sample.places import LocalGovernment

#: Columns of a payments file, in the descriptor's order.
PAYMENT_COLUMNS = [
    "transaction_id",
    "payment_date",
    "fiscal_year",
    "lg_code",
    "dept_code",
    "budget_line_id",
    "object_code",
    "supplier_id",
    "supplier_name",
    "amount",
    "purpose",
    "procurement_method",
    "procurement_ref",
    "voucher_no",
]

_SPREAD = {
    "utility": 0.2,
    "contract": 0.3,
    "development": 0.5,
    "operating": 0.9,
    "repair": 0.8,
    "asset": 0.7,
    "grant": 0.6,
}

#: Pools of specialist shops; general order suppliers take half of their business.
_SPECIALISTS = ["electric", "nursery", "stationery", "it", "vehicles", "pharma", "media"]
_MONTHS = np.array(
    ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun"],
    dtype=object,
)


class SupplierPools:
    """Suppliers of one district by pool, with their popularity weights."""

    def __init__(self, suppliers: pd.DataFrame) -> None:
        self.ids: dict[str, np.ndarray] = {}
        self.weights: dict[str, np.ndarray] = {}
        for pool, group in suppliers.groupby("_pool", sort=True):
            weights = group["_popularity"].to_numpy(dtype=float)
            self.ids[str(pool)] = group["supplier_id"].to_numpy(dtype=object)
            self.weights[str(pool)] = weights / weights.sum()

    def draw(self, rng: np.random.Generator, pools: np.ndarray) -> np.ndarray:
        """A supplier for each entry of ``pools``, by popularity."""
        out = np.empty(pools.size, dtype=object)
        for pool in np.unique(pools):
            mask = pools == pool
            out[mask] = rng.choice(self.ids[pool], int(mask.sum()), p=self.weights[pool])
        return out


def _ward_labels(wards: pd.DataFrame) -> np.ndarray:
    """'Ward 7' or 'UC 12' for each ward."""
    suffix = wards["ward_code"].str.rsplit("-", n=1).str[1]
    kind = np.where(suffix.str.startswith("UC"), "UC ", "Ward ")
    number = suffix.str.lstrip("WUC").astype(int).astype(str)
    return (pd.Series(kind) + number.to_numpy()).to_numpy(dtype=object)


def _months_billed(fiscal_year: str, as_of: date) -> int:
    """Monthly bills paid by ``as_of`` (bills are paid by the 22nd)."""
    start = fy_start_year(fiscal_year)
    count = 0
    for m in range(12):
        year, month = (start, 7 + m) if m < 6 else (start + 1, m - 5)
        if date(year, month, 22) <= as_of:
            count += 1
    return count


def year_payments(
    lg: LocalGovernment,
    lines: pd.DataFrame,
    count: int,
    pools: SupplierPools,
    wards: pd.DataFrame,
    rng: np.random.Generator,
    as_of: date,
) -> pd.DataFrame:
    """Ordinary payments of one local government in one fiscal year, summing to line targets."""
    fiscal_year = str(lines["fiscal_year"].iloc[0])
    pay = lines[lines["_target"] > 0].reset_index(drop=True)
    kind = pay["_kind"].to_numpy(dtype=object)
    target = pay["_target"].to_numpy(dtype=np.int64)
    utility = np.isin(kind, ["utility", "contract"])
    n = np.zeros(len(pay), dtype=np.int64)
    n[utility] = _months_billed(fiscal_year, as_of)
    others = ~utility
    rest = count - int(n.sum())
    base = 1 if rest >= others.sum() else 0
    n[others] = base
    remaining = max(0, rest - base * int(others.sum()))
    p = target[others] / pay["_size"].to_numpy(dtype=float)[others]
    n[others] += rng.multinomial(remaining, p / p.sum())
    line = np.repeat(np.arange(len(pay)), n)
    rows = line.size
    starts = np.concatenate([[0], np.cumsum(n)[:-1]])
    rank = np.arange(rows) - starts[line]
    row_kind = kind[line]

    # Dates: monthly bills for utilities; otherwise the year's pattern, development later on.
    days = fy_days(fiscal_year, as_of)
    weights = payment_day_weights(days)
    ramp = np.linspace(0.5, 1.5, days.size)
    dev_weights = weights * ramp / (weights * ramp).sum()
    dates = rng.choice(days, rows, p=weights)
    dev = row_kind == "development"
    dates[dev] = rng.choice(days, int(dev.sum()), p=dev_weights)
    util = np.isin(row_kind, ["utility", "contract"])
    first, _ = fy_bounds(fiscal_year)
    month_start = np.datetime64(first, "M") + rank[util].astype("timedelta64[M]")
    bill = month_start.astype("datetime64[D]") + rng.integers(8, 20, int(util.sum()))
    dow = (bill.astype(np.int64) + 3) % 7
    bill = bill + np.where(dow == 5, 2, np.where(dow == 6, 1, 0))
    dates[util] = bill

    # Amounts: skewed shares of each line's target, some round, summing to the target exactly.
    spread = np.array([_SPREAD.get(k, 0.8) for k in row_kind])
    w = np.exp(rng.normal(0.0, 1.0, rows) * spread)
    month = (dates.astype("datetime64[M]").astype(np.int64) - 6) % 12
    electricity = util & (pay["object_code"].to_numpy(dtype=object)[line] == "A03303")
    w = np.where(electricity, w * (1 + 0.5 * np.isin(month, [0, 1, 2, 10, 11])), w)
    rent = pay["object_code"].to_numpy(dtype=object)[line] == "A03402"
    w = np.where(rent, 1.0, w)
    raw = target[line] * w / np.bincount(line, weights=w, minlength=len(pay))[line]
    rounded = (
        (np.isin(row_kind, ["operating", "asset", "grant"]) & (rng.random(rows) < 0.25)) | rent
    ) & (raw >= 5_000)
    amount = np.where(rounded, np.round(raw / 1000) * 1000, np.floor(raw)).astype(np.int64)
    amount = np.maximum(amount, 1)
    remainder = target - np.bincount(line, weights=amount, minlength=len(pay)).astype(np.int64)
    order = np.lexsort((-amount, line))
    firsts = order[starts[n > 0]]
    amount[firsts] = np.maximum(amount[firsts] + remainder[n > 0], 1)

    # Suppliers: one contractor per development scheme, by popularity otherwise.
    pool = pay["_pool"].to_numpy(dtype=object)
    row_pool = pool[line]
    general = np.isin(row_pool, _SPECIALISTS) & ~dev & (rng.random(rows) < 0.5)
    row_pool = np.where(general, "general", row_pool)
    supplier = pools.draw(rng, row_pool)
    scheme_contractor = pools.draw(rng, pool)
    per_line = dev | util
    supplier[per_line] = scheme_contractor[line[per_line]]

    # Purposes.
    purposes = pay["_purposes"].tolist()
    flat = np.array([p for ps in purposes for p in ps] or [""], dtype=object)
    counts = np.array([len(ps) for ps in purposes], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    pick = offsets[line] + (rng.random(rows) * np.maximum(counts[line], 1)).astype(np.int64)
    text = flat[np.minimum(pick, flat.size - 1)]
    labels = _ward_labels(wards)
    ward_pick = labels[rng.integers(0, labels.size, rows)]
    with_ward = pay["_ward_purpose"].to_numpy(dtype=bool)[line] & (rng.random(rows) < 0.7)
    text = np.where(with_ward, text + ", " + ward_pick, text)
    billed = (month - 1) % 12
    bill_year = fy_start_year(fiscal_year) + (billed >= 6)
    text = np.where(util, text + ", " + _MONTHS[billed] + " " + bill_year.astype(str), text)
    order = np.lexsort((dates, line))
    bill_no = np.empty(rows, dtype=np.int64)
    bill_no[order] = np.arange(rows) - starts[line[order]] + 1
    scheme = pay["description_en"].to_numpy(dtype=object)[line]
    running = "Running bill No. " + bill_no.astype(str).astype(object) + ", " + scheme
    last = bill_no == n[line]
    final = last & (n[line] > 1) & (rng.random(rows) < 0.5) & (days.size > 300)
    text = np.where(dev, np.where(final, "Final bill, " + scheme, running), text)

    return pd.DataFrame(
        {
            "payment_date": dates,
            "fiscal_year": fiscal_year,
            "lg_code": lg.lg_code,
            "dept_code": pay["dept_code"].to_numpy(dtype=object)[line],
            "budget_line_id": pay["line_id"].to_numpy(dtype=object)[line],
            "object_code": pay["object_code"].to_numpy(dtype=object)[line],
            "supplier_id": supplier,
            "amount": amount,
            "purpose": text,
            "_kind": row_kind,
            "_pool": row_pool,
            "_locked": False,
        }
    )


def redraw_dates(
    payments: pd.DataFrame, rows: np.ndarray, rng: np.random.Generator, as_of: date
) -> None:
    """Give ``rows`` new dates in their fiscal years (in place)."""
    years = payments["fiscal_year"].to_numpy(dtype=object)[rows]
    col = payments.columns.get_loc("payment_date")
    for fiscal_year in np.unique(years):
        days = fy_days(str(fiscal_year), as_of)
        chosen = rows[years == fiscal_year]
        new = rng.choice(days, chosen.size, p=payment_day_weights(days))
        payments.iloc[chosen, col] = new


def declutter(
    payments: pd.DataFrame,
    pools: SupplierPools,
    rng: np.random.Generator,
    as_of: date,
    threshold: int,
    dominant_share: float,
    protected: set[tuple[str, str, str]],
) -> pd.DataFrame:
    """Keep ordinary payments from looking like the planted integrity cases.

    Moves the dates of ordinary payments that would form split-payment windows or duplicate
    pairs, and passes some of a too-dominant supplier's payments to others in its pool.
    ``protected`` (lg, fiscal year, department) groups hold planted dominance and are left.
    """
    payments = payments.reset_index(drop=True)
    dominant = dominant_suppliers(payments, dominant_share - 0.1)
    pool_sizes = {k: v.size for k, v in pools.ids.items()}
    for item in dominant.itertuples(index=False):
        if (item.lg_code, item.fiscal_year, item.dept_code) in protected:
            continue
        group = payments[
            (payments["lg_code"] == item.lg_code)
            & (payments["fiscal_year"] == item.fiscal_year)
            & (payments["dept_code"] == item.dept_code)
        ]
        total = group["amount"].sum()
        mine = group[(group["supplier_id"] == item.supplier_id) & ~group["_locked"]]
        mine = mine[mine["_pool"].map(pool_sizes) > 1].sort_values("amount", kind="stable")
        if len(mine) < 2:
            continue
        mine = mine.iloc[:-1]
        need = mine["amount"].cumsum() >= item.share * total - (dominant_share - 0.1) * total
        take = mine.index[: int(np.argmax(need.to_numpy())) + 1 if need.any() else len(mine)]
        others = pools.draw(rng, payments.loc[take, "_pool"].to_numpy(dtype=object))
        same = others == item.supplier_id
        while same.any():
            others[same] = pools.draw(rng, payments.loc[take[same], "_pool"].to_numpy(object))
            same = others == item.supplier_id
        payments.loc[take, "supplier_id"] = others

    locked = payments["_locked"].to_numpy(dtype=bool)
    fixed = np.isin(payments["_kind"].to_numpy(dtype=object), ["utility", "contract"])
    planted = payments["_planted"].to_numpy(dtype=bool) if "_planted" in payments else locked
    for attempt in range(40):
        split_first, split_next = split_windows(payments, threshold, SPLIT_WINDOW_DAYS)
        dup_first, dup_second = duplicate_pairs(payments, DUPLICATE_WINDOW_DAYS)
        first = np.concatenate([split_first, dup_first])
        second = np.concatenate([split_next, dup_second])
        stuck = locked[second] | fixed[second]
        move = np.unique(np.where(stuck, first, second))
        move = move[~locked[move] & ~fixed[move]]
        if move.size == 0:
            break
        if attempt % 2 == 0:
            redraw_dates(payments, move, rng, as_of)
        else:
            move = move[~planted[move]]
            pool = payments["_pool"].to_numpy(dtype=object)[move]
            payments.iloc[move, payments.columns.get_loc("supplier_id")] = pools.draw(rng, pool)
    return payments


def finalise(
    payments: pd.DataFrame,
    suppliers: pd.DataFrame,
    lg: LocalGovernment,
    rng: np.random.Generator,
    threshold: int,
) -> pd.DataFrame:
    """Order the payments and add ids, supplier names, procurement and voucher numbers."""
    payments = payments.sort_values(
        ["fiscal_year", "payment_date", "budget_line_id", "amount"],
        ascending=[True, True, True, False],
        kind="stable",
    ).reset_index(drop=True)
    fy = payments["fiscal_year"].to_numpy(dtype=object)
    seq = payments.groupby("fiscal_year", sort=False).cumcount().to_numpy() + 1
    payments["transaction_id"] = (
        lg.lg_code + "-" + fy + "-P" + np.char.zfill(seq.astype(str), 6).astype(object)
    )
    gaps = (rng.random(len(payments)) < 0.03).astype(np.int64) + 1
    voucher = pd.Series(gaps).groupby(fy).cumsum().to_numpy()
    payments["voucher_no"] = "PV-" + fy + "/" + np.char.zfill(voucher.astype(str), 5).astype(object)
    names = suppliers.set_index("supplier_id")["name_en"]
    kinds = suppliers.set_index("supplier_id")["kind"]
    payments["supplier_name"] = payments["supplier_id"].map(names).to_numpy(dtype=object)
    supplier_kind = payments["supplier_id"].map(kinds).to_numpy(dtype=object)

    amount = payments["amount"].to_numpy(dtype=np.int64)
    kind = payments["_kind"].to_numpy(dtype=object)
    dept = payments["dept_code"].to_numpy(dtype=object)
    month = (payments["payment_date"].to_numpy(dtype="datetime64[M]").astype(np.int64) - 6) % 12
    chance = rng.random(len(payments))
    line_total = payments.groupby("budget_line_id")["amount"].transform("sum").to_numpy()
    method = np.select(
        [
            np.isin(supplier_kind, ["government", "individual_redacted"]) | (kind == "grant"),
            (kind == "contract") & (line_total >= threshold),
            kind == "contract",
            (kind == "development") & (chance < 0.06),
            kind == "development",
            (amount >= DIRECT_PURCHASE_LIMIT)
            & np.isin(dept, ["WSS", "SAN"])
            & (kind == "repair")
            & (month <= 2)
            & (chance < 0.15),
            amount < DIRECT_PURCHASE_LIMIT,
            amount < threshold,
        ],
        [
            "not_applicable",
            "open_tender",
            "quotations",
            "limited_tender",
            "open_tender",
            "emergency",
            "direct_purchase",
            "quotations",
        ],
        "open_tender",
    )
    payments["procurement_method"] = method
    year = np.array([y[:4] for y in fy], dtype=object)
    line_no = payments["budget_line_id"].str[-4:].str.lstrip("0").to_numpy(dtype=object)
    per_method = payments.groupby(["fiscal_year", method], sort=False).cumcount().to_numpy() + 1
    number = np.char.zfill(per_method.astype(str), 4).astype(object)
    prefix = lg.lg_code + "/"
    ref = np.select(
        [
            method == "open_tender",
            method == "limited_tender",
            method == "quotations",
            method == "emergency",
        ],
        [
            prefix + "T/" + year + "/" + np.char.zfill(line_no.astype(str), 3).astype(object),
            prefix + "LT/" + year + "/" + np.char.zfill(line_no.astype(str), 3).astype(object),
            prefix + "Q/" + year + "/" + number,
            prefix + "E/" + year + "/" + number,
        ],
        "",
    )
    payments["procurement_ref"] = ref
    return payments
