"""Findings as one flat table, one row per finding, to publish as a CSV dataset."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from pipeline.flags.finding import Finding

COLUMNS = (
    "code",
    "lg_code",
    "fiscal_year",
    "subject_kind",
    "subject",
    "dept_code",
    "row_count",
    "rows",
    "amount",
    "value",
    "threshold",
    "unit",
    "facts",
    "explanation_en",
    "explanation_ur",
)


def rupees(paisa: int | None) -> str:
    """Exact rupees with two decimals ('6090.63'), or '' when there is no amount."""
    if paisa is None:
        return ""
    sign = "-" if paisa < 0 else ""
    return f"{sign}{abs(paisa) // 100}.{abs(paisa) % 100:02d}"


def facts(finding: Finding) -> str:
    """'name=value; name=value'."""
    return "; ".join(f"{name}={value}" for name, value in finding.facts)


def to_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding: rows joined by spaces, ``amount`` in rupees (exact, as text)."""
    records = [
        {
            "code": f.code,
            "lg_code": f.lg_code,
            "fiscal_year": f.fiscal_year or "",
            "subject_kind": f.subject_kind,
            "subject": f.subject,
            "dept_code": f.dept_code or "",
            "row_count": len(f.rows),
            "rows": " ".join(f.rows),
            "amount": rupees(f.amount),
            "value": f.value,
            "threshold": f.threshold,
            "unit": f.unit,
            "facts": facts(f),
            "explanation_en": f.explanation_en,
            "explanation_ur": f.explanation_ur,
        }
        for f in findings
    ]
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    return frame.astype({"row_count": "int64", "value": "float64", "threshold": "float64"})
