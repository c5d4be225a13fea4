"""Data package → CKAN dataset: names, licence ids, tags, extras and resource fields (pure)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import packages
from publish.local import DESCRIPTOR, LocalFile, LocalPackage

#: Data package licence names (lower case) → the ids of CKAN's default licence list.
LICENCES = {
    "cc-by-4.0": "cc-by",
    "cc-by": "cc-by",
    "cc-by-sa-4.0": "cc-by-sa",
    "cc-by-sa": "cc-by-sa",
    "cc0-1.0": "cc-zero",
    "cc0": "cc-zero",
    "cc-by-nc-4.0": "cc-nc",
    "odc-by-1.0": "odc-by",
    "odc-by": "odc-by",
    "odbl-1.0": "odc-odbl",
    "odc-odbl-1.0": "odc-odbl",
    "odc-odbl": "odc-odbl",
    "pddl-1.0": "odc-pddl",
    "odc-pddl-1.0": "odc-pddl",
    "odc-pddl": "odc-pddl",
    "ogl-uk-3.0": "uk-ogl",
    "gfdl-1.3": "gfdl",
}
UNKNOWN_LICENCE = "notspecified"
FORMATS = {".csv": "CSV", ".geojson": "GeoJSON", ".json": "JSON"}
#: Resource and dataset fields Shafaf stores on the portal to know what it published.
FILE_HASH = "shafaf_sha256"
METADATA_HASH = "shafaf_metadata_sha256"
RESOURCE_KEY = "shafaf_resource"
REMOVED = "shafaf_removed"
MAX_NAME = 100


class MappingError(ValueError):
    """A package cannot be mapped to CKAN (e.g. no usable name); the message says how to fix it."""


@dataclass(frozen=True)
class DesiredResource:
    """A CKAN resource as it should be: its fields and the file to upload."""

    key: str
    fields: dict[str, Any]
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class DesiredDataset:
    """A CKAN dataset as it should be, with its resources in order."""

    name: str
    package: str
    fields: dict[str, Any]
    resources: tuple[DesiredResource, ...]


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits, '-' and '_' only, as CKAN requires of names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")


def dataset_name(prefix: str, package: str) -> str:
    """``{prefix}-{package}``, made a valid CKAN name (2-100 characters)."""
    name = "-".join(p for p in (slug(prefix), slug(package)) if p)[:MAX_NAME].strip("-_")
    if len(name) < 2:
        raise MappingError(
            f"Cannot make a CKAN dataset name from prefix {prefix!r} and package {package!r}: "
            "set ckan_dataset_prefix in datasets/settings.toml to a few plain letters."
        )
    return name


def licence_id(licenses: list[dict[str, Any]]) -> str:
    """The CKAN licence id of the package's first licence CKAN knows; 'notspecified' if none."""
    for licence in licenses:
        name = str(licence.get("name", "")).lower()
        if name in LICENCES:
            return LICENCES[name]
        path = str(licence.get("path", ""))
        found = re.search(r"creativecommons\.org/licenses/([a-z-]+)/", path)
        if found and f"cc-{found.group(1)}" in LICENCES:
            return LICENCES[f"cc-{found.group(1)}"]
        if "publicdomain/zero" in path:
            return "cc-zero"
    return UNKNOWN_LICENCE


def tag(text: str) -> str | None:
    """A CKAN tag (letters, digits, space, '-', '_', '.'; 2-100 characters), or None."""
    cleaned = re.sub(r"[^\w .-]+", "-", text, flags=re.ASCII).strip(" -")[:MAX_NAME]
    return cleaned if len(cleaned) >= 2 else None


def tags(keywords: list[str], lg_codes: tuple[str, ...]) -> list[str]:
    seen: dict[str, str] = {}
    for word in [*keywords, *lg_codes]:
        cleaned = tag(str(word))
        if cleaned and cleaned.lower() not in seen:
            seen[cleaned.lower()] = cleaned
    return sorted(seen.values(), key=str.lower)


def bilingual(english: str, urdu: str) -> str:
    """English first, then the Urdu text, as one CKAN description (Markdown)."""
    return "\n\n".join(part.strip() for part in (english, urdu) if part and part.strip())


def fiscal_period(years: tuple[str, ...]) -> str:
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"


def dataset_fields(
    package: LocalPackage, *, name: str, organization: str, site_url: str
) -> dict[str, Any]:
    """The CKAN dataset dict for ``package`` (no resources, no hashes)."""
    d = package.descriptor
    shafaf = d.get("x_shafaf") or {}
    publishers = [c.get("title", "") for c in d.get("contributors", []) if c.get("title")]
    extras = {
        "title_ur": str(d.get("title_ur", "")),
        "fiscal_period": fiscal_period(package.fiscal_years),
        "local_government_codes": " ".join(package.lg_codes),
        "schema_version": str(shafaf.get("schema_version", "")),
        "data_package": package.name,
        "demo_data": "yes" if shafaf.get("demo") else "",
    }
    fields: dict[str, Any] = {
        "name": name,
        "title": str(d.get("title") or package.name),
        "notes": bilingual(str(d.get("description", "")), str(d.get("description_ur", ""))),
        "owner_org": organization,
        "license_id": licence_id(list(d.get("licenses", []))),
        "version": str(d.get("version", "")),
        "author": "; ".join(publishers),
        "private": False,
        "url": f"{site_url.rstrip('/')}/data/{package.name}/" if site_url else "",
        "tags": [{"name": t} for t in tags(list(d.get("keywords", [])), package.lg_codes)],
        "extras": [{"key": k, "value": v} for k, v in sorted(extras.items()) if v],
    }
    return fields


def validation_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The Table Schema as ckanext-validation reads it on one resource.

    ckanext-validation checks each resource alone, so references to other resources
    (``foreignKeys``, Shafaf's external keys) are left out; the full schema stays in the
    uploaded datapackage.json.
    """
    return {
        k: v
        for k, v in schema.items()
        if k not in ("foreignKeys", "x_shafaf_external_foreign_keys")
    }


def resource_fields(file: LocalFile) -> dict[str, Any]:
    """The CKAN resource dict for one file (no upload, no hashes)."""
    if file.key == DESCRIPTOR:
        return {
            "name": DESCRIPTOR,
            "description": "Frictionless Data Package descriptor: every file and column of this "
            "dataset, with types, constraints and Urdu and English titles.",
            "format": "JSON",
            RESOURCE_KEY: DESCRIPTOR,
        }
    if file.key.endswith(packages.SCHEMA_SUFFIX):  # a table's schema, shared by its yearly files
        return {
            "name": file.key,
            "description": "Table Schema shared by this dataset's yearly files: its columns, "
            "types and rules (datapackage.json refers to it).",
            "format": "JSON",
            RESOURCE_KEY: file.key,
        }
    d = file.descriptor
    fields: dict[str, Any] = {
        "name": str(d.get("title") or file.key),
        "description": bilingual(str(d.get("description", "")), str(d.get("description_ur", ""))),
        "format": FORMATS.get(file.path.suffix.lower(), file.path.suffix.lstrip(".").upper()),
        RESOURCE_KEY: file.key,
    }
    if d.get("title_ur"):
        fields["title_ur"] = str(d["title_ur"])
    if isinstance(d.get("schema"), dict):
        fields["schema"] = json.dumps(
            validation_schema(d["schema"]), ensure_ascii=False, sort_keys=True
        )
    return fields


def desired(
    package: LocalPackage, *, prefix: str, organization: str, site_url: str
) -> DesiredDataset:
    """Everything the portal should hold for ``package``."""
    name = dataset_name(prefix, package.name)
    return DesiredDataset(
        name=name,
        package=package.name,
        fields=dataset_fields(package, name=name, organization=organization, site_url=site_url),
        resources=tuple(
            DesiredResource(f.key, resource_fields(f), f.path, f.sha256, f.size)
            for f in package.files
        ),
    )
