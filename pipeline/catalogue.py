"""The dataset catalogue: what each data package holds, described for people, with its files."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

from pipeline import packages

DOWNLOADS = "downloads"  # folder beside the bundle holding the published copies of the files


def _last_change(path: Path) -> str | None:
    """Date of the last commit that touched ``path`` (None outside a git checkout)."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, check=False, timeout=20,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def _rows(path: Path) -> int:
    """Data rows of a CSV (records after the header; quoted line breaks counted correctly)."""
    import csv

    with path.open(newline="", encoding="utf-8-sig") as handle:
        return max(sum(1 for record in csv.reader(handle) if any(record)) - 1, 0)


def _constraints(field: dict[str, Any]) -> list[str]:
    rules = []
    for name, value in field.get("constraints", {}).items():
        if name == "required" and value:
            rules.append("required")
        elif name == "enum":
            rules.append("one of: " + ", ".join(str(v) for v in value))
        elif name == "pattern":
            rules.append(f"pattern {value}")
        elif name != "required":
            rules.append(f"{name} {value}")
    return rules


def entry(folder: Path) -> dict[str, Any]:
    """One dataset's page content: its metadata, data dictionary and files."""
    meta = packages.read_descriptor(folder)
    resources = []
    dates = []
    for resource in meta["resources"]:
        path = folder / resource["path"]
        changed = _last_change(path)
        if changed:
            dates.append(changed)
        schema = resource.get("schema") or {}
        resources.append(
            {
                "name": resource["name"],
                "path": resource["path"],
                "title": resource.get("title", resource["name"]),
                "title_ur": resource.get("title_ur", resource.get("title", resource["name"])),
                "format": resource.get("format", path.suffix.lstrip(".")),
                "bytes": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "rows": _rows(path) if resource.get("format") == "csv" else None,
                "last_changed": changed,
                "fields": [
                    {
                        "name": f["name"],
                        "type": f["type"] + (f" ({f['format']})" if "format" in f else ""),
                        "title": f.get("title", f["name"]),
                        "title_ur": f.get("title_ur", f.get("title", f["name"])),
                        "description": f.get("description", ""),
                        "description_ur": f.get("description_ur", f.get("description", "")),
                        "constraints": _constraints(f),
                        "example": f.get("example"),
                    }
                    for f in schema.get("fields", [])
                ],
            }
        )
    licence = (meta.get("licenses") or [{}])[0]
    publishers = [c for c in meta.get("contributors", []) if c.get("role") == "publisher"]
    return {
        "name": meta["name"],
        "title": meta.get("title", meta["name"]),
        "title_ur": meta.get("title_ur", meta.get("title", meta["name"])),
        "description": meta.get("description", ""),
        "description_ur": meta.get("description_ur", meta.get("description", "")),
        "licence": {"name": licence.get("title", licence.get("name", "")),
                    "url": licence.get("path", "")},
        "keywords": meta.get("keywords", []),
        "publisher": publishers[0].get("title", "") if publishers else "",
        "last_changed": max(dates) if dates else None,
        "resources": resources,
    }  # fmt: skip


def build(datasets: Path) -> list[dict[str, Any]]:
    """Every dataset under ``datasets``, sorted by name."""
    return [entry(p.parent) for p in sorted(datasets.glob("*/datapackage.json"))]


def copy_downloads(datasets: Path, target: Path) -> None:
    """Copy each dataset's descriptor and files to ``target/{dataset}/``, byte for byte."""
    if target.exists():
        shutil.rmtree(target)
    for descriptor in sorted(datasets.glob("*/datapackage.json")):
        packages.copy_package(descriptor.parent, target / descriptor.parent.name)
