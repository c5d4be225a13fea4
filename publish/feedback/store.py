"""Storage: the SQL both back ends share, and the SQLite one (durable before each answer).

Three tables: ``requests`` (the public record), ``contacts`` (what the citizen gave privately,
joined only by id and read only by the staff command ``show``) and ``updates`` (the public status
history). Every write is one transaction, committed (fsynced) before the caller answers.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from publish.feedback.records import (
    REQUEST_COLUMNS,
    Contact,
    Query,
    Request,
    StatusChange,
    Submission,
    Update,
)

MAX_NUMBER = 9_999_999
CONTACT_COLUMNS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "address_string",
    "lat",
    "long",
    "removed_details",
)
UPDATE_COLUMNS = ("changed_at", "status", "status_detail", "status_notes", "agency_responsible")


class StoreError(RuntimeError):
    """The database cannot be used; the message says why."""


class NumbersExhausted(StoreError):
    """A local government has used every seven-digit complaint number."""


class Store(Protocol):
    """What the web layer needs from storage."""

    def create(self, submission: Submission, now: int, due: int, first: int) -> Request: ...
    def get(self, ids: Sequence[str]) -> list[Request]: ...
    def search(self, query: Query) -> list[Request]: ...
    def update_status(self, key: str, change: StatusChange, now: int) -> Request | None: ...
    def history(self, key: str) -> list[Update] | None: ...
    def contact(self, key: str) -> Contact | None: ...
    def export(self) -> Iterator[Request]: ...
    def close(self) -> None: ...


def schema(serial: str, real: str) -> list[str]:
    """The tables, with the back end's types for an auto-numbered key and a float."""
    return [
        "CREATE TABLE IF NOT EXISTS counters (lg_code TEXT PRIMARY KEY, last INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS requests ("
        " service_request_id TEXT PRIMARY KEY, lg_code TEXT NOT NULL, ward_code TEXT NOT NULL,"
        " service_code TEXT NOT NULL, description TEXT NOT NULL, status TEXT NOT NULL,"
        " status_detail TEXT NOT NULL, status_notes TEXT NOT NULL,"
        " agency_responsible TEXT NOT NULL, channel TEXT NOT NULL,"
        " requested_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, expected_at BIGINT,"
        " resolved_at BIGINT, citizen_feedback TEXT NOT NULL, reopened_count INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS requests_requested_at ON requests (requested_at)",
        "CREATE TABLE IF NOT EXISTS contacts ("
        " service_request_id TEXT PRIMARY KEY REFERENCES requests (service_request_id),"
        " first_name TEXT NOT NULL, last_name TEXT NOT NULL, phone TEXT NOT NULL,"
        f" email TEXT NOT NULL, address_string TEXT NOT NULL, lat {real}, long {real},"
        " removed_details TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS updates (id {serial},"
        " service_request_id TEXT NOT NULL REFERENCES requests (service_request_id),"
        " changed_at BIGINT NOT NULL, status TEXT NOT NULL, status_detail TEXT NOT NULL,"
        " status_notes TEXT NOT NULL, agency_responsible TEXT NOT NULL,"
        " changed_by TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS updates_request ON updates (service_request_id, id)",
    ]


_SELECT = f"SELECT {', '.join(REQUEST_COLUMNS)} FROM requests"
_INSERT_REQUEST = (
    f"INSERT INTO requests ({', '.join(REQUEST_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in REQUEST_COLUMNS)})"
)
_INSERT_CONTACT = (
    f"INSERT INTO contacts (service_request_id, {', '.join(CONTACT_COLUMNS)}) "
    f"VALUES (?, {', '.join('?' for _ in CONTACT_COLUMNS)})"
)
_INSERT_UPDATE = (
    "INSERT INTO updates (service_request_id, changed_at, status, status_detail, status_notes,"
    " agency_responsible, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_NEXT_NUMBER = (
    "INSERT INTO counters (lg_code, last) VALUES (?, ?) "
    "ON CONFLICT (lg_code) DO UPDATE SET last = counters.last + 1 RETURNING last"
)


def search_sql(query: Query) -> tuple[str, list[Any]]:
    """The SELECT for a query, newest first, with its parameters (``?`` placeholders)."""
    where: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: tuple[str, ...]) -> None:
        if values:
            where.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)

    any_of("service_request_id", query.ids)
    if not query.ids:
        any_of("service_code", query.service_codes)
        any_of("status", query.statuses)
        if query.lg_code:
            where.append("lg_code = ?")
            params.append(query.lg_code)
        if query.start is not None:
            where.append("requested_at >= ?")
            params.append(query.start)
        if query.end is not None:
            where.append("requested_at <= ?")
            params.append(query.end)
    sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += " ORDER BY requested_at DESC, service_request_id DESC LIMIT ?"
    params.append(query.limit)
    return sql, params


def request_row(row: Sequence[Any]) -> Request:
    return Request(*row)


class SqlStore:
    """Store logic over a DB-API connection; subclasses say how to connect and how to commit."""

    placeholder = "?"

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    @contextmanager
    def _write(self) -> Iterator[Any]:  # pragma: no cover - overridden
        raise NotImplementedError
        yield

    @contextmanager
    def _read(self) -> Iterator[Any]:  # pragma: no cover - overridden
        raise NotImplementedError
        yield

    def _one(self, cursor: Any, sql: str, params: Sequence[Any]) -> Any:
        cursor.execute(self._sql(sql), params)
        return cursor.fetchone()

    # -- writes -----------------------------------------------------------------------------
    def create(self, submission: Submission, now: int, due: int, first: int) -> Request:
        """Number, store and commit a new complaint; its contact details go to their table."""
        with self._write() as cursor:
            (number,) = self._one(cursor, _NEXT_NUMBER, (submission.lg_code, first))
            if number > MAX_NUMBER:
                raise NumbersExhausted(
                    f"{submission.lg_code} has used every complaint number up to {MAX_NUMBER}."
                )
            request = Request(
                service_request_id=f"{submission.lg_code}-C{number:07d}",
                lg_code=submission.lg_code,
                ward_code=submission.ward_code,
                service_code=submission.service_code,
                description=submission.description,
                status="open",
                status_detail="open",
                status_notes="",
                agency_responsible=submission.agency_responsible,
                channel=submission.channel,
                requested_at=now,
                updated_at=now,
                expected_at=due,
                resolved_at=None,
                citizen_feedback="none",
                reopened_count=0,
            )
            cursor.execute(
                self._sql(_INSERT_REQUEST), [getattr(request, c) for c in REQUEST_COLUMNS]
            )
            if not submission.contact.is_empty():
                values = [getattr(submission.contact, c) for c in CONTACT_COLUMNS]
                cursor.execute(self._sql(_INSERT_CONTACT), [request.service_request_id, *values])
            cursor.execute(
                self._sql(_INSERT_UPDATE),
                (request.service_request_id, now, "open", "open", "", request.agency_responsible,
                 "citizen"),
            )  # fmt: skip
        return request

    def update_status(self, key: str, change: StatusChange, now: int) -> Request | None:
        """Apply a staff update and record it in the history; None if there is no such id."""
        with self._write() as cursor:
            row = self._one(cursor, _SELECT + " WHERE service_request_id = ?", (key,))
            if row is None:
                return None
            old = request_row(row)
            now = max(now, old.updated_at)
            reopened = old.reopened_count + (old.status == "closed" and change.status == "open")
            new = Request(
                **{
                    **old.__dict__,
                    "status": change.status,
                    "status_detail": change.status_detail,
                    "status_notes": old.status_notes
                    if change.status_notes is None
                    else change.status_notes,
                    "agency_responsible": change.agency_responsible or old.agency_responsible,
                    "citizen_feedback": change.citizen_feedback or old.citizen_feedback,
                    "updated_at": now,
                    "resolved_at": (old.resolved_at or now) if change.status == "closed" else None,
                    "reopened_count": reopened,
                }
            )
            cursor.execute(
                self._sql(
                    "UPDATE requests SET status = ?, status_detail = ?, status_notes = ?,"
                    " agency_responsible = ?, citizen_feedback = ?, updated_at = ?,"
                    " resolved_at = ?, reopened_count = ? WHERE service_request_id = ?"
                ),
                (new.status, new.status_detail, new.status_notes, new.agency_responsible,
                 new.citizen_feedback, new.updated_at, new.resolved_at, new.reopened_count, key),
            )  # fmt: skip
            cursor.execute(
                self._sql(_INSERT_UPDATE),
                (key, now, new.status, new.status_detail, new.status_notes,
                 new.agency_responsible, change.changed_by),
            )  # fmt: skip
        return new

    # -- reads ------------------------------------------------------------------------------
    def get(self, ids: Sequence[str]) -> list[Request]:
        return self.search(Query(ids=tuple(ids), limit=max(1, len(ids))))

    def search(self, query: Query) -> list[Request]:
        sql, params = search_sql(query)
        with self._read() as cursor:
            cursor.execute(self._sql(sql), params)
            return [request_row(r) for r in cursor.fetchall()]

    def history(self, key: str) -> list[Update] | None:
        with self._read() as cursor:
            if (
                self._one(cursor, "SELECT 1 FROM requests WHERE service_request_id = ?", (key,))
                is None
            ):
                return None
            cursor.execute(
                self._sql(
                    f"SELECT {', '.join(UPDATE_COLUMNS)} FROM updates "
                    "WHERE service_request_id = ? ORDER BY id"
                ),
                (key,),
            )
            return [Update(*r) for r in cursor.fetchall()]

    def contact(self, key: str) -> Contact | None:
        """The private contact details (for the staff command ``show`` only)."""
        with self._read() as cursor:
            row = self._one(
                cursor,
                f"SELECT {', '.join(CONTACT_COLUMNS)} FROM contacts WHERE service_request_id = ?",
                (key,),
            )
        return None if row is None else Contact(*row)

    def export(self) -> Iterator[Request]:
        """Every public record, oldest first (contacts are never read here)."""
        with self._read() as cursor:
            cursor.execute(self._sql(_SELECT + " ORDER BY requested_at, service_request_id"))
            rows = cursor.fetchall()
        for row in rows:
            yield request_row(row)


class SqliteStore(SqlStore):
    """One SQLite file in WAL mode with synchronous=FULL: a commit is on disk before we answer.

    Writes go through one connection, one at a time; each reading thread has its own connection
    (WAL lets readers run beside the writer).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = self._connect()
            with self._lock:
                for statement in schema("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL"):
                    self._writer.execute(statement)
                self._writer.commit()
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"Cannot open the SQLite database {path}: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute("PRAGMA foreign_keys = ON")
        self._all.append(connection)
        return connection

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cursor = self._writer.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Cursor]:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            with self._lock:
                connection = self._connect()
            self._local.connection = connection
        yield connection.cursor()

    def close(self) -> None:
        with self._lock:
            for connection in self._all:
                connection.close()
            self._all.clear()


def open_store(database: str, pool_size: int = 10) -> Store:
    """The store a ``database`` setting names: a postgresql:// URL or a SQLite file path."""
    if database.startswith(("postgresql://", "postgres://")):
        from publish.feedback.postgres import PostgresStore

        return PostgresStore(database, pool_size)
    if "://" in database:
        scheme = database.split("://", 1)[0]
        raise StoreError(
            f"database: '{scheme}://' is not supported; give a SQLite file path or a "
            "postgresql://user@host/name URL."
        )
    return SqliteStore(Path(database))
