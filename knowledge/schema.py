"""Bring a store's schema to the current version with the Alembic migrations.

The store may live in a PostgreSQL database someone already filled, so its schema changes by
migration (``knowledge/migrations/versions``), never by dropping it. A store built before
migrations existed is recognised: if it has the first revision's tables it is stamped with that
revision and upgraded; an even older one is derived data and is dropped (the build then
re-ingests every document).
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BASELINE = "0001"
_BASELINE_SALARY_COLUMNS = {"median", "basis", "gross", "level_label"}
_TABLES = (
    "word_frequency",
    "salary_summary",
    "salary_fact",
    "document_topic",
    "passage_topic",
    "passage",
    "section",
    "document",
)


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision of the migrations."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the store is at; None for an empty store or one built before migrations."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the store's schema to ``revision`` (idempotent; a no-op at that revision)."""
    with engine.begin() as connection:
        context = MigrationContext.configure(connection)
        if context.get_current_revision() is None:
            _adopt_unversioned_store(connection)
        if revision == "head" and context.get_current_revision() == head_revision():
            return  # the common case: one query, no migration machinery
        command.upgrade(_config(connection), revision)


def _adopt_unversioned_store(connection: Connection) -> None:
    """Stamp a store built before migrations with its revision, or drop it if older still."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if "document" not in tables:
        return
    salary_columns = (
        {c["name"] for c in inspector.get_columns("salary_fact")}
        if ("salary_fact" in tables)
        else set()
    )
    if (
        _BASELINE_SALARY_COLUMNS <= salary_columns
        and "passage" in tables
        and "lead" in {c["name"] for c in inspector.get_columns("passage")}
    ):
        logger.info("The store was built before migrations; stamping it revision %s", BASELINE)
        command.stamp(_config(connection), BASELINE)
        return
    logger.warning("The store's tables are from an older version; rebuilding them")
    if connection.dialect.name == "sqlite":
        connection.execute(text("DROP TABLE IF EXISTS passage_fts"))
    for table in _TABLES:
        if table in tables:
            connection.execute(text(f"DROP TABLE {table}"))
