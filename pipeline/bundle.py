"""The site bundle: everything the site shows, computed once from the validated datasets.

The bundle is one versioned JSON file under build/. It records a digest of the dataset files it
was made from, so the site refuses to build from a bundle that no longer matches the data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline import catalogue, load, settings
from pipeline.analyse import budget, complaints, headlines, spending

BUNDLE_VERSION = 7
DEFAULT_PATH = Path("build/bundle/bundle.json")


class BundleError(Exception):
    """The bundle is missing, stale or from another version; the message says what to run."""


def digest(datasets: Path) -> str:
    """A fingerprint of every data file and descriptor under ``datasets``."""
    hasher = hashlib.sha256()
    for path in sorted(datasets.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".json", ".geojson", ".toml"):
            hasher.update(path.relative_to(datasets).as_posix().encode() + b"\0")
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def build(datasets: Path, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """Analyse the (validated) datasets into the bundle's content.

    ``config`` is the pipeline settings (default: datasets/settings.toml, else the defaults).
    """
    config = config or settings.load(datasets / "settings.toml")
    start = config["fiscal_year_start_month"]
    councils = load.table(datasets / "local-governments", "local-governments")
    lines = load.table(datasets / "budget", "budget-*")
    departments = load.table(datasets / "budget", "departments")
    objects = load.table(datasets / "budget", "object-codes")
    payments = load.table(datasets / "spending", "payments-*")
    suppliers = load.table(datasets / "spending", "suppliers")
    requests = load.table(datasets / "complaints", "complaints-*")
    categories = load.table(datasets / "complaints", "categories")
    wards = load.table(datasets / "local-governments", "wards")
    content = {
        "bundle_version": BUNDLE_VERSION,
        "source_digest": digest(datasets),
        "local_governments": [
            {
                "code": row.lg_code,
                "name_en": row.name_en,
                "name_ur": row.name_ur,
                "tier": row.tier,
                "population": int(row.population),
            }
            for row in councils.sort_values("lg_code").itertuples()
        ],
        "budget": budget.summary(lines, departments),
        "fiscal_year_start_month": start,
        "spending": spending.summary(payments, suppliers, departments, objects, start),
        "suppliers": spending.supplier_pages(payments, suppliers),
        "complaints": complaints.summary(
            requests, categories, departments, wards, start_month=start
        ),
        "datasets": catalogue.build(datasets),
    }
    content["headlines"] = headlines.summary(content)
    return content


def write(content: dict[str, Any], path: Path, datasets: Path | None = None) -> None:
    """Write the bundle atomically (a reader never sees half a file), with its downloads and
    charts beside it (charts/ as SVG and CSV, indexed in the bundle under "charts")."""
    from pipeline.charts import index as charts  # rendering needs vl-convert: load it only here

    path.parent.mkdir(parents=True, exist_ok=True)
    if datasets is not None:
        catalogue.copy_downloads(datasets, path.parent / catalogue.DOWNLOADS)
    content = {**content, "charts": charts.build_all(content, path.parent / "charts")}
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)


def read(path: Path, datasets: Path) -> dict[str, Any]:
    """The bundle at ``path``, checked against the current datasets."""
    if not path.exists():
        raise BundleError(f"The site bundle {path} does not exist: run `make analyse` first.")
    content = json.loads(path.read_text(encoding="utf-8"))
    if content.get("bundle_version") != BUNDLE_VERSION:
        raise BundleError(f"The site bundle {path} is from another version: run `make analyse`.")
    if content.get("source_digest") != digest(datasets):
        raise BundleError(
            f"The site bundle {path} is older than the data in {datasets}: run `make analyse`."
        )
    return content
