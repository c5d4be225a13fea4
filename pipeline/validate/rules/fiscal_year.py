"""Fiscal years: written as 2024-25, dates inside their year, rows in the right year's file."""

from __future__ import annotations

import re

import numpy as np
import pyarrow.compute as pc

from pipeline.validate import hints
from pipeline.validate.findings import Finding, Param, group
from pipeline.validate.rules import Context

FISCAL_YEAR = "fiscal_year"
#: Date fields that must fall inside the row's fiscal year.
DATED_FIELDS = ("payment_date", "requested_datetime")
_FILE_YEAR = re.compile(r"(\d{4}-\d{2})$")


def fiscal_year_of(days: np.ndarray, start_month: int) -> np.ndarray:
    """Starting calendar year of the fiscal year each day (datetime64[D]) falls in."""
    years = days.astype("datetime64[Y]").astype(int) + 1970
    months = days.astype("datetime64[M]").astype(int) % 12 + 1
    return np.where(months >= start_month, years, years - 1)


def check(ctx: Context) -> list[Finding]:
    if not ctx.has(FISCAL_YEAR):
        return []
    findings: list[Finding] = []
    column = ctx.checked[FISCAL_YEAR]
    text = ctx.raw[FISCAL_YEAR]
    index = ctx.positions[FISCAL_YEAR]
    valid = column.valid.copy()
    start = np.zeros(len(valid), dtype=np.int64)
    if valid.any():
        head = pc.cast(pc.utf8_slice_codeunits(text, 0, 4), "int64", safe=False)
        tail = pc.cast(pc.utf8_slice_codeunits(text, 5, 7), "int64", safe=False)
        head_np = np.asarray(head.to_numpy(zero_copy_only=False))
        tail_np = np.asarray(tail.to_numpy(zero_copy_only=False))
        wrong = valid & ((head_np + 1) % 100 != tail_np)
        if wrong.any():
            bad = np.flatnonzero(wrong)
            values = text.take(bad).to_pylist()
            value_params: dict[str, dict[str, Param]] = {}
            for v in set(values):
                hint = hints.fiscal_year_hint(v)
                value_params[v] = {"suggestion": hint} if hint else {}
            findings.append(
                group(
                    "bad-fiscal-year",
                    ctx.file,
                    FISCAL_YEAR,
                    index,
                    ctx.rows[bad],
                    values,
                    len(bad),
                    value_params=value_params,
                )
            )
            valid &= ~wrong
        start = np.where(valid, head_np, 0)

    if match := _FILE_YEAR.search(ctx.resource):
        expected = match.group(1)
        other = valid & ~np.asarray(pc.equal(text, expected).to_numpy(zero_copy_only=False))
        if other.any():
            bad = np.flatnonzero(other)
            findings.append(
                group(
                    "wrong-year-file",
                    ctx.file,
                    FISCAL_YEAR,
                    index,
                    ctx.rows[bad],
                    text.take(bad).to_pylist(),
                    len(bad),
                    {"expected": expected},
                )
            )

    for name in DATED_FIELDS:
        if not ctx.has(name) or ctx.checked[name].parsed is None:
            continue
        parsed = ctx.checked[name].parsed
        assert parsed is not None
        local = parsed + np.timedelta64(ctx.utc_offset_hours if "datetime" in name else 0, "h")
        days = local.astype("datetime64[D]")
        usable = valid & ctx.checked[name].valid
        actual = fiscal_year_of(days, ctx.fiscal_year_start_month)
        outside = usable & (actual != start)
        for year in np.unique(start[outside]):
            bad = np.flatnonzero(outside & (start == year))
            label = f"{year}-{(year + 1) % 100:02d}"
            params = {"fiscal_year": label, "start": str(year), "end": str(year + 1)}
            findings.append(
                group(
                    "date-outside-fiscal-year",
                    ctx.file,
                    name,
                    ctx.positions[name],
                    ctx.rows[bad],
                    ctx.raw[name].take(bad).to_pylist(),
                    len(bad),
                    params,
                )
            )
    return findings
