"""What changed in each release of the datasets, with every release's files kept for citation.

``build`` reads the releases from git (history.py), compares each with the one before it
(diff.py), writes every release's files once (a file unchanged since an earlier release is served
from that release's folder) and a changes.csv per release, and returns the bundle's "releases"
section. Comparisons between two commits never change, so they are cached.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.releases import diff, history

FOLDER = "releases"  # beside the bundle, and on the site
SAMPLE = 10  # rows of each kind shown per table on a release page; changes.csv has them all
CACHE_VERSION = 2
CHANGE_COLUMNS = ["dataset", "file", "change", "key", "column", "old_value", "new_value"]


def fingerprint(datasets: Path) -> str:
    """Changes when the release history or the uncommitted data changes (see bundle.read)."""
    return history.read(datasets).fingerprint()


class _Contents:
    """File contents of a release: from git for commits, from disk for uncommitted changes."""

    def __init__(self, datasets: Path) -> None:
        self.datasets = datasets
        self.git = history.Git.around(datasets)
        self.blobs: dict[str, bytes] = {}

    def load(self, release: history.Release) -> None:
        """Read every blob of ``release`` not read yet, in one git call."""
        if release.commit is None or self.git is None:
            return
        wanted = sorted({b for b in release.files.values() if b not in self.blobs})
        self.blobs.update(self.git.blobs(wanted))

    def get(self, release: history.Release, path: str) -> bytes:
        if release.commit is None:
            return (self.datasets / path).read_bytes()
        return self.blobs[release.files[path]]

    def forget(self, keep: set[str]) -> None:
        self.blobs = {b: data for b, data in self.blobs.items() if b in keep}


def _descriptor(
    files: dict[str, str], contents: _Contents, release: history.Release, name: str
) -> dict[str, Any]:
    path = f"{name}/datapackage.json"
    if path not in files:
        return {}
    try:
        value = json.loads(contents.get(release, path))
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    for resource in value.get("resources", []):  # shared schemas, from the same release
        reference = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(reference, str):
            try:
                schema = json.loads(contents.get(release, f"{name}/{reference}"))
            except (KeyError, OSError, ValueError):
                schema = {}
            resource["schema"] = schema if isinstance(schema, dict) else {}
    return value


def _resource(descriptor: dict[str, Any], path: str) -> dict[str, Any]:
    """The resource of ``descriptor`` published at ``path`` (relative to the package)."""
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and resource.get("path") == path:
            return resource
    return {}


def _key(resource: dict[str, Any]) -> tuple[str, ...]:
    key = (resource.get("schema") or {}).get("primaryKey") or ()
    return (key,) if isinstance(key, str) else tuple(key)


def _measures(resource: dict[str, Any]) -> dict[str, str]:
    """Money columns (Fiscal Data Package ``columnType: value``) and their group characters."""
    fields = (resource.get("schema") or {}).get("fields") or []
    return {
        f["name"]: f.get("groupChar", "")
        for f in fields
        if isinstance(f, dict) and f.get("columnType") == "value" and f.get("type") == "number"
    }


def _show(key: tuple[str, ...]) -> str:
    return " / ".join(key[:4]) + (" …" if len(key) > 4 else "")


def _paisa_or_count(measure: str, value: Decimal) -> int:
    return int(value) if measure == "rows" else int((value * 100).to_integral_value())


def _compare(
    name: str, path: str, old: bytes | None, new: bytes | None, resource: dict[str, Any]
) -> tuple[dict[str, Any], list[list[str]]]:
    """One table's entry on the release page, and its rows for changes.csv."""
    before = diff.Table.parse(old) if old is not None else diff.Table(())
    after = diff.Table.parse(new) if new is not None else diff.Table(())
    result = diff.diff_tables(before, after, _key(resource))
    status = "added" if old is None else "removed" if new is None else "changed"
    moved = diff.moved_totals(before, after, _measures(resource))
    entry = {
        "path": path,
        "status": status,
        "key": list(result.key),
        "rows": len(after.rows),
        "rows_added": len(result.added),
        "rows_removed": len(result.removed),
        "rows_changed": len(result.changed),
        "columns_added": list(result.columns_added) if status == "changed" else [],
        "columns_removed": list(result.columns_removed) if status == "changed" else [],
        "totals": [
            {
                "group": t.group,
                "measure": t.measure,
                "old": _paisa_or_count(t.measure, t.old),
                "new": _paisa_or_count(t.measure, t.new),
            }
            for t in moved
        ],
        "sample": {
            "added": [_show(k) for k in result.added[:SAMPLE]] if status == "changed" else [],
            "removed": [_show(k) for k in result.removed[:SAMPLE]] if status == "changed" else [],
            "changed": [
                {"key": _show(k), "cells": [[c.column, c.old, c.new] for c in cells]}
                for k, cells in result.changed[:SAMPLE]
            ],
        },
    }
    rows: list[list[str]] = []
    if status == "changed":  # a whole file added or removed is said once, not row by row
        rows += [[name, path, "added", _show(k), "", "", ""] for k in result.added]
        rows += [[name, path, "removed", _show(k), "", "", ""] for k in result.removed]
        rows += [
            [name, path, "changed", _show(k), c.column, c.old, c.new]
            for k, cells in result.changed
            for c in cells
        ]
        rows += [[name, path, "column added", "", c, "", ""] for c in result.columns_added]
        rows += [[name, path, "column removed", "", c, "", ""] for c in result.columns_removed]
    return entry, rows


def _compare_release(
    previous: history.Release | None, release: history.Release, contents: _Contents
) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """Every dataset's changes from ``previous`` to ``release``."""
    old_files = previous.files if previous else {}
    new_files = release.files
    names = sorted({p.split("/", 1)[0] for p in (*old_files, *new_files)})
    datasets, changes = [], []
    for name in names:
        old_descriptor = _descriptor(old_files, contents, previous, name) if previous else {}
        new_descriptor = _descriptor(new_files, contents, release, name)
        tables, files_changed = [], []
        for path in sorted(p for p in {*old_files, *new_files} if p.startswith(name + "/")):
            if old_files.get(path) == new_files.get(path):
                continue
            inner = path.split("/", 1)[1]
            files_changed.append(inner)
            if not path.endswith(".csv"):
                continue
            old = contents.get(previous, path) if previous and path in old_files else None
            new = contents.get(release, path) if path in new_files else None
            resource = _resource(new_descriptor, inner) or _resource(old_descriptor, inner)
            entry, rows = _compare(name, inner, old, new, resource)
            tables.append(entry)
            changes += rows
        datasets.append(
            {
                "name": name,
                "title": new_descriptor.get("title") or old_descriptor.get("title") or name,
                "title_ur": new_descriptor.get("title_ur") or "",
                "present": any(p.startswith(name + "/") for p in new_files),
                "files_changed": files_changed,
                "files_added": [
                    p.split("/", 1)[1]
                    for p in new_files.keys() - old_files.keys()
                    if p.startswith(name + "/")
                ],
                "files_removed": [
                    p.split("/", 1)[1]
                    for p in old_files.keys() - new_files.keys()
                    if p.startswith(name + "/")
                ],
                "tables": tables,
            }
        )
    return datasets, changes


def _cached(
    cache: Path | None, previous: history.Release | None, release: history.Release
) -> Path | None:
    if cache is None or release.commit is None:
        return None
    before = previous.commit if previous and previous.commit else "none"
    return cache / f"v{CACHE_VERSION}-{before[:12]}-{release.commit[:12]}.json"


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CHANGE_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _write(path: Path, data: bytes, written: set[Path]) -> None:
    """Write unless the same bytes are there already (keeps timestamps of unchanged files)."""
    written.add(path)
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def _pairs(
    releases: tuple[history.Release, ...],
) -> Iterator[tuple[history.Release | None, history.Release]]:
    previous = None
    for release in releases:
        yield previous, release
        previous = release


def build(datasets: Path, out: Path, cache: Path | None = None) -> dict[str, Any]:
    """Compare every release with the one before, write its files under ``out``/releases/, and
    return the bundle section (releases newest first)."""
    found = history.read(datasets)
    contents = _Contents(datasets)
    home: dict[str, str] = {}  # blob → where it is served: release folder/path (two files
    # with the same bytes, such as two yearly files with only a header, share one copy)
    entries = []
    folder = out / FOLDER
    written: set[Path] = set()
    for previous, release in _pairs(found.releases):
        contents.load(release)
        cached = _cached(cache, previous, release)
        if cached is not None and cached.exists():
            stored = json.loads(cached.read_text(encoding="utf-8"))
            datasets_changed, changes_csv = stored["datasets"], stored["changes"].encode()
        else:
            datasets_changed, rows = _compare_release(previous, release, contents)
            changes_csv = _csv(rows) if rows else b""
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(
                    json.dumps({"datasets": datasets_changed, "changes": changes_csv.decode()}),
                    encoding="utf-8",
                )
        files = []
        for path, blob in sorted(release.files.items()):
            # A release's own folder holds the files it changed; later releases link to that copy.
            if blob not in home:
                home[blob] = f"{release.id}/{path}"
                _write(folder / release.id / path, contents.get(release, path), written)
            files.append(
                {
                    "dataset": path.split("/", 1)[0],
                    "path": path.split("/", 1)[1],
                    "url": f"{FOLDER}/{home[blob]}",
                    "blob": blob,
                }
            )
        changes_url = None
        if changes_csv:
            _write(folder / release.id / "changes.csv", changes_csv, written)
            changes_url = f"{FOLDER}/{release.id}/changes.csv"
        entries.append(
            {
                "id": release.id,
                "commit": release.commit,
                "date": release.date.astimezone(history.PKT).isoformat() if release.date else None,
                "subject": release.subject,
                "previous": previous.id if previous else None,
                "datasets": datasets_changed,
                "changed": [d["name"] for d in datasets_changed if d["files_changed"]],
                "files": files,
                "changes_url": changes_url,
            }
        )
        contents.forget(set(release.files.values()))
    for stale in [p for p in folder.rglob("*") if p.is_file() and p not in written]:
        stale.unlink()  # a release no longer in the history (e.g. uncommitted data since committed)
    for empty in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(empty.iterdir()):
            empty.rmdir()
    for newer, entry in zip(entries[1:], entries, strict=False):
        entry["next"] = newer["id"]
    return {
        "note": found.note,
        "fingerprint": found.fingerprint(),
        "releases": list(reversed(entries)),
    }
