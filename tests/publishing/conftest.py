"""Fixtures: one real CKAN per test session, one organisation per test (purged afterwards)."""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckanapi
import pytest

from publish import cli

from .server import Server, ServerUnavailable, missing

SMALL = ("local-governments", "budget")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the CKAN tests must run, but: {reason}", pytrace=False)
    pytest.skip(f"no CKAN test server: {reason}. `make test` installs it.")


@pytest.fixture(scope="session")
def ckan_server() -> Iterator[Server]:
    """A real CKAN 2.12 (uploads limited to 1 MB, to test the limit)."""
    reason = missing()
    if reason:
        _unavailable(reason)
    try:
        server = Server(max_resource_size_mb=1).start()
    except ServerUnavailable as error:
        _unavailable(str(error))
        raise
    yield server
    server.stop()


@dataclass
class Portal:
    """The server as one test sees it: its own organisation and dataset prefix."""

    url: str
    token: str
    organization: str
    admin: Any  # ckanapi.RemoteCKAN as sysadmin
    datasets: Path
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return self.organization

    def env(self, **overrides: str) -> dict[str, str]:
        env = {
            "CKAN_URL": self.url,
            "CKAN_ORGANIZATION": self.organization,
            "CKAN_API_TOKEN": self.token,
        }
        env.update(overrides)
        return env

    def settings_file(self) -> Path:
        values = {"ckan_dataset_prefix": self.prefix, "ckan_retries": 1, **self.settings}
        lines = [f"{k} = {_toml(v)}" for k, v in values.items()]
        path = self.datasets.parent / "settings.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def cli(self, *args: str, **env: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        command, *rest = args
        argv = [command, *rest, "--settings", str(self.settings_file())]
        if command == "push":
            argv += ["--log-dir", str(self.datasets.parent / "log")]
        code = cli.main(argv, env=self.env(**env), out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    def show(self, package: str) -> dict[str, Any]:
        return dict(self.admin.action.package_show(id=f"{self.prefix}-{package}"))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return f'"{value}"'


@pytest.fixture
def portal(ckan_server: Server, tmp_path: Path, mini_source: Path) -> Iterator[Portal]:
    """A fresh organisation and a private copy of two small generated datasets to publish."""
    datasets = tmp_path / "datasets"
    for name in SMALL:
        shutil.copytree(mini_source / name, datasets / name)
    organization = f"t-{secrets.token_hex(4)}"
    admin = ckanapi.RemoteCKAN(ckan_server.url, apikey=ckan_server.token)
    admin.action.organization_create(name=organization)
    yield Portal(ckan_server.url, ckan_server.token, organization, admin, datasets)
    for name in SMALL:
        with contextlib.suppress(ckanapi.NotFound, ckanapi.CKANAPIError):
            admin.action.dataset_purge(id=f"{organization}-{name}")
    admin.action.organization_purge(id=organization)
