"""Engine and session factories. Nothing connects at import time."""

from __future__ import annotations

import functools
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from knowledge.config import load_settings

POOL_SIZE = 8
"""Connections an engine keeps open: the action server runs its queries on this many threads
(``actions.store``), so no query waits for a connection and none opens a new one."""


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: ``KNOWLEDGE_DB_URL``).

    For SQLite the parent folder is created and foreign keys are switched on, so that
    deleting a document cascades to its rows exactly as on PostgreSQL.
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
    return create_engine(
        url,
        future=True,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        # The read API's statements are prepared once per connection (knowledge.prepared) and
        # then planned once: PostgreSQL's default replans a statement on each run while it
        # judges its parameters to matter, which it did for search (0.5 ms a query, more than
        # running it). Their plans for any value read the same indexes (test_query_plans). Set
        # when connecting: a SET inside the sessions' transactions would be rolled back.
        connect_args={"options": "-c plan_cache_mode=force_generic_plan"},
    )


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@functools.lru_cache(maxsize=8)
def cached_engine(url: str) -> Engine:
    """One engine per URL for long-running processes (the action server)."""
    return make_engine(url)


def session_factory(url: str | None = None) -> sessionmaker:
    """A session factory bound to the (cached) engine for ``url``."""
    return sessionmaker(bind=cached_engine(url or load_settings().db_url), future=True)


def open_session(url: str | None = None) -> Session:
    """Open a session on the store; the caller closes it (use it in a ``with`` block)."""
    return session_factory(url)()
