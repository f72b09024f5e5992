"""Engine and session factories. Nothing connects at import time."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from knowledge.config import load_settings

POOL_SIZE = 8
"""Connections an engine keeps open: the action server runs its queries on this many threads
(``actions.store``), so no query waits for a connection and none opens a new one."""


def make_engine(url: str | URL | None = None, *, read_only: bool = False) -> Engine:
    """Create an engine for ``url`` (default: ``KNOWLEDGE_DB_URL``).

    For SQLite the parent folder is created and foreign keys are switched on, so that
    deleting a document cascades to its rows exactly as on PostgreSQL.

    Args:
        url: the store's URL.
        read_only: an engine for the read API's sessions (the action server's). On PostgreSQL
            its connections refuse writes and run each statement as its own transaction:
            psycopg2 otherwise sends BEGIN before a session's first statement and ROLLBACK
            when it closes, two round trips around a query that takes one. (A SQLite
            session's reads are not in a transaction either: pysqlite begins one to write.)
    """
    url = url or load_settings().db_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        if parsed.database and parsed.database != ":memory:":
            # SQLAlchemy 1.4 opens a new SQLite connection per session (NullPool); a pool of
            # open ones, each used by one thread at a time, saves that on every query (as 2.0
            # does by default).
            engine = create_engine(
                url,
                future=True,
                poolclass=QueuePool,
                pool_size=POOL_SIZE,
                connect_args={"check_same_thread": False},
            )
        else:
            engine = create_engine(url, future=True)
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    options = "-c plan_cache_mode=force_generic_plan"
    if read_only:
        options += " -c default_transaction_read_only=on"
    engine = create_engine(
        url,
        future=True,
        pool_size=POOL_SIZE,
        isolation_level="AUTOCOMMIT" if read_only else None,
        # The read API's statements are prepared once per connection (knowledge.prepared) and
        # then planned once: PostgreSQL's default replans a statement on each run while it
        # judges its parameters to matter, which it did for search (0.5 ms a query, more than
        # running it). Their plans for any value read the same indexes (test_query_plans). Set
        # when connecting: a SET inside the sessions' transactions would be rolled back.
        connect_args={"options": options},
    )
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", _ping_after_idle)
    return engine


PING_AFTER_IDLE = 5.0
"""Seconds a pooled PostgreSQL connection may sit unused before it is checked on checkout."""


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in"] = time.monotonic()


def _ping_after_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Check a connection that sat unused (the server may have restarted), as pool_pre_ping does.

    pool_pre_ping checks every checkout: a round trip before each query, and two in a
    transaction (psycopg2 sends BEGIN first). A turn of the bot runs several queries in a few
    milliseconds; a connection used that recently is alive. A dead one makes the pool open
    another (``DisconnectionError``).
    """
    checked_in = record.info.get("checked_in")
    if checked_in is None or time.monotonic() - checked_in <= PING_AFTER_IDLE:
        return  # just opened, or used moments ago
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        dbapi_connection.rollback()
    except Exception as error:  # whatever failed, the connection is unusable
        raise DisconnectionError(f"connection unusable after being idle: {error}") from error


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@functools.lru_cache(maxsize=8)
def cached_engine(url: str, *, read_only: bool = False) -> Engine:
    """One engine per URL for long-running processes (the action server)."""
    return make_engine(url, read_only=read_only)


def session_factory(url: str | None = None) -> sessionmaker:
    """A factory of sessions that read the store, bound to the (cached) engine for ``url``."""
    return sessionmaker(
        bind=cached_engine(url or load_settings().db_url, read_only=True), future=True
    )


def open_session(url: str | None = None) -> Session:
    """Open a session that reads the store; the caller closes it (use it in a ``with`` block).

    On PostgreSQL its connection refuses writes (``make_engine(read_only=True)``).
    """
    return session_factory(url)()
