"""The deterministic zip of a council's folder: the same files always give the same bytes."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

ZIP_FLOOR = datetime.date(1980, 1, 1)  # the earliest date a zip entry can carry


def write(folder: Path, target: Path, when: datetime.date | None) -> None:
    """Zip ``folder`` into ``target`` under a folder of its name: entries sorted, each dated
    ``when`` (1980-01-01 when unknown) with fixed permissions, so the bytes depend on the
    files alone."""
    stamp = max(when or ZIP_FLOOR, ZIP_FLOOR)
    files = sorted((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w") as zipped:
        for name, path in files:
            info = zipfile.ZipInfo(
                f"{folder.name}/{name}",
                date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0),
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            zipped.writestr(info, path.read_bytes(), compresslevel=9)
