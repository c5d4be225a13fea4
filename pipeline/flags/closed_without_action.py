"""closed_without_action: complaints closed within hours, with no real note, citizen unhappy."""

from __future__ import annotations

import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import ltr, number

CODE = "closed_without_action"
KEYS = ["lg_code", "fiscal_year", "agency_responsible"]
#: Closures that say nothing was done, or that something was without saying what.
DETAILS = ("closed", "no_further_action", "relief_granted")
#: Notes that say nothing about what was done (compared without case or final full stop).
BOILERPLATE_NOTES = (
    "Complaint resolved.",
    "Matter resolved.",
    "Disposed of.",
    "Issue addressed.",
    "Action taken.",
)
_EMPTY = {"", *(note.rstrip(".").casefold() for note in BOILERPLATE_NOTES)}


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    hours, least = config["quick_close_hours"], config["quick_close_min_complaints"]
    notes = ", ".join(f"“{note}”" for note in BOILERPLATE_NOTES)
    return (
        f"A department with at least {least} complaints in a fiscal year closed within {hours} "
        "hours of being made, as 'closed', 'no further action' or 'relief granted', with no "
        f"note or only a boilerplate one ({notes}), that the citizen was not satisfied with.",
        f"ایسا محکمہ جس کی کسی مالی سال میں کم از کم {number(least, 'ur')} شکایات درج ہونے کے "
        f"{number(hours, 'ur')} گھنٹے کے اندر 'بند'، 'مزید کارروائی درکار نہیں' یا 'داد رسی کر دی "
        "گئی' کہہ کر نمٹا دی گئیں، بغیر کسی نوٹ کے یا صرف رسمی نوٹ کے ساتھ (جیسے “Complaint "
        "resolved.”)، اور شہری ان پر مطمئن نہیں تھا۔",
    )


def quick_closures(complaints: pd.DataFrame, hours: float) -> pd.Series:
    """Which complaints were closed quickly without action and left the citizen unhappy."""
    taken = complaints["resolved_datetime"] - complaints["requested_datetime"]
    quick = taken.le(pd.Timedelta(hours=hours)).fillna(False)
    notes = complaints["status_notes"].fillna("").str.strip().str.rstrip(".").str.casefold()
    return (
        complaints["status"].eq("closed").fillna(False)
        & complaints["status_detail"].isin(DETAILS).fillna(False)
        & quick
        & notes.isin(_EMPTY).fillna(False)
        & complaints["citizen_feedback"].eq("not_satisfied").fillna(False)
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and year with enough quick closures."""
    hours, least = config["quick_close_hours"], config["quick_close_min_complaints"]
    complaints = tables.complaints.dropna(subset=KEYS)
    mask = quick_closures(complaints, hours).to_numpy(dtype=bool)
    taken = complaints["resolved_datetime"] - complaints["requested_datetime"]
    hits = complaints.assign(hours=taken.dt.total_seconds() / 3600)[mask]
    counts = hits.groupby(KEYS, sort=True)["hours"].agg(["size", "max"])
    counts = counts[counts["size"] >= least]
    if counts.empty:
        return []
    ids = common.ids_by_group(hits, KEYS, "service_request_id")
    names = tables.names
    findings = []
    for key, row in common.rows(counts):
        lg, year, dept = (str(part) for part in key)
        size, slowest = int(row["size"]), float(row["max"])
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
                value=size,
                threshold=least,
                unit="complaints",
                facts=(("hours_limit", hours), ("slowest_hours", round(slowest, 1))),
                explanation_en=(
                    f"{number(size)} complaints to {names.department(dept)} in {year} were "
                    f"closed within {hours} hours (the slowest in {slowest:.1f} hours) as "
                    "closed, no further action or relief granted, with no note or a boilerplate "
                    "one, and the citizens were not satisfied."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.department(dept, 'ur')} کی "
                    f"{number(size, 'ur')} شکایات {number(hours, 'ur')} گھنٹے کے اندر (سب سے "
                    f"دیر والی {ltr(f'{slowest:.1f}')} گھنٹے میں) 'بند'، 'مزید کارروائی درکار "
                    "نہیں' یا 'داد رسی کر دی گئی' کہہ کر نمٹا دی گئیں، بغیر کسی نوٹ کے یا صرف رسمی "
                    "نوٹ کے ساتھ، اور شہری مطمئن نہیں تھے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Complaints closed without action",
    title_ur="بغیر کارروائی کے بند کی گئی شکایات",
    reads="complaints",
    settings=("quick_close_hours", "quick_close_min_complaints"),
    rule=rule,
    find=find,
)
