"""Validating data packages: finding them, ordering them, and checking each resource."""

from __future__ import annotations

import fnmatch
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frictionless
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline import packages
from pipeline.i18n import ClerkError
from pipeline.i18n import lazy_gettext as _
from pipeline.validate import keys
from pipeline.validate.cells import Column, check_column, field_params, mask
from pipeline.validate.findings import Finding, Report
from pipeline.validate.header import match_header
from pipeline.validate.rules import Context, all_rules
from pipeline.validate.source import Table, read_table

DESCRIPTOR = "datapackage.json"
EXTERNAL_KEYS = "x_shafaf_external_foreign_keys"


class ConfigurationError(ClerkError):
    """A descriptor or path that makes validation impossible (exit code 2); its message is a
    ``Phrase`` (``text(lang)`` says it in the clerk's language, ``str()`` in English)."""


def display(path: Path) -> str:
    """The path as a clerk sees it in the repository: relative to the working directory."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Dataset:
    """One data package: a folder with datapackage.json and its files."""

    name: str
    folder: Path
    package: frictionless.Package
    descriptor: dict[str, Any]

    def resource_descriptor(self, name: str) -> dict[str, Any]:
        for resource in self.descriptor.get("resources", []):
            if resource.get("name") == name:
                return dict(resource)
        raise KeyError(name)

    def resources_named(self, pattern: str) -> list[frictionless.Resource]:
        return [r for r in self.package.resources if fnmatch.fnmatchcase(r.name, pattern)]

    def external_keys(self, resource: str) -> list[dict[str, Any]]:
        schema = self.resource_descriptor(resource).get("schema", {})
        return list(schema.get(EXTERNAL_KEYS, [])) if isinstance(schema, dict) else []

    def depends_on(self) -> set[str]:
        return {
            fk["reference"]["package"]
            for r in self.package.resources
            for fk in self.external_keys(r.name)
        }


def load_dataset(folder: Path) -> Dataset:
    """Read a dataset's descriptor with frictionless; a broken one is a configuration error."""
    path = folder / DESCRIPTOR
    try:
        descriptor = packages.read_descriptor(folder)
    except packages.DescriptorError as error:
        raise ConfigurationError(str(error)) from error
    try:
        package = frictionless.Package(descriptor, basepath=str(folder))
    except frictionless.FrictionlessException as error:
        reasons = "; ".join(r.message for r in error.reasons[:3]) or error.error.message
        raise ConfigurationError(
            _("%(path)s: %(reasons)s", path=display(path), reasons=reasons)
        ) from error
    for resource in package.resources:
        if not isinstance(resource.path, str) or "://" in resource.path:
            raise ConfigurationError(
                _(
                    "%(path)s: resource '%(resource)s' must have one local file as its path.",
                    path=display(path),
                    resource=resource.name,
                )
            )
    return Dataset(folder.name, folder, package, descriptor)


@dataclass
class _Checked:
    """What later checks need from a resource already validated in this run."""

    file: str
    columns: dict[str, tuple[pa.ChunkedArray, np.ndarray]]  # name -> (text, present)
    rows: np.ndarray
    positions: dict[str, int]


@dataclass
class Validator:
    """Validates datasets under ``root`` (the folder holding one folder per dataset)."""

    root: Path
    settings: dict[str, Any]
    report: Report = field(default_factory=Report)
    _datasets: dict[str, Dataset] = field(default_factory=dict)
    _checked: dict[tuple[str, str], _Checked] = field(default_factory=dict)
    _references: dict[tuple[str, str, tuple[str, ...]], tuple[pa.Array | None, str]] = field(
        default_factory=dict
    )

    def dataset(self, name: str) -> Dataset:
        if name not in self._datasets:
            folder = self.root / name
            if not (folder / DESCRIPTOR).exists():
                raise ConfigurationError(
                    _(
                        "A dataset refers to the dataset '%(name)s', but %(path)s does not exist.",
                        name=name,
                        path=display(folder / DESCRIPTOR),
                    )
                )
            self._datasets[name] = load_dataset(folder)
        return self._datasets[name]

    # -- ordering -------------------------------------------------------------------------
    def ordered(self, names: list[str]) -> list[Dataset]:
        """Datasets with the ones they refer to first, so references can be checked."""
        done: list[str] = []

        def visit(name: str, trail: tuple[str, ...]) -> None:
            if name in done or name in trail:
                return
            for other in sorted(self.dataset(name).depends_on()):
                visit(other, (*trail, name))
            done.append(name)

        for name in names:
            visit(name, ())
        return [self.dataset(n) for n in done if n in names]

    @staticmethod
    def _resource_order(dataset: Dataset) -> list[frictionless.Resource]:
        referenced = {
            fk["reference"]["resource"]
            for r in dataset.package.resources
            if r.schema is not None
            for fk in r.schema.foreign_keys
        }
        resources = list(dataset.package.resources)
        return sorted(resources, key=lambda r: r.name not in referenced)

    # -- running ----------------------------------------------------------------------------
    def run(self, targets: dict[str, set[str] | None]) -> Report:
        """Validate the named datasets; a set of resource names limits a dataset to those."""
        for dataset in self.ordered(sorted(targets)):
            only = targets[dataset.name]
            self._listed_files(dataset, only)
            # Resources sharing one schema (one file a year) share one primary-key space.
            series: dict[str, tuple[str, list[keys.Part]]] = {}
            for resource in self._resource_order(dataset):
                if only is not None and resource.name not in only:
                    continue
                pk_part = self.check_resource(dataset, resource)
                if pk_part is not None:
                    signature = json.dumps(
                        dataset.resource_descriptor(resource.name)["schema"], sort_keys=True
                    )
                    key_name = " + ".join(resource.schema.primary_key)
                    series.setdefault(signature, (key_name, []))[1].append(pk_part)
            for key_name, parts in series.values():
                self.report.extend(keys.key_space(key_name, parts))
        return self.report

    def _listed_files(self, dataset: Dataset, only: set[str] | None) -> None:
        if only is not None:
            return
        listed = {(dataset.folder / r.path).resolve() for r in dataset.package.resources if r.path}
        for path in sorted(dataset.folder.glob("*.csv")):
            if path.resolve() not in listed:
                self.report.extend([Finding("file-not-listed", display(path))])

    def check_resource(self, dataset: Dataset, resource: frictionless.Resource) -> keys.Part | None:
        """Check one resource; returns its primary key (columns joined) for checks across files."""
        path = dataset.folder / str(resource.path)
        file = display(path)
        self.report.files_checked.append(file)
        if not path.exists():
            self.report.extend([Finding("file-missing", file, params={"resource": resource.name})])
            return None
        if resource.schema is None or not resource.tabular:
            self._check_other(path, file)
            return None
        schema = resource.schema
        fields = [(f.name, f.title or f.name) for f in schema.fields]
        table, findings = read_table(path, file, len(fields))
        self.report.extend(findings)
        if table is None:
            return None
        shown = {f.name: field_params(f)["title"] for f in schema.fields}
        positions, header_findings = match_header(table.header, fields, file, shown)
        self.report.extend(header_findings)
        self.report.rows_checked += table.num_rows

        checked: dict[str, Column] = {}
        raw: dict[str, pa.ChunkedArray] = {}
        for f in schema.fields:
            if f.name not in positions:
                continue
            index = positions[f.name]
            raw[f.name] = table.column(index)
            missing = f.missing_values if f.has_defined("missing_values") else schema.missing_values
            checked[f.name] = check_column(f, raw[f.name], table.rows, file, index, missing)
            self.report.extend(checked[f.name].findings)

        self._keys(dataset, resource, table, positions, raw, checked)
        context = Context(
            file=file,
            resource=resource.name,
            rows=table.rows,
            raw=raw,
            checked=checked,
            positions=positions,
            free_text=[
                f.name
                for f in schema.fields
                if f.type == "string"
                and f.format == "default"
                and not {"enum", "pattern"} & set(f.constraints)
            ]
            if self.settings["check_personal_data"]
            else [],
            fiscal_year_start_month=self.settings["fiscal_year_start_month"],
            utc_offset_hours=self.settings["utc_offset_hours"],
        )
        for rule in all_rules():
            self.report.extend(rule(context))

        # Keep only the columns other tables refer to, not the whole table.
        needed = self._referenced_fields(dataset.name, resource.name)
        self._checked[(dataset.name, resource.name)] = _Checked(
            file,
            {n: (raw[n], checked[n].present) for n in raw if n in needed},
            table.rows,
            positions,
        )
        pk = schema.primary_key
        if pk and all(name in raw for name in pk):
            key = keys.joined([raw[name] for name in pk])
            present = np.logical_and.reduce([checked[name].present for name in pk])
            return (file, key, present, table.rows, positions[pk[0]])
        return None

    def _referenced_fields(self, package: str, resource: str) -> set[str]:
        """Fields of ``resource`` that a foreign key of a loaded dataset points to."""
        fields: set[str] = set()
        for dataset in self._datasets.values():
            for res in dataset.package.resources:
                internal = res.schema.foreign_keys if res.schema is not None else []
                pairs = [(dataset.name, fk) for fk in internal] + [
                    (fk["reference"]["package"], fk) for fk in dataset.external_keys(res.name)
                ]
                for target_package, fk in pairs:
                    target = fk["reference"]["resource"] or res.name
                    if target_package == package and fnmatch.fnmatchcase(resource, target):
                        fields.update(fk["reference"]["fields"])
        return fields

    def _check_other(self, path: Path, file: str) -> None:
        if path.suffix.lower() in (".json", ".geojson"):
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                self.report.extend(
                    [
                        Finding(
                            "unreadable-file",
                            file,
                            params={"detail": _("not valid JSON: %(error)s", error=str(error))},
                        )
                    ]
                )

    def _keys(
        self,
        dataset: Dataset,
        resource: frictionless.Resource,
        table: Table,
        positions: dict[str, int],
        raw: dict[str, pa.ChunkedArray],
        checked: dict[str, Column],
    ) -> None:
        schema = resource.schema
        assert schema is not None
        file, rows = table.file, table.rows

        def parts(names: list[str]) -> tuple[list[pa.ChunkedArray], list[np.ndarray]] | None:
            if not all(n in raw for n in names):
                return None
            return [raw[n] for n in names], [checked[n].present for n in names]

        # The primary key is checked with the other files of its series (see run).
        for f in schema.fields:
            if f.constraints.get("unique") and (got := parts([f.name])):
                self.report.extend(
                    keys.duplicates(
                        "duplicate-value", *got, rows, file, [f.name], positions[f.name]
                    )
                )
        references = [(dataset.name, fk) for fk in schema.foreign_keys] + [
            (fk["reference"]["package"], fk) for fk in dataset.external_keys(resource.name)
        ]
        for package_name, fk in references:
            got = parts(list(fk["fields"]))
            if got is None:
                continue
            target = fk["reference"]["resource"] or resource.name
            reference, ref_file = self._reference(package_name, target, fk["reference"]["fields"])
            if reference is None:
                continue
            self.report.extend(
                keys.unknown_references(
                    *got,
                    rows,
                    file,
                    fk["fields"],
                    positions[fk["fields"][0]],
                    reference,
                    ref_file,
                    fk["reference"]["fields"],
                )
            )

    def _reference(
        self, package: str, pattern: str, names: list[str]
    ) -> tuple[pa.Array | None, str]:
        """The keys a foreign key may point to, from resources matching ``pattern``."""
        cache_key = (package, pattern, tuple(names))
        if cache_key not in self._references:
            self._references[cache_key] = self._read_reference(package, pattern, names)
        return self._references[cache_key]

    def _read_reference(
        self, package: str, pattern: str, names: list[str]
    ) -> tuple[pa.Array | None, str]:
        dataset = self.dataset(package)
        frames = []
        files = []
        for resource in dataset.resources_named(pattern):
            got = self._columns(dataset, resource, names)
            if got is None:
                continue
            file, frame = got
            files.append(file)
            frames.append(frame)
        if not frames:
            return None, ""
        label = files[0] if len(files) == 1 else f"{display(dataset.folder)}/{pattern}.csv"
        chunks = [chunk for frame in frames for chunk in frame.chunks]
        return pc.unique(pa.chunked_array(chunks, type=pa.string())), label

    def _columns(
        self, dataset: Dataset, resource: frictionless.Resource, names: list[str]
    ) -> tuple[str, pa.ChunkedArray] | None:
        done = self._checked.get((dataset.name, resource.name))
        if done is None:
            path = dataset.folder / str(resource.path)
            if not path.exists() or resource.schema is None:
                return None
            table, _findings = read_table(path, display(path), len(resource.schema.fields))
            if table is None:
                return None
            fields = [(f.name, f.title or f.name) for f in resource.schema.fields]
            positions, _header = match_header(table.header, fields, table.file)
            missing = pa.array(list(resource.schema.missing_values), pa.string())
            columns = {
                n: (table.column(i), ~mask(pc.is_in(table.column(i), value_set=missing)))
                for n, i in positions.items()
                if n in names
            }
            done = _Checked(table.file, columns, table.rows, positions)
        if not all(n in done.columns for n in names):
            return None
        keep = np.flatnonzero(np.logical_and.reduce([done.columns[n][1] for n in names]))
        key = keys.joined([done.columns[n][0].take(pa.array(keep)) for n in names])
        return done.file, key
