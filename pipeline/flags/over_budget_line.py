"""over_budget_line: payments on a budget line above its revised estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import money, number, percent

CODE = "over_budget_line"


def rule(config: Config) -> tuple[str, str]:
    """The rule in words (this indicator has no threshold to set)."""
    return (
        "A budget line on which the payments published in the spending data total more than "
        "the line's revised estimate.",
        "ایسی بجٹ لائن جس پر اخراجات کے ڈیٹا میں شائع شدہ ادائیگیوں کا مجموعہ اس لائن کے "
        "نظرثانی شدہ تخمینے سے زیادہ ہو۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per budget line paid beyond its revised estimate."""
    payments = tables.paid
    paid = payments.groupby("budget_line_id", sort=True)["amount"].agg(["sum", "size"])
    budget = tables.budget.dropna(subset=["line_id", "revised"]).drop_duplicates("line_id")
    lines = budget.set_index("line_id").join(paid, how="inner")
    lines = lines[lines["sum"].to_numpy(dtype=np.int64) > lines["revised"].to_numpy(np.int64)]
    names = tables.names
    findings = []
    for line_id, row in common.rows(lines.sort_index()):
        revised, total = int(row["revised"]), int(row["sum"])
        dept = str(row["dept_code"])
        facts: list[tuple[str, int | float | str]] = [
            ("payments", int(row["size"])),
            ("revised_rupees", revised / common.PAISA),
        ]
        for column in ("approved", "actual"):
            if pd.notna(row.get(column)):
                facts.append((f"{column}_rupees", int(row[column]) / common.PAISA))
        over = percent((total - revised) / revised) if revised > 0 else "–"
        over_ur = percent((total - revised) / revised, "ur") if revised > 0 else "–"
        findings.append(
            Finding(
                code=CODE,
                lg_code=str(row["lg_code"]),
                fiscal_year=str(row["fiscal_year"]),
                subject_kind="budget_line",
                subject=str(line_id),
                dept_code=dept,
                rows=(str(line_id),),
                amount=total - revised,
                value=total / common.PAISA,
                threshold=revised / common.PAISA,
                unit="rupees",
                facts=tuple(facts),
                explanation_en=(
                    f"Payments on budget line {names.line(str(line_id))} of "
                    f"{names.department(dept)} total {money(total)} in {number(int(row['size']))} "
                    f"payments, {money(total - revised)} ({over}) above its revised estimate of "
                    f"{money(revised)}."
                ),
                explanation_ur=(
                    f"{names.department(dept, 'ur')} کی بجٹ لائن "
                    f"{names.line(str(line_id), 'ur')} پر {number(int(row['size']), 'ur')} "
                    f"ادائیگیوں کا مجموعہ {money(total, 'ur')} ہے، جو نظرثانی شدہ تخمینے "
                    f"{money(revised, 'ur')} سے {money(total - revised, 'ur')} ({over_ur}) "
                    "زیادہ ہے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Payments above the revised budget",
    title_ur="نظرثانی شدہ بجٹ سے زیادہ ادائیگیاں",
    reads="budget",
    settings=(),
    rule=rule,
    find=find,
)
