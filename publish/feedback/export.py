"""The public export: every complaint's public fields as the CSV ``pipeline.open311`` imports."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from pipeline.open311 import EXPORT_FIELDS
from publish.feedback.records import Request
from publish.feedback.render import when
from publish.feedback.store import Store


def row(r: Request, offset_hours: int) -> list[str]:
    """One record in EXPORT_FIELDS order (contact details are not in a Request at all)."""
    values = {
        **{name: getattr(r, name, "") for name in EXPORT_FIELDS},
        "requested_datetime": when(r.requested_at, offset_hours),
        "updated_datetime": when(r.updated_at, offset_hours),
        "expected_datetime": when(r.expected_at, offset_hours),
        "resolved_datetime": when(r.resolved_at, offset_hours),
    }
    return ["" if values[name] is None else str(values[name]) for name in EXPORT_FIELDS]


def write(store: Store, out: Path, offset_hours: int) -> int:
    """Write the export to ``out`` (whole, or not at all); the number of records written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    count = 0
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EXPORT_FIELDS)
        for record in store.export():
            writer.writerow(row(record, offset_hours))
            count += 1
    os.replace(partial, out)
    return count
