"""Complaints: resolved after received, and a resolved time exactly when closed."""

from __future__ import annotations

import numpy as np

from pipeline.validate.findings import Finding, group
from pipeline.validate.rules import Context

RECEIVED = "requested_datetime"
RESOLVED = "resolved_datetime"
STATUS = "status"


def check(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    if ctx.has(RECEIVED, RESOLVED):
        received, resolved = ctx.checked[RECEIVED], ctx.checked[RESOLVED]
        assert received.parsed is not None and resolved.parsed is not None
        both = received.valid & resolved.valid
        early = both & (resolved.parsed < received.parsed)
        if early.any():
            bad = np.flatnonzero(early)
            values = ctx.raw[RESOLVED].take(bad).to_pylist()
            received_text = ctx.raw[RECEIVED].take(bad).to_pylist()
            value_params = {v: {"received": r} for v, r in zip(values, received_text, strict=True)}
            findings.append(
                group(
                    "resolved-before-received",
                    ctx.file,
                    RESOLVED,
                    ctx.positions[RESOLVED],
                    ctx.rows[bad],
                    values,
                    len(bad),
                    value_params=value_params,
                )
            )
    if ctx.has(STATUS, RESOLVED):
        status = np.asarray(ctx.raw[STATUS].to_numpy(zero_copy_only=False))
        known = ctx.checked[STATUS].valid
        has_time = ctx.checked[RESOLVED].present
        for code, state, wrong in (
            ("closed-without-resolved-time", "closed", ~has_time),
            ("open-with-resolved-time", "open", has_time),
        ):
            mask = known & (status == state) & wrong
            if mask.any():
                bad = np.flatnonzero(mask)
                values = ctx.raw[RESOLVED].take(bad).to_pylist()
                findings.append(
                    group(
                        code,
                        ctx.file,
                        RESOLVED,
                        ctx.positions[RESOLVED],
                        ctx.rows[bad],
                        values,
                        len(bad),
                    )
                )
    return findings
