"""Restricting a published data package to one council: its rows, its features, its descriptor."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from pipeline import packages
from pipeline.offline.council import Council
from pipeline.offline.package import (
    LG_FIELD,
    as_list,
    descriptor,
    fields,
    read_table,
    records,
    schema,
)

#: Lookup tables cut down to the rows a council's own rows refer to (the suppliers it paid).
REFERENCED_ONLY = frozenset({"suppliers"})


def _referenced(meta: dict[str, Any]) -> dict[str, list[tuple[str, list[str], list[str]]]]:
    """{resource: [(lookup resource, its key fields, the referring fields)]} for the lookups
    in REFERENCED_ONLY, from the package's own foreign keys."""
    out: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    for resource in meta["resources"]:
        for key in schema(resource).get("foreignKeys", []):
            target = key["reference"]
            if target.get("resource") in REFERENCED_ONLY and "package" not in target:
                out.setdefault(resource["name"], []).append(
                    (target["resource"], as_list(target["fields"]), as_list(key["fields"]))
                )
    return out


def split_package(folder: Path, stage: Path, councils: Iterable[Council]) -> None:
    """Write each council's share of the package in ``folder`` to ``stage/{slug}/{package}/``.

    Tables with an lg_code column keep that council's rows, GeoJSON its features; the lookups
    in REFERENCED_ONLY keep the rows its rows refer to; other lookup tables are copied whole.
    """
    meta = descriptor(folder)
    outs = {council.code: stage / council.slug / folder.name for council in councils}
    for out in outs.values():
        packages.copy_package(folder, out, files=())  # the descriptor and its schema files
    refers = _referenced(meta)
    keys: dict[tuple[str, str], set[tuple[str, ...]]] = {}  # (code, lookup) -> keys used
    own = [r for r in meta["resources"] if LG_FIELD in fields(r)]
    lookups = [r for r in meta["resources"] if LG_FIELD not in fields(r)]
    for resource in own:
        header, source = read_table(folder / resource["path"])
        at = header.index(LG_FIELD)
        uses = [
            (lookup, [header.index(f) for f in names]) for lookup, _, names in refers.get(
                resource["name"], [])
        ]  # fmt: skip
        with ExitStack() as stack:
            writers = {}
            for code, out in outs.items():
                handle = stack.enter_context(
                    (out / resource["path"]).open("w", newline="", encoding="utf-8")
                )
                writers[code] = _writer(handle)
                writers[code].writerow(header)
            for row in source:
                code = row[at]
                if code in writers:
                    writers[code].writerow(row)
                    for lookup, positions in uses:
                        keys.setdefault((code, lookup), set()).add(tuple(row[i] for i in positions))
    for resource in lookups:
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
    header, source = read_table(path)
    yield header
    positions = [header.index(f) for f in key]
    yield from (row for row in source if tuple(row[i] for i in positions) in wanted)


def _write_csv(path: Path, rows: Iterable[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        _writer(handle).writerows(rows)


def _writer(handle: IO[str]) -> Any:
    """A CSV writer ending records as the published files do."""
    return csv.writer(handle, lineterminator="\n")


def _compact(value: Any) -> str:
    """``value`` as JSON on one line, as the published GeoJSON is written."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def geojson_for(collection: dict[str, Any], code: str) -> bytes:
    """The features of a GeoJSON FeatureCollection whose lg_code is ``code`` (all when the
    features carry no lg_code), one feature a line as the published file is written."""
    features = [
        f
        for f in collection.get("features", [])
        if (f.get("properties") or {}).get(LG_FIELD, code) == code
    ]
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [_compact(f) for f in features]
    opening = _compact(head)[:-1]
    opening += "," if head else ""
    return (opening + '"features":[\n' + ",\n".join(lines) + "\n]}\n").encode()


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
    return {
        **meta,
        "description": (meta.get("description", "") + "\n\n" + note_en).strip(),
        "description_ur": (meta.get("description_ur", "") + "\n\n" + note_ur).strip(),
        "x_shafaf": {**meta.get("x_shafaf", {}), "local_government": council.code},
        "resources": [
            {**r, **file_facts(folder / r["path"], r.get("format") == "csv")}
            for r in meta["resources"]
        ],
    }
