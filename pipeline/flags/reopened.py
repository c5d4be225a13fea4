"""reopened: a department many of whose complaints had to be reopened."""

from __future__ import annotations

from pipeline.flags import common
from pipeline.flags.complaint_counts import KEYS, marks, per_department
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import ltr, number, percent

CODE = "reopened"


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    share, least = config["reopened_share"], config["min_group_complaints"]
    return (
        f"A department that had to reopen more than {percent(share)} of its complaints of a "
        f"fiscal year after closing them, with at least {least} complaints that year.",
        f"ایسا محکمہ جسے کسی مالی سال کی اپنی {percent(share, 'ur')} سے زیادہ شکایات بند کرنے کے "
        f"بعد دوبارہ کھولنی پڑیں، اور اس سال اس کی کم از کم {number(least, 'ur')} شکایات ہوں۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and year."""
    share_limit = config["reopened_share"]
    marked = marks(tables.complaints)
    counts = per_department(marked)
    least = config["min_group_complaints"]
    counts = common.over_share(counts, "reopened", "received", least, share_limit)
    if counts.empty:
        return []
    ids = common.ids_in(counts, marked[marked["reopened"]], KEYS, "service_request_id")
    names = tables.names
    findings = []
    for key, row in common.rows(counts):
        lg, year, dept = (str(part) for part in key)
        reopened, received = int(row["reopened"]), int(row["received"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="department",
                subject=dept,
                dept_code=dept,
                rows=ids[key],
                amount=None,
                value=float(row["share"]),
                threshold=share_limit,
                unit="share",
                facts=(("reopened", reopened), ("complaints", received)),
                explanation_en=(
                    f"{number(reopened)} of the {number(received)} complaints to "
                    f"{names.department(dept)} in {year} ({percent(row['share'])}) were reopened "
                    "after being closed."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.department(dept, 'ur')} کی "
                    f"{number(received, 'ur')} شکایات میں سے {number(reopened, 'ur')} "
                    f"({percent(row['share'], 'ur')}) بند ہونے کے بعد دوبارہ کھولی گئیں۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Complaints reopened after closing",
    title_ur="بند ہونے کے بعد دوبارہ کھلنے والی شکایات",
    reads="complaints",
    settings=("reopened_share", "min_group_complaints"),
    rule=rule,
    find=find,
)
