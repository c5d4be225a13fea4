"""Publishing to a real CKAN 2.12: first push, no-op, incremental changes, failures, crashes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ckanapi
import pytest
import requests

from pipeline import packages
from pipeline import settings as settings_module
from publish import publisher
from publish.ckan import Client, PortalError
from publish.config import from_settings
from publish.mapping import FILE_HASH, RESOURCE_KEY
from publish.push import OutcomeLog

from .conftest import SMALL, Portal
from .server import Server

pytestmark = pytest.mark.ckan


def calls(out: str) -> tuple[int, int]:
    found = re.search(r"(\d+) API calls \((\d+) writes\)", out)
    assert found, out
    return int(found.group(1)), int(found.group(2))


def files(portal: Portal, package: str) -> dict[str, dict]:
    return {r[RESOURCE_KEY]: r for r in portal.show(package)["resources"]}


def local_files(folder: Path) -> dict[str, Path]:
    """Every file a push uploads, in its order: resources, shared schemas, datapackage.json."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    found = {r["name"]: folder / r["path"] for r in descriptor["resources"]}
    schemas = {name: folder / name for name in packages.schema_files(descriptor)}
    return {**found, **schemas, "datapackage.json": folder / "datapackage.json"}


def test_first_push_uploads_every_file_byte_identical(portal: Portal) -> None:
    code, _out, err = portal.cli("push", str(portal.datasets))
    assert code == 0, err
    for package in SMALL:
        dataset = portal.show(package)
        assert dataset["organization"]["name"] == portal.organization
        assert dataset["license_id"] == "cc-by"
        extras = {e["key"]: e["value"] for e in dataset["extras"]}
        assert extras["schema_version"] == "1.0"
        assert "SBZ-MC" in extras["local_government_codes"].split()
        assert "SBZ-MC" in {t["name"] for t in dataset["tags"]}
        assert extras["title_ur"]
        assert "\n\n" in dataset["notes"]  # English, then Urdu
        local = local_files(portal.datasets / package)
        remote = {r[RESOURCE_KEY]: r for r in dataset["resources"]}
        assert list(remote) == list(local)  # the package's order, datapackage.json last
        for key, path in local.items():
            resource = remote[key]
            assert resource["url_type"] == "upload"
            assert requests.get(resource["url"], timeout=30).content == path.read_bytes(), key
        budget = remote.get("budget-2024-25")
        if budget:
            schema = json.loads(budget["schema"])
            assert schema["primaryKey"] == ["line_id", "lg_code", "fiscal_year"]
            assert "foreignKeys" not in schema
    assert extras  # the fiscal period is filled in for budget:
    extras = {e["key"]: e["value"] for e in portal.show("budget")["extras"]}
    assert extras["fiscal_period"] == "2023-24 to 2026-27"


def test_second_push_makes_no_write(portal: Portal) -> None:
    assert portal.cli("push", str(portal.datasets))[0] == 0
    code, out, _ = portal.cli("push", str(portal.datasets))
    assert code == 0
    total, writes = calls(out)
    assert writes == 0
    assert total == 2 + len(SMALL)  # organisation, permission, one read per dataset
    code, out, _ = portal.cli("plan", str(portal.datasets))
    assert code == 0 and "Plan: datasets: 2 unchanged; files: 18 unchanged." in out


def test_one_changed_file_updates_exactly_that_resource(portal: Portal) -> None:
    assert portal.cli("push", str(portal.datasets))[0] == 0
    before = files(portal, "budget")
    path = portal.datasets / "budget" / "departments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Finance", "Finance & Revenue"),
                    encoding="utf-8")  # fmt: skip
    code, out, _ = portal.cli("plan", str(portal.datasets))
    assert re.search(r"departments\s+update\s+content changed", out), out
    code, out, _ = portal.cli("push", str(portal.datasets))
    assert code == 0
    assert calls(out)[1] == 1
    after = files(portal, "budget")
    assert after["departments"]["id"] == before["departments"]["id"]
    assert requests.get(after["departments"]["url"], timeout=30).content == path.read_bytes()
    changed = {k for k in after if after[k][FILE_HASH] != before[k][FILE_HASH]}
    assert changed == {"departments"}
    unchanged = {
        k for k in after if after[k]["metadata_modified"] == before[k]["metadata_modified"]
    }
    assert unchanged == set(after) - {"departments"}


def _drop_resource(folder: Path, name: str) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    entry = next(r for r in descriptor["resources"] if r["name"] == name)
    descriptor["resources"].remove(entry)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / entry["path"]).unlink()


def test_removed_resource_is_deleted(portal: Portal) -> None:
    assert portal.cli("push", str(portal.datasets))[0] == 0
    _drop_resource(portal.datasets / "budget", "budget-2026-27")
    code, out, _ = portal.cli("push", str(portal.datasets))
    assert code == 0
    assert re.search(r"budget-2026-27\s+delete → done\s+no longer in the data package", out), out
    remote = files(portal, "budget")
    assert "budget-2026-27" not in remote
    assert len(remote) == 11  # 3 code lists, 3 years, 4 schemas, datapackage.json (updated)
    assert calls(portal.cli("push", str(portal.datasets))[1])[1] == 0


def test_removed_resource_kept_and_marked_by_setting(portal: Portal) -> None:
    portal.settings["ckan_removed_resources"] = "keep"
    assert portal.cli("push", str(portal.datasets))[0] == 0
    _drop_resource(portal.datasets / "budget", "budget-2026-27")
    assert portal.cli("push", str(portal.datasets))[0] == 0
    kept = files(portal, "budget")["budget-2026-27"]
    assert kept["shafaf_removed"] == "yes" and kept["name"].startswith("[removed]")
    assert calls(portal.cli("push", str(portal.datasets))[1])[1] == 0


def test_wrong_token_is_refused_in_plain_words(portal: Portal) -> None:
    code, out, err = portal.cli("push", str(portal.datasets), CKAN_API_TOKEN="not-a-token")
    assert code == 1
    assert f"cannot publish to the organisation '{portal.organization}'" in err
    assert "Traceback" not in err and "not-a-token" not in out + err


def test_token_of_a_user_outside_the_organisation(portal: Portal, ckan_server: Server) -> None:
    name = f"u{portal.organization[2:]}"
    portal.admin.action.user_create(name=name, email=f"{name}@example.org",
                                    password="a-long-password-1")  # fmt: skip
    token = portal.admin.action.api_token_create(user=name, name="t")["token"]
    code, _, err = portal.cli("push", str(portal.datasets), CKAN_API_TOKEN=token)
    assert code == 1 and "is not an editor or admin" in err
    portal.admin.action.user_delete(id=name)


def test_missing_organisation(portal: Portal) -> None:
    code, _, err = portal.cli("push", str(portal.datasets), CKAN_ORGANIZATION="no-such-council")
    assert code == 1
    assert "The organisation 'no-such-council' does not exist" in err


def test_oversized_upload_fails_that_file_only(portal: Portal) -> None:
    geojson = portal.datasets / "local-governments" / "wards.geojson"
    data = json.loads(geojson.read_text(encoding="utf-8"))
    geojson.write_text(json.dumps(data, indent=1) + " " * 1_200_000, encoding="utf-8")
    code, _out, err = portal.cli("push", str(portal.datasets))
    assert code == 1
    assert "wards.geojson (1.2 MB) is larger than the portal accepts" in err, err
    remote = files(portal, "local-governments")
    assert "ward-boundaries" not in remote
    assert {"local-governments", "wards", "datapackage.json"} <= set(remote)
    assert files(portal, "budget")  # the other dataset was published


def test_client_names_rejected_fields(portal: Portal) -> None:
    client = Client(portal.url, portal.token, retries=0)
    with pytest.raises(PortalError) as caught:
        bad = {"name": "Not A Valid Name", "owner_org": portal.organization}
        client.call("package_create", bad, what="create dataset 'Not A Valid Name'")
    assert "field 'name': Must be purely lowercase" in str(caught.value)
    assert not caught.value.fatal


def test_invalid_data_is_refused_before_any_call(portal: Portal) -> None:
    path = portal.datasets / "budget" / "departments.csv"
    path.write_text(path.read_text(encoding="utf-8") + "FIN,Duplicate,دہرا\n", encoding="utf-8")
    code, out, err = portal.cli("push", str(portal.datasets), CKAN_URL="http://127.0.0.1:9")
    assert code == 1
    assert "Nothing was published" in err and "departments.csv" in out
    with pytest.raises(ckanapi.NotFound):
        portal.show("budget")


def test_duplicate_left_by_a_lost_answer_is_removed(portal: Portal) -> None:
    assert portal.cli("push", str(portal.datasets))[0] == 0
    original = files(portal, "budget")["departments"]
    path = portal.datasets / "budget" / "departments.csv"
    with path.open("rb") as handle:  # what a retried upload whose first answer was lost leaves
        portal.admin.action.resource_create(
            package_id=f"{portal.prefix}-budget", upload=handle,
            **{k: original[k] for k in ("name", "format", RESOURCE_KEY, FILE_HASH)},
        )  # fmt: skip
    code, out, _ = portal.cli("push", str(portal.datasets))
    assert code == 0 and "duplicate left by an interrupted push" in out
    remote = portal.show("budget")["resources"]
    assert [r[RESOURCE_KEY] for r in remote].count("departments") == 1
    assert calls(portal.cli("push", str(portal.datasets))[1])[1] == 0


def test_server_killed_mid_push_then_push_again(portal: Portal, ckan_server: Server) -> None:
    config = from_settings(settings_module.load(portal.settings_file()), portal.env())
    writes = 0

    def crash_on_fifth_write(action: str) -> None:
        nonlocal writes
        if not action.endswith(("_show", "_list_for_user")):
            writes += 1
            if writes == 5:
                ckan_server.kill_ckan()

    client = publisher.client_for(config, before_call=crash_on_fifth_write, backoff=0.05)
    run = publisher.prepare([portal.datasets], config, client, write=True)
    log = portal.datasets.parent / "crash.jsonl"
    try:
        with log.open("w", encoding="utf-8") as handle:
            publisher.push(run, OutcomeLog(handle))
    finally:
        ckan_server.start_ckan()
    results = [o.result for o in run.outcomes]
    assert results.count("done") == 4 and "failed" in results and "not-run" in results
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(run.actions) and lines[4]["result"] == "failed"
    assert "Cannot reach the CKAN portal" in lines[4]["message"]

    code, _out, err = portal.cli("push", str(portal.datasets))
    assert code == 0, err
    for package in SMALL:
        remote = portal.show(package)["resources"]
        keys = [r[RESOURCE_KEY] for r in remote]
        local = local_files(portal.datasets / package)
        assert keys == list(local)  # nothing missing, nothing twice, in order
        for resource in remote:
            path = local[resource[RESOURCE_KEY]]
            assert requests.get(resource["url"], timeout=30).content == path.read_bytes()
    assert calls(portal.cli("push", str(portal.datasets))[1])[1] == 0


def test_outcome_log_has_one_line_per_action(portal: Portal) -> None:
    code, _out, _ = portal.cli("push", str(portal.datasets))
    assert code == 0
    logs = list((portal.datasets.parent / "log").glob("push-*.jsonl"))
    assert len(logs) == 1
    lines = [json.loads(line) for line in logs[0].read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 + 18  # two datasets, eighteen files (six of them schemas)
    assert {line["result"] for line in lines} == {"done"}
    assert lines[0] == lines[0] | {"dataset": f"{portal.prefix}-budget",
                                   "resource": None, "action": "create"}  # fmt: skip
    assert portal.token not in logs[0].read_text(encoding="utf-8")
