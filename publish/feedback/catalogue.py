"""What the service knows from the datasets: categories, councils, wards, departments, enums."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import packages

#: Status details that leave a complaint open; every other detail of the schema's enum closes it.
OPEN_DETAILS = ("open", "investigating", "in_progress", "action_scheduled")


class CatalogueError(ValueError):
    """The datasets folder lacks what the service needs; the message says which file."""


@dataclass(frozen=True)
class Service:
    """One Open311 service: a complaint category."""

    code: str
    name_en: str
    name_ur: str
    group: str
    department: str
    department_name: str


@dataclass(frozen=True)
class Ward:
    code: str
    lg_code: str
    name_en: str
    name_ur: str


@dataclass(frozen=True)
class Catalogue:
    """Code lists the service validates against, read once at start."""

    services: dict[str, Service]
    jurisdictions: dict[str, str]  # lg_code -> English name
    wards: dict[str, Ward]
    departments: dict[str, str]
    status_details: tuple[str, ...]
    channels: tuple[str, ...]
    feedback: tuple[str, ...]

    def wards_of(self, lg_code: str) -> list[Ward]:
        return [w for w in self.wards.values() if w.lg_code == lg_code]

    @property
    def closed_details(self) -> tuple[str, ...]:
        return tuple(d for d in self.status_details if d not in OPEN_DETAILS)

    @property
    def open_details(self) -> tuple[str, ...]:
        return tuple(d for d in self.status_details if d in OPEN_DETAILS)


def _rows(path: Path, needed: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [n for n in needed if n not in (reader.fieldnames or [])]
            if missing:
                raise CatalogueError(f"{path} has no column {', '.join(missing)}.")
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except FileNotFoundError as error:
        raise CatalogueError(f"{path} does not exist: is 'datasets' set right?") from error
    except UnicodeDecodeError as error:
        raise CatalogueError(f"{path} is not UTF-8 text.") from error


def _enum(fields: list[dict[str, Any]], name: str, path: Path) -> tuple[str, ...]:
    for entry in fields:
        if entry.get("name") == name:
            values = entry.get("constraints", {}).get("enum")
            if values:
                return tuple(str(v) for v in values)
    raise CatalogueError(f"{path}: the complaints schema has no enum for '{name}'.")


def load(datasets: Path, jurisdictions: tuple[str, ...] = ()) -> Catalogue:
    """Read the code lists from ``datasets``; ``jurisdictions`` limits the councils served."""
    descriptor_path = datasets / "complaints" / "datapackage.json"
    if not descriptor_path.exists():
        raise CatalogueError(f"{descriptor_path} does not exist: is 'datasets' set right?")
    try:  # the complaints' schema, even before a year of them is published
        fields = packages.table_schema(descriptor_path.parent, "complaints").get("fields", [])
    except packages.DescriptorError as error:
        raise CatalogueError(str(error)) from error

    departments = {
        r["dept_code"]: r["name_en"]
        for r in _rows(datasets / "budget" / "departments.csv", ("dept_code", "name_en"))
    }
    services = {
        r["service_code"]: Service(
            r["service_code"],
            r["service_name_en"],
            r["service_name_ur"],
            r["group"],
            r["dept_code"],
            departments.get(r["dept_code"], r["dept_code"]),
        )
        for r in _rows(
            datasets / "complaints" / "categories.csv",
            ("service_code", "service_name_en", "service_name_ur", "group", "dept_code"),
        )
    }
    councils = {
        r["lg_code"]: r["name_en"]
        for r in _rows(
            datasets / "local-governments" / "local-governments.csv", ("lg_code", "name_en")
        )
    }
    unknown = [code for code in jurisdictions if code not in councils]
    if unknown:
        raise CatalogueError(
            f"jurisdictions names {', '.join(unknown)}, not in local-governments.csv "
            f"(known: {', '.join(sorted(councils))})."
        )
    if jurisdictions:
        councils = {code: councils[code] for code in jurisdictions}
    wards = {
        r["ward_code"]: Ward(r["ward_code"], r["lg_code"], r["name_en"], r["name_ur"])
        for r in _rows(
            datasets / "local-governments" / "wards.csv",
            ("ward_code", "lg_code", "name_en", "name_ur"),
        )
        if r["lg_code"] in councils
    }
    if not services or not councils:
        raise CatalogueError(f"{datasets} holds no complaint categories or no local governments.")
    return Catalogue(
        services=services,
        jurisdictions=councils,
        wards=wards,
        departments=departments,
        status_details=_enum(fields, "status_detail", descriptor_path),
        channels=_enum(fields, "channel", descriptor_path),
        feedback=_enum(fields, "citizen_feedback", descriptor_path),
    )
