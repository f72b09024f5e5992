"""The engines: the read API's (read-only, autocommit on PostgreSQL) and its pooled connections."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from knowledge import db, query
from knowledge.db import make_engine


def _answers(engine: Engine) -> list[object]:
    with Session(engine) as session:
        return [
            query.search(session, "what skills do I need"),
            query.passages_by_topic(session, "skills"),
            query.salaries(session, country="FR", limit=query.FIGURES_READ),
            query.salary_overview(session, level="junior"),
        ]


def test_the_read_only_engine_answers_as_the_other(store: Engine) -> None:
    reader = make_engine(store.url, read_only=True)
    try:
        assert _answers(reader) == _answers(store)
        assert _answers(reader) == _answers(store)  # again, on prepared statements
    finally:
        reader.dispose()


@pytest.mark.postgres
def test_the_read_only_engine_refuses_writes_on_postgres(postgres_url: str) -> None:
    reader = make_engine(postgres_url, read_only=True)
    try:
        with pytest.raises(DBAPIError, match="read-only"), Session(reader) as session:
            session.execute(text("CREATE TABLE written (id integer)"))
    finally:
        reader.dispose()


@pytest.mark.postgres
def test_a_connection_dropped_while_unused_is_replaced(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server closed a pooled connection (a restart): the next session gets a new one."""
    reader = make_engine(postgres_url, read_only=True)
    admin = make_engine(postgres_url)
    try:
        with Session(reader) as session:
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            connection.commit()
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # unused long enough to be checked
        with Session(reader) as session:
            assert session.execute(text("SELECT pg_backend_pid()")).scalar() != pid
    finally:
        reader.dispose()
        admin.dispose()
