"""The site bundle: everything the site shows, computed once from the validated datasets.

The bundle is one versioned JSON file under build/. It records a digest of the dataset files it
was made from, so the site refuses to build from a bundle that no longer matches the data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline import catalogue, flags, formats, identity, load, offline, releases, settings
from pipeline.analyse import (
    budget,
    clock,
    complaints,
    departments,
    headlines,
    sources,
    spending,
    tracking,
    wards,
)
from pipeline.flags import holidays as holiday_list
from pipeline.flags import package as flag_package
from pipeline.flags.tables import empty as empty_table

BUNDLE_VERSION = 13
DEFAULT_PATH = Path("build/bundle/bundle.json")
#: Settings the "Report a problem" pages show (docs/settings.md).
REPORT_SETTINGS = (
    "feedback_url",
    "helpline",
    "sms_number",
    "whatsapp_number",
    "citizen_portal_url",
)


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


#: The parts of a council's site that rest on one yearly table each: {part: table}.
PARTS = {"budget": "budget", "spending": "payments", "complaints": "complaints"}


def build(
    datasets: Path, config: dict[str, Any] | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Analyse the (validated) datasets into the bundle's content.

    ``config`` is the pipeline settings (default: datasets/settings.toml, else the defaults);
    ``now`` the time the headlines are for (default: the build's clock, SOURCE_DATE_EPOCH when
    set). A table that is not published yet leaves its part of the bundle empty and says so in
    ``coverage``; it never stops the build.
    """
    config = config or settings.load(datasets / "settings.toml")
    start = config["fiscal_year_start_month"]
    when = now or clock.now(config["utc_offset_hours"])
    read = sources.inputs(datasets)
    councils, ward_table, lines = read.councils, read.wards, read.budget
    payments, requests, suppliers = read.payments, read.complaints, read.suppliers
    department_names, objects, categories = read.departments, read.object_codes, read.categories
    boundaries = (
        load.resource_path(datasets / "local-governments", "ward-boundaries")
        if (datasets / "local-governments" / "datapackage.json").is_file()
        else None
    )
    content: dict[str, Any] = {
        "bundle_version": BUNDLE_VERSION,
        "source_digest": digest(datasets),
        "currency": config["currency"],
        "clock": {
            "today": when.date().isoformat(),
            "fiscal_year": clock.fiscal_year(when, start),
        },
        "site": identity.site(datasets, config),
        "local_governments": [
            {
                "code": row.lg_code,
                "name_en": row.name_en,
                "name_ur": row.name_ur,
                "tier": row.tier,
                "population": None if pd.isna(row.population) else int(row.population),
            }
            for row in (
                councils.sort_values("lg_code").itertuples() if councils is not None else []
            )
        ],
        "budget": budget.summary(lines, department_names) if lines is not None else {},
        "fiscal_year_start_month": start,
        "spending": (
            spending.summary(payments, suppliers, department_names, objects, start)
            if payments is not None
            else {}
        ),
        "suppliers": spending.supplier_pages(payments, suppliers) if payments is not None else {},
        "complaints": (
            complaints.summary(
                requests, categories, department_names, ward_table, start_month=start
            )
            if requests is not None and ward_table is not None
            else {}
        ),
        "wards": (
            wards.summary(requests, categories, ward_table) if ward_table is not None else {}
        ),
        "ward_boundaries": wards.boundaries(boundaries) if boundaries else {},
        "datasets": catalogue.build(datasets),
    }
    if requests is not None:
        from pipeline import forecast  # statsmodels: imported only when it has work

        content["forecasts"] = forecast.forecast_all(requests, categories)
    else:
        content["forecasts"] = {}
    tables = flags.Tables(  # the frames read above: the indicators need not read them again
        payments=payments if payments is not None else empty_table("payments"),
        suppliers=suppliers,
        budget=lines if lines is not None else empty_table("budget"),
        complaints=requests if requests is not None else empty_table("complaints"),
        departments=department_names,
        object_codes=objects,
        # the public holidays matter only to payments: a council without them needs no list
        holidays=(
            flags.holiday_table(datasets, config) if payments is not None else holiday_list.empty()
        ),
    )
    with formats.in_currency(config["currency"]):  # the findings' explanations name amounts
        findings = flags.run(tables, config)
        content["indicators"] = flags.methodology(config)
    dates = evidence_dates(findings, tables.payments, tables.complaints)
    content["flags"] = flag_findings(findings, dates)
    spent = departments.summary(payments, suppliers, objects, start) if payments is not None else {}
    content["departments"] = departments.pages(content, spent, department_names)
    content["report"] = {
        "channels": {key: config[key] for key in REPORT_SETTINGS},
        "categories": [
            {
                "code": row.service_code,
                "name_en": row.service_name_en,
                "name_ur": row.service_name_ur,
                "dept_code": row.dept_code,
            }
            for row in categories.sort_values(["group", "service_code"]).itertuples()
        ]
        if read.found["categories"].published
        else [],
    }
    content["coverage"] = coverage(content, read.found)
    content["headlines"] = headlines.summary(content, content["clock"]["fiscal_year"])
    content["tracking"] = tracking.index(requests) if requests is not None else {}
    return content


def coverage(content: dict[str, Any], found: dict[str, sources.Source]) -> dict[str, Any]:
    """What is published: every table's state ({table: {dataset, file, state}}), and for each
    council the fiscal years of each part ({lg_code: {part: [years]}}) and its number of wards.

    A part with no year for a council is not published for it, whatever the other councils of
    the same package have published.
    """
    return {
        "tables": {name: source.describe() for name, source in found.items()},
        "councils": {
            council["code"]: {
                **{part: sorted(content[part].get(council["code"], {})) for part in PARTS},
                "wards": len(content["wards"].get(council["code"], {})),
            }
            for council in content["local_governments"]
        },
    }


def evidence_dates(
    findings: list[flags.Finding], payments: pd.DataFrame, requests: pd.DataFrame
) -> dict[str, str]:
    """The date of each payment and complaint a finding rests on ({row id: 'YYYY-MM-DD'})."""
    cited = {row for finding in findings for row in finding.rows}
    dates: dict[str, str] = {}
    for frame, key, column in (
        (payments, "transaction_id", "payment_date"),
        (requests, "service_request_id", "requested_datetime"),
    ):
        chosen = frame[frame[key].isin(cited)]
        for ident, when in zip(chosen[key], chosen[column], strict=True):
            if not pd.isna(when):
                dates[ident] = when.strftime("%Y-%m-%d")
    return dates


def flag_findings(
    findings: list[flags.Finding], dates: dict[str, str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """{lg_code: [finding as a plain dict]}, in the indicators' order.

    Each carries a stable ``anchor`` (its place on the red-flags page and its id in the feed) and
    ``evidence_date``, the newest date among its records (None for budget lines, which have none).
    """
    dates = dates or {}
    out: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        record = dataclasses.asdict(finding)
        record["rows"] = list(finding.rows)
        record["facts"] = dict(finding.facts)
        first = finding.rows[0].lower() if finding.rows else ""
        record["anchor"] = (
            f"flag-{finding.code}-{finding.fiscal_year or 'all'}-{finding.subject.lower()}-{first}"
        )
        found = [dates[row] for row in finding.rows if row in dates]
        record["evidence_date"] = max(found) if found else None
        out.setdefault(finding.lg_code, []).append(record)
    return out


def write(content: dict[str, Any], path: Path, datasets: Path | None = None) -> None:
    """Write the bundle atomically (a reader never sees half a file), with its downloads and
    charts beside it (charts/ as SVG and CSV, indexed in the bundle under "charts")."""
    from pipeline.charts import index as charts  # rendering needs vl-convert: load it only here

    path.parent.mkdir(parents=True, exist_ok=True)
    if datasets is not None:
        downloads = path.parent / catalogue.DOWNLOADS
        catalogue.copy_downloads(datasets, downloads)
        # The findings, published as a (derived) dataset of their own.
        findings = [
            flag_package.from_record(record)
            for records in content.get("flags", {}).values()
            for record in records
        ]
        flag_package.write(findings, downloads / flag_package.NAME)
        # Every release of the datasets (git history), what changed in it, and its files.
        history = releases.build(datasets, path.parent, path.parent.parent / "cache" / "releases")
        content = {
            **content,
            "releases": history,
            "datasets": [
                *content["datasets"],
                {**catalogue.entry(downloads / flag_package.NAME), "derived": True},
            ],
        }
        when = offline.data_date(content["datasets"])  # one zip per council, for offline use
        content["offline"] = (
            offline.write(downloads, path.parent / offline.FOLDER, when)
            if content["local_governments"]  # no council published yet: no download to make
            else {}
        )
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
    if "releases" in content and content["releases"]["fingerprint"] != releases.fingerprint(
        datasets
    ):
        raise BundleError(
            f"The site bundle {path} is older than the release history of {datasets} (a commit "
            "since it was made): run `make analyse`."
        )
    return content
