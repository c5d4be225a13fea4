"""Where an import goes: a resource of a data package, its fields and its file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.i18n import lazy_gettext as _
from pipeline.intake.errors import UsageError, sentences
from pipeline.validate import ConfigurationError
from pipeline.validate.packages import DESCRIPTOR, load_dataset


@dataclass(frozen=True)
class Field:
    """One column the resource wants, as its Table Schema describes it."""

    name: str
    type: str
    title: str
    title_ur: str
    required: bool
    enum: tuple[str, ...] = ()
    pattern: str = ""


@dataclass(frozen=True)
class Target:
    """A resource of a data package: ``spending/payments-2026-27``."""

    name: str  # package/resource, or package/table for a family of yearly tables
    path: Path  # its CSV file (a family: the package folder)
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    missing_values: tuple[str, ...]
    family: str = ""  # "payments": rows go to payments-YYYY-YY by their fiscal year
    years: tuple[tuple[str, Path], ...] = ()  # a family's yearly tables: (fiscal year, file)
    new_year: tuple[str, ...] = ()  # (family, fiscal year) of a yearly table not listed yet

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def id_columns(self) -> tuple[str, ...]:
        """The primary key's id columns: without the council code and fiscal year that a key of
        ids unique within a council (and its year) also holds."""
        return tuple(name for name in self.primary_key if name not in ("lg_code", "fiscal_year"))

    @property
    def folder(self) -> Path:
        return self.path if self.family else self.path.parent

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def year_path(self, fiscal_year: str) -> Path | None:
        """The file of the family's table for ``fiscal_year``, if the package lists it."""
        return dict(self.years).get(fiscal_year)


def _field(descriptor: dict[str, Any]) -> Field:
    constraints = descriptor.get("constraints", {})
    return Field(
        name=descriptor["name"],
        type=descriptor.get("type", "string"),
        title=descriptor.get("title", descriptor["name"]),
        title_ur=descriptor.get("title_ur", ""),
        required=bool(constraints.get("required")),
        enum=tuple(str(v) for v in constraints.get("enum", ())),
        pattern=str(constraints.get("pattern", "")),
    )


def resolve(name: str, root: Path) -> Target:
    """The resource ``package/resource`` of the datasets under ``root``."""
    package, _slash, resource = name.strip().strip("/").partition("/")
    by_file = name.strip().lower().endswith(".csv")
    if by_file:  # datasets/spending/payments-2026-27.csv names the table whose file it is
        parts = Path(name.strip()).parts
        package, resource = (parts[-2], parts[-1]) if len(parts) >= 2 else ("", "")
    if not package or not resource:
        raise UsageError(
            _(
                "%(option)s wants %(form)s, for example %(example)s (or the file, %(file)s); got "
                "'%(name)s'.",
                option="--dataset",
                form="PACKAGE/TABLE",
                example="spending/payments-2026-27",
                file="datasets/spending/payments-2026-27.csv",
                name=name,
            )
        )
    folder = root / package
    if not (folder / DESCRIPTOR).exists():
        known = sorted(p.parent.name for p in root.glob(f"*/{DESCRIPTOR}"))
        where = {"package": package, "root": str(root), "descriptor": f"{package}/{DESCRIPTOR}"}
        if not known:
            raise UsageError(
                _(
                    "There is no dataset '%(package)s' in %(root)s (no %(descriptor)s). There "
                    "are no datasets there at all.",
                    **where,
                )
            )
        raise UsageError(
            _(
                "There is no dataset '%(package)s' in %(root)s (no %(descriptor)s). The datasets "
                "are: %(datasets)s.",
                datasets=", ".join(known),
                **where,
            )
        )
    try:
        dataset = load_dataset(folder)
    except ConfigurationError as error:
        raise UsageError(error.phrase) from error
    resources = {r.get("name"): r for r in dataset.descriptor.get("resources", [])}
    if by_file:
        resource = next((n for n, r in resources.items() if r.get("path") == resource), resource)
    descriptor = resources.get(resource)
    if descriptor is None or not isinstance(descriptor.get("schema"), dict):
        family = _family(package, folder, resource, resources)
        if family is not None:
            return family
        yearly = YEARLY.fullmatch(resource)
        if yearly and (family := _family(package, folder, yearly.group(1), resources)):
            return Target(
                name=f"{package}/{resource}",
                path=folder / f"{resource}.csv",
                fields=family.fields,
                primary_key=family.primary_key,
                missing_values=family.missing_values,
                new_year=(yearly.group(1), yearly.group(2)),
            )
        tables = sorted(n for n, r in resources.items() if isinstance(r.get("schema"), dict))
        families = sorted({m.group(1) for n in tables if (m := YEARLY.fullmatch(str(n)))})
        named = ", ".join(f"{package}/{f}" for f in families)
        family_hint = _(
            "To import rows of any fiscal year, name the family: %(families)s.", families=named
        )
        raise UsageError(
            sentences(
                _(
                    "The dataset '%(package)s' has no table '%(table)s'. Its tables are: "
                    "%(tables)s.",
                    package=package,
                    table=resource,
                    tables=", ".join(tables),
                ),
                family_hint if named else None,
            )
        )
    schema = descriptor["schema"]
    return Target(
        name=f"{package}/{resource}",
        path=folder / str(descriptor["path"]),
        fields=tuple(_field(f) for f in schema.get("fields", [])),
        primary_key=_key(schema.get("primaryKey")),
        missing_values=tuple(schema.get("missingValues", [""])),
    )


#: A yearly table's name: payments-2026-27 is the 2026-27 table of the family "payments".
YEARLY = re.compile(r"(.+)-(\d{4}-\d{2})")


def _family(
    package: str, folder: Path, table: str, resources: dict[Any, dict[str, Any]]
) -> Target | None:
    """``package/payments``: the family of tables payments-YYYY-YY (or its shared schema file)."""
    years = sorted(
        (m.group(2), r)
        for n, r in resources.items()
        if (m := YEARLY.fullmatch(str(n)))
        and m.group(1) == table
        and isinstance(r.get("schema"), dict)
    )
    if years:
        schema = years[-1][1]["schema"]
    elif (folder / f"{table}.schema.json").is_file():
        schema = _schema_file(folder / f"{table}.schema.json")
    else:
        return None
    return Target(
        name=f"{package}/{table}",
        path=folder,
        fields=tuple(_field(f) for f in schema.get("fields", [])),
        primary_key=_key(schema.get("primaryKey")),
        missing_values=tuple(schema.get("missingValues", [""])),
        family=table,
        years=tuple((year, folder / str(r["path"])) for year, r in years),
    )


def _schema_file(path: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(
            _(
                "%(path)s cannot be read as a Table Schema (%(error)s).",
                path=str(path),
                error=str(error),
            )
        ) from error
    if not isinstance(data, dict):
        raise UsageError(
            _("%(path)s is not a Table Schema (it holds no JSON object).", path=str(path))
        )
    return data


def _key(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value or ())


def is_resource_file(path: Path, root: Path) -> bool:
    """Whether ``path`` is the file of a resource of a dataset under ``root`` (so it can be
    validated there)."""
    folder = path.resolve().parent
    if folder.parent != root.resolve() or not (folder / DESCRIPTOR).exists():
        return False
    try:
        dataset = load_dataset(folder)
    except ConfigurationError:
        return False
    return any(
        (folder / str(r.path)).resolve() == path.resolve() for r in dataset.package.resources
    )
