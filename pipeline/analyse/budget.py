"""Budget vs actual: approved, revised and actual per local government, year and department."""

from __future__ import annotations

import pandas as pd

AMOUNTS = ["approved", "revised", "actual"]


def _amounts(frame: pd.DataFrame) -> dict[str, int | float | None]:
    """Sums in paisa; a phase nobody has reported yet (all blank) is None, not zero.

    ``{phase}_lines`` says how many of the ``lines`` each sum rests on (a revised estimate or an
    actual may be reported for some lines only). ``spent_of_revised`` is actual / revised over
    the ``execution_lines`` that report both, None when none does.
    """
    out: dict[str, int | float | None] = {"lines": len(frame)}
    for phase in AMOUNTS:
        known = frame[phase].notna()
        out[phase] = int(frame[phase].sum()) if known.any() else None
        out[f"{phase}_lines"] = int(known.sum())
    both = (frame["actual"].notna() & frame["revised"].notna()).to_numpy(dtype=bool)
    revised = int(frame["revised"][both].sum()) if both.any() else 0
    out["execution_lines"] = int(both.sum())
    out["spent_of_revised"] = int(frame["actual"][both].sum()) / revised if revised else None
    return out


def summary(lines: pd.DataFrame, departments: pd.DataFrame) -> dict[str, dict[str, dict]]:
    """{lg_code: {fiscal_year: {totals, by_type, departments}}}, amounts in paisa."""
    names = departments.set_index("dept_code")[["name_en", "name_ur"]]
    out: dict[str, dict[str, dict]] = {}
    for (lg, year), frame in lines.groupby(["lg_code", "fiscal_year"], sort=True):
        by_department = []
        for dept, part in frame.groupby("dept_code", sort=True):
            entry = {"code": dept, **names.loc[dept].to_dict(), **_amounts(part)}
            by_department.append(entry)
        by_department.sort(key=lambda d: (-(d["approved"] or 0), d["code"]))
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
