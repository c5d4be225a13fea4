"""Personal data (CNIC, phone numbers, e-mail addresses) in text that will be published."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.i18n import lazy_gettext as _
from pipeline.personal_data import PATTERNS, URDU_DIGITS
from pipeline.validate.cells import mask as mask_of
from pipeline.validate.findings import Finding, group
from pipeline.validate.rules import Context

#: The kinds of personal detail (pipeline.personal_data.PATTERNS) as a clerk reads them.
KINDS = {
    "a CNIC number": _("a CNIC number"),
    "a mobile phone number": _("a mobile phone number"),
    "a landline phone number": _("a landline phone number"),
    "an e-mail address": _("an e-mail address"),
}
#: Cheap first pass: seven digits in a row (Latin or Urdu, perhaps split by - or space) or an @.
_ANY = "@|[0-9۰-۹٠-٩][- ]?[0-9۰-۹٠-٩]{2}[- ]?[0-9۰-۹٠-٩]{4}"


def _ascii_digits(column: pa.ChunkedArray) -> pa.ChunkedArray:
    if not pc.any(pc.match_substring_regex(column, "[۰-۹٠-٩]")).as_py():
        return column
    for urdu, ascii_digit in URDU_DIGITS.items():
        column = pc.replace_substring(column, urdu, ascii_digit)
    return column


def mask(text: str) -> str:
    """Hide all but the shape of a personal detail: 35202-1234567-1 -> *****-*******-*."""
    hidden = re.sub(r"[0-9]", "*", text)
    return re.sub(r"(?<=.)[A-Za-z]", "*", hidden)


def check(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for name in ctx.free_text:
        if name not in ctx.checked:
            continue
        # One pass over the column (or its distinct values) finds the cells worth a closer look.
        distinct = ctx.checked[name].distinct
        if distinct is None:
            suspects = np.flatnonzero(mask_of(pc.match_substring_regex(ctx.raw[name], _ANY)))
        else:
            uniques, indices = distinct
            suspects = np.flatnonzero(mask_of(pc.match_substring_regex(uniques, _ANY))[indices])
        if not len(suspects):
            continue
        column = _ascii_digits(ctx.raw[name].take(pa.array(suspects)))
        flagged = np.zeros(len(column), dtype=bool)  # one finding per cell, the likeliest kind
        for kind, pattern in PATTERNS:
            hits = pc.match_substring_regex(column, pattern)
            mask_np = np.asarray(pc.fill_null(hits, False).to_numpy(zero_copy_only=False))
            mask_np &= ~flagged
            flagged |= mask_np
            if not mask_np.any():
                continue
            bad = np.flatnonzero(mask_np)
            compiled = re.compile(pattern)
            shown = []
            for text in column.take(bad[:1000]).to_pylist():
                found = compiled.search(text)
                shown.append(mask(found.group(0).strip() if found else text))
            findings.append(
                group(
                    "personal-data",
                    ctx.file,
                    name,
                    ctx.positions[name],
                    ctx.rows[suspects[bad]],
                    shown,
                    len(bad),
                    {"kind": KINDS.get(kind, kind)},
                )
            )
    return findings
