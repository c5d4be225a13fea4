"""Fixtures: the service in-process (Starlette's test client), its parts, and real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from publish.feedback import catalogue as catalogue_module
from publish.feedback.app import create_app
from publish.feedback.config import Config
from publish.feedback.store import SqliteStore, Store

from .server import DATASETS, STAFF_KEY, Postgres, ServerUnavailable

#: 2026-11-27T10:00:00+05:00, the tests' "now".
NOW = 1795755600.0
HEADERS = {"X-Api-Key": STAFF_KEY}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: needs a real PostgreSQL server started on loopback"
    )


def good(**changes: str) -> dict[str, str]:
    """A valid submission's form fields, with ``changes``."""
    fields = {
        "jurisdiction_id": "SBZ-MC",
        "service_code": "pothole",
        "description": "Large pothole on the main road near the bus stop",
        "ward_code": "SBZ-MC-W07",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


@pytest.fixture(scope="session")
def catalogue() -> catalogue_module.Catalogue:
    return catalogue_module.load(DATASETS)


@dataclass
class Clock:
    """Wall and monotonic time the test moves by hand."""

    now: float = NOW
    mono: float = 1000.0

    def wall(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.mono += seconds


@dataclass
class Api:
    """A test client on a fresh SQLite database, with the clock and store at hand."""

    client: TestClient
    store: Store
    clock: Clock
    config: Config
    extra: dict[str, Any] = field(default_factory=dict)

    def submit(self, **changes: str) -> str:
        response = self.client.post("/open311/v2/requests.json", data=good(**changes))
        assert response.status_code == 200, response.text
        return str(response.json()[0]["service_request_id"])


@pytest.fixture
def make_api(tmp_path: Path, catalogue: catalogue_module.Catalogue) -> Iterator[Callable[..., Api]]:
    """Build an Api with settings overrides (a fresh database each time)."""
    made: list[Api] = []

    def build(store: Store | None = None, **settings: Any) -> Api:
        values: dict[str, Any] = {
            "datasets": DATASETS,
            "api_keys": (("desk", STAFF_KEY),),
            "rate_limit_submissions": 1000,
            "rate_limit_requests": 10000,
            **settings,
        }
        config = Config(**values)
        clock = Clock()
        store = store or SqliteStore(tmp_path / f"feedback-{len(made)}.sqlite3")
        app = create_app(config, catalogue, store, 5, clock.wall, clock.monotonic)
        api = Api(TestClient(app, raise_server_exceptions=True), store, clock, config)
        made.append(api)
        return api

    yield build
    for api in made:
        api.client.close()
        api.store.close()


@pytest.fixture
def api(make_api: Callable[..., Api]) -> Api:
    return make_api()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL for the session; skipped (failed under CI) when it cannot start."""
    try:
        server = Postgres().start()
    except ServerUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the PostgreSQL tests must run, but: {error}")
        pytest.skip(f"no PostgreSQL: {error}")
    yield server.url
    server.stop()
