"""kill -9 during a burst of submissions: every acknowledged complaint is there after restart."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from .conftest import good
from .server import Live, write_config

THREADS = 4
ACKNOWLEDGED_BEFORE_KILL = 150
PER_THREAD_CAP = 2000  # the loop's bound, whatever happens


def burst(url: str, worker: int, acknowledged: dict[str, str], lock: threading.Lock) -> None:
    """Submit until the server stops answering; record each 2xx answer's id by description."""
    with httpx.Client(base_url=url, timeout=5) as client:
        for n in range(PER_THREAD_CAP):
            text = f"Crash test burst worker {worker} number {n}"
            try:
                response = client.post("/open311/v2/requests.json", data=good(description=text))
            except httpx.HTTPError:
                return
            if 200 <= response.status_code < 300:
                with lock:
                    acknowledged[text] = response.json()[0]["service_request_id"]


@pytest.mark.slow
def test_every_acknowledged_submission_survives_kill_9(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "feedback.toml", rate_limit_submissions=100000, rate_limit_requests=100000
    )
    database = tmp_path / "feedback.sqlite3"
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()
    server = Live(str(database), config).start()
    try:
        workers = [
            threading.Thread(target=burst, args=(server.url, w, acknowledged, lock))
            for w in range(THREADS)
        ]
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # SIGKILL mid-burst: no shutdown, no flush
        for worker in workers:
            worker.join(10)
        assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL

        server.start()
        ids = sorted(acknowledged.values())
        found: dict[str, str] = {}
        with httpx.Client(base_url=server.url, timeout=10) as client:
            for start in range(0, len(ids), 500):
                chunk = ",".join(ids[start : start + 500])
                response = client.get(
                    "/open311/v2/requests.json", params={"service_request_id": chunk}
                )
                assert response.status_code == 200
                found.update({r["service_request_id"]: r["description"] for r in response.json()})
        missing = [key for key in ids if key not in found]
        assert missing == []
        assert all(found[key] == text for text, key in acknowledged.items())
    finally:
        server.close()
    rows = sqlite3.connect(database).execute("SELECT description FROM requests").fetchall()
    texts = [text for (text,) in rows]
    assert len(texts) == len(set(texts)), "a submission was stored twice"
    assert len(texts) >= len(acknowledged)  # stored but not yet answered when killed: allowed
    print(
        f"kill -9 mid-burst: {len(acknowledged)} acknowledged, all present after restart; "
        f"{len(texts)} stored, none twice"
    )
