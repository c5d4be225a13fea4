"""The real intake service as users run it (``python -m publish.feedback serve``) on loopback.

Used by the live, crash and PostgreSQL tests and by ``bench/feedback.py``. Each server runs in
its own process group on a free 127.0.0.1 port; ``stop()`` and ``kill()`` end exactly that one.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent.parent


def _small_datasets() -> Path:
    """A small datasets folder from the seeded generator, so the service is tested on data of
    its own whatever this repository's datasets/ holds; removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="shafaf-feedback-data-"))
    atexit.register(shutil.rmtree, folder, True)
    out = folder / "datasets"
    subprocess.run(
        [sys.executable, "-m", "pipeline.sample", "--out", str(out),
         "--truth", str(folder / "truth.json"), "--payments", "600", "--seed", "7"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return out


DATASETS = _small_datasets()
#: A staff key the test servers accept (named "desk").
STAFF_KEY = "test-key-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerUnavailable(RuntimeError):
    """The service (or PostgreSQL) could not be started here; the message says why."""


def write_config(path: Path, **settings: object) -> Path:
    """A TOML config file with ``settings`` (datasets defaults to the repository's)."""
    values: dict[str, object] = {"datasets": str(DATASETS), **settings}
    lines = []
    for key, value in values.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, str):
            text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        else:
            text = repr(value).replace("'", '"')
        lines.append(f"{key} = {text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Live:
    """One service process; ``database`` is a SQLite path or a postgresql:// URL."""

    database: str
    config: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    log: Path = field(default_factory=lambda: Path(tempfile.mkstemp(prefix="feedback-")[1]))
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> Live:
        """Start the service and wait until it answers; ServerUnavailable if it does not."""
        self.port = free_port()
        env = {**os.environ, "SHAFAF_FEEDBACK_API_KEYS": f"desk:{STAFF_KEY}", **self.env}
        command = [
            sys.executable, "-m", "publish.feedback", "serve", "--config", str(self.config),
            "--database", self.database, "--host", "127.0.0.1", "--port", str(self.port),
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerUnavailable(f"the service exited at start:\n{self.output()}")
            try:
                httpx.get(f"{self.url}/open311/v2/services.json", timeout=1).raise_for_status()
                return self
            except httpx.HTTPError:
                time.sleep(0.05)
        self.kill()
        raise ServerUnavailable(f"the service did not answer within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would end it: no clean-up runs."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def close(self) -> None:
        """Stop the service and remove its log."""
        self.stop()
        self.log.unlink(missing_ok=True)

    def __enter__(self) -> Live:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- PostgreSQL -------------------------------------------------------------------------------
def _pg_bin(name: str) -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else None


@dataclass
class Postgres:
    """A throwaway PostgreSQL cluster on a free loopback port (run as the postgres user)."""

    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="shafaf-pg-")))
    port: int = 0
    _data: Path | None = None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/feedback"

    def start(self) -> Postgres:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise ServerUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
        if os.geteuid() != 0 or shutil.which("runuser") is None:
            raise ServerUnavailable("starting PostgreSQL here needs root (to run it as postgres)")
        self.port = free_port()
        data, sockets = self.folder / "pg", self.folder / "sock"
        os.chmod(self.folder, 0o755)
        data.mkdir(mode=0o700)
        sockets.mkdir()
        for path in (data, sockets):
            shutil.chown(path, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
        options = f"-p {self.port} -k {sockets} -c listen_addresses=127.0.0.1"
        try:
            subprocess.run(
                [*as_postgres, initdb, "-D", str(data), "-U", "postgres", "-A", "trust",
                 "-E", "UTF8", "--no-sync"],
                capture_output=True, check=True,
            )  # fmt: skip
            subprocess.run(
                [*as_postgres, pg_ctl, "-D", str(data), "-o", options, "-w",
                 "-l", str(sockets / "pg.log"), "start"],
                capture_output=True, check=True,
            )  # fmt: skip
            self._data = data
            createdb = _pg_bin("createdb") or "createdb"
            subprocess.run(
                [createdb, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "feedback"],
                capture_output=True, check=True,
            )  # fmt: skip
        except (subprocess.CalledProcessError, OSError) as error:
            self.stop()
            detail = getattr(error, "stderr", b"") or b""
            raise ServerUnavailable(
                f"PostgreSQL did not start: {detail.decode()[-500:]}"
            ) from error
        return self

    def stop(self) -> None:
        pg_ctl = _pg_bin("pg_ctl")
        if self._data is not None and pg_ctl is not None:
            subprocess.run(
                ["runuser", "-u", "postgres", "--", pg_ctl, "-D", str(self._data), "-m",
                 "immediate", "-w", "stop"],
                capture_output=True, check=False,
            )  # fmt: skip
            self._data = None
        shutil.rmtree(self.folder, ignore_errors=True)
