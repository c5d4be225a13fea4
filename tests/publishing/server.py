"""A real CKAN 2.12 on loopback: PostgreSQL, Redis, a Solr stand-in and CKAN, started and stopped.

Used by the publishing tests' session fixture and by ``bench/publishing.py``. Everything runs on
free 127.0.0.1 ports inside one temporary folder; ``stop()`` ends exactly what ``start()`` began.
See /work/shared/CKAN-TESTING.md for the measured recipe this follows.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CKAN_VENV = Path(os.environ.get("CKAN_VENV", ROOT / ".ckan-venv"))
CKAN_VERSION = "2.12.0"
MARKER = CKAN_VENV / f".complete-{CKAN_VERSION}"
INSTALL = ROOT / "tests" / "publishing" / "install.sh"


class ServerUnavailable(RuntimeError):
    """The CKAN server (or one of its parts) cannot be installed or started here."""


def missing() -> str | None:
    """Why a CKAN server cannot be started on this machine, or None if it can."""
    if not MARKER.exists():
        return (
            f"CKAN {CKAN_VERSION} is not installed in {CKAN_VENV} (run {INSTALL.name} or make test)"
        )
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        return "PostgreSQL is not installed (apt-get install postgresql)"
    if shutil.which("redis-server") is None:
        return "Redis is not installed (apt-get install redis-server)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- Solr stand-in ----------------------------------------------------------------------------
SCHEMA_XML = b'<?xml version="1.0" encoding="UTF-8"?><schema name="ckan-2.12" version="1.6"/>'
EMPTY = json.dumps(
    {"responseHeader": {"status": 0}, "response": {"numFound": 0, "start": 0, "docs": []}}
).encode()


class _Solr(BaseHTTPRequestHandler):
    """Answers what CKAN 2.12 asks Solr: updates accepted, searches empty (CKAN then uses SQL)."""

    def _answer(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if "/schema" in self.path:
            self._answer(SCHEMA_XML, "application/xml")
        else:
            self._answer(EMPTY, "application/json")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if "/update" in self.path:
            self._answer(b'{"responseHeader":{"status":0}}', "application/json")
        else:
            self._answer(EMPTY, "application/json")

    def log_message(self, *args: object) -> None:
        pass


# -- the server -------------------------------------------------------------------------------
@dataclass
class Server:
    """One CKAN with its database, Redis and Solr stand-in, in ``folder``."""

    max_resource_size_mb: int = 10
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="shafaf-ckan-")))
    url: str = ""
    token: str = ""
    ini: Path = field(init=False)
    _pg_data: Path | None = None
    _pg_port: int = 0
    _redis: subprocess.Popen[bytes] | None = None
    _solr: ThreadingHTTPServer | None = None
    _ckan: subprocess.Popen[bytes] | None = None
    _ckan_port: int = 0

    def __post_init__(self) -> None:
        self.ini = self.folder / "ckan.ini"

    # public -----------------------------------------------------------------------------------
    def start(self) -> Server:
        """Start everything (about 20 s); raises ServerUnavailable with the reason if it cannot."""
        reason = missing()
        if reason:
            raise ServerUnavailable(reason)
        try:
            os.chmod(self.folder, 0o755)
            self._start_postgres()
            self._start_redis()
            self._start_solr()
            self._write_ini()
            self._cli("db", "init")
            password = secrets.token_urlsafe(12)
            self._cli("user", "add", "admin", "email=admin@example.org", f"password={password}")
            self._cli("sysadmin", "add", "admin")
            out = self._cli("user", "token", "add", "admin", "tests")
            self.token = [line.strip() for line in out.splitlines() if line.strip()][-1]
            self.start_ckan()
        except subprocess.CalledProcessError as error:
            self.stop()
            detail = (error.stderr or b"").decode(errors="replace")[-2000:]
            raise ServerUnavailable(f"{Path(error.cmd[-1]).name} failed: {detail}") from error
        except BaseException:
            self.stop()
            raise
        return self

    def start_ckan(self) -> None:
        """Start (or restart) the CKAN web server and wait until it answers."""
        log = (self.folder / "ckan.log").open("ab")
        self._ckan = subprocess.Popen(
            [str(CKAN_VENV / "bin" / "ckan"), "-c", str(self.ini), "run", "-r", "-D", "-t",
             "--host", "127.0.0.1", "--port", str(self._ckan_port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=self._env(),
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._ckan.poll() is not None:
                raise ServerUnavailable(f"CKAN exited at start; see {self.folder / 'ckan.log'}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/3/action/status_show", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise ServerUnavailable("CKAN did not answer within 60 s")

    def kill_ckan(self) -> None:
        """Kill the CKAN web server at once (SIGKILL), as a crash would."""
        if self._ckan is not None and self._ckan.poll() is None:
            os.killpg(self._ckan.pid, signal.SIGKILL)
            self._ckan.wait()
        self._ckan = None

    def stop(self) -> None:
        """Stop what was started, then remove the folder."""
        if self._ckan is not None and self._ckan.poll() is None:
            _terminate(self._ckan)
        if self._redis is not None and self._redis.poll() is None:
            _terminate(self._redis)
        if self._solr is not None:
            self._solr.shutdown()
            self._solr.server_close()
        if self._pg_data is not None:
            subprocess.run(
                ["runuser", "-u", "postgres", "--", _pg_bin("pg_ctl"), "-D", str(self._pg_data),
                 "-m", "fast", "-w", "stop"],
                capture_output=True, check=False,
            )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # parts ------------------------------------------------------------------------------------
    def _start_postgres(self) -> None:
        self._pg_port = free_port()
        data = self.folder / "pg"
        data.mkdir(mode=0o700)
        shutil.chown(data, "postgres")
        sockets = self.folder / "sock"  # short: a socket path is limited to about 100 bytes
        sockets.mkdir()
        shutil.chown(sockets, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [*as_postgres, _pg_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--no-sync"],
            capture_output=True, check=True,
        )  # fmt: skip
        options = (
            f"-p {self._pg_port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            [*as_postgres, _pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-w",
             "-l", str(sockets / "pg.log"), "start"],
            capture_output=True, check=True,
        )  # fmt: skip
        self._pg_data = data
        subprocess.run(
            [_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self._pg_port), "-U", "postgres",
             "ckan"],
            capture_output=True, check=True,
        )  # fmt: skip

    def _start_redis(self) -> None:
        self._redis_port = free_port()
        self._redis = subprocess.Popen(
            ["redis-server", "--port", str(self._redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip

    def _start_solr(self) -> None:
        self._solr = ThreadingHTTPServer(("127.0.0.1", 0), _Solr)
        self._solr.daemon_threads = True
        threading.Thread(target=self._solr.serve_forever, daemon=True).start()

    def _write_ini(self) -> None:
        self._ckan_port = free_port()
        self.url = f"http://127.0.0.1:{self._ckan_port}"
        storage = self.folder / "storage"
        storage.mkdir()
        assert self._solr is not None
        solr_port = self._solr.server_address[1]
        self.ini.write_text(
            "[app:main]\n"
            "use = egg:ckan\n"
            f"SECRET_KEY = {secrets.token_hex(24)}\n"
            f"sqlalchemy.url = postgresql://postgres@127.0.0.1:{self._pg_port}/ckan\n"
            f"solr_url = http://127.0.0.1:{solr_port}/solr/ckan\n"
            f"ckan.redis.url = redis://127.0.0.1:{self._redis_port}/0\n"
            f"ckan.site_url = {self.url}\n"
            "ckan.site_id = shafaf-tests\n"
            f"ckan.storage_path = {storage}\n"
            f"ckan.max_resource_size = {self.max_resource_size_mb}\n"
            "ckan.plugins =\n"
            "\n[loggers]\nkeys = root\n[handlers]\nkeys = console\n[formatters]\nkeys = generic\n"
            "[logger_root]\nlevel = WARNING\nhandlers = console\n"
            "[handler_console]\nclass = StreamHandler\nargs = (sys.stderr,)\nlevel = NOTSET\n"
            "formatter = generic\n[formatter_generic]\n"
            "format = %(levelname)s %(name)s %(message)s\n",
            encoding="utf-8",
        )

    def _cli(self, *args: str) -> str:
        done = subprocess.run(
            [str(CKAN_VENV / "bin" / "ckan"), "-c", str(self.ini), *args],
            capture_output=True, text=True, env=self._env(), check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise ServerUnavailable(f"ckan {' '.join(args[:2])} failed: {done.stderr[-2000:]}")
        return done.stdout

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("CKAN_INI", None)
        return env


def _pg_bin(name: str) -> str:
    return str(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))[-1])


def _terminate(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
