"""From the service's export into a copy of the datasets: anonymised, by fiscal year, idempotent."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import open311
from pipeline import settings as settings_module
from pipeline.validate import validate
from pipeline.validate.rules import personal_data as validator_rule
from publish.feedback import catalogue as catalogue_module
from publish.feedback import export

from .conftest import HEADERS, Api

CONTACT = {"first_name": "Sadia", "phone": "0333-5550001", "lat": "31.41", "long": "73.08"}


def export_file(api: Api, path: Path) -> Path:
    export.write(api.store, path, 5)
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "complaints").iterdir())}


def test_personal_data_patterns_are_the_validators() -> None:
    assert open311.PATTERNS == validator_rule.PATTERNS


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹ -+@.abcxyz", max_size=60))
def test_scrubbed_text_never_trips_the_validator(text: str) -> None:
    clean, _ = open311.scrub(text)
    probe = clean.translate(open311._ASCII_DIGITS)
    assert not any(re.search(pattern, probe) for _, pattern in validator_rule.PATTERNS), clean


def test_scrub_keeps_the_rest_of_the_text() -> None:
    assert open311.scrub("Call 0300-1234567, CNIC ۳۵۲۰۲-۱۲۳۴۵۶۷-۱.") == (
        "Call [removed], CNIC [removed].",
        ["0300-1234567", "۳۵۲۰۲-۱۲۳۴۵۶۷-۱"],
    )


def test_submissions_flow_into_the_datasets_and_validate(
    make_api: Callable[..., Api], mini: Path, tmp_path: Path
) -> None:
    api = make_api(datasets=mini)
    first = api.submit(**CONTACT)
    api.clock.advance(3600)
    second = api.submit(service_code="garbage_not_collected", ward_code="SBZ-MC-W02")
    api.client.post(
        f"/open311/v2/requests/{second}/status.json",
        data={"status_detail": "fixed", "status_notes": "Lifted"},
        headers=HEADERS,
    )
    source = export_file(api, tmp_path / "export.csv")
    assert set(rows(source)[0]) == set(open311.EXPORT_FIELDS)
    assert "Sadia" not in source.read_text(encoding="utf-8")

    result = open311.import_complaints(source, mini)
    assert result.ok and (result.added, result.updated, result.unchanged) == (2, 0, 0)
    assert result.files[0].endswith("complaints/complaints-2026-27.csv")
    report = validate([mini / "complaints"], settings_module.load(None))
    assert report.valid, [o.message for o in report.flatten()][:5]

    written = {r["service_request_id"]: r for r in rows(mini / "complaints/complaints-2026-27.csv")}
    assert written[first]["fiscal_year"] == "2026-27"
    assert written[first]["requested_datetime"] == "2026-11-27T10:00:00+05:00"
    assert written[second]["status"] == "closed" and written[second]["resolved_datetime"]
    text = (mini / "complaints/complaints-2026-27.csv").read_text(encoding="utf-8")
    for value in CONTACT.values():
        assert value not in text

    before = snapshot(mini)
    again = open311.import_complaints(source, mini)
    assert (again.added, again.updated, again.unchanged, again.files) == (0, 0, 2, [])
    assert snapshot(mini) == before

    api.client.post(
        f"/open311/v2/requests/{first}/status.json", data={"status": "closed"}, headers=HEADERS
    )
    later = open311.import_complaints(export_file(api, tmp_path / "later.csv"), mini)
    assert (later.added, later.updated, later.unchanged) == (0, 1, 1)
    written = {r["service_request_id"]: r for r in rows(mini / "complaints/complaints-2026-27.csv")}
    assert written[first]["status"] == "closed"


def export_rows(path: Path, *records: dict[str, str]) -> Path:
    base = {
        "service_request_id": "SBZ-MC-C9000001",
        "lg_code": "SBZ-MC",
        "ward_code": "SBZ-MC-W03",
        "service_code": "drain_blocked",
        "description": "Drain blocked",
        "status": "open",
        "status_detail": "open",
        "status_notes": "",
        "agency_responsible": "WSS",
        "channel": "portal",
        "requested_datetime": "2027-06-30T18:30:00+00:00",
        "updated_datetime": "2027-06-30T18:30:00+00:00",
        "expected_datetime": "",
        "resolved_datetime": "",
        "citizen_feedback": "none",
        "reopened_count": "0",
    }
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, open311.EXPORT_FIELDS)
        writer.writeheader()
        for record in records:
            writer.writerow({**base, **record})
    return path


def test_records_go_to_their_fiscal_year_and_a_new_year_is_added(
    mini: Path, tmp_path: Path
) -> None:
    source = export_rows(
        tmp_path / "e.csv",
        {"description": "Blocked; ring 0321-7654321 or x@y.pk"},  # 23:30 on 30 June: 2026-27
        {
            "service_request_id": "SBZ-MC-C9000002",
            "requested_datetime": "2027-07-01T00:10:00+05:00",
            "updated_datetime": "2027-07-01T00:10:00+05:00",
        },
    )
    result = open311.import_complaints(source, mini)
    assert result.ok, (result.problems, result.report)
    old = {r["service_request_id"]: r for r in rows(mini / "complaints/complaints-2026-27.csv")}
    new = rows(mini / "complaints/complaints-2027-28.csv")
    assert old["SBZ-MC-C9000001"]["requested_datetime"] == "2027-06-30T23:30:00+05:00"
    assert old["SBZ-MC-C9000001"]["description"] == "Blocked; ring [removed] or [removed]"
    assert [(r["service_request_id"], r["fiscal_year"]) for r in new] == [
        ("SBZ-MC-C9000002", "2027-28")
    ]
    descriptor = json.loads((mini / "complaints/datapackage.json").read_text(encoding="utf-8"))
    entry = descriptor["resources"][-1]
    assert (entry["name"], entry["path"], entry["title"]) == (
        "complaints-2027-28",
        "complaints-2027-28.csv",
        "Complaints 2027-28",
    )
    assert validate([mini], settings_module.load(None)).valid


def test_a_clashing_id_is_refused_and_nothing_changes(mini: Path, tmp_path: Path) -> None:
    taken = rows(mini / "complaints/complaints-2025-26.csv")[0]["service_request_id"]
    before = snapshot(mini)
    source = export_rows(tmp_path / "e.csv", {"service_request_id": taken})
    result = open311.import_complaints(source, mini)
    assert not result.ok
    assert "clash" in result.problems[0] and taken in result.problems[0]
    assert snapshot(mini) == before


def test_an_import_the_validator_refuses_is_rolled_back(mini: Path, tmp_path: Path) -> None:
    before = snapshot(mini)
    source = export_rows(tmp_path / "e.csv", {"ward_code": "SBZ-MC-W99"})
    result = open311.import_complaints(source, mini)
    assert not result.ok and result.report is not None and not result.report.valid
    assert snapshot(mini) == before


def test_the_command_explains_and_exits_by_the_rules(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = export_rows(tmp_path / "good.csv", {})
    assert open311.main([str(good), "--datasets", str(mini)]) == 0
    assert "Imported 1 new complaint(s) and 0 update(s)" in capsys.readouterr().out
    assert open311.main([str(good), "--datasets", str(mini)]) == 0
    assert "1 already up to date" in capsys.readouterr().out

    bad = export_rows(tmp_path / "bad.csv", {"updated_datetime": "30/06/2027"})
    assert open311.main([str(bad), "--datasets", str(mini)]) == 1
    out = capsys.readouterr().out
    assert "bad.csv, row 2, column 'updated_datetime': '30/06/2027' is not a date and time" in out

    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert open311.main([str(tmp_path / "other.csv"), "--datasets", str(mini)]) == 2
    assert "is not an export of the intake service" in capsys.readouterr().err
    assert open311.main([str(tmp_path / "missing.csv"), "--datasets", str(mini)]) == 2


def test_the_first_complaints_of_a_new_site_add_their_year(
    make_api: Callable[..., Api], mini: Path, tmp_path: Path
) -> None:
    """A council that has published no complaint yet: the service starts on its datasets, and
    the first import adds the fiscal year's table (from the package's yearly table) and
    validates."""
    folder = mini / "complaints"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in [r for r in descriptor["resources"] if r["name"].startswith("complaints-")]:
        descriptor["resources"].remove(resource)
        (folder / resource["path"]).unlink()
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False))
    catalogue_module.load(mini)  # the service's code lists, before any complaint: no error
    api = make_api(datasets=mini)
    api.submit(**CONTACT)
    result = open311.import_complaints(export_file(api, tmp_path / "export.csv"), mini)
    assert result.ok and result.added == 1, result.problems
    names = [r["name"] for r in json.loads((folder / "datapackage.json").read_text())["resources"]]
    assert "complaints-2026-27" in names
    report = validate([folder], settings_module.load(None))
    assert report.valid, [o.message for o in report.flatten()][:5]
