"""Writer: CSV files as the descriptors expect them, the boundaries, the truth, the descriptors."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

#: The four data packages and the descriptors shipped with the repository.
PACKAGES = ("local-governments", "budget", "spending", "complaints")
DESCRIPTORS = Path(__file__).resolve().parents[2] / "datasets"


class CsvWriter:
    """Writes (and appends to) CSV files: UTF-8, no BOM, \\n endings, minimal quoting."""

    def __init__(self) -> None:
        self.rows: dict[Path, int] = {}

    def write(self, path: Path, frame: pd.DataFrame, columns: list[str]) -> None:
        """Write ``frame``'s ``columns`` to ``path``, replacing it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.rows[path] = 0
        self._put(path, frame, columns, mode="w")

    def append(self, path: Path, frame: pd.DataFrame, columns: list[str]) -> None:
        """Append rows (no header) to a file started with :meth:`write`."""
        self._put(path, frame, columns, mode="a")

    def _put(self, path: Path, frame: pd.DataFrame, columns: list[str], mode: str) -> None:
        out = frame.reindex(columns=columns)
        for name in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[name].dtype):
                out[name] = np.datetime_as_string(out[name].to_numpy(dtype="datetime64[D]"))
        with path.open(mode, encoding="utf-8", newline="") as handle:
            out.to_csv(
                handle,
                index=False,
                header=mode == "w",
                lineterminator="\n",
                quoting=csv.QUOTE_MINIMAL,
                na_rep="",
            )
        self.rows[path] = self.rows.get(path, 0) + len(out)


def write_geojson(path: Path, features: list[dict]) -> None:
    """A FeatureCollection, one feature per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def write_truth(path: Path, cases: list[dict]) -> None:
    """The ground truth of the planted cases, as a JSON list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(cases, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


#: Files beside the packages that are facts, not generated data (public holidays).
REFERENCE_FILES = ("holidays.csv",)


def copy_descriptors(out: Path) -> None:
    """Copy the repository's datapackage.json files, and the public holiday list the
    indicators read, next to data written elsewhere."""
    if out.resolve() == DESCRIPTORS:
        return
    for package in PACKAGES:
        source = DESCRIPTORS / package / "datapackage.json"
        if source.exists():
            (out / package).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out / package / "datapackage.json")
    for name in REFERENCE_FILES:
        if (DESCRIPTORS / name).exists():
            out.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(DESCRIPTORS / name, out / name)
