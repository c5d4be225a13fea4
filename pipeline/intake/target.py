"""Where an import goes: a resource of a data package, its fields and its file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.intake.errors import UsageError
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

    name: str  # package/resource
    path: Path  # its CSV file
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    missing_values: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


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
    package, _, resource = name.strip().strip("/").partition("/")
    by_file = name.strip().lower().endswith(".csv")
    if by_file:  # datasets/spending/payments-2026-27.csv names the table whose file it is
        parts = Path(name.strip()).parts
        package, resource = (parts[-2], parts[-1]) if len(parts) >= 2 else ("", "")
    if not package or not resource:
        raise UsageError(
            f"--dataset wants PACKAGE/TABLE, for example spending/payments-2026-27 (or the "
            f"file, datasets/spending/payments-2026-27.csv); got '{name}'."
        )
    folder = root / package
    if not (folder / DESCRIPTOR).exists():
        known = sorted(p.parent.name for p in root.glob(f"*/{DESCRIPTOR}"))
        raise UsageError(
            f"There is no dataset '{package}' in {root} (no {package}/{DESCRIPTOR}). "
            f"The datasets are: {', '.join(known) or 'none'}."
        )
    try:
        dataset = load_dataset(folder)
    except ConfigurationError as error:
        raise UsageError(str(error)) from error
    resources = {r.get("name"): r for r in dataset.descriptor.get("resources", [])}
    if by_file:
        resource = next((n for n, r in resources.items() if r.get("path") == resource), resource)
    descriptor = resources.get(resource)
    if descriptor is None or not isinstance(descriptor.get("schema"), dict):
        tables = sorted(n for n, r in resources.items() if isinstance(r.get("schema"), dict))
        raise UsageError(
            f"The dataset '{package}' has no table '{resource}'. Its tables are: "
            f"{', '.join(tables)}. For a new year, first copy the previous year's entry in "
            f"{package}/{DESCRIPTOR} and change its name and path."
        )
    schema = descriptor["schema"]
    return Target(
        name=f"{package}/{resource}",
        path=folder / str(descriptor["path"]),
        fields=tuple(_field(f) for f in schema.get("fields", [])),
        primary_key=_key(schema.get("primaryKey")),
        missing_values=tuple(schema.get("missingValues", [""])),
    )


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
