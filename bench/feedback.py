"""The intake service under load on loopback: requests per second and p50/p95 latency.

Starts the real service (``python -m publish.feedback serve``) on a free 127.0.0.1 port, with
SQLite (and PostgreSQL when one can be started here), then runs CLIENTS threads for SECONDS each:
first submitting complaints (POST, each committed to disk before its answer), then reading them
(GET one complaint, GET the list). Bounded in time and count; prints figures, asserts nothing.
The clients share the machine's cores with the server, so figures are a floor, not a ceiling.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2 as httpx

from tests.feedback.server import Live, Postgres, ServerUnavailable, write_config

CLIENTS = 8
SECONDS = 3.0
MAX_REQUESTS_PER_CLIENT = 20_000
WARDS = [f"SBZ-MC-W{n:02d}" for n in range(1, 31)]


def _post(client: httpx.Client, n: int) -> tuple[bool, str | None]:
    response = client.post(
        "/open311/v2/requests.json",
        data={
            "jurisdiction_id": "SBZ-MC",
            "service_code": "garbage_not_collected",
            "ward_code": WARDS[n % len(WARDS)],
            "description": f"Garbage heap near the market, load test {n}",
            "phone": "0300-1234567",
        },
    )
    ok = response.status_code == 200
    return ok, response.json()[0]["service_request_id"] if ok else None


def _run(
    url: str, action: Callable[[httpx.Client, int], tuple[bool, str | None]]
) -> tuple[list[float], int, float, list[str]]:
    """Latencies (s) of successful calls, failures, elapsed seconds, ids returned."""
    latencies: list[float] = []
    failures = [0]
    ids: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + SECONDS

    def client(worker: int) -> None:
        mine: list[float] = []
        mine_ids: list[str] = []
        bad = 0
        with httpx.Client(base_url=url, timeout=10) as session:
            for n in range(MAX_REQUESTS_PER_CLIENT):
                if time.perf_counter() >= stop:
                    break
                start = time.perf_counter()
                try:
                    ok, key = action(session, worker * MAX_REQUESTS_PER_CLIENT + n)
                except httpx.HTTPError:
                    ok, key = False, None
                if ok:
                    mine.append(time.perf_counter() - start)
                    if key:
                        mine_ids.append(key)
                else:
                    bad += 1
        with lock:
            latencies.extend(mine)
            ids.extend(mine_ids)
            failures[0] += bad

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(w,)) for w in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0], time.perf_counter() - began, ids


def _line(label: str, latencies: list[float], failures: int, elapsed: float) -> str:
    if not latencies:
        return f"  {label:<26} no successful requests ({failures} failed)"
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return (
        f"  {label:<26} {len(latencies) / elapsed:>8.0f} {cuts[49] * 1000:>8.1f} "
        f"{cuts[94] * 1000:>8.1f} {len(latencies):>8} {failures:>6}"
    )


def _measure(label: str, database: str, folder: Path) -> None:
    config = write_config(
        folder / "feedback.toml", rate_limit_submissions=10**9, rate_limit_requests=10**9
    )
    try:
        server = Live(database, config).start()
    except ServerUnavailable as error:
        print(f"  {label}: skipped: {error}")
        return
    try:
        posts, post_failures, post_time, ids = _run(server.url, _post)
        keys = ids or ["SBZ-MC-C9000001"]

        def get_one(client: httpx.Client, n: int) -> tuple[bool, str | None]:
            key = keys[n % len(keys)]
            return client.get(f"/open311/v2/requests/{key}.json").status_code == 200, None

        def get_list(client: httpx.Client, n: int) -> tuple[bool, str | None]:
            answer = client.get("/open311/v2/requests.json", params={"status": "open"})
            return answer.status_code == 200, None

        gets, get_failures, get_time, _ = _run(server.url, get_one)
        lists, list_failures, list_time, _ = _run(server.url, get_list)
    finally:
        server.close()
    print(f"  {label}:")
    print(_line("POST requests.json", posts, post_failures, post_time))
    print(_line("GET requests/{id}.json", gets, get_failures, get_time))
    print(_line(f"GET requests.json ({min(len(ids), 1000)} rows)", lists, list_failures, list_time))


def run() -> None:
    print(
        f"Intake service under load on loopback ({CLIENTS} client threads, {SECONDS:.0f} s per "
        "line, clients on the same cores):"
    )
    print("  {:<26} {:>8} {:>8} {:>8} {:>8} {:>6}".format(
        "", "req/s", "p50 ms", "p95 ms", "answers", "failed"))  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="shafaf-bench-feedback-") as folder:
        _measure(
            "SQLite (WAL, synchronous=FULL)", str(Path(folder) / "bench.sqlite3"), Path(folder)
        )
        try:
            postgres = Postgres().start()
        except ServerUnavailable as error:
            print(f"  PostgreSQL: skipped: {error}")
            return
        try:
            _measure("PostgreSQL (synchronous_commit=on)", postgres.url, Path(folder))
        finally:
            postgres.stop()


if __name__ == "__main__":
    from bench import machine

    print(f"Machine: {machine.describe()}")
    run()
