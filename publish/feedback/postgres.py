"""The PostgreSQL back end (psycopg 3 with a connection pool), for larger deployments.

A commit returns once PostgreSQL has made it durable (its default ``synchronous_commit = on``),
so an acknowledged complaint survives a crash of the service or of the database server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from publish.feedback.store import SqlStore, StoreError, schema


class PostgresStore(SqlStore):
    """Complaints in PostgreSQL; each write is one transaction on a pooled connection."""

    placeholder = "%s"

    def __init__(self, url: str, pool_size: int = 10) -> None:
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError as error:
            raise StoreError(
                "A postgresql:// database needs psycopg 3: pip install 'psycopg[binary]' "
                "psycopg-pool"
            ) from error
        self._errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        try:
            self._pool = ConnectionPool(
                url, min_size=1, max_size=pool_size, open=True, timeout=30, name="shafaf-feedback"
            )
            self._pool.wait(timeout=30)
            with self._pool.connection() as connection:
                for statement in schema("BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION"):
                    connection.execute(statement)
        except Exception as error:  # psycopg's and the pool's errors, whatever their class
            pool = getattr(self, "_pool", None)
            if pool is not None:
                pool.close()
            safe = url.split("@", 1)[-1]  # never show a password
            raise StoreError(f"Cannot use the PostgreSQL database at {safe}: {error}") from error

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._pool.connection() as connection, connection.transaction():
            yield connection.cursor()

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._pool.connection() as connection:
            yield connection.cursor()

    def close(self) -> None:
        self._pool.close()
