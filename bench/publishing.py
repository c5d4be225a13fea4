"""Publishing to CKAN: time and API calls of a first push and of a no-op re-push (local CKAN)."""

from __future__ import annotations

import time
from pathlib import Path

import ckanapi

from pipeline import settings as settings_module
from publish import publisher
from publish.config import from_settings
from publish.push import OutcomeLog
from tests.publishing.server import Server, ServerUnavailable

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


def _push(server: Server, datasets: Path) -> tuple[float, int, int, int]:
    """Seconds, API calls, writes and bytes uploaded of one push (validation not included)."""
    config = from_settings(
        settings_module.load(None),
        {"CKAN_URL": server.url, "CKAN_ORGANIZATION": "bench", "CKAN_API_TOKEN": server.token},
    )
    client = publisher.client_for(config)
    start = time.perf_counter()
    run = publisher.prepare([datasets], config, client, write=True)
    publisher.push(run, OutcomeLog(None))
    elapsed = time.perf_counter() - start
    uploaded = sum(a.size for a in run.actions if a.path is not None)
    return elapsed, client.total, client.writes, uploaded


def run(datasets: Path = DATASETS) -> None:
    print("Publishing the sample datasets to a local CKAN 2.12 (its own PostgreSQL, loopback):")
    try:
        server = Server(max_resource_size_mb=100).start()
    except ServerUnavailable as error:
        print(f"  skipped: {error}")
        return
    try:
        ckanapi.RemoteCKAN(server.url, apikey=server.token).action.organization_create(name="bench")
        print("{:<16} {:>8} {:>10} {:>7} {:>12}".format("push", "seconds", "API calls", "writes",
                                                        "MB uploaded"))  # fmt: skip
        for label in ("first", "no-op re-push"):
            seconds, calls, writes, uploaded = _push(server, datasets)
            print(f"{label:<16} {seconds:>8.2f} {calls:>10} {writes:>7} {uploaded / 1e6:>12.1f}")
    finally:
        server.stop()
