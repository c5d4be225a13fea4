"""year_end_rush: much of a department's year's spending paid in the year's last month."""

from __future__ import annotations

import numpy as np

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import MONTHS_EN, MONTHS_UR, ltr, money, number, percent

CODE = "year_end_rush"
KEYS = ["lg_code", "fiscal_year", "dept_code"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    share, least = config["year_end_share"], config["min_group_payments"]
    month = common.last_month(config["fiscal_year_start_month"]) - 1
    return (
        f"A department that paid more than {percent(share)} of its spending in a finished "
        f"fiscal year in the year's last month ({MONTHS_EN[month]}), with at least {least} "
        f"payments that year. An even spread would put {percent(1 / 12)} in each month.",
        f"ایسا محکمہ جس نے کسی مکمل مالی سال کے اخراجات کا {percent(share, 'ur')} سے زیادہ "
        f"سال کے آخری مہینے ({MONTHS_UR[month]}) میں ادا کیا ہو، اور اس سال اس کی کم از کم "
        f"{number(least, 'ur')} ادائیگیاں ہوں۔ یکساں تقسیم میں ہر مہینے "
        f"{percent(1 / 12, 'ur')} ہوتا۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and finished year with a year-end rush."""
    start = config["fiscal_year_start_month"]
    share_limit = config["year_end_share"]
    month = common.last_month(start)
    payments = tables.paid.dropna(subset=KEYS)
    payments = payments[common.finished(payments["fiscal_year"], tables.payments_as_of(), start)]
    months = payments["payment_date"].to_numpy(dtype="datetime64[M]").astype(np.int64) % 12 + 1
    frame = payments.assign(last=months == month)
    frame = frame.assign(late=frame["amount"].where(frame["last"], 0))
    groups = frame.groupby(KEYS, sort=True).agg(
        total=("amount", "sum"), late=("late", "sum"), size=("amount", "size")
    )
    groups = groups[groups["size"] >= config["min_group_payments"]]
    groups = common.over_share(groups, "late", "total", 1, share_limit)
    if groups.empty:
        return []
    ids = common.ids_in(groups, frame[frame["last"]], KEYS, "transaction_id")
    names = tables.names
    findings = []
    for key, row in common.rows(groups):
        lg, year, dept = (str(part) for part in key)
        late, total = int(row["late"]), int(row["total"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="department",
                subject=dept,
                dept_code=dept,
                rows=ids[key],
                amount=late,
                value=float(row["share"]),
                threshold=share_limit,
                unit="share",
                facts=(
                    ("month", month),
                    ("payments", len(ids[key])),
                    ("year_total_rupees", total / common.PAISA),
                ),
                explanation_en=(
                    f"{names.department(dept)} paid {percent(row['share'])} of its {year} "
                    f"spending ({money(late)} of {money(total)}) in {MONTHS_EN[month - 1]}, the "
                    f"last month of the fiscal year; an even spread would be "
                    f"{percent(1 / 12)}."
                ),
                explanation_ur=(
                    f"{names.department(dept, 'ur')} نے مالی سال {ltr(year)} کے اخراجات کا "
                    f"{percent(row['share'], 'ur')} ({money(total, 'ur')} میں سے "
                    f"{money(late, 'ur')}) سال کے آخری مہینے {MONTHS_UR[month - 1]} میں ادا کیا؛ "
                    f"یکساں تقسیم میں یہ شرح {percent(1 / 12, 'ur')} ہوتی۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Year-end rush of spending",
    title_ur="سال کے آخر میں اخراجات کی بھرمار",
    reads="payments",
    settings=("year_end_share", "min_group_payments", "fiscal_year_start_month"),
    rule=rule,
    find=find,
)
