"""Shared fixtures: a small, valid set of data packages made by the seeded generator."""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def mini_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small valid datasets folder (same generator as the demo, fewer rows); do not modify."""
    out = tmp_path_factory.mktemp("mini") / "datasets"
    truth = out.parent / "truth.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.sample",
            "--out",
            str(out),
            "--truth",
            str(truth),
            "--payments",
            "600",
            "--seed",
            "7",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    commit_two_releases(out)
    return out


def git(repo: Path, *args: str, date: str = "2026-07-01T10:00:00+05:00") -> str:
    """Run git in ``repo`` as a clerk would, at a fixed date, ignoring the machine's settings."""
    env = {
        "GIT_AUTHOR_NAME": "Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org",
        "GIT_COMMITTER_NAME": "Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.org",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": os.environ["PATH"],
        "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_two_releases(datasets: Path) -> None:
    """Commit ``datasets`` as two releases, the second bringing it to its current state: it adds
    the newest payments and corrects a supplier's name, so release pages have changes to show."""
    repo = datasets.parent
    payments = sorted((datasets / "spending").glob("payments-*.csv"))[-1]
    suppliers = datasets / "spending/suppliers.csv"
    final = {path: path.read_bytes() for path in (payments, suppliers)}
    rows = read_rows(payments)
    write_rows(payments, rows[:-3])
    names = read_rows(suppliers)
    column = names[0].index("name_en") if "name_en" in names[0] else 1
    names[1][column] = names[1][column].upper()
    write_rows(suppliers, names)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", datasets.name)
    git(repo, "commit", "-qm", "Publish the data", date="2026-07-31T12:00:00+05:00")
    for path, data in final.items():
        path.write_bytes(data)
    git(repo, "commit", "-qam", "Add the newest payments", date="2026-08-15T12:00:00+05:00")


@pytest.fixture(scope="session")
def site_bundle(tmp_path_factory: pytest.TempPathFactory, mini_source: Path) -> dict[str, str]:
    """Pelican settings for a site built from the small datasets' bundle (made once)."""
    from pipeline import bundle

    path = tmp_path_factory.mktemp("bundle") / "bundle.json"
    bundle.write(bundle.build(mini_source), path, mini_source)
    return {"SHAFAF_BUNDLE": str(path), "SHAFAF_DATASETS": str(mini_source)}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_bundle: dict[str, str]) -> Path:
    """The small datasets' site, built once with real Pelican (development settings) for every
    test that only reads it; fails on any warning Pelican or the plugins log."""
    output = tmp_path_factory.mktemp("built-site")
    problems = pelican_build("pelicanconf.py", output, site_bundle)
    assert problems == [], "Pelican logged warnings or errors:\n" + "\n".join(problems)
    return output


@pytest.fixture
def mini(mini_source: Path, tmp_path: Path) -> Path:
    """A private copy of the small datasets folder, for a test to break."""
    target = tmp_path / "datasets"
    shutil.copytree(mini_source, target)
    return target


def run_import(*args: str) -> tuple[int, str, str]:
    """Run the import command as a clerk does (in this process): exit code, stdout, stderr."""
    from pipeline import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["import", *args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]], **fmt: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=fmt.pop("lineterminator", "\n"), **fmt).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Write ``value`` into spreadsheet row ``row`` (header = 1) of ``column``."""
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def get_cell(path: Path, row: int, column: str) -> str:
    rows = read_rows(path)
    return rows[row - 1][rows[0].index(column)]


Mutation = Callable[[Path], None]


class _Capture(logging.Handler):
    """Keeps every warning or error logged during a build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def pelican_build(
    conf: str, output: Path, settings: dict[str, str], env: dict[str, str] | None = None
) -> list[str]:
    """Run real Pelican with ``conf`` into ``output``; the warnings and errors it (or the data
    plugin) logged. ``settings`` are overrides such as the ``site_bundle`` fixture gives."""
    from pelican import Pelican
    from pelican.settings import read_settings

    saved = {key: os.environ.get(key) for key in env or {}}
    os.environ.update(env or {})
    capture = _Capture()
    loggers = [logging.getLogger(name) for name in ("pelican", "shafaf_data")]
    for logger in loggers:
        logger.addHandler(capture)
    try:
        override = {"OUTPUT_PATH": str(output), **settings}
        Pelican(read_settings(str(ROOT / conf), override=override)).run()
    finally:
        for logger in loggers:
            logger.removeHandler(capture)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return [capture.format(record) for record in capture.records]
