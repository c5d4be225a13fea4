"""The local side: each data package's files with their sha256, and the codes they cover."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from pipeline import packages

DESCRIPTOR = "datapackage.json"
CHUNK = 1 << 20


@dataclass(frozen=True)
class LocalFile:
    """One file to publish: a resource of the package, or the package's datapackage.json."""

    key: str  # the resource's name in the package; "datapackage.json" for the descriptor
    path: Path
    sha256: str
    size: int
    descriptor: dict[str, Any]  # the resource's entry in datapackage.json ({} for the descriptor)


@dataclass(frozen=True)
class LocalPackage:
    """One data package as it is on disk."""

    name: str
    folder: Path
    descriptor: dict[str, Any]
    files: tuple[LocalFile, ...]  # in package order, datapackage.json last
    lg_codes: tuple[str, ...]
    fiscal_years: tuple[str, ...]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _file(key: str, path: Path, descriptor: dict[str, Any]) -> LocalFile:
    return LocalFile(key, path, sha256(path), path.stat().st_size, descriptor)


def column_values(path: Path, names: tuple[str, ...]) -> dict[str, set[str]]:
    """Distinct values of the named columns (header by field name) of a CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    present = [n for n in names if n in header]
    if not present:
        return {}
    options = pacsv.ConvertOptions(
        include_columns=present, column_types={n: pa.string() for n in present}
    )
    table = pacsv.read_csv(path, convert_options=options)
    return {
        n: {v for v in table.column(n).unique().to_pylist() if isinstance(v, str) and v.strip()}
        for n in present
    }


def load(folder: Path) -> LocalPackage:
    """Read one (already validated) data package folder."""
    descriptor = packages.read_descriptor(folder)
    files: list[LocalFile] = []
    codes: set[str] = set()
    years: set[str] = set()
    for entry in descriptor.get("resources", []):
        path = folder / entry["path"]
        files.append(_file(entry["name"], path, entry))
        if entry.get("schema") and path.suffix.lower() == ".csv":
            values = column_values(path, ("lg_code", "fiscal_year"))
            codes |= values.get("lg_code", set())
            years |= values.get("fiscal_year", set())
    for name in packages.schema_files(packages.read_raw(folder)):  # the shared Table Schemas
        files.append(_file(name, folder / name, {}))
    files.append(_file(DESCRIPTOR, folder / DESCRIPTOR, {}))
    return LocalPackage(
        name=str(descriptor.get("name") or folder.name),
        folder=folder,
        descriptor=descriptor,
        files=tuple(files),
        lg_codes=tuple(sorted(codes)),
        fiscal_years=tuple(sorted(years)),
    )


def district(datasets_root: Path) -> str | None:
    """The one district named in local-governments/local-governments.csv, if there is one."""
    path = datasets_root / "local-governments" / "local-governments.csv"
    if not path.exists():
        return None
    names = column_values(path, ("district_en",)).get("district_en", set())
    return next(iter(names)) if len(names) == 1 else None
