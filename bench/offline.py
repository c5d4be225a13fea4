"""The offline downloads: time to make every council's zip, and each zip's size."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pipeline import offline


def report(made: Path) -> None:
    """Make the zips again from the bundle in ``made`` (they are part of `analyse`), timed."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        written = offline.write(made / "downloads", Path(tmp) / offline.FOLDER, None)
        seconds = time.perf_counter() - start
    total = sum(record["bytes"] for record in written.values())
    print(f"Offline downloads: {len(written)} zips, {total / 2**20:.1f} MB, {seconds:.2f} s "
          "(part of analyse)")  # fmt: skip
    for code, record in written.items():
        print(f"  {code:<10} {record['bytes'] / 2**20:7.2f} MB")
