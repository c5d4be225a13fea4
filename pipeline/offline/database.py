"""The SQLite database of a council's share: a table per resource, a view per yearly family."""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.offline.council import Council
from pipeline.offline.errors import OfflineError
from pipeline.offline.package import as_list, fields, foreign_keys, licences, publishers, read_table

SQL_TYPES = {
    "integer": "INTEGER",
    "number": "NUMERIC",
    "date": "DATE",
    "datetime": "DATETIME",
    "year": "INTEGER",
}
INDEXED = ("lg_code", "fiscal_year")  # besides the columns of foreign keys
YEARLY = re.compile(r"^(?P<stem>.+)-\d{4}-\d{2}$")  # payments-2024-25 -> payments


def table_name(resource: str) -> str:
    """The SQLite table of a resource: payments-2024-25 -> payments_2024_25."""
    return re.sub(r"[^0-9A-Za-z_]", "_", resource)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table(resource: dict[str, Any]) -> str:
    """The CREATE TABLE statement of a tabular resource: column types from its Table Schema,
    its primary key, and its foreign keys to tables of exact name."""
    schema = resource["schema"]
    columns = [f"{_quote(f['name'])} {SQL_TYPES.get(f['type'], 'TEXT')}" for f in schema["fields"]]
    if schema.get("primaryKey"):
        columns.append(f"PRIMARY KEY ({', '.join(map(_quote, as_list(schema['primaryKey'])))})")
    for key in foreign_keys(schema):
        target = key["reference"]
        if "*" in target["resource"] or not target["resource"]:
            continue  # a family of tables (budget-*) or the table itself: no constraint
        columns.append(
            f"FOREIGN KEY ({', '.join(map(_quote, as_list(key['fields'])))}) REFERENCES "
            f"{_quote(table_name(target['resource']))} "
            f"({', '.join(map(_quote, as_list(target['fields'])))})"
        )
    table = _quote(table_name(resource["name"]))
    return f"CREATE TABLE {table} (\n  " + ",\n  ".join(columns) + "\n)"


def index_columns(resource: dict[str, Any]) -> list[str]:
    """The columns worth an index: lg_code, fiscal_year and every foreign key (a primary key
    of one column has its own)."""
    schema = resource["schema"]
    names = [name for name in INDEXED if name in fields(resource)]
    for key in foreign_keys(schema):
        names += [name for name in as_list(key["fields"]) if name not in names]
    primary = as_list(schema.get("primaryKey", []))
    return [name for name in names if primary != [name]]


def cells(resource: dict[str, Any], path: Path) -> Iterator[list[str | None]]:
    """The rows of a tabular resource as SQLite values: missing values as NULL, numbers without
    their group separators (SQLite's column types then store them as numbers)."""
    schema = resource["schema"]
    missing = set(schema.get("missingValues", [""]))
    header, source = read_table(path)
    by_name = {f["name"]: f for f in schema["fields"]}
    group = [
        by_name[name].get("groupChar") if name in by_name and by_name[name]["type"] == "number"
        else None
        for name in header
    ]  # fmt: skip
    for row in source:
        yield [
            None if value in missing else value.replace(sep, "") if sep else value
            for value, sep in zip(row, group, strict=True)
        ]


def _geojson_rows(path: Path) -> tuple[list[str], list[list[Any]]]:
    """A GeoJSON file as a table: each feature's properties and its geometry (GeoJSON text)."""
    features = json.loads(path.read_bytes()).get("features", [])
    names: list[str] = []
    for feature in features:
        names += [k for k in feature.get("properties") or {} if k not in names]
    rows = [
        [(f.get("properties") or {}).get(n) for n in names]
        + [json.dumps(f.get("geometry"), separators=(",", ":"))]
        for f in features
    ]
    return [*names, "geometry"], rows


def write(folder: Path, packages: list[dict[str, Any]], about: Mapping[str, str]) -> None:
    """Write the SQLite database ``folder/{slug}.sqlite`` of the (restricted) ``packages``
    written under ``folder``: a table per resource, a view per yearly family of tables, and
    ``about``."""
    path = folder / f"{folder.name}.sqlite"
    tables: dict[str, list[str]] = {}  # table -> columns, to join the yearly ones in a view
    indexes: dict[str, list[str]] = {}  # table -> columns worth an index
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("CREATE TABLE about (key TEXT PRIMARY KEY, value TEXT)")
            connection.executemany("INSERT INTO about VALUES (?, ?)", about.items())
            for meta in packages:
                for resource in meta["resources"]:
                    file = folder / meta["name"] / resource["path"]
                    table = table_name(resource["name"])
                    if table in tables or table == "about":
                        raise OfflineError(
                            f"Two resources would both be the table {table} in the offline "
                            f"database (the second in the {meta['name']} package): rename one."
                        )
                    if resource.get("format") == "geojson":
                        header, rows = _geojson_rows(file)
                        columns = ", ".join(f"{_quote(n)} TEXT" for n in header)
                        connection.execute(f"CREATE TABLE {_quote(table)} ({columns})")
                        values: Iterable[list[Any]] = rows
                    elif "schema" in resource:
                        connection.execute(create_table(resource))
                        header = fields(resource)
                        values = cells(resource, file)
                        indexes[table] = index_columns(resource)
                    else:
                        continue
                    tables[table] = header
                    marks = ", ".join("?" * len(header))
                    connection.executemany(f"INSERT INTO {_quote(table)} VALUES ({marks})", values)
            for table, names in indexes.items():
                for name in names:
                    _index(connection, table, name)
            for view, members in yearly_views(tables).items():
                connection.execute(
                    f"CREATE VIEW {_quote(view)} AS "
                    + " UNION ALL ".join(f"SELECT * FROM {_quote(m)}" for m in members)
                )
    finally:
        connection.close()


def _index(connection: sqlite3.Connection, table: str, column: str) -> None:
    """Index ``column`` of ``table`` unless it holds a single value there (lg_code in a
    council's own database, fiscal_year in a table of one year): such an index only adds bytes
    to the download."""
    t, c = _quote(table), _quote(column)
    if connection.execute(f"SELECT COUNT(DISTINCT {c}) > 1 FROM {t}").fetchone()[0]:
        connection.execute(f"CREATE INDEX {_quote(f'{table}_{column}')} ON {t} ({c})")


def yearly_views(tables: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """{view: its tables} joining the tables of one resource per fiscal year (payments_2024_25,
    payments_2025_26 -> payments) when they have the same columns and no table has that name."""
    families: dict[str, list[str]] = {}
    for table in sorted(tables):
        match = YEARLY.match(table.replace("_", "-"))
        if match:
            families.setdefault(table_name(match["stem"]), []).append(table)
    return {
        view: members
        for view, members in families.items()
        if view not in tables and len({tuple(tables[m]) for m in members}) == 1
    }


def about_rows(
    council: Council, packages: list[dict[str, Any]], when: datetime.date | None
) -> dict[str, str]:
    """The rows of the database's ``about`` table."""
    date = when.isoformat() if when else ""
    return {
        "local_government": council.code,
        "name_en": council.name_en,
        "name_ur": council.name_ur,
        "source": "; ".join(publishers(packages)),
        "licence": "; ".join(lic.get("path") or lic.get("name", "") for lic in licences(packages)),
        "data_date": date,
        "built": date,
        "made_by": "Shafaf, from the published data packages (datapackage.json in each folder)",
    }
