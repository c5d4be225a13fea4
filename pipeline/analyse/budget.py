"""Budget vs actual: approved, revised and actual per local government, year and department."""

from __future__ import annotations

import pandas as pd

AMOUNTS = ["approved", "revised", "actual"]


def _amounts(frame: pd.DataFrame) -> dict[str, int | None]:
    """Sums in paisa; a phase nobody has reported yet (all blank) is None, not zero."""
    return {
        phase: (int(frame[phase].sum()) if frame[phase].notna().any() else None)
        for phase in AMOUNTS
    }


def summary(lines: pd.DataFrame, departments: pd.DataFrame) -> dict[str, dict[str, dict]]:
    """{lg_code: {fiscal_year: {totals, by_type, departments}}}, amounts in paisa."""
    names = departments.set_index("dept_code")[["name_en", "name_ur"]]
    out: dict[str, dict[str, dict]] = {}
    for (lg, year), frame in lines.groupby(["lg_code", "fiscal_year"], sort=True):
        by_department = []
        for dept, part in frame.groupby("dept_code", sort=True):
            entry = {"code": dept, **names.loc[dept].to_dict(), **_amounts(part)}
            by_department.append(entry)
        by_department.sort(key=lambda d: -(d["approved"] or 0))
        out.setdefault(str(lg), {})[str(year)] = {
            "totals": _amounts(frame),
            "by_type": {
                str(kind): _amounts(part)
                for kind, part in frame.groupby("expenditure_type", sort=True)
            },
            "departments": by_department,
            "lines": len(frame),
        }
    return out
