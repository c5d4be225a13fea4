"""Mapping and planning without a server: names, licences, tags, and the actions chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import settings as settings_module
from publish import local, mapping
from publish.config import ConfigError, from_settings
from publish.plan import CREATE, DELETE, MARK, METADATA, UNCHANGED, UPDATE, digest, plan


def test_names_are_valid_ckan_names() -> None:
    assert mapping.dataset_name("Sabzabad", "local-governments") == "sabzabad-local-governments"
    assert mapping.dataset_name("Dera Ghazi Khan!", "budget") == "dera-ghazi-khan-budget"
    assert len(mapping.dataset_name("x" * 200, "budget")) == 100
    with pytest.raises(mapping.MappingError):
        mapping.dataset_name("", "é")


def test_licences_and_tags() -> None:
    assert mapping.licence_id([{"name": "CC-BY-4.0"}]) == "cc-by"
    assert mapping.licence_id([{"path": "https://creativecommons.org/licenses/by-sa/4.0/"}]) == (
        "cc-by-sa"
    )
    assert mapping.licence_id([{"name": "Council licence"}]) == "notspecified"
    assert mapping.tags(["service delivery", "Open311", "a", "open311"], ("SBZ-MC",)) == [
        "Open311", "SBZ-MC", "service delivery",
    ]  # fmt: skip


def _wanted(datasets: Path) -> mapping.DesiredDataset:
    package = local.load(datasets / "local-governments")
    return mapping.desired(package, prefix="sabzabad", organization="org", site_url="")


def _as_published(want: mapping.DesiredDataset) -> dict:
    """What package_show would return after a push of ``want``."""
    actions = plan([want], {want.name: None}, "delete")
    extras = next(a for a in actions if a.resource is None).fields["extras"]
    resources = [{"id": f"id-{a.resource}", **a.fields} for a in actions if a.resource is not None]
    return {"id": "pkg", "state": "active", "extras": extras, "resources": resources,
            "organization": {"name": "org"}, **{k: v for k, v in want.fields.items()
                                                if k != "extras"}}  # fmt: skip


def test_unchanged_plans_no_write(mini_source: Path) -> None:
    want = _wanted(mini_source)
    actions = plan([want], {want.name: _as_published(want)}, "delete")
    assert {a.kind for a in actions} == {UNCHANGED}


def test_changed_removed_and_duplicate_resources(mini_source: Path) -> None:
    want = _wanted(mini_source)
    remote = _as_published(want)
    remote["resources"][0][mapping.FILE_HASH] = "0" * 64  # local-governments.csv changed
    remote["resources"][1]["description"] = "old"  # wards: description changed
    remote["resources"][1][mapping.METADATA_HASH] = "stale"
    remote["resources"].append({**remote["resources"][2], "id": "dup"})  # duplicate boundaries
    remote["resources"].append({"id": "gone", mapping.RESOURCE_KEY: "old-file"})
    kinds = {(a.resource, a.kind) for a in plan([want], {want.name: remote}, "delete")}
    assert ("local-governments", UPDATE) in kinds
    assert ("wards", METADATA) in kinds
    assert ("ward-boundaries", DELETE) in kinds and ("old-file", DELETE) in kinds
    kept = {(a.resource, a.kind) for a in plan([want], {want.name: remote}, "keep")}
    assert ("old-file", MARK) in kept


def test_new_dataset_creates_everything_in_order(mini_source: Path) -> None:
    want = _wanted(mini_source)
    actions = plan([want], {want.name: None}, "delete")
    assert [a.kind for a in actions] == [CREATE] * 7  # the dataset, 3 files, 2 schemas, descriptor
    assert actions[-1].resource == "datapackage.json"
    assert actions[0].fields["extras"][-1] == {
        "key": mapping.METADATA_HASH, "value": digest(want.fields)
    }  # fmt: skip


def test_environment_overrides_settings_and_token_is_hidden(tmp_path: Path) -> None:
    settings = settings_module.load(None)
    with pytest.raises(ConfigError, match="CKAN_URL"):
        from_settings(settings, {})
    config = from_settings(
        {**settings, "ckan_url": "https://a", "ckan_organization": "o"},
        {"CKAN_URL": "https://b/", "CKAN_API_TOKEN": "secret"},
    )
    assert (config.url, config.organization, config.token) == ("https://b", "o", "secret")
    assert "secret" not in repr(config)
