"""Offline downloads: one zip per local government with its rows of every published data package,
a SQLite database of them and a README in English and Urdu, for people with poor connectivity.

Made from the published copies (build/bundle/downloads/), so a zip never holds anything the site
does not publish. The same data gives byte-identical zips: entries are sorted and carry the date
of the data (SOURCE_DATE_EPOCH when set), so a rebuild does not change the downloads.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

FOLDER = "offline"  # beside the bundle; the site serves it at /data/offline/
LG_FIELD = "lg_code"
COUNCILS = ("local-governments", "local-governments")  # (package, resource) listing the councils
#: Lookup tables cut down to the rows a council's own rows refer to (the suppliers it paid).
REFERENCED_ONLY = frozenset({"suppliers"})
ZIP_FLOOR = datetime.date(1980, 1, 1)  # the earliest date a zip entry can carry
SQL_TYPES = {
    "integer": "INTEGER",
    "number": "NUMERIC",
    "date": "DATE",
    "datetime": "DATETIME",
    "year": "INTEGER",
}
INDEXED = ("lg_code", "fiscal_year")  # besides the columns of foreign keys
YEARLY = re.compile(r"^(?P<stem>.+)-\d{4}-\d{2}$")  # payments-2024-25 -> payments


class OfflineError(Exception):
    """An offline download could not be made; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Council:
    """A local government an offline download is made for."""

    code: str
    name_en: str
    name_ur: str

    @property
    def slug(self) -> str:
        return self.code.lower()


# Reading and splitting the published packages ---------------------------------------------


def descriptor(folder: Path) -> dict[str, Any]:
    """The datapackage.json of the package in ``folder``."""
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def records(path: Path) -> Iterator[list[str]]:
    """The CSV records of ``path`` (header first), blank records skipped."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from (record for record in csv.reader(handle) if any(record))


def councils(downloads: Path) -> list[Council]:
    """The local governments listed in the published local-governments table, by code."""
    package, resource = COUNCILS
    folder = downloads / package
    try:
        meta = descriptor(folder)
        path = next(folder / r["path"] for r in meta["resources"] if r["name"] == resource)
        rows = records(path)
        header = next(rows)
        found = [dict(zip(header, row, strict=False)) for row in rows]
    except (OSError, StopIteration, KeyError, ValueError) as error:
        raise OfflineError(
            f"Cannot read the list of local governments from {folder}: {error}. The offline "
            "downloads are made from the published copy of that data package; run "
            "`make analyse` again."
        ) from error
    return sorted(
        (Council(row[LG_FIELD], row.get("name_en", ""), row.get("name_ur", "")) for row in found),
        key=lambda council: council.code,
    )


def _referenced(meta: dict[str, Any]) -> dict[str, list[tuple[str, list[str], list[str]]]]:
    """{resource: [(lookup resource, its key fields, the referring fields)]} for the lookups
    in REFERENCED_ONLY, from the package's own foreign keys."""
    out: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    for resource in meta["resources"]:
        for key in (resource.get("schema") or {}).get("foreignKeys", []):
            target = key["reference"]
            if target.get("resource") in REFERENCED_ONLY and "package" not in target:
                out.setdefault(resource["name"], []).append(
                    (target["resource"], _list(target["fields"]), _list(key["fields"]))
                )
    return out


def _list(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def _fields(resource: dict[str, Any]) -> list[str]:
    return [f["name"] for f in (resource.get("schema") or {}).get("fields", [])]


def split_package(folder: Path, stage: Path, codes: Iterable[str]) -> None:
    """Write each council's share of the package in ``folder`` to ``stage/{slug}/{package}/``
    (slug: the code in lower case).

    Tables with an lg_code column keep that council's rows, GeoJSON its features; the lookups
    in REFERENCED_ONLY keep the rows its rows refer to; other lookup tables are copied whole.
    """
    meta = descriptor(folder)
    codes = list(codes)
    outs = {code: stage / code.lower() / folder.name for code in codes}
    for out in outs.values():
        out.mkdir(parents=True)
        shutil.copyfile(folder / "datapackage.json", out / "datapackage.json")
    refers = _referenced(meta)
    keys: dict[tuple[str, str], set[tuple[str, ...]]] = {}  # (code, lookup) -> keys used
    own = [r for r in meta["resources"] if LG_FIELD in _fields(r)]
    for resource in own:
        source = records(folder / resource["path"])
        header = next(source)
        at = header.index(LG_FIELD)
        uses = [
            (lookup, [header.index(f) for f in fields]) for lookup, _, fields in refers.get(
                resource["name"], [])
        ]  # fmt: skip
        with ExitStack() as stack:
            writers = {}
            for code, out in outs.items():
                handle = stack.enter_context(
                    (out / resource["path"]).open("w", newline="", encoding="utf-8")
                )
                writers[code] = csv.writer(handle, lineterminator="\n")
                writers[code].writerow(header)
            for row in source:
                code = row[at]
                if code in writers:
                    writers[code].writerow(row)
                    for lookup, positions in uses:
                        keys.setdefault((code, lookup), set()).add(tuple(row[i] for i in positions))
    for resource in meta["resources"]:
        if LG_FIELD in _fields(resource):
            continue
        path = folder / resource["path"]
        key = next((k for r in refers.values() for n, k, _ in r if n == resource["name"]), None)
        if key is not None:  # a lookup in REFERENCED_ONLY that the package's tables refer to
            for code, out in outs.items():
                wanted = keys.get((code, resource["name"]), set())
                _write_csv(out / resource["path"], _keep(path, key, wanted))
        elif resource.get("format") == "geojson":
            collection = json.loads(path.read_bytes())
            for code, out in outs.items():
                (out / resource["path"]).write_bytes(geojson_for(collection, code))
        else:
            for out in outs.values():
                shutil.copyfile(path, out / resource["path"])


def _keep(path: Path, key: list[str], wanted: set[tuple[str, ...]]) -> Iterator[list[str]]:
    """The header and the records of ``path`` whose ``key`` is one of ``wanted``."""
    source = records(path)
    header = next(source)
    yield header
    positions = [header.index(f) for f in key]
    yield from (row for row in source if tuple(row[i] for i in positions) in wanted)


def _write_csv(path: Path, rows: Iterable[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def geojson_for(collection: dict[str, Any], code: str) -> bytes:
    """The features of a GeoJSON FeatureCollection whose lg_code is ``code`` (all when the
    features carry no lg_code), one feature a line as the published file is written."""
    features = [
        f
        for f in collection.get("features", [])
        if (f.get("properties") or {}).get(LG_FIELD, code) == code
    ]
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    opening += "," if head else ""
    return (opening + '"features":[\n' + ",\n".join(lines) + "\n]}\n").encode()


# The rewritten descriptors -------------------------------------------------------------------


def file_facts(path: Path, tabular: bool) -> dict[str, Any]:
    """bytes, hash (as frictionless checks it) and, for a table, rows of the file at ``path``."""
    data = path.read_bytes()
    facts: dict[str, Any] = {
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }
    if tabular:
        facts["rows"] = max(sum(1 for _ in records(path)) - 1, 0)
    return facts


def restricted(meta: dict[str, Any], folder: Path, council: Council) -> dict[str, Any]:
    """The descriptor ``meta`` for the council's share written in ``folder``: each resource's
    bytes, hash and row count updated, and the descriptions saying whose rows these are."""
    note_en = f"This copy holds only the rows of {council.name_en} ({council.code})."
    note_ur = f"اس نقل میں صرف {council.name_ur} ({council.code}) کی سطریں ہیں۔"
    out = {
        **meta,
        "description": (meta.get("description", "") + "\n\n" + note_en).strip(),
        "description_ur": (meta.get("description_ur", "") + "\n\n" + note_ur).strip(),
        "x_shafaf": {**meta.get("x_shafaf", {}), "local_government": council.code},
        "resources": [
            {**r, **file_facts(folder / r["path"], r.get("format") == "csv")}
            for r in meta["resources"]
        ],
    }
    return out


# The SQLite database -------------------------------------------------------------------------


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
        columns.append(f"PRIMARY KEY ({', '.join(map(_quote, _list(schema['primaryKey'])))})")
    for key in _keys(schema):
        target = key["reference"]
        if "*" in target["resource"] or not target["resource"]:
            continue  # a family of tables (budget-*) or the table itself: no constraint
        columns.append(
            f"FOREIGN KEY ({', '.join(map(_quote, _list(key['fields'])))}) REFERENCES "
            f"{_quote(table_name(target['resource']))} "
            f"({', '.join(map(_quote, _list(target['fields'])))})"
        )
    table = _quote(table_name(resource["name"]))
    return f"CREATE TABLE {table} (\n  " + ",\n  ".join(columns) + "\n)"


def _keys(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The standard foreign keys and Shafaf's references to other packages."""
    return schema.get("foreignKeys", []) + schema.get("x_shafaf_external_foreign_keys", [])


def index_columns(resource: dict[str, Any]) -> list[str]:
    """The columns worth an index: lg_code, fiscal_year and every foreign key (a primary key
    of one column has its own)."""
    schema = resource["schema"]
    names = [name for name in INDEXED if name in _fields(resource)]
    for key in _keys(schema):
        names += [name for name in _list(key["fields"]) if name not in names]
    return [name for name in names if _list(schema.get("primaryKey", [])) != [name]]


def cells(resource: dict[str, Any], path: Path) -> Iterator[list[str | None]]:
    """The rows of a tabular resource as SQLite values: missing values as NULL, numbers without
    their group separators (SQLite's column types then store them as numbers)."""
    schema = resource["schema"]
    missing = set(schema.get("missingValues", [""]))
    source = records(path)
    header = next(source)
    fields = {f["name"]: f for f in schema["fields"]}
    group = [
        fields[name].get("groupChar") if name in fields and fields[name]["type"] == "number"
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


def database(folder: Path, packages: list[dict[str, Any]], about: Mapping[str, str]) -> None:
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
                        header = _fields(resource)
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


# The README ------------------------------------------------------------------------------------


def _publishers(packages: list[dict[str, Any]]) -> list[str]:
    """The publishers the packages name, sorted."""
    return sorted(
        {c.get("title", "") for meta in packages for c in meta.get("contributors", [])
         if c.get("role") == "publisher"} - {""}
    )  # fmt: skip


def _licences(packages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The packages' licences, each once."""
    found: dict[str, dict[str, str]] = {}
    for meta in packages:
        for lic in meta.get("licenses", []):
            found.setdefault(lic.get("path") or lic.get("name", ""), lic)
    return [found[key] for key in sorted(found)]


def readme(council: Council, packages: list[dict[str, Any]], when: datetime.date | None) -> str:
    """README.txt: what is in the download, its licence, how to open it, and the data's date."""
    slug = council.slug
    date = when.isoformat() if when else "-"
    publishers = ", ".join(_publishers(packages)) or "-"
    licences = _licences(packages)
    free_en = free_ur = ""
    if licences and all(lic.get("name") == "CC-BY-4.0" for lic in licences):
        free_en = "\nYou may copy, share and reuse the data if you credit the publisher."
        free_ur = "\nناشر کا حوالہ دے کر آپ یہ ڈیٹا نقل، شیئر اور دوبارہ استعمال کر سکتے ہیں۔"
    demo_en = demo_ur = ""
    if any(meta.get("x_shafaf", {}).get("demo") for meta in packages):
        demo_en = (
            "\nDEMO DATA: every name, figure and record here was made up to show how the site"
            "\nworks; none of it describes a real council.\n"
        )
        demo_ur = (
            "\nنمونے کا ڈیٹا: یہاں کے تمام نام، اعداد و شمار اور ریکارڈ سائٹ کی کارکردگی دکھانے"
            "\nکے لیے بنائے گئے ہیں؛ ان میں سے کوئی بھی کسی حقیقی کونسل کا نہیں۔\n"
        )
    files_en, files_ur = [], []
    for meta in packages:
        files_en.append(f"  {meta['name']}/  {meta.get('title', meta['name'])}")
        files_ur.append(f"  {meta['name']}/  {meta.get('title_ur', meta.get('title', ''))}")
        for r in meta["resources"]:
            rows = r.get("rows")
            count_en = "" if rows is None else f", {rows} row" + ("" if rows == 1 else "s")
            count_ur = "" if rows is None else f"، {rows} " + ("سطر" if rows == 1 else "سطریں")
            files_en.append(f"    {r['path']}  {r.get('title', r['name'])}{count_en}")
            files_ur.append(f"    {r['path']}  {r.get('title_ur', r.get('title', ''))}{count_ur}")
    licence = "\n".join(
        f"  {lic.get('title', lic.get('name', ''))} ({lic.get('path', '')})" for lic in licences
    )
    return f"""\
{council.name_en} ({council.code}): all published data, for offline use
=======================================================================

Date of the data: {date}
Published by: {publishers}
{demo_en}
What is inside
--------------
Every published data package, restricted to the rows of {council.name_en}
(lookup tables such as departments and object codes are whole):

{chr(10).join(files_en)}

  {slug}.sqlite  the same tables in one SQLite database (a table per file,
                 views joining the yearly tables, and an "about" table)
  Each folder's datapackage.json describes every column and the file's size
  and checksum.

Licence
-------
{licence}{free_en}

How to open the CSV files
-------------------------
The files are CSV in UTF-8, so that Urdu text shows correctly.
  Excel: Data > From Text/CSV, choose the file, set "File origin" to
         "65001: Unicode (UTF-8)", then Load.
  LibreOffice Calc: File > Open, choose the file, set "Character set" to
         "Unicode (UTF-8)" and "Separated by" to "Comma".
  Google Sheets: File > Import > Upload.

How to open the SQLite database
-------------------------------
Install DB Browser for SQLite (free, https://sqlitebrowser.org), choose
"Open Database", pick {slug}.sqlite and use the "Browse Data" tab, or
"Execute SQL" for a question such as:
  SELECT dept_code, SUM(amount) FROM payments GROUP BY dept_code;
The sqlite3 command-line program opens it too: sqlite3 {slug}.sqlite


{council.name_ur} ({council.code}): تمام شائع شدہ ڈیٹا، انٹرنیٹ کے بغیر استعمال کے لیے
=======================================================================

ڈیٹا کی تاریخ: {date}
ناشر: {publishers}
{demo_ur}
اس میں کیا ہے
-------------
ہر شائع شدہ ڈیٹا پیکج، صرف {council.name_ur} کی سطروں کے ساتھ
(محکموں اور آبجیکٹ کوڈز جیسی حوالہ جاتی فہرستیں مکمل ہیں):

{chr(10).join(files_ur)}

  {slug}.sqlite  یہی جدولیں ایک SQLite ڈیٹا بیس میں (ہر فائل کی ایک جدول،
                 سالانہ جدولوں کو ملانے والے ویوز، اور "about" جدول)
  ہر فولڈر کی datapackage.json ہر کالم، فائل کے سائز اور چیک سم کی وضاحت کرتی ہے۔

لائسنس
------
{licence}{free_ur}

CSV فائلیں کیسے کھولیں
---------------------
فائلیں UTF-8 میں CSV ہیں تاکہ اردو درست نظر آئے۔
  ایکسل: Data > From Text/CSV، فائل چنیں، "File origin" میں
         "65001: Unicode (UTF-8)" چنیں، پھر Load۔
  لبرے آفس کیلک: File > Open، فائل چنیں، "Character set" میں
         "Unicode (UTF-8)" اور "Separated by" میں "Comma" چنیں۔
  گوگل شیٹس: File > Import > Upload۔

SQLite ڈیٹا بیس کیسے کھولیں
--------------------------
DB Browser for SQLite انسٹال کریں (مفت، https://sqlitebrowser.org)،
"Open Database" سے {slug}.sqlite چنیں اور "Browse Data" ٹیب دیکھیں، یا
"Execute SQL" میں سوال لکھیں، مثلاً:
  SELECT dept_code, SUM(amount) FROM payments GROUP BY dept_code;
sqlite3 کمانڈ لائن پروگرام سے بھی کھلتی ہے: sqlite3 {slug}.sqlite
"""


# The zip ---------------------------------------------------------------------------------------


def data_date(
    datasets: Iterable[Mapping[str, Any]], environ: Mapping[str, str] = os.environ
) -> datetime.date | None:
    """The date the downloads carry: SOURCE_DATE_EPOCH when set (reproducible builds), else the
    newest last change of any dataset (catalogue entries), else None."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    dates = [d["last_changed"] for d in datasets if d.get("last_changed")]
    return datetime.date.fromisoformat(max(dates)) if dates else None


def archive(folder: Path, target: Path, when: datetime.date | None) -> None:
    """Zip ``folder`` into ``target`` under a folder of its name: entries sorted, each dated
    ``when`` (1980-01-01 when unknown) with fixed permissions, so the bytes depend on the
    files alone."""
    stamp = max(when or ZIP_FLOOR, ZIP_FLOOR)
    with zipfile.ZipFile(target, "w") as zipped:
        for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo(
                f"{folder.name}/{path.relative_to(folder).as_posix()}",
                date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0),
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            zipped.writestr(info, path.read_bytes(), compresslevel=9)


def about(council: Council, packages: list[dict[str, Any]], when: datetime.date | None) -> dict:
    """The rows of the database's ``about`` table."""
    return {
        "local_government": council.code,
        "name_en": council.name_en,
        "name_ur": council.name_ur,
        "source": "; ".join(_publishers(packages)),
        "licence": "; ".join(lic.get("path") or lic.get("name", "") for lic in _licences(packages)),
        "data_date": when.isoformat() if when else "",
        "built": when.isoformat() if when else "",
        "made_by": "Shafaf, from the published data packages (datapackage.json in each folder)",
    }


def council_folder(stage: Path, council: Council, when: datetime.date | None) -> Path:
    """Finish the council's staged share: descriptors rewritten, the database and the README."""
    folder = stage / council.slug
    packages = []
    for package in sorted(p for p in folder.iterdir() if p.is_dir()):
        meta = restricted(descriptor(package), package, council)
        (package / "datapackage.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        packages.append(meta)
    database(folder, packages, about(council, packages, when))
    (folder / "README.txt").write_text(readme(council, packages, when), encoding="utf-8")
    return folder


def write(downloads: Path, target: Path, when: datetime.date | None) -> dict[str, dict[str, Any]]:
    """Write ``target/{code}.zip`` for each council from the published packages in
    ``downloads``; {code: {code, name_en, name_ur, path (under data/), bytes, sha256}}."""
    listed = councils(downloads)
    listed_by_code = {council.code: council for council in listed}
    packages = sorted(p.parent for p in downloads.glob("*/datapackage.json"))
    partial = target.with_name(target.name + ".partial")
    published: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="shafaf-offline-") as tmp:
        stage = Path(tmp)
        for package in packages:
            split_package(package, stage, [c.code for c in listed])
        folders = {council.code: council_folder(stage, council, when) for council in listed}
        try:
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            for code, folder in folders.items():
                zipped = partial / f"{folder.name}.zip"
                archive(folder, zipped, when)
                data = zipped.read_bytes()
                published[code] = {
                    **dataclasses.asdict(listed_by_code[code]),
                    "path": f"{FOLDER}/{zipped.name}",
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            shutil.rmtree(target, ignore_errors=True)
            partial.replace(target)
        except OSError as error:
            raise OfflineError(
                f"Cannot write the offline downloads to {target}: {error.strerror or error}. "
                "Check that the folder can be written (and is not a file), then run "
                "`make analyse` again."
            ) from error
    return published
