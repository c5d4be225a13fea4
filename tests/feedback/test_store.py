"""Storage, the same checks on SQLite and on a real PostgreSQL: numbering, privacy, history."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.feedback.records import Contact, Query, StatusChange, Submission
from publish.feedback.store import SqliteStore, Store, StoreError, open_store

from .conftest import NOW

T = int(NOW)
DUE = T + 20 * 86400


def submission(
    lg: str = "SBZ-MC", contact: Contact | None = None, text: str = "Hole"
) -> Submission:
    return Submission(lg, f"{lg}-W01", "pothole", text, "ENG", "portal", contact or Contact())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened: Store = SqliteStore(tmp_path / "store.sqlite3")
    else:
        base = request.getfixturevalue("postgres_url")
        import psycopg

        name = f"t{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        opened = open_store(base.rsplit("/", 1)[0] + f"/{name}", pool_size=4)
    yield opened
    opened.close()


def test_ids_count_up_per_local_government_from_first_number(store: Store) -> None:
    made = [store.create(submission(lg), T, DUE, 9000001) for lg in ("SBZ-MC", "SBZ-MC", "CHP-MC")]
    assert [r.service_request_id for r in made] == [
        "SBZ-MC-C9000001",
        "SBZ-MC-C9000002",
        "CHP-MC-C9000001",
    ]
    assert store.create(submission(), T, DUE, 5).service_request_id == "SBZ-MC-C9000003"


def test_concurrent_submissions_get_distinct_ids(store: Store) -> None:
    ids: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(10):
            key = store.create(submission(), T, DUE, 1).service_request_id
            with lock:
                ids.append(key)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ids) == [f"SBZ-MC-C{n:07d}" for n in range(1, 41)]


def test_contact_details_live_apart_and_are_never_exported(store: Store) -> None:
    contact = Contact("Ali", "Raza", "0300-1234567", "ali@example.org", "House 4", 31.5, 74.3)
    key = store.create(submission(contact=contact), T, DUE, 1).service_request_id
    plain = store.create(submission(), T, DUE, 1).service_request_id
    assert store.contact(key) == contact
    assert store.contact(plain) is None
    exported = list(store.export())
    assert [r.service_request_id for r in exported] == [key, plain]
    assert "0300-1234567" not in repr(exported) and "Raza" not in repr(exported)


def test_search_filters_and_limits(store: Store) -> None:
    for offset in range(5):
        store.create(submission(), T + offset, DUE, 1)
    store.create(submission("NHR-TC"), T + 10, DUE, 1)
    newest = store.search(Query(start=T, end=T + 100, limit=3))
    assert [r.requested_at for r in newest] == [T + 10, T + 4, T + 3]
    assert len(store.search(Query(lg_code="NHR-TC", start=T, end=T + 100))) == 1
    assert len(store.search(Query(start=T + 1, end=T + 3))) == 3
    assert store.search(Query(statuses=("closed",), start=T, end=T + 100)) == []
    by_id = store.get(["SBZ-MC-C0000002", "SBZ-MC-C0000404"])
    assert [r.service_request_id for r in by_id] == ["SBZ-MC-C0000002"]


def test_status_changes_update_the_record_and_its_history(store: Store) -> None:
    key = store.create(submission(), T, DUE, 1).service_request_id
    closed = store.update_status(
        key, StatusChange("closed", "fixed", "Done", "WSS", "satisfied", "desk"), T + 50
    )
    assert closed is not None
    assert (closed.resolved_at, closed.agency_responsible, closed.citizen_feedback) == (
        T + 50,
        "WSS",
        "satisfied",
    )
    reopened = store.update_status(
        key, StatusChange("open", "open", None, None, None, "desk"), T + 60
    )
    assert reopened is not None
    assert (reopened.reopened_count, reopened.resolved_at, reopened.status_notes) == (
        1,
        None,
        "Done",
    )
    history = store.history(key)
    assert history is not None
    assert [(h.status_detail, h.changed_at) for h in history] == [
        ("open", T),
        ("fixed", T + 50),
        ("open", T + 60),
    ]
    change = StatusChange("closed", "fixed", None, None, None, "desk")
    assert store.update_status("SBZ-MC-C0000404", change, T) is None
    assert store.history("SBZ-MC-C0000404") is None


def test_the_sqlite_file_is_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "db.sqlite3")
    store.create(submission(), T, DUE, 1)
    with store._read() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()
    # Committed: a new connection (as after a crash) sees the row.
    assert sqlite3.connect(tmp_path / "db.sqlite3").execute(
        "SELECT count(*) FROM requests"
    ).fetchone() == (1,)


def test_unusable_databases_are_explained(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="'mysql://' is not supported"):
        open_store("mysql://localhost/x")
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(StoreError, match="Cannot open the SQLite database"):
        open_store(str(tmp_path / "dir.sqlite3"))
