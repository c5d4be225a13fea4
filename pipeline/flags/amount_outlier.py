"""amount_outlier: payments above the upper Tukey fence of their object code and year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import decimal, ltr, money, number

CODE = "amount_outlier"
KEYS = ["lg_code", "fiscal_year", "object_code"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    k, least = config["outlier_iqr_factor"], config["min_group_payments"]
    return (
        f"Payments above the upper Tukey fence Q3 + {decimal(k)} × IQR of the payments a local "
        f"government made on the same object code in the same fiscal year (Q1 and Q3 are the "
        f"lower and upper quartiles, IQR = Q3 − Q1), for object codes with at least {least} "
        "payments. The fences are published with each finding.",
        f"وہ ادائیگیاں جو اسی مالی سال میں اسی مد (آبجیکٹ کوڈ) پر مقامی حکومت کی ادائیگیوں کی "
        f"بالائی ٹُوکی حد Q3 + {decimal(k, 'ur')} × IQR سے زیادہ ہوں (Q1 اور Q3 نچلا اور "
        f"بالائی ربع ہیں، IQR = Q3 − Q1)، ان مدوں میں جن کی کم از کم {number(least, 'ur')} "
        "ادائیگیاں ہوں۔ ہر نتیجے کے ساتھ یہ حدیں شائع کی جاتی ہیں۔",
    )


def fences(payments: pd.DataFrame, k: float) -> pd.DataFrame:
    """Count, Q1, Q3 and upper fence (paisa) of every group of ``KEYS``."""
    grouped = payments.groupby(KEYS, sort=True)["amount"]
    frame = pd.DataFrame(
        {
            "size": grouped.size(),
            "q1": grouped.quantile(0.25),
            "q3": grouped.quantile(0.75),
        }
    )
    return frame.assign(fence=frame["q3"] + k * (frame["q3"] - frame["q1"]))


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per object code and year with payments above its fence."""
    k = config["outlier_iqr_factor"]
    payments = tables.paid.dropna(subset=KEYS)
    bounds = fences(payments, k)
    bounds = bounds[bounds["size"] >= config["min_group_payments"]]
    if bounds.empty:
        return []
    joined = payments.merge(bounds, left_on=KEYS, right_index=True)
    hits = joined[joined["amount"].to_numpy(dtype=np.float64) > joined["fence"].to_numpy()]
    if hits.empty:
        return []
    ids = common.ids_by_group(hits, KEYS, "transaction_id")
    summary = hits.groupby(KEYS, sort=True)["amount"].agg(["sum", "size", "max"])
    fenced = dict(common.rows(bounds.reindex(summary.index)))
    names = tables.names
    findings = []
    for key, row in common.rows(summary):
        lg, year, code = (str(part) for part in key)
        group = fenced[key]
        q1, q3, fence, size = group["q1"], group["q3"], group["fence"], int(group["size"])
        count, largest = int(row["size"]), int(row["max"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="object_code",
                subject=code,
                dept_code=None,
                rows=ids[key],
                amount=int(row["sum"]),
                value=largest / common.PAISA,
                threshold=fence / common.PAISA,
                unit="rupees",
                facts=(
                    ("payments", size),
                    ("outliers", count),
                    ("q1_rupees", round(q1 / common.PAISA, 2)),
                    ("q3_rupees", round(q3 / common.PAISA, 2)),
                    ("iqr_rupees", round((q3 - q1) / common.PAISA, 2)),
                    ("k", k),
                    ("fence_rupees", round(fence / common.PAISA, 2)),
                ),
                explanation_en=(
                    f"{number(count)} payments on {names.object_code(code)} in {year} are above "
                    f"the upper fence of {money(fence)} (Q3 {money(q3)} + {decimal(k)} × IQR "
                    f"{money(q3 - q1)}, from {number(size)} payments); "
                    f"the largest is {money(largest)}, together {money(row['sum'])}."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں مد {names.object_code(code, 'ur')} کی "
                    f"{number(count, 'ur')} ادائیگیاں بالائی حد {money(fence, 'ur')} سے زیادہ "
                    f"ہیں (Q3 {money(q3, 'ur')} + {decimal(k, 'ur')} × IQR "
                    f"{money(q3 - q1, 'ur')}، کل {number(size, 'ur')} "
                    f"ادائیگیوں سے)؛ سب سے بڑی ادائیگی {money(largest, 'ur')} کی ہے اور سب کی "
                    f"کل رقم {money(row['sum'], 'ur')} ہے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Unusually large payments for their object code",
    title_ur="اپنی مد کے لحاظ سے غیر معمولی بڑی ادائیگیاں",
    reads="payments",
    settings=("outlier_iqr_factor", "min_group_payments"),
    rule=rule,
    find=find,
)
