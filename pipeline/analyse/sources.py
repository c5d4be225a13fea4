"""The tables the site is built from, each either published or, explicitly, not published yet.

A council may publish its budget long before its payments or complaints. Reading a table that is
not there gives a :class:`Source` that says so (no package, no yearly files, or files with no
rows) instead of an error or an empty table that would read as "nothing was spent".
"""

from __future__ import annotations

import csv
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from pipeline import load
from pipeline.flags.tables import empty

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


def named_by_code(source: Source, key: str, codes: Iterable[Any], **names: str) -> pd.DataFrame:
    """The code list ``source`` (departments, categories…) when it is published; when it is
    not, one row per code in ``codes``, each named by its code (``names``: the name columns),
    so the figures that use it can still be shown."""
    if source.frame is not None:
        return source.frame
    known = sorted({str(code) for code in codes if not pd.isna(code)})
    return pd.DataFrame({key: known, **{column: known for column in names.values()}})


@dataclass(frozen=True, eq=False)
class Inputs:
    """Everything the bundle is built from. A table that is not published is None; a code
    list is always a table, named by code where the list itself is not published, except the
    suppliers: without their list nobody is named (every supplier is then one whose name is
    not published)."""

    found: dict[str, Source]
    councils: pd.DataFrame | None
    wards: pd.DataFrame | None
    budget: pd.DataFrame | None
    payments: pd.DataFrame | None
    complaints: pd.DataFrame | None
    departments: pd.DataFrame
    object_codes: pd.DataFrame
    suppliers: pd.DataFrame
    categories: pd.DataFrame


def inputs(datasets: Path) -> Inputs:
    """Every table of the (validated) packages in ``datasets``, published or not."""
    found = read_all(datasets)
    lines, payments, requests = (found[n].frame for n in ("budget", "payments", "complaints"))
    used = [frame[column] for frame, column in (
        (lines, "dept_code"), (payments, "dept_code"), (requests, "agency_responsible")
    ) if frame is not None]  # fmt: skip
    wards = found["wards"].frame
    if wards is None and requests is not None:  # named by code, population not recorded
        wards = requests[["ward_code", "lg_code"]].drop_duplicates("ward_code")
        wards = wards.assign(
            name_en=wards["ward_code"], name_ur=wards["ward_code"], kind=pd.NA, population=pd.NA
        )
    suppliers = found["suppliers"].frame
    return Inputs(
        found=found,
        councils=found["councils"].frame,
        wards=wards,
        budget=lines,
        payments=payments,
        complaints=requests,
        departments=named_by_code(
            found["departments"],
            "dept_code",
            pd.concat(used) if used else [],
            en="name_en",
            ur="name_ur",
        ),
        object_codes=named_by_code(
            found["object_codes"],
            "object_code",
            payments["object_code"] if payments is not None else [],
            en="name_en",
            ur="name_ur",
        ),
        suppliers=suppliers if suppliers is not None else empty("suppliers"),
        categories=named_by_code(
            found["categories"],
            "service_code",
            requests["service_code"] if requests is not None else [],
            en="service_name_en",
            ur="service_name_ur",
        ),
    )
