"""The hot queries use their indexes: a test fails if one falls back to a full table scan.

Checked with SQLite's ``EXPLAIN QUERY PLAN`` on the statements the read API runs.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine

from knowledge.config import DEFAULT_DOCUMENTS_DIR
from knowledge.db import make_engine
from knowledge.ingest import build
from knowledge.models import Document, DocumentTopic, Passage, PassageTopic, SalaryFact


def _plan(engine: Engine, statement) -> str:  # type: ignore[no-untyped-def]
    compiled = statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return "\n".join(str(row[-1]) for row in rows)


def _full_scans(plan: str) -> list[str]:
    """Lines that read a whole table ("SCAN salary_fact"), not through an index."""
    return [
        line.strip()
        for line in plan.splitlines()
        if line.strip().startswith("SCAN ") and "INDEX" not in line
    ]


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The real documents in the default kind of store, SQLite."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('plans') / 'store.db'}")
    build(engine, DEFAULT_DOCUMENTS_DIR)
    return engine


def test_salary_by_country_uses_the_country_index(sqlite_store: Engine) -> None:
    statement = (
        select(SalaryFact, Document)
        .join(Document, Document.id == SalaryFact.document_id)
        .where(SalaryFact.country == "FR", SalaryFact.role == "ml_engineer")
    )
    plan = _plan(sqlite_store, statement)
    assert "ix_salary_fact_" in plan and not _full_scans(plan), plan


def test_passages_of_a_topic_use_the_topic_index(sqlite_store: Engine) -> None:
    statement = (
        select(Passage.id)
        .join(PassageTopic, PassageTopic.passage_id == Passage.id)
        .where(PassageTopic.topic == "skills")
    )
    plan = _plan(sqlite_store, statement)
    assert "ix_passage_topic_topic" in plan and not _full_scans(plan), plan


def test_the_sources_of_a_topic_answer_come_from_the_per_document_summary(
    sqlite_store: Engine,
) -> None:
    statement = (
        select(DocumentTopic.document_id)
        .where(DocumentTopic.topic == "skills")
        .order_by(DocumentTopic.best_weight.desc(), DocumentTopic.tagged.desc(), DocumentTopic.slug)
        .limit(3)
    )
    plan = _plan(sqlite_store, statement)
    assert "ix_document_topic_rank" in plan and not _full_scans(plan), plan


def test_full_text_search_uses_the_fts_index(sqlite_store: Engine) -> None:
    with sqlite_store.connect() as connection:
        rows = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT rowid FROM passage_fts WHERE passage_fts MATCH 'python' "
            "LIMIT 5"
        ).all()
    plan = "\n".join(str(row[-1]) for row in rows)
    assert "VIRTUAL TABLE INDEX" in plan, plan


@pytest.mark.postgres
def test_postgres_search_uses_the_stored_tsvector_index(postgres_url: str) -> None:
    """Search reads the GIN index over passage.tsv (migration 0003), not a tsvector per row."""
    admin = make_engine(postgres_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("DROP DATABASE IF EXISTS plans")
        connection.exec_driver_sql("CREATE DATABASE plans")
    admin.dispose()
    engine = make_engine(postgres_url.rsplit("/", 1)[0] + "/plans")
    try:
        build(engine, DEFAULT_DOCUMENTS_DIR)
        with engine.connect() as connection:
            connection.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: force the plan
            rows = connection.exec_driver_sql(
                "EXPLAIN SELECT id FROM passage WHERE tsv @@ to_tsquery('english', 'python')"
            ).all()
        plan = "\n".join(row[0] for row in rows)
        assert "ix_passage_tsv_stored" in plan, plan
    finally:
        engine.dispose()
