"""split_payment: one purchase paid in parts, each below the procurement threshold."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import money, money_exact, number, within_days

CODE = "split_payment"
KEYS = ["lg_code", "dept_code", "supplier_id"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    limit = config["procurement_threshold"] * common.PAISA
    days = config["split_window_days"]
    return (
        f"Two or more payments from one department of a local government to one supplier, all "
        f"within {days} days of the first, each below the procurement threshold of "
        f"{money(limit)} ({money_exact(limit)}) and together above it.",
        f"کسی مقامی حکومت کے ایک محکمے کی ایک ہی سپلائر کو دو یا زیادہ ادائیگیاں، جو سب پہلی "
        f"ادائیگی کے {number(days, 'ur')} دن کے اندر ہوں، ہر ایک خریداری کی حد "
        f"{money(limit, 'ur')} ({money_exact(limit, 'ur')}) سے کم ہو اور سب مل کر اس سے زیادہ ہوں۔",
    )


def windows(payments: pd.DataFrame, threshold: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions (in ``payments``) of the rows in offending windows, and a cluster number for
    each: overlapping windows of one department and supplier make one cluster."""
    none = np.array([], dtype=np.int64)
    amount = payments["amount"].to_numpy(dtype=np.int64)
    below = np.flatnonzero((amount > 0) & (amount < threshold))
    if below.size < 2:
        return none, none
    sub = payments.iloc[below]
    key = common.group_ids(sub, KEYS).astype(np.int64)
    day = common.day_numbers(sub["payment_date"])
    day = day - day.min()
    order = np.lexsort((day, key))
    pos = key[order] * (int(day.max()) + window + 2) + day[order]
    end = np.searchsorted(pos, pos + window, side="right")
    cum = np.concatenate([[0], np.cumsum(amount[below][order])])
    start = np.arange(order.size)
    bad = ((end - start) >= 2) & ((cum[end] - cum[start]) > threshold)
    first, last = start[bad], end[bad]
    if first.size == 0:
        return none, none
    new = np.ones(first.size, dtype=bool)
    new[1:] = first[1:] >= np.maximum.accumulate(last)[:-1]
    heads = np.flatnonzero(new)
    begin, stop = first[heads], np.maximum.reduceat(last, heads)
    sizes = stop - begin
    cluster = np.repeat(np.arange(heads.size), sizes)
    offset = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    members = np.repeat(begin, sizes) + offset
    return below[order[members]], cluster


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per cluster of split payments."""
    threshold = config["procurement_threshold"] * common.PAISA
    window = config["split_window_days"]
    payments = tables.paid
    rows, cluster = windows(payments, threshold, window)
    if rows.size == 0:
        return []
    hits = payments.iloc[rows].assign(cluster=cluster)
    ids = common.ids_by_group(hits, ["cluster"], "transaction_id")
    grouped = hits.sort_values(["payment_date", "transaction_id"]).groupby("cluster", sort=True)
    summary = grouped.agg(
        lg_code=("lg_code", "first"),
        fiscal_year=("fiscal_year", "first"),
        dept_code=("dept_code", "first"),
        supplier_id=("supplier_id", "first"),
        total=("amount", "sum"),
        count=("amount", "size"),
        smallest=("amount", "min"),
        largest=("amount", "max"),
        first_day=("payment_date", "min"),
        last_day=("payment_date", "max"),
    )
    names = tables.names
    findings = []
    for key, row in common.rows(summary):
        span = int((row["last_day"] - row["first_day"]).days)
        count, total = int(row["count"]), int(row["total"])
        dept, supplier = str(row["dept_code"]), str(row["supplier_id"])
        period_en, period_ur = within_days(span), within_days(span, "ur")
        if span > window:  # overlapping windows make one finding
            period_en = f"over {span} days, in overlapping windows of {window} days"
            period_ur = f"{span} دن کے دوران، {window} دن کی ایک دوسرے سے ملی ہوئی مدتوں میں،"
        findings.append(
            Finding(
                code=CODE,
                lg_code=str(row["lg_code"]),
                fiscal_year=str(row["fiscal_year"]),
                subject_kind="supplier",
                subject=supplier,
                dept_code=dept,
                rows=ids[key],
                amount=total,
                value=total / common.PAISA,
                threshold=threshold / common.PAISA,
                unit="rupees",
                facts=(
                    ("payments", count),
                    ("days", span),
                    ("smallest_rupees", int(row["smallest"]) / common.PAISA),
                    ("largest_rupees", int(row["largest"]) / common.PAISA),
                    ("window_days", window),
                ),
                explanation_en=(
                    f"{count} payments from {names.department(dept)} to "
                    f"{names.supplier(supplier)} {period_en}, each below the "
                    f"procurement threshold of {money(threshold)}, together {money(total)}. "
                    "Paying one purchase in parts can avoid open tendering."
                ),
                explanation_ur=(
                    f"{names.department(dept, 'ur')} نے {names.supplier(supplier, 'ur')} کو "
                    f"{period_ur} {number(count, 'ur')} ادائیگیاں کیں؛ ہر "
                    f"ادائیگی خریداری کی حد {money(threshold, 'ur')} سے کم تھی، مگر سب مل کر "
                    f"{money(total, 'ur')} بنتی ہیں۔ ایک خریداری کو حصوں میں ادا کر کے کھلے "
                    "ٹینڈر سے بچا جا سکتا ہے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Split payments below the procurement threshold",
    title_ur="خریداری کی حد سے کم ٹکڑوں میں ادائیگیاں",
    reads="payments",
    settings=("procurement_threshold", "split_window_days"),
    rule=rule,
    find=find,
)
