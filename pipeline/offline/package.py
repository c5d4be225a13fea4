"""A published data package as the offline downloads read it: descriptor, CSV records, fields."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline import packages

LG_FIELD = "lg_code"


def descriptor(folder: Path) -> dict[str, Any]:
    """The datapackage.json of the package in ``folder``."""
    return packages.read_descriptor(folder)


def records(path: Path) -> Iterator[list[str]]:
    """The CSV records of ``path`` (header first), blank records skipped."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from (record for record in csv.reader(handle) if any(record))


def read_table(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The header of the CSV file at ``path`` and an iterator over its other records
    (StopIteration when the file has no header)."""
    source = records(path)
    return next(source), source


def as_list(fields: str | list[str]) -> list[str]:
    """The field or fields of a key (a Table Schema key names one field or a list of them)."""
    return [fields] if isinstance(fields, str) else list(fields)


def schema(resource: dict[str, Any]) -> dict[str, Any]:
    """The Table Schema of a resource ({} for a file without one, such as GeoJSON)."""
    return resource.get("schema") or {}


def fields(resource: dict[str, Any]) -> list[str]:
    """The names of the fields of a resource's Table Schema."""
    return [f["name"] for f in schema(resource).get("fields", [])]


def foreign_keys(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The standard foreign keys and Shafaf's references to other packages."""
    return schema.get("foreignKeys", []) + schema.get("x_shafaf_external_foreign_keys", [])


def publishers(packages: list[dict[str, Any]]) -> list[str]:
    """The publishers the packages name, sorted."""
    return sorted(
        {c.get("title", "") for meta in packages for c in meta.get("contributors", [])
         if c.get("role") == "publisher"} - {""}
    )  # fmt: skip


def licences(packages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The packages' licences, each once."""
    found: dict[str, dict[str, str]] = {}
    for meta in packages:
        for lic in meta.get("licenses", []):
            found.setdefault(lic.get("path") or lic.get("name", ""), lic)
    return [found[key] for key in sorted(found)]
