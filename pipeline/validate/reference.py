"""The reference engine: stock frictionless on the same files, its errors as Shafaf findings.

Shafaf's own engine must report what frictionless reports. This module runs frictionless on a
dataset (with cross-dataset references copied beside it, since frictionless only follows
references inside one package) and translates its errors into (code, file, row, column) tuples,
for the differential tests and the benchmark.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import frictionless

from pipeline import packages
from pipeline.validate.packages import EXTERNAL_KEYS, Validator, display

#: frictionless error type -> Shafaf code (cell and constraint errors are decided by their note).
ERROR_CODES = {
    "primary-key": "duplicate-id",
    "unique-error": "duplicate-value",
    "foreign-key": "unknown-reference",
    "blank-row": "blank-row",
    "extra-cell": "extra-cells",
    "missing-cell": "missing-cells",
    "missing-label": "missing-column",
    "extra-label": "extra-column",
    "incorrect-label": "column-order",
    "duplicate-label": "duplicate-column",
    "blank-label": "blank-column-name",
    "encoding-error": "wrong-encoding",
}
_TYPE_CODES = {
    "date": "bad-date",
    "datetime": "bad-datetime",
    "number": "bad-number",
    "integer": "bad-integer",
}
_CONSTRAINT_CODES = {
    "required": "missing-value",
    "pattern": "wrong-format",
    "enum": "not-in-list",
    "minimum": "below-minimum",
    "maximum": "above-maximum",
}

Key = tuple[str, str, int | None, str | None]  # code, file, row, column


def _combined_descriptor(validator: Validator, name: str, workdir: Path) -> dict[str, Any]:
    """The dataset's descriptor with referenced resources of other datasets copied in."""
    dataset = validator.dataset(name)
    descriptor = packages.read_descriptor(dataset.folder)
    for path in dataset.folder.iterdir():
        if path.is_file() and path.name != "datapackage.json":
            shutil.copy2(path, workdir / path.name)
    added: dict[str, str] = {}
    for resource in descriptor["resources"]:
        schema = resource.get("schema", {})
        for fk in schema.pop(EXTERNAL_KEYS, []):
            ref = fk["reference"]
            other = validator.dataset(ref["package"])
            local = f"ext-{ref['package']}-{ref['resource'].replace('*', 'all')}"
            if local not in added:
                # Several files (one per year) are concatenated into one referenced table.
                matches = other.resources_named(ref["resource"])
                target = workdir / f"{local}.csv"
                with target.open("wb") as out:
                    for i, res in enumerate(matches):
                        lines = (other.folder / str(res.path)).read_bytes().splitlines(True)
                        out.writelines(lines if i == 0 else lines[1:])
                schema_copy = other.resource_descriptor(matches[0].name)["schema"]
                schema_copy = {k: v for k, v in schema_copy.items() if k != EXTERNAL_KEYS}
                schema_copy.pop("foreignKeys", None)
                added[local] = target.name
                descriptor["resources"].append(
                    {"name": local, "path": target.name, "schema": schema_copy}
                )
            schema.setdefault("foreignKeys", []).append(
                {"fields": fk["fields"], "reference": {"resource": local, "fields": ref["fields"]}}
            )
    return descriptor


def findings(folder: Path, resources: set[str] | None = None) -> set[Key]:
    """Stock frictionless on the dataset in ``folder``: its errors as (code, file, row, column)."""
    validator = Validator(folder.parent, {})
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        descriptor = _combined_descriptor(validator, folder.name, workdir)
        package = frictionless.Package(descriptor, basepath=str(workdir))
        schemas = {r.name: r.schema for r in package.resources}
        report = package.validate(limit_errors=10**9)
        keys: set[Key] = set()
        for task in report.tasks:
            if task.name.startswith("ext-") or (resources and task.name not in resources):
                continue
            file = display(folder / Path(task.place).name)
            schema = schemas[task.name]
            for error in task.errors:
                if _partly_missing_reference(error):
                    continue
                keys.add(_translate(error, file, schema))
        return keys


def _partly_missing_reference(error: Any) -> bool:
    """A foreign key of several columns with some of them missing (a payment's budget line not
    recorded, its council given). frictionless skips a key only when every part is missing;
    Shafaf, like SQL's default MATCH SIMPLE, checks none whose part is missing: a reference that
    is not recorded is not an unknown one."""
    cells = getattr(error, "field_cells", None) or []  # frictionless writes a missing part as ""
    return error.type == "foreign-key" and len(cells) > 1 and "" in cells


def _translate(error: Any, file: str, schema: Any) -> Key:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    if error.type == "type-error":
        kind = schema.get_field(column).type
        return (_TYPE_CODES.get(kind, "bad-value"), file, row, column)
    if error.type == "constraint-error":
        name = error.note.split('"')[1] if '"' in error.note else ""
        return (_CONSTRAINT_CODES.get(name, "constraint-failed"), file, row, column)
    if error.type in ("primary-key", "foreign-key"):
        names = getattr(error, "field_names", None) or list(schema.primary_key)
        return (ERROR_CODES[error.type], file, row, " + ".join(names))
    return (ERROR_CODES.get(error.type, error.type), file, row, column)
