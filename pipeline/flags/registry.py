"""Every indicator, in the order findings are listed, and the methodology they publish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline import settings
from pipeline.flags import (
    amount_outlier,
    benford,
    closed_not_satisfied,
    closed_without_action,
    dominant_supplier,
    duplicate_payment,
    over_budget_line,
    overdue_open,
    reopened,
    resolution_satisfaction_gap,
    round_amounts,
    shared_supplier_id,
    split_payment,
    weekend_holiday_payment,
    year_end_rush,
)
from pipeline.flags.indicator import Indicator

REGISTRY: tuple[Indicator, ...] = (
    split_payment.INDICATOR,
    duplicate_payment.INDICATOR,
    round_amounts.INDICATOR,
    benford.INDICATOR,
    dominant_supplier.INDICATOR,
    amount_outlier.INDICATOR,
    over_budget_line.INDICATOR,
    year_end_rush.INDICATOR,
    weekend_holiday_payment.INDICATOR,
    shared_supplier_id.INDICATOR,
    overdue_open.INDICATOR,
    closed_not_satisfied.INDICATOR,
    reopened.INDICATOR,
    closed_without_action.INDICATOR,
    resolution_satisfaction_gap.INDICATOR,
)
CODES: tuple[str, ...] = tuple(indicator.code for indicator in REGISTRY)
#: Said wherever findings are shown.
NOT_PROOF = (
    "A flag is a reason to look, never proof of wrongdoing.",
    "کوئی نشان صرف جانچ کی وجہ ہے، غلط کام کا ثبوت ہرگز نہیں۔",
)


def indicator(code: str) -> Indicator:
    """The indicator with ``code`` (KeyError naming the known codes if there is none)."""
    for item in REGISTRY:
        if item.code == code:
            return item
    raise KeyError(f"unknown indicator {code!r}; known: {', '.join(CODES)}")


def methodology(config: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Code, titles, rule (with the thresholds in ``config``) and settings of every
    indicator, for the methodology page."""
    values = {**settings.DEFAULTS, **(config or {})}
    return [item.describe(values) for item in REGISTRY]
