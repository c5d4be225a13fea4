"""The offline downloads: one zip per council, its rows only, a SQLite copy, stock-valid packages,
the same bytes from the same data, no personal data, and errors said in words."""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF

from pipeline import metadata, offline
from pipeline.open311 import personal_data

FRICTIONLESS = Path(sys.executable).parent / "frictionless"  # the stock CLI, as a user runs it
BASE = "https://sabzabad.example.org"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")  # open: the closed one warns under pytest


def rows_of(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [record for record in csv.reader(handle) if any(record)]


@pytest.fixture(scope="module")
def made(site_bundle: dict[str, str]) -> Path:
    """The folder holding the small datasets' bundle, its downloads/ and offline/."""
    return Path(site_bundle["SHAFAF_BUNDLE"]).parent


@pytest.fixture(scope="module")
def records(made: Path) -> dict[str, dict]:
    return json.loads((made / "bundle.json").read_text(encoding="utf-8"))["offline"]


@pytest.fixture(scope="module")
def unzipped(made: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{lg_code: the folder its zip unpacks to}."""
    out = tmp_path_factory.mktemp("unzipped")
    folders = {}
    for path in sorted((made / offline.FOLDER).glob("*.zip")):
        with zipfile.ZipFile(path) as zipped:
            zipped.extractall(out)
        folders[path.stem.upper()] = out / path.stem
    return folders


def published_tables(downloads: Path):
    """(package, resource descriptor, path) of every published CSV resource."""
    for descriptor in sorted(downloads.glob("*/datapackage.json")):
        meta = json.loads(descriptor.read_text(encoding="utf-8"))
        for resource in meta["resources"]:
            if resource.get("format") == "csv":
                yield descriptor.parent.name, resource, descriptor.parent / resource["path"]


def test_one_zip_per_council_listed_in_the_bundle(made: Path, records: dict[str, dict]) -> None:
    codes = [row[0] for row in rows_of(made / "downloads/local-governments/local-governments.csv")]
    assert sorted(records) == sorted(codes[1:])
    for code, record in records.items():
        data = (made / "offline" / f"{code.lower()}.zip").read_bytes()
        assert record["path"] == f"offline/{code.lower()}.zip"
        assert (record["bytes"], record["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        assert record["name_en"] and record["name_ur"]


def test_each_table_holds_exactly_that_councils_rows(made: Path, unzipped: dict[str, Path]) -> None:
    for code, folder in unzipped.items():
        for package, resource, path in published_tables(made / "downloads"):
            header, *published = rows_of(path)
            header_out, *kept = rows_of(folder / package / resource["path"])
            assert header_out == header
            if "lg_code" in header:
                at = header.index("lg_code")
                assert kept == [row for row in published if row[at] == code], path
            elif resource["name"] != "suppliers":  # lookup tables are published whole
                assert (folder / package / resource["path"]).read_bytes() == path.read_bytes()


def test_no_other_councils_rows_anywhere(unzipped: dict[str, Path]) -> None:
    for code, folder in unzipped.items():
        others = set(unzipped) - {code}
        for path in folder.rglob("*.csv"):
            header, *rows = rows_of(path)
            for name in ("lg_code", "ward_code", "transaction_id", "line_id"):
                if name in header:
                    at = header.index(name)
                    assert not [r for r in rows if r[at].startswith(tuple(others))], (path, name)
        boundaries = json.loads((folder / "local-governments/wards.geojson").read_bytes())
        wards = rows_of(folder / "local-governments/wards.csv")[1:]
        assert {f["properties"]["lg_code"] for f in boundaries["features"]} == {code}
        assert len(boundaries["features"]) == len(wards) > 0


def test_suppliers_are_those_the_council_paid(unzipped: dict[str, Path]) -> None:
    for folder in unzipped.values():
        paid = {
            row[7] for path in folder.glob("spending/payments-*.csv") for row in rows_of(path)[1:]
        }
        listed = {row[0] for row in rows_of(folder / "spending/suppliers.csv")[1:]}
        assert rows_of(folder / "spending/payments-2024-25.csv")[0][7] == "supplier_id"
        assert listed == paid and paid


def frictionless(package: Path) -> subprocess.CompletedProcess[str]:
    """`frictionless validate datapackage.json` run in the package's folder."""
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "datapackage.json"],
        cwd=package, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def test_stock_frictionless_passes_on_the_unzipped_packages(unzipped: dict[str, Path]) -> None:
    packages = []
    for folder in unzipped.values():
        found = sorted(p.parent for p in folder.glob("*/datapackage.json"))
        assert [p.name for p in found] == [
            "budget", "complaints", "local-governments", "red-flags", "spending",
        ]  # fmt: skip
        packages += found
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:  # one CLI run per package
        results = dict(zip(packages, pool.map(frictionless, packages), strict=True))
    failed = {p: r.stdout + r.stderr for p, r in results.items() if r.returncode != 0}
    assert failed == {}


def test_descriptors_give_the_new_size_checksum_and_row_count(unzipped: dict[str, Path]) -> None:
    for code, folder in unzipped.items():
        for descriptor in folder.glob("*/datapackage.json"):
            meta = json.loads(descriptor.read_text(encoding="utf-8"))
            assert meta["x_shafaf"]["local_government"] == code
            assert f"({code})" in meta["description"] and f"({code})" in meta["description_ur"]
            for resource in meta["resources"]:
                data = (descriptor.parent / resource["path"]).read_bytes()
                assert resource["bytes"] == len(data)
                assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
                if resource["format"] == "csv":
                    assert (
                        resource["rows"] == len(rows_of(descriptor.parent / resource["path"])) - 1
                    )


def test_sqlite_has_every_table_with_the_csv_rows(unzipped: dict[str, Path]) -> None:
    for code, folder in unzipped.items():
        db = sqlite3.connect(folder / f"{code.lower()}.sqlite")
        try:
            for descriptor in folder.glob("*/datapackage.json"):
                for resource in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]:
                    table = resource["name"].replace("-", "_")
                    (count,) = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
                    if resource["format"] == "csv":
                        assert count == resource["rows"], (code, table)
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            (payments,) = db.execute("SELECT COUNT(*) FROM payments").fetchone()
            assert payments == sum(
                len(rows_of(p)) - 1 for p in folder.glob("spending/payments-*.csv")
            )
            about = dict(db.execute("SELECT key, value FROM about").fetchall())
            assert about["local_government"] == code
            assert about["licence"] == "https://creativecommons.org/licenses/by/4.0/"
            assert {"source", "data_date", "built", "name_en", "name_ur"} <= set(about)
            # Types from the Table Schema: money and counts are numbers, codes stay text.
            kinds = {kind for (kind,) in db.execute("SELECT DISTINCT typeof(amount) FROM payments")}
            assert kinds <= {"integer", "real"}
            codes = [c for (c,) in db.execute("SELECT function_code FROM function_codes")]
            assert all(isinstance(c, str) for c in codes) and any(c.startswith("0") for c in codes)
            (kind,) = db.execute("SELECT typeof(reopened_count) FROM complaints LIMIT 1").fetchone()
            assert kind == "integer"
            schema = db.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'payments_2024_25'"
            ).fetchone()[0]
            assert 'PRIMARY KEY ("transaction_id", "lg_code")' in schema  # unique per council
            assert 'REFERENCES "suppliers" ("supplier_id")' in schema
            indexes = {
                n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='index'")
            }
            assert "payments_2024_25_supplier_id" in indexes
            assert "payments_2024_25_lg_code" not in indexes  # one value: an index only adds bytes
        finally:
            db.close()


def test_readme_in_english_and_urdu(unzipped: dict[str, Path], made: Path) -> None:
    for code, folder in unzipped.items():
        text = (folder / "README.txt").read_text(encoding="utf-8")
        for needed in (
            code, "What is inside", "اس میں کیا ہے", "Creative Commons Attribution 4.0",
            "DB Browser for SQLite", f"{code.lower()}.sqlite", "From Text/CSV",
            "Date of the data", "ڈیٹا کی تاریخ", "DEMO DATA", "payments-2024-25.csv",
        ):  # fmt: skip
            assert needed in text, needed


def test_two_builds_give_the_same_bytes(made: Path, tmp_path: Path) -> None:
    when = datetime.date(2026, 10, 31)
    first = offline.write(made / "downloads", tmp_path / "a", when)
    second = offline.write(made / "downloads", tmp_path / "b", when)
    assert first == second
    for path in sorted((tmp_path / "a").glob("*.zip")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
        with zipfile.ZipFile(path) as zipped:
            names = zipped.namelist()
            assert names == sorted(names) and all(n.startswith(path.stem + "/") for n in names)
            assert {info.date_time for info in zipped.infolist()} == {(2026, 10, 31, 0, 0, 0)}


def test_the_date_comes_from_source_date_epoch_else_the_data() -> None:
    datasets = [{"last_changed": "2026-09-30"}, {"last_changed": None}, {}]
    assert offline.data_date(datasets, {}) == datetime.date(2026, 9, 30)
    assert offline.data_date(datasets, {"SOURCE_DATE_EPOCH": "1793491200"}) == datetime.date(
        2026, 11, 1
    )
    assert offline.data_date([], {}) is None


def test_no_personal_data_in_the_zip(made: Path) -> None:
    for path in sorted((made / "offline").glob("*.zip")):
        found = []
        with zipfile.ZipFile(path) as zipped:
            for name in zipped.namelist():
                if name.endswith((".csv", ".txt")):
                    lines = zipped.read(name).decode("utf-8").splitlines()
                    found += [(name, hit) for line in lines for hit in personal_data(line)]
                elif name.endswith((".json", ".geojson")):
                    texts = _strings(json.loads(zipped.read(name)))
                    found += [(name, hit) for text in texts for hit in personal_data(text)]
                elif name.endswith(".sqlite"):
                    found += [(name, hit) for hit in _sqlite_personal_data(zipped.read(name))]
        assert found == []


def _strings(value: object) -> list[str]:
    """Every string in a JSON document, but checksums (hex digits may look like a CNIC)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key != "hash" for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _sqlite_personal_data(data: bytes) -> list:
    with sqlite3.connect(":memory:") as db:
        db.deserialize(data)
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [
            hit
            for table in tables
            for row in db.execute(f'SELECT * FROM "{table}"')
            for value in row
            if isinstance(value, str)
            for hit in personal_data(value)
        ]


def test_the_personal_data_check_would_see_a_phone_number() -> None:
    assert personal_data("call 0300-1234567 after six")  # the check above can fail


def test_a_council_with_no_rows_gets_a_valid_empty_download(made: Path, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    shutil.copytree(made / "downloads", downloads)
    councils = downloads / "local-governments/local-governments.csv"
    header = rows_of(councils)[0]
    row = {"lg_code": "NEW-TC", "name_en": "New Town Committee", "name_ur": "نئی ٹاؤن کمیٹی",
           "tier": "town_committee", "province": "punjab", "population": "1000"}  # fmt: skip
    with councils.open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow([row.get(h, "") for h in header])
    written = offline.write(downloads, tmp_path / "offline", None)
    assert "NEW-TC" in written
    with zipfile.ZipFile(tmp_path / "offline/new-tc.zip") as zipped:
        zipped.extractall(tmp_path)
    folder = tmp_path / "new-tc"
    assert len(rows_of(folder / "spending/payments-2024-25.csv")) == 1  # the header only
    assert len(rows_of(folder / "local-governments/local-governments.csv")) == 2
    assert "payments-2024-25.csv  Payments 2024-25, 0 rows" in (folder / "README.txt").read_text(
        encoding="utf-8"
    )
    result = frictionless(folder / "spending")
    assert result.returncode == 0, result.stdout


def test_an_unwritable_target_is_said_in_words(made: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(offline.OfflineError) as caught:
        offline.write(made / "downloads", blocker / "offline", None)
    message = str(caught.value)
    assert message.startswith(f"Cannot write the offline downloads to {blocker / 'offline'}: ")
    assert "run `make analyse` again" in message


def test_missing_list_of_councils_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(offline.OfflineError) as caught:
        offline.write(tmp_path, tmp_path / "offline", None)
    assert str(caught.value).startswith(
        f"Cannot read the list of local governments from {tmp_path / 'local-governments'}: "
    )


def test_two_resources_of_one_table_name_are_refused(made: Path, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    shutil.copytree(made / "downloads", downloads)
    descriptor = downloads / "red-flags/datapackage.json"
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    meta["resources"][0]["name"] = "suppliers"
    descriptor.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(offline.OfflineError, match="Two resources would both be the table "):
        offline.write(downloads, tmp_path / "offline", None)


def test_the_dcat_catalogue_lists_each_download(records: dict[str, dict]) -> None:
    document = metadata.dcat([], BASE, {"en": "Shafaf", "ur": "شفاف"}, "Sabzabad", records.values())
    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    for code, record in records.items():
        subject = rdflib.URIRef(f"{BASE}/data/#offline-{code.lower()}")
        assert (subject, RDF.type, DCAT.Dataset) in graph
        titles = {t.language for t in graph.objects(subject, DCTERMS.title)}
        assert titles == {"en", "ur"}
        (dist,) = graph.objects(subject, DCAT.distribution)
        assert str(graph.value(dist, DCAT.downloadURL)) == f"{BASE}/data/offline/{code.lower()}.zip"
        assert int(graph.value(dist, DCAT.byteSize)) == record["bytes"]
        assert str(graph.value(dist, DCAT.mediaType)).endswith("/application/zip")


def test_ward_boundaries_keep_the_councils_features_or_all_without_lg_code() -> None:
    def feature(ward: str, lg: str | None) -> dict:
        properties = {"ward_code": ward} | ({"lg_code": lg} if lg else {})
        return {"type": "Feature", "properties": properties, "geometry": None}

    collection = {
        "type": "FeatureCollection",
        "features": [feature("A-W1", "A"), feature("B-W1", "B")],
    }
    kept = json.loads(offline.geojson_for(collection, "A"))
    assert [f["properties"]["ward_code"] for f in kept["features"]] == ["A-W1"]
    assert kept["type"] == "FeatureCollection"
    unmarked = {"features": [feature("W1", None), feature("W2", None)]}
    assert len(json.loads(offline.geojson_for(unmarked, "A"))["features"]) == 2
    assert json.loads(offline.geojson_for({"features": []}, "A")) == {"features": []}


def test_a_view_joins_tables_of_one_resource_per_year_only_when_their_columns_agree() -> None:
    tables = {
        "payments_2023_24": ["id", "amount"],
        "payments_2024_25": ["id", "amount"],
        "budget_2024_25": ["line_id"],
        "budget_2025_26": ["line_id", "extra"],
        "suppliers": ["supplier_id"],
    }
    assert offline.yearly_views(tables) == {"payments": ["payments_2023_24", "payments_2024_25"]}
