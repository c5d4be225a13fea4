"""The tables the site is built from, each either published or, explicitly, not published yet.

A council may publish its budget long before its payments or complaints. Reading a table that is
not there gives a :class:`Source` that says so (no package, no yearly files, or files with no
rows) instead of an error or an empty table that would read as "nothing was spent".
"""

from __future__ import annotations

import csv
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from pipeline import load

State = Literal["published", "no-package", "no-files", "no-rows"]
PUBLISHED: State = "published"


@dataclass(frozen=True)
class Table:
    """Where one table of the site lives: its data package (folder) and resource names."""

    name: str
    dataset: str
    pattern: str
    example: str  # the file a clerk adds, with {year} for a fiscal year

    @property
    def yearly(self) -> bool:
        return "*" in self.pattern


#: Every table the site reads, by name.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("councils", "local-governments", "local-governments", "local-governments.csv"),
        Table("wards", "local-governments", "wards", "wards.csv"),
        Table("budget", "budget", "budget-*", "budget-{year}.csv"),
        Table("departments", "budget", "departments", "departments.csv"),
        Table("object_codes", "budget", "object-codes", "object-codes.csv"),
        Table("payments", "spending", "payments-*", "payments-{year}.csv"),
        Table("suppliers", "spending", "suppliers", "suppliers.csv"),
        Table("complaints", "complaints", "complaints-*", "complaints-{year}.csv"),
        Table("categories", "complaints", "categories", "categories.csv"),
    )
}


@dataclass(frozen=True, eq=False)
class Source:
    """One table as read: its rows when published, else None and the reason."""

    table: Table
    state: State
    frame: pd.DataFrame | None = None

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED

    def describe(self) -> dict[str, str]:
        """What the bundle records of the table: where it lives and whether it is published."""
        return {"dataset": self.table.dataset, "file": self.table.example, "state": self.state}


def _has_rows(path: Path) -> bool:
    """Whether the CSV at ``path`` has at least one record after its header."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        records = (record for record in csv.reader(handle) if any(cell.strip() for cell in record))
        return next(records, None) is not None and next(records, None) is not None


def read(datasets: Path, name: str) -> Source:
    """The table ``name`` (a key of :data:`TABLES`) of the (validated) packages in ``datasets``."""
    table = TABLES[name]
    folder = datasets / table.dataset
    if not (folder / "datapackage.json").is_file():
        return Source(table, "no-package")
    resources = [
        r
        for r in load.descriptor(folder)["resources"]
        if fnmatch.fnmatchcase(r["name"], table.pattern) and "schema" in r
    ]
    if not resources:
        return Source(table, "no-files")
    if not any(_has_rows(folder / r["path"]) for r in resources):
        return Source(table, "no-rows")
    frame = load.table(folder, table.pattern)
    if frame.empty:  # rows of nothing but missing values
        return Source(table, "no-rows")
    return Source(table, PUBLISHED, frame)


def read_all(datasets: Path) -> dict[str, Source]:
    """Every table of :data:`TABLES`, published or not."""
    return {name: read(datasets, name) for name in TABLES}
