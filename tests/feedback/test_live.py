"""The real service process on loopback, as a council runs it, and its command line."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import httpx2 as httpx
import pytest

from .conftest import good
from .server import DATASETS, ROOT, STAFF_KEY, Live, write_config

REQUESTS = "/open311/v2/requests.json"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish.feedback", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> object:
    folder = tmp_path_factory.mktemp("live")
    config = write_config(folder / "feedback.toml", rate_limit_submissions=5)
    with Live(str(folder / "feedback.sqlite3"), config) as server:
        yield server


def test_a_citizen_reports_and_staff_close_over_http(live: Live) -> None:
    with httpx.Client(base_url=live.url, timeout=10) as client:
        form = client.post(REQUESTS, data=good(phone="0300-1112223", first_name="Nadia"))
        assert form.status_code == 200, form.text
        key = form.json()[0]["service_request_id"]
        as_json = client.post(REQUESTS, json=good(service_code="stray_dogs"))
        assert as_json.status_code == 200
        refused = client.post(REQUESTS, data=good(service_code="unicorns"))
        assert refused.status_code == 400
        assert refused.json()[0]["code"] == 400

        closed = client.post(
            f"/open311/v2/requests/{key}/status.json",
            data={"status_detail": "fixed"},
            headers={"X-Api-Key": STAFF_KEY},
        )
        assert closed.status_code == 200
        listed = client.get(REQUESTS).text
        assert key in listed and "0300-1112223" not in listed and "Nadia" not in listed
        assert client.get(f"/open311/v2/requests/{key}.json").json()[0]["status"] == "closed"
        assert client.get("/openapi.json").json()["openapi"] == "3.0.3"


def test_the_rate_limit_answers_429_with_retry_after(live: Live) -> None:
    with httpx.Client(base_url=live.url, timeout=10) as client:
        codes = [client.post(REQUESTS, data=good()).status_code for _ in range(6)]
        assert 429 in codes
        last = client.post(REQUESTS, data=good())
        assert last.status_code == 429 and 1 <= int(last.headers["Retry-After"]) <= 60


def test_export_and_show_on_the_server(live: Live, tmp_path: Path) -> None:
    with httpx.Client(base_url=live.url, timeout=10) as client:
        stored = client.get(REQUESTS).json()
    key = stored[-1]["service_request_id"]  # the oldest: the one with contact details
    out = tmp_path / "export.csv"
    done = run(
        "export", "--config", str(live.config), "--database", live.database, "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert f"Wrote {len(stored)} complaint(s), public fields only" in done.stdout
    text = out.read_text(encoding="utf-8")
    assert "0300-1112223" not in text and "Nadia" not in text
    assert {r["service_request_id"] for r in csv.DictReader(text.splitlines())} >= {key}

    shown = run("show", key, "--config", str(live.config), "--database", live.database)
    assert shown.returncode == 0, shown.stderr
    assert "0300-1112223" in shown.stdout and "never published" in shown.stdout
    missing = run(
        "show", "SBZ-MC-C0000404", "--database", live.database, "--config", str(live.config)
    )
    assert missing.returncode == 1 and "There is no complaint SBZ-MC-C0000404" in missing.stderr


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("prot = 1\n", "unknown setting 'prot'. Did you mean 'port'?"),
        ('personal_data = "hide"\n', "personal_data must be 'reject' or 'redact'"),
        ('datasets = "nowhere"\n', "does not exist: is 'datasets' set right?"),
        ('database = "mysql://db/x"\n', "'mysql://' is not supported"),
        ("port = [1]\n", "setting 'port' must be a whole number, not [1]"),
    ],
)
def test_bad_configuration_exits_2_with_one_sentence(
    tmp_path: Path, setting: str, expected: str
) -> None:
    config = tmp_path / "bad.toml"
    data = "" if setting.startswith("datasets") else f'datasets = "{DATASETS}"\n'  # not cwd's
    config.write_text(data + setting, encoding="utf-8")
    done = run("serve", "--config", str(config), "--port", "1")
    assert done.returncode == 2
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_a_short_api_key_is_refused(tmp_path: Path) -> None:
    env = {"SHAFAF_FEEDBACK_API_KEYS": "desk:short", "PATH": "/usr/bin:/bin"}
    done = run("export", "--out", str(tmp_path / "x.csv"), env=env)
    assert done.returncode == 2 and "shorter than 16 characters" in done.stderr


@pytest.mark.postgres
def test_the_service_runs_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    config = write_config(tmp_path / "feedback.toml")
    with Live(postgres_url, config) as server, httpx.Client(base_url=server.url) as client:
        answer = client.post(REQUESTS, data=good(email="pg@example.org"))
        assert answer.status_code == 200, server.output()
        key = answer.json()[0]["service_request_id"]
        closed = client.post(
            f"/open311/v2/requests/{key}/status.json",
            json={"status": "closed", "status_detail": "relief_granted"},
            headers={"X-Api-Key": STAFF_KEY},
        )
        assert closed.json()[0]["status_detail"] == "relief_granted"
        history = client.get(f"/open311/v2/requests/{key}/updates.json").json()
        assert [h["status"] for h in history] == ["open", "closed"]
        out = tmp_path / "export.csv"
        done = run("export", "--config", str(config), "--database", postgres_url, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert key in out.read_text(encoding="utf-8")
        assert "pg@example.org" not in out.read_text(encoding="utf-8")


def test_new_key_prints_a_long_random_key() -> None:
    first, second = run("new-key").stdout.strip(), run("new-key").stdout.strip()
    assert len(first) >= 40 and first != second
