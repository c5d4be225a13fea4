"""closed_not_satisfied: a department whose closed complaints leave most citizens unsatisfied."""

from __future__ import annotations

from pipeline.flags import common
from pipeline.flags.complaint_counts import KEYS, marks, per_department
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import ltr, number, percent

CODE = "closed_not_satisfied"


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    share, least = config["not_satisfied_share"], config["min_group_complaints"]
    return (
        f"A department whose citizens were not satisfied with more than {percent(share)} of the "
        f"closed complaints they rated in a fiscal year, with at least {least} rated closed "
        "complaints that year.",
        f"ایسا محکمہ جس کی کسی مالی سال میں بند کی گئی شکایات میں سے، جن پر شہریوں نے رائے دی، "
        f"{percent(share, 'ur')} سے زیادہ پر وہ مطمئن نہ ہوں، اور اس سال ایسی کم از کم "
        f"{number(least, 'ur')} شکایات ہوں۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and year."""
    share_limit = config["not_satisfied_share"]
    marked = marks(tables.complaints)
    counts = per_department(marked)
    least = config["min_group_complaints"]
    counts = common.over_share(counts, "unhappy", "closed_rated", least, share_limit)
    if counts.empty:
        return []
    ids = common.ids_in(counts, marked[marked["unhappy"]], KEYS, "service_request_id")
    names = tables.names
    findings = []
    for key, row in common.rows(counts):
        lg, year, dept = (str(part) for part in key)
        unhappy, rated = int(row["unhappy"]), int(row["closed_rated"])
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
                facts=(("not_satisfied", unhappy), ("rated_closed", rated)),
                explanation_en=(
                    f"Citizens were not satisfied with {number(unhappy)} of the {number(rated)} "
                    f"closed complaints to {names.department(dept)} in {year} that they rated "
                    f"({percent(row['share'])})."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.department(dept, 'ur')} کی جن "
                    f"{number(rated, 'ur')} بند شکایات پر شہریوں نے رائے دی، ان میں سے "
                    f"{number(unhappy, 'ur')} ({percent(row['share'], 'ur')}) پر وہ مطمئن نہیں تھے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Complaints closed but citizens not satisfied",
    title_ur="شکایات بند مگر شہری غیر مطمئن",
    reads="complaints",
    settings=("not_satisfied_share", "min_group_complaints"),
    rule=rule,
    find=find,
)
