"""overdue_open: complaints still open past the time limit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import ltr, number

CODE = "overdue_open"
KEYS = ["lg_code", "agency_responsible"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    days = config["complaint_limit_days"]
    return (
        f"A department with complaints still open more than {days} days after they were made, "
        "counted at the latest time in the complaint data.",
        f"ایسا محکمہ جس کی شکایات درج ہونے کے {number(days, 'ur')} دن سے زیادہ بعد بھی کھلی ہوں، "
        "شکایات کے ڈیٹا کے آخری وقت کے مطابق۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per local government and department with overdue complaints."""
    limit = config["complaint_limit_days"]
    as_of = tables.complaints_as_of()
    complaints = tables.complaints.dropna(subset=[*KEYS, "requested_datetime"])
    if as_of is None or complaints.empty:
        return []
    age = (as_of - complaints["requested_datetime"]).dt.total_seconds().to_numpy() / 86400
    open_ = complaints["status"].eq("open").fillna(False).to_numpy(dtype=bool)
    hits = complaints.assign(age=age)[open_ & (age > limit)]
    if hits.empty:
        return []
    ids = common.ids_by_group(hits, KEYS, "service_request_id")
    summary = hits.groupby(KEYS, sort=True)["age"].agg(["size", "max"])
    names = tables.names
    local = as_of.tz_localize(None) if as_of.tzinfo else as_of
    date = (local + pd.Timedelta(hours=config["utc_offset_hours"])).strftime("%Y-%m-%d")
    findings = []
    for key, row in common.rows(summary):
        lg, dept = (str(part) for part in key)
        size, oldest = int(row["size"]), float(row["max"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=None,
                subject_kind="department",
                subject=dept,
                dept_code=dept,
                rows=ids[key],
                amount=None,
                value=round(oldest, 1),
                threshold=limit,
                unit="days",
                facts=(("complaints", size), ("as_of", date)),
                explanation_en=(
                    f"{number(size)} complaints to {names.department(dept)} were still open on "
                    f"{date}, more than {limit} days after they were made; the oldest had waited "
                    f"{number(int(np.floor(oldest)))} days."
                ),
                explanation_ur=(
                    f"{ltr(date)} کو {names.department(dept, 'ur')} کی {number(size, 'ur')} "
                    f"شکایات درج ہونے کے {number(limit, 'ur')} دن سے زیادہ بعد بھی کھلی تھیں؛ "
                    f"سب سے پرانی شکایت {number(int(np.floor(oldest)), 'ur')} دن سے زیرِ التوا تھی۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Complaints open past the time limit",
    title_ur="مقررہ مدت سے زیادہ کھلی شکایات",
    reads="complaints",
    settings=("complaint_limit_days", "utc_offset_hours"),
    rule=rule,
    find=find,
)
