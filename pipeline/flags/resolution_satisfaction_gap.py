"""resolution_satisfaction_gap: complaints marked resolved that citizens do not call solved."""

from __future__ import annotations

from pipeline.flags import common
from pipeline.flags.complaint_counts import KEYS, marks, per_department
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import ltr, number, percent

CODE = "resolution_satisfaction_gap"


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    gap, least = config["satisfaction_gap"], config["min_group_complaints"]
    points = round(gap * 100)
    return (
        f"A department whose resolved rate (complaints closed of complaints received) in a "
        f"fiscal year is more than {points} percentage points above its satisfaction rate "
        f"(citizens satisfied of citizens who rated), with at least {least} complaints that "
        "year.",
        f"ایسا محکمہ جس کی کسی مالی سال میں حل کی شرح (موصول شکایات میں سے بند کی گئی) اس کی "
        f"اطمینان کی شرح (رائے دینے والے شہریوں میں سے مطمئن) سے {number(points, 'ur')} فیصدی "
        f"پوائنٹس سے زیادہ ہو، اور اس سال اس کی کم از کم {number(least, 'ur')} شکایات ہوں۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and year."""
    limit = config["satisfaction_gap"]
    marked = marks(tables.complaints)
    counts = per_department(marked)
    counts = counts[(counts["received"] >= config["min_group_complaints"]) & (counts["rated"] > 0)]
    resolved = counts["closed"].to_numpy() / counts["received"].to_numpy()
    satisfied = counts["satisfied"].to_numpy() / counts["rated"].to_numpy()
    counts = counts.assign(resolved_rate=resolved, satisfied_rate=satisfied)
    counts = counts.assign(gap=resolved - satisfied)[resolved - satisfied > limit]
    if counts.empty:
        return []
    ids = common.ids_in(counts, marked[marked["unhappy"]], KEYS, "service_request_id")
    names = tables.names
    findings = []
    for key, row in common.rows(counts):
        lg, year, dept = (str(part) for part in key)
        received = int(row["received"])
        res, sat, gap = float(row["resolved_rate"]), float(row["satisfied_rate"]), row["gap"]
        points = round(float(gap) * 100)
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="department",
                subject=dept,
                dept_code=dept,
                rows=ids.get(key, ()),
                amount=None,
                value=float(gap),
                threshold=limit,
                unit="share",
                facts=(
                    ("complaints", received),
                    ("resolved_rate", round(res, 6)),
                    ("satisfied_rate", round(sat, 6)),
                    ("rated", int(row["rated"])),
                ),
                explanation_en=(
                    f"{names.department(dept)} closed {percent(res)} of its {number(received)} "
                    f"complaints in {year} as resolved, but only {percent(sat)} of the citizens "
                    f"who rated the outcome were satisfied: a gap of {points} percentage points. "
                    "The complaints cited are the closed ones citizens were not satisfied with."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.department(dept, 'ur')} نے اپنی "
                    f"{number(received, 'ur')} شکایات میں سے {percent(res, 'ur')} حل شدہ قرار دے "
                    f"کر بند کیں، مگر نتیجے پر رائے دینے والے شہریوں میں سے صرف "
                    f"{percent(sat, 'ur')} مطمئن تھے: {number(points, 'ur')} فیصدی پوائنٹس کا "
                    "فرق۔ حوالے میں وہ بند شکایات دی گئی ہیں جن پر شہری مطمئن نہیں تھے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Resolved on paper, not for citizens",
    title_ur="کاغذ پر حل، شہریوں کے لیے نہیں",
    reads="complaints",
    settings=("satisfaction_gap", "min_group_complaints"),
    rule=rule,
    find=find,
)
