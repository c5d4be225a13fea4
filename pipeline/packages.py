"""Data package descriptors: reading them with shared schemas resolved, and adding yearly tables.

Each table's Table Schema is written once, in a file beside the package's ``datapackage.json``
(``payments.schema.json``), and every yearly resource of that table refers to it by name
(``"schema": "payments.schema.json"``). Stock ``frictionless validate`` reads such references;
Shafaf reads them through :func:`read_descriptor`, which returns the descriptor with every schema
inlined, so the rest of the pipeline sees one plain dict per resource.

The engine ships the standard packages (``pipeline/standard/``): their descriptors, with the
yearly tables described once under ``x_shafaf.yearly_tables``, and their schema files. A new site
starts from copies of them (``shafaf new``), and importing a new fiscal year adds its resource
with :func:`ensure_year_resource`.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"
STANDARD = Path(__file__).resolve().parent / "standard"
#: The standard packages, in the order their references need (wards before complaints).
PACKAGES = ("local-governments", "budget", "spending", "complaints")
FISCAL_YEAR = re.compile(r"^\d{4}-\d{2}$")
SCHEMA_SUFFIX = ".schema.json"


class DescriptorError(ValueError):
    """A descriptor that cannot be read; the message names the file and says what to fix."""


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def local_file(folder: Path, reference: str, what: str) -> Path:
    """``reference`` as a file inside ``folder``: never a URL, an absolute path, a way out of the
    folder or a link to a file elsewhere (a pull request must not make the build read any file
    on the runner)."""
    owner = _display(folder / DESCRIPTOR)
    if not reference or "\x00" in reference or "://" in reference:
        raise DescriptorError(
            f"{owner}: {what} {reference!r} must be the name of a file in {_display(folder)}."
        )
    candidate = Path(reference)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise DescriptorError(
            f"{owner}: {what} {reference!r} must be a file inside {_display(folder)}, "
            "not a path leading out of it."
        )
    path = folder / candidate
    root = folder.resolve()
    if not path.resolve().is_relative_to(root):
        raise DescriptorError(
            f"{owner}: {what} {reference!r} is a link to a file outside {_display(folder)}; "
            "put the file itself there."
        )
    return path


def read_raw(folder: Path) -> dict[str, Any]:
    """``folder``'s datapackage.json as written (schema references left as they are)."""
    path = folder / DESCRIPTOR
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DescriptorError(f"{_display(path)} does not exist.") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DescriptorError(f"{_display(path)} is not valid JSON: {error}") from error
    except RecursionError as error:
        message = f"{_display(path)} is nested too deeply to be a descriptor."
        raise DescriptorError(message) from error
    if not isinstance(value, dict) or not isinstance(value.get("resources", []), list):
        raise DescriptorError(f"{_display(path)} must be a JSON object with a list of resources.")
    return value


def _schema(folder: Path, reference: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if reference not in cache:
        path = local_file(folder, reference, "the schema")
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise DescriptorError(
                f"{_display(folder / DESCRIPTOR)} names the schema file {reference}, which is not "
                f"in {_display(folder)}."
            ) from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise DescriptorError(f"{_display(path)} is not valid JSON: {error}") from error
        if not isinstance(value, dict):
            raise DescriptorError(f"{_display(path)} must be a JSON object (a Table Schema).")
        cache[reference] = value
    return json.loads(json.dumps(cache[reference]))  # each resource gets its own copy


def resolve(folder: Path, descriptor: dict[str, Any]) -> dict[str, Any]:
    """``descriptor`` (of the package in ``folder``) with every schema reference inlined."""
    cache: dict[str, dict[str, Any]] = {}
    resolved = dict(descriptor)
    resources = []
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and isinstance(resource.get("schema"), str):
            resource = {**resource, "schema": _schema(folder, resource["schema"], cache)}
        resources.append(resource)
    resolved["resources"] = resources
    return resolved


def read_descriptor(folder: Path) -> dict[str, Any]:
    """``folder``'s datapackage.json with every schema reference inlined."""
    return resolve(folder, read_raw(folder))


def schema_files(descriptor: dict[str, Any]) -> list[str]:
    """The schema files a raw descriptor refers to, each once, in order of first use."""
    seen: dict[str, None] = {}
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and isinstance(resource.get("schema"), str):
            seen.setdefault(resource["schema"], None)
    return list(seen)


def package_files(folder: Path) -> list[str]:
    """Every file of the package in ``folder`` that a copy of it needs: the descriptor, its
    schema files and its resources' files (relative to ``folder``)."""
    raw = read_raw(folder)
    paths = [r["path"] for r in raw.get("resources", []) if isinstance(r.get("path"), str)]
    return [DESCRIPTOR, *schema_files(raw), *paths]


def copy_package(folder: Path, out: Path, files: Iterable[str] | None = None) -> None:
    """Copy the package in ``folder`` to ``out`` byte for byte: descriptor, schemas and ``files``
    (default: every resource's file)."""
    out.mkdir(parents=True, exist_ok=True)
    raw = read_raw(folder)
    wanted = package_files(folder) if files is None else [DESCRIPTOR, *schema_files(raw), *files]
    for name in wanted:
        source = local_file(folder, name, "the file")
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, out / name)


# --- yearly tables ------------------------------------------------------------------------


def yearly_tables(descriptor: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The package's tables that have one file per fiscal year, with their texts."""
    tables = (descriptor.get("x_shafaf") or {}).get("yearly_tables") or {}
    return tables if isinstance(tables, dict) else {}


def year_resource(table: str, fiscal_year: str, texts: dict[str, str]) -> dict[str, Any]:
    """The resource entry of ``table``'s file for ``fiscal_year``."""
    name = f"{table}-{fiscal_year}"
    entry: dict[str, Any] = {
        "name": name,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    for key in ("title", "title_ur", "description", "description_ur"):
        if key in texts:
            entry[key] = texts[key].format(fiscal_year=fiscal_year)
    entry["schema"] = texts.get("schema", f"{table}{SCHEMA_SUFFIX}")
    return entry


def table_schema(folder: Path, table: str) -> dict[str, Any]:
    """The Table Schema of the yearly ``table`` of the package in ``folder``, whether or not a
    year of it is published yet (a new site's complaints have a schema before any row)."""
    raw = read_raw(folder)
    years = [r for r in raw.get("resources", []) if _family(str(r.get("name", ""))) == table]
    reference = years[-1].get("schema") if years else None
    if isinstance(reference, dict):
        return reference
    if not isinstance(reference, str):
        texts = yearly_tables(raw).get(table)
        if texts is None:
            raise DescriptorError(f"{_display(folder / DESCRIPTOR)} has no yearly table '{table}'.")
        reference = texts.get("schema", f"{table}{SCHEMA_SUFFIX}")
    return _schema(folder, reference, {})


def _header(folder: Path, schema_reference: str) -> str:
    schema = _schema(folder, schema_reference, {})
    return ",".join(field["name"] for field in schema.get("fields", [])) + "\n"


def ensure_year_resource(folder: Path, table: str, fiscal_year: str) -> Path:
    """The CSV file of ``table`` for ``fiscal_year`` in the package in ``folder``; when the
    package has no such resource yet, it is added to datapackage.json (after the table's other
    years) and its file is created with the header row only."""
    if not FISCAL_YEAR.match(fiscal_year):
        raise DescriptorError(f"'{fiscal_year}' is not a fiscal year written like 2024-25.")
    raw = read_raw(folder)
    name = f"{table}-{fiscal_year}"
    resources = raw.setdefault("resources", [])
    for resource in resources:
        if resource.get("name") == name:
            return local_file(folder, str(resource.get("path", "")), "the file")
    tables = yearly_tables(raw) or yearly_tables(_standard_raw(folder.name))
    if table not in tables:
        known = ", ".join(sorted(tables)) or "none"
        raise DescriptorError(
            f"{_display(folder / DESCRIPTOR)} has no yearly table '{table}' "
            f"(yearly tables: {known})."
        )
    entry = year_resource(table, fiscal_year, tables[table])
    local_file(folder, entry["schema"], "the schema")  # refuses what is not a file of the folder
    if not (folder / entry["schema"]).exists():
        standard = STANDARD / folder.name / entry["schema"]
        if not standard.exists():
            raise DescriptorError(
                f"{_display(folder)} has no {entry['schema']} for the table '{table}'."
            )
        shutil.copyfile(standard, folder / entry["schema"])
    same = [i for i, r in enumerate(resources) if _family(r.get("name", "")) == table]
    after = [i for i in same if _year(resources[i].get("name", "")) < fiscal_year]
    at = (after[-1] + 1) if after else (same[0] if same else len(resources))
    resources.insert(at, entry)
    path = folder / entry["path"]
    if not path.exists():
        path.write_text(_header(folder, entry["schema"]), encoding="utf-8")
    write_descriptor(folder, raw)
    return path


def _family(name: str) -> str:
    head, _, tail = name.rpartition("-")
    return head.rpartition("-")[0] if tail.isdigit() and head[-4:].isdigit() else name


def _year(name: str) -> str:
    return name[-7:]


def write_descriptor(folder: Path, descriptor: dict[str, Any]) -> None:
    """Write ``descriptor`` as ``folder``'s datapackage.json, in the repository's style."""
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (folder / DESCRIPTOR).write_text(text, encoding="utf-8")


# --- the currency of the money columns ----------------------------------------------------

#: How the standard schemas name their currency, longest first: (text key, words, words for
#: another currency code).
_RUPEE_WORDS = (
    ("title", "(PKR)", "({code})"),
    ("title_ur", "(روپے)", "({code})"),
    ("description", "in Pakistani rupees", "in {code}"),
    ("description", "in rupees", "in {code}"),
    ("description_ur", "پاکستانی روپے میں", "{code} میں"),
    ("description_ur", "روپے میں", "{code} میں"),
)


def set_currency(folder: Path, currency: str) -> None:
    """Say in every schema file of the package in ``folder`` that its money columns are in
    ``currency`` (an ISO 4217 code): the Fiscal Data Package ``currency`` of each ``value``
    column, and the words of its descriptions, so a council's dictionary never says rupees for
    pounds."""
    raw = read_raw(folder)
    names = [*schema_files(raw), *(f"{table}{SCHEMA_SUFFIX}" for table in yearly_tables(raw))]
    for reference in dict.fromkeys(names):
        path = local_file(folder, reference, "the schema")
        if not path.exists():
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for field in schema.get("fields", []):
            if field.get("columnType") != "value" or field.get("currency") == currency:
                continue
            field["currency"] = currency
            for key, words, other in _RUPEE_WORDS:
                if key in field:
                    field[key] = str(field[key]).replace(words, other.format(code=currency))
            changed = True
        if changed:
            text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            path.write_text(text, encoding="utf-8")


# --- the standard packages ----------------------------------------------------------------


def _standard_raw(package: str) -> dict[str, Any]:
    folder = STANDARD / package
    return read_raw(folder) if (folder / DESCRIPTOR).exists() else {}


def standard_descriptor(package: str) -> dict[str, Any]:
    """The engine's standard descriptor of ``package`` (raw, references kept)."""
    if package not in PACKAGES:
        raise DescriptorError(f"There is no standard package '{package}' ({', '.join(PACKAGES)}).")
    return _standard_raw(package)


def write_standard_package(
    out: Path,
    package: str,
    years: Iterable[str] = (),
    extra: dict[str, Any] | None = None,
    currency: str = "PKR",
) -> Path:
    """Write the standard ``package`` into ``out/package``: descriptor, schema files, a header-only
    CSV for every table, and a resource for each of ``years`` of each yearly table. ``extra``
    is merged into the descriptor (a site's publisher, a demo note…). Existing CSV files are
    kept."""
    folder = out / package
    folder.mkdir(parents=True, exist_ok=True)
    raw = standard_descriptor(package)
    raw.update(extra or {})
    for name in schema_files(raw) + [f"{table}{SCHEMA_SUFFIX}" for table in yearly_tables(raw)]:
        shutil.copyfile(STANDARD / package / name, folder / name)
    write_descriptor(folder, raw)
    for resource in raw.get("resources", []):
        path = folder / resource["path"]
        if path.exists():
            continue
        if isinstance(resource.get("schema"), str):
            path.write_text(_header(folder, resource["schema"]), encoding="utf-8")
        elif resource.get("format") == "geojson":  # no boundaries yet: a valid, empty map
            path.write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    for year in sorted(set(years)):
        for table in yearly_tables(raw):
            ensure_year_resource(folder, table, year)
    set_currency(folder, currency)
    return folder
