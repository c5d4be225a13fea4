"""Making the offline downloads: every council's share split off, described, zipped."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pipeline.offline import archive, database, readme, split
from pipeline.offline.council import Council, councils
from pipeline.offline.errors import OfflineError
from pipeline.offline.package import descriptor

FOLDER = "offline"  # beside the bundle; the site serves it at /data/offline/


def data_date(
    datasets: Iterable[Mapping[str, Any]], environ: Mapping[str, str] = os.environ
) -> datetime.date | None:
    """The date the downloads carry: SOURCE_DATE_EPOCH when set (reproducible builds), else the
    newest last change of any dataset (catalogue entries), else None."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    dates = [d["last_changed"] for d in datasets if d.get("last_changed")]
    return datetime.date.fromisoformat(max(dates)) if dates else None


def council_folder(stage: Path, council: Council, when: datetime.date | None) -> Path:
    """Finish the council's staged share: descriptors rewritten, the database and the README."""
    folder = stage / council.slug
    packages = []
    for package in sorted(p for p in folder.iterdir() if p.is_dir()):
        meta = split.restricted(descriptor(package), package, council)
        (package / "datapackage.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        packages.append(meta)
    database.write(folder, packages, database.about_rows(council, packages, when))
    (folder / "README.txt").write_text(readme.text(council, packages, when), encoding="utf-8")
    return folder


def write(downloads: Path, target: Path, when: datetime.date | None) -> dict[str, dict[str, Any]]:
    """Write ``target/{code}.zip`` for each council from the published packages in
    ``downloads``; {code: {code, name_en, name_ur, path (under data/), bytes, sha256}}."""
    listed = councils(downloads)
    packages = sorted(p.parent for p in downloads.glob("*/datapackage.json"))
    partial = target.with_name(target.name + ".partial")
    published: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="shafaf-offline-") as tmp:
        stage = Path(tmp)
        for package in packages:
            split.split_package(package, stage, listed)
        folders = [(council, council_folder(stage, council, when)) for council in listed]
        try:
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            for council, folder in folders:
                zipped = partial / f"{council.slug}.zip"
                archive.write(folder, zipped, when)
                data = zipped.read_bytes()
                published[council.code] = {
                    **dataclasses.asdict(council),
                    "path": f"{FOLDER}/{zipped.name}",
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            shutil.rmtree(target, ignore_errors=True)
            partial.replace(target)
        except OSError as error:
            raise OfflineError(
                f"Cannot write the offline downloads to {target}: {error.strerror or error}. "
                "Check that the folder can be written (and is not a file), then run "
                "`make analyse` again."
            ) from error
    return published
