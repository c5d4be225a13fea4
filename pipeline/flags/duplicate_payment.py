"""duplicate_payment: the same amount paid to the same supplier again within days."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import money, number, within_days

CODE = "duplicate_payment"
KEYS = ["lg_code", "supplier_id", "amount"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    days = config["duplicate_window_days"]
    return (
        f"A local government pays one supplier the same amount two or more times, each payment "
        f"within {days} days of the one before, on different vouchers.",
        f"کوئی مقامی حکومت ایک ہی سپلائر کو ایک ہی رقم دو یا زیادہ بار ادا کرے، ہر ادائیگی پچھلی "
        f"سے {number(days, 'ur')} دن کے اندر ہو، اور واؤچر الگ الگ ہوں۔",
    )


def chains(payments: pd.DataFrame, window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of repeated payments, a chain number for each, and the days since the
    previous payment of its chain (0 for the first)."""
    none = np.array([], dtype=np.int64)
    amount = payments["amount"].to_numpy(dtype=np.int64)
    key = common.group_ids(payments, KEYS)
    candidate = np.flatnonzero(pd.Series(key).duplicated(keep=False).to_numpy() & (amount > 0))
    if candidate.size < 2:
        return none, none, none
    sub = payments.iloc[candidate]
    voucher = pd.factorize(sub["voucher_no"], sort=True)[0]
    row_id = pd.factorize(sub["transaction_id"], sort=True)[0]
    day = common.day_numbers(sub["payment_date"])
    order = np.lexsort((row_id, voucher, day, key[candidate]))
    k, d, v = key[candidate][order], day[order], voucher[order]
    gap = np.diff(d)
    link = (k[1:] == k[:-1]) & (gap <= window) & ((v[1:] != v[:-1]) | (v[1:] < 0))
    if not link.any():
        return none, none, none
    member = np.zeros(order.size, dtype=bool)
    member[1:] |= link
    member[:-1] |= link
    starts = np.ones(order.size, dtype=bool)
    starts[1:] = ~link
    chain = np.cumsum(starts) - 1
    since = np.concatenate([[0], np.where(link, gap, 0)])
    return candidate[order[member]], chain[member], since[member]


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per chain of repeated payments."""
    window = config["duplicate_window_days"]
    payments = tables.paid
    rows, chain, since = chains(payments, window)
    if rows.size == 0:
        return []
    hits = payments.iloc[rows].assign(chain=chain, since=since)
    ids = common.ids_by_group(hits, ["chain"], "transaction_id")
    vouchers = common.ids_by_group(hits.fillna({"voucher_no": "–"}), ["chain"], "voucher_no")
    grouped = hits.sort_values(["payment_date", "transaction_id"]).groupby("chain", sort=True)
    summary = grouped.agg(
        lg_code=("lg_code", "first"),
        fiscal_year=("fiscal_year", "first"),
        dept_code=("dept_code", "first"),
        supplier_id=("supplier_id", "first"),
        amount=("amount", "first"),
        count=("amount", "size"),
        gap=("since", "max"),
        first_day=("payment_date", "min"),
        last_day=("payment_date", "max"),
    )
    names = tables.names
    findings = []
    for key, row in common.rows(summary):
        count, amount = int(row["count"]), int(row["amount"])
        span = int((row["last_day"] - row["first_day"]).days)
        supplier = str(row["supplier_id"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=str(row["lg_code"]),
                fiscal_year=str(row["fiscal_year"]),
                subject_kind="supplier",
                subject=supplier,
                dept_code=str(row["dept_code"]),
                rows=ids[key],
                amount=amount * (count - 1),
                value=int(row["gap"]),
                threshold=window,
                unit="days",
                facts=(
                    ("payments", count),
                    ("amount_rupees", amount / common.PAISA),
                    ("days", span),
                    ("vouchers", " ".join(vouchers[key])),
                ),
                explanation_en=(
                    f"{names.supplier(supplier)} was paid the same {money(amount)} "
                    f"{'twice' if count == 2 else f'{count} times'} {within_days(span)}, on "
                    f"different vouchers: {money(amount * (count - 1))} may have been paid "
                    "twice."
                ),
                explanation_ur=(
                    f"{names.supplier(supplier, 'ur')} کو {within_days(span, 'ur')} ایک ہی "
                    f"رقم {money(amount, 'ur')} {number(count, 'ur')} بار، الگ الگ واؤچروں پر، "
                    f"ادا کی گئی: ممکن ہے {money(amount * (count - 1), 'ur')} دوہری ادائیگی ہو۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Possible duplicate payments",
    title_ur="ممکنہ دوہری ادائیگیاں",
    reads="payments",
    settings=("duplicate_window_days",),
    rule=rule,
    find=find,
)
