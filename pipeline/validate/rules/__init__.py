"""Shafaf's own checks, beyond what a Table Schema can say. Each rule is one module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from pipeline.validate.cells import Column
from pipeline.validate.findings import Finding


@dataclass
class Context:
    """One checked table, as the rules see it."""

    file: str
    resource: str
    rows: np.ndarray
    raw: dict[str, pa.ChunkedArray]  # field name -> the column's text
    checked: dict[str, Column]  # field name -> outcome of its cell checks
    positions: dict[str, int]  # field name -> column index in the file
    free_text: list[str]  # string fields with no enum, pattern or format
    fiscal_year_start_month: int
    utc_offset_hours: int

    def has(self, *names: str) -> bool:
        return all(name in self.checked for name in names)


Rule = Callable[[Context], list[Finding]]


def all_rules() -> list[Rule]:
    from pipeline.validate.rules import complaint_times, fiscal_year, personal_data, zero_amount

    return [fiscal_year.check, complaint_times.check, personal_data.check, zero_amount.check]
