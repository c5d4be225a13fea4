"""What a push must do: local state + the portal's state → actions with reasons (pure)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publish.mapping import (
    FILE_HASH,
    METADATA_HASH,
    REMOVED,
    RESOURCE_KEY,
    DesiredDataset,
    DesiredResource,
)

# Action kinds. Dataset level: CREATE, UPDATE, UNCHANGED. Resource level: all but REORDER's target.
CREATE, UPDATE, METADATA, UNCHANGED, DELETE, MARK = (
    "create",
    "update",
    "update-metadata",
    "unchanged",
    "delete",
    "mark-removed",
)
REORDER = "reorder"
WRITES = (CREATE, UPDATE, METADATA, DELETE, MARK, REORDER)


@dataclass(frozen=True)
class Action:
    """One thing to do on the portal (or a note that nothing needs doing), and why."""

    kind: str
    dataset: str
    resource: str | None  # the resource's key in the package; None for the dataset itself
    reason: str
    fields: dict[str, Any] = field(default_factory=dict)  # what to send, without the file
    path: Path | None = None  # the file to upload, if any
    remote_id: str | None = None
    size: int = 0

    @property
    def writes(self) -> bool:
        return self.kind in WRITES


def digest(fields: dict[str, Any]) -> str:
    """sha256 of the fields, written canonically (sorted keys)."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _extras(package: dict[str, Any]) -> dict[str, str]:
    return {e["key"]: e["value"] for e in package.get("extras") or []}


def _dataset_changes(local: dict[str, Any], remote: dict[str, Any]) -> list[str]:
    """Names of the fields whose values differ, for the reason shown to people."""
    changed = []
    for key in ("title", "notes", "license_id", "version", "author", "url"):
        if (local.get(key) or "") != (remote.get(key) or ""):
            changed.append(key)
    organization = (remote.get("organization") or {}).get("name")
    if local["owner_org"] not in (organization, remote.get("owner_org")):
        changed.append(f"organisation ({organization} → {local['owner_org']})")
    if {t["name"] for t in local["tags"]} != {t["name"] for t in remote.get("tags") or []}:
        changed.append("tags")
    local_extras = {e["key"]: e["value"] for e in local["extras"]}
    remote_extras = {k: v for k, v in _extras(remote).items() if k != METADATA_HASH}
    changed += sorted(
        k
        for k in local_extras.keys() | remote_extras.keys()
        if local_extras.get(k) != remote_extras.get(k)
    )
    return changed


def _short(sha: str | None) -> str:
    return (sha or "none")[:12]


def _resource_actions(want: DesiredDataset, remote: dict[str, Any], removed: str) -> list[Action]:
    actions: list[Action] = []
    by_key: dict[str, list[dict[str, Any]]] = {}
    for resource in remote.get("resources") or []:
        if resource.get(RESOURCE_KEY):
            by_key.setdefault(resource[RESOURCE_KEY], []).append(resource)
    for res in want.resources:
        actions.extend(_one_resource(want.name, res, by_key.pop(res.key, [])))
    for key, leftovers in by_key.items():
        for resource in leftovers:
            if removed == "delete":
                actions.append(
                    Action(
                        DELETE,
                        want.name,
                        key,
                        "no longer in the data package",
                        remote_id=resource["id"],
                    )
                )
            elif resource.get(REMOVED) != "yes":
                fields = {REMOVED: "yes", "name": f"[removed] {resource.get('name') or key}"}
                actions.append(
                    Action(
                        MARK,
                        want.name,
                        key,
                        "no longer in the data package; "
                        "kept on the portal and marked as removed (setting "
                        "ckan_removed_resources = 'keep')",
                        fields,
                        remote_id=resource["id"],
                    )
                )
    return actions


def _one_resource(dataset: str, res: DesiredResource, found: list[dict[str, Any]]) -> list[Action]:
    fields = {**res.fields, FILE_HASH: res.sha256}
    fields[METADATA_HASH] = digest(fields)
    if not found:
        return [
            Action(
                CREATE,
                dataset,
                res.key,
                f"new file ({res.size:,} bytes)",
                fields,
                res.path,
                size=res.size,
            )
        ]
    # Keep the copy already up to date (or the first); others are duplicates left by a push
    # that was interrupted after the portal saved a file but before it answered.
    found = sorted(found, key=lambda r: r.get(FILE_HASH) != res.sha256)
    keep, duplicates = found[0], found[1:]
    actions = [
        Action(DELETE, dataset, res.key, "duplicate left by an interrupted push", remote_id=d["id"])
        for d in duplicates
    ]
    if keep.get(FILE_HASH) != res.sha256:
        reason = (
            f"content changed (sha256 {_short(keep.get(FILE_HASH))}… → {_short(res.sha256)}…, "
            f"{res.size:,} bytes)"
            if keep.get(FILE_HASH)
            else "on the portal without a content hash; uploading to be sure it is identical"
        )
        actions.append(
            Action(UPDATE, dataset, res.key, reason, fields, res.path, keep["id"], res.size)
        )
    elif keep.get(METADATA_HASH) != fields[METADATA_HASH] or keep.get(REMOVED):
        changed = sorted(k for k in res.fields if str(keep.get(k) or "") != str(res.fields[k]))
        reason = "description changed: " + ", ".join(changed) if changed else "metadata changed"
        fields[REMOVED] = ""
        actions.append(Action(METADATA, dataset, res.key, reason, fields, None, keep["id"]))
    else:
        actions.append(
            Action(
                UNCHANGED,
                dataset,
                res.key,
                f"same content (sha256 {_short(res.sha256)}…) and description",
                remote_id=keep["id"],
            )
        )
    return actions


def _order_action(
    want: DesiredDataset, remote: dict[str, Any], actions: list[Action]
) -> list[Action]:
    """Reorder when the portal's order of our resources would differ from the package's."""
    deleted = {a.remote_id for a in actions if a.kind == DELETE}
    keys = [r.get(RESOURCE_KEY) for r in remote.get("resources") or [] if r["id"] not in deleted]
    wanted = [r.key for r in want.resources]
    final = [k for k in keys if k in wanted]
    final += [a.resource for a in actions if a.kind == CREATE and a.resource not in final]
    if final != wanted:
        return [
            Action(
                REORDER, want.name, None, "put the files in the package's order", {"order": wanted}
            )
        ]
    return []


def plan(
    wanted: list[DesiredDataset], remote: dict[str, dict[str, Any] | None], removed: str
) -> list[Action]:
    """Actions that bring the portal to ``wanted``; ``remote`` maps dataset name → package_show."""
    actions: list[Action] = []
    for want in wanted:
        found = remote.get(want.name)
        fields = {**want.fields, "extras": [*want.fields["extras"]]}
        fields["extras"].append({"key": METADATA_HASH, "value": digest(want.fields)})
        if found is None:
            actions.append(Action(CREATE, want.name, None, "not on the portal yet", fields))
            actions += [a for r in want.resources for a in _one_resource(want.name, r, [])]
            continue
        if found.get("state") == "deleted":
            actions.append(
                Action(
                    UPDATE,
                    want.name,
                    None,
                    "deleted on the portal; restoring it",
                    {**fields, "state": "active"},
                    remote_id=found["id"],
                )
            )
        elif _extras(found).get(METADATA_HASH) != digest(want.fields):
            changed = _dataset_changes(want.fields, found)
            reason = "changed: " + ", ".join(changed) if changed else "metadata changed"
            actions.append(Action(UPDATE, want.name, None, reason, fields, remote_id=found["id"]))
        else:
            actions.append(
                Action(UNCHANGED, want.name, None, "same description", remote_id=found["id"])
            )
        resource_actions = _resource_actions(want, found, removed)
        actions += resource_actions
        actions += _order_action(want, found, resource_actions)
    return actions
