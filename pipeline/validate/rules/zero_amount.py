"""Payments of zero: valid (real exports have cancelled vouchers), but worth a second look."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from pipeline.validate.cells import mask
from pipeline.validate.findings import Finding, group
from pipeline.validate.rules import Context

AMOUNT = "amount"
#: The payments' tables, whose ``amount`` is one payment (a budget line of 0 is ordinary).
RESOURCE_PREFIX = "payments"
# A valid number cell that is zero: 0, 0.00, -0, 0,000 (digit grouping already accepted).
_ZERO = r"^[-+]?[0,]*0(\.0*)?$|^[-+]?[0,]*\.0+$"


def check(ctx: Context) -> list[Finding]:
    if not ctx.resource.startswith(RESOURCE_PREFIX) or not ctx.has(AMOUNT):
        return []
    column = ctx.raw[AMOUNT]
    zero = ctx.checked[AMOUNT].valid & mask(
        pc.fill_null(pc.match_substring_regex(pc.utf8_trim_whitespace(column), _ZERO), False)
    )
    if not zero.any():
        return []
    bad = np.flatnonzero(zero)
    return [
        group(
            "zero-amount",
            ctx.file,
            AMOUNT,
            ctx.positions[AMOUNT],
            ctx.rows[bad],
            column.take(bad).to_pylist(),
            len(bad),
        )
    ]
