"""Schema migrations: a store someone already filled is upgraded in place, never dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Engine

from knowledge.ingest import build
from knowledge.models import Base
from knowledge.schema import current_revision, head_revision, migrate


def _insert_baseline_rows(engine: Engine) -> None:
    """One document, section, passage and salary fact as the first revision stores them."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO document (id, slug, label, fingerprint) "
                "VALUES (1, 'guide', 'Guide', 'f')"
            )
        )
        connection.execute(text("INSERT INTO section (id, document_id, position) VALUES (1, 1, 0)"))
        connection.execute(
            text(
                "INSERT INTO passage (id, document_id, section_id, position, kind, text) "
                "VALUES (1, 1, 1, 0, 'paragraph', 'Pay is £60,500 to £103,000.')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO salary_fact (document_id, passage_id, country, low, high, "
                "open_ended, median, currency, period, quote) VALUES "
                "(1, 1, 'GB', 60500, 103000, false, 81750, 'GBP', 'year', 'Pay is …')"
            )
        )


def _select(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one query, as tuples."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql)).all()]


def _declared(name: str | None, kind: str, _parent: object) -> bool:
    """Leave out what the models do not declare: SQLite's FTS5 tables, PostgreSQL's stored
    tsvector column and its GIN index (maintained by the database itself); and the topic
    ranking index, whose descending columns Alembic compares only approximately (that the
    ranking reads it in order is checked in test_query_plans)."""
    return not (name or "").startswith(
        ("passage_fts", "ix_passage_tsv", "ix_document_topic_rank")
    ) and not (kind == "column" and name == "tsv")


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_the_models_are_what_the_migrations_build(engine: Engine) -> None:
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": _declared})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    assert current_revision(engine) == head_revision()


def test_a_filled_store_at_the_first_revision_is_upgraded_keeping_its_rows(
    engine: Engine,
) -> None:
    migrate(engine, "0001")
    _insert_baseline_rows(engine)
    migrate(engine)
    assert current_revision(engine) == head_revision()
    rows = _select(
        engine,
        "SELECT country, low, high, midpoint, role, statistic, period, city, "
        "currency_ambiguous FROM salary_fact",
    )
    assert rows == [("GB", 60500, 103000, 81750, "ml_engineer", "range", "year", None, False)]


def test_a_store_with_topic_tags_gets_its_per_document_summary(engine: Engine) -> None:
    migrate(engine, "0001")
    _insert_baseline_rows(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO passage (id, document_id, section_id, position, kind, text) "
                "VALUES (2, 1, 1, 1, 'paragraph', 'Salaries vary by sector.')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO passage_topic (passage_id, topic, weight) VALUES "
                "(1, 'salary', 3.0), (2, 'salary', 1.0), (2, 'salary_factors', 2.0)"
            )
        )
    migrate(engine)
    rows = _select(
        engine,
        "SELECT document_id, topic, best_weight, tagged, slug FROM document_topic ORDER BY topic",
    )
    assert rows == [
        (1, "salary", 3.0, 2, "guide"),
        (1, "salary_factors", 2.0, 1, "guide"),
    ]


def test_a_store_built_before_migrations_is_stamped_and_upgraded(engine: Engine) -> None:
    migrate(engine, "0001")
    _insert_baseline_rows(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT midpoint FROM salary_fact")).scalar() == 81750


def test_migrating_twice_changes_nothing(engine: Engine, documents_dir: Path) -> None:
    build(engine, documents_dir)
    migrate(engine)
    report = build(engine, documents_dir)
    assert not report.changed
