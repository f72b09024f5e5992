"""The hot queries use their indexes: a test fails if one falls back to a full table scan.

Checked with SQLite's ``EXPLAIN QUERY PLAN`` and PostgreSQL's ``EXPLAIN`` on the statements the
read API runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import query
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


@pytest.fixture(scope="module")
def postgres_store(postgres_url: str) -> Iterator[Engine]:
    """The real documents in a fresh PostgreSQL database."""
    admin = make_engine(postgres_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("DROP DATABASE IF EXISTS plans")
        connection.exec_driver_sql("CREATE DATABASE plans")
    admin.dispose()
    engine = make_engine(postgres_url.rsplit("/", 1)[0] + "/plans")
    try:
        build(engine, DEFAULT_DOCUMENTS_DIR)
        yield engine
    finally:
        engine.dispose()


def _statements_run(engine: Engine, call: Callable[[Session], object]) -> list[tuple[str, Any]]:
    """The statements (and parameters) ``call`` runs, as the read API runs them."""
    statements: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with Session(engine) as session:
            call(session)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


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
    assert "TEMP B-TREE" not in plan, plan  # read in the ranking's order, no sort of the ties


def test_full_text_search_uses_the_fts_index(sqlite_store: Engine) -> None:
    with sqlite_store.connect() as connection:
        rows = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT rowid FROM passage_fts WHERE passage_fts MATCH 'python' "
            "LIMIT 5"
        ).all()
    plan = "\n".join(str(row[-1]) for row in rows)
    assert "VIRTUAL TABLE INDEX" in plan, plan


@pytest.mark.postgres
def test_postgres_search_uses_the_stored_tsvector_index(postgres_store: Engine) -> None:
    """Search reads the GIN index over passage.tsv (migration 0003), not a tsvector per row."""
    with postgres_store.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: force the plan
        rows = connection.exec_driver_sql(
            "EXPLAIN SELECT id FROM passage WHERE tsv @@ to_tsquery('english', 'python')"
        ).all()
    plan = "\n".join(row[0] for row in rows)
    assert "ix_passage_tsv_stored" in plan, plan


def _plans_of(engine: Engine, call: Callable[[Session], object], table: str) -> list[str]:
    """The plans of the statements ``call`` runs that read ``table``, as the read API runs them."""
    plans = []
    with engine.connect() as connection:
        for statement, parameters in _statements_run(engine, call):
            if f"FROM {table}" in statement:
                rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                plans.append("\n".join(str(row[-1]) for row in rows))
    assert plans, f"no statement read {table}"
    return plans


def test_salaries_of_a_country_are_read_in_the_answers_order(sqlite_store: Engine) -> None:
    """The first figures come from the ordered index: no sort of every fact of the country."""
    for plan in _plans_of(
        sqlite_store,
        lambda s: query.salaries(s, country="FR", level="junior", limit=query.FIGURES_READ),
        "salary_fact",
    ):
        assert "ix_salary_fact_by_country" in plan and "TEMP B-TREE" not in plan, plan
        assert not _full_scans(plan), plan


def test_the_salary_overview_reads_its_figures_in_order(sqlite_store: Engine) -> None:
    for plan in _plans_of(sqlite_store, lambda s: query.salary_overview(s), "salary_fact"):
        assert "ix_salary_fact_in_order" in plan and "TEMP B-TREE" not in plan, plan


def test_search_bounds_its_candidates_in_the_fts_index(sqlite_store: Engine) -> None:
    """The rowid bound of SEARCH_CANDIDATES is applied by FTS5 itself (``M…<``)."""
    for plan in _plans_of(
        sqlite_store, lambda s: query.search(s, "machine learning engineer"), "passage_fts"
    ):
        assert "VIRTUAL TABLE INDEX" in plan, plan


def _executed_in_one_session(
    engine: Engine, call: Callable[[Session], object], explain: str
) -> list[str]:
    """The plans (``EXPLAIN {explain}``) of the statements ``call`` runs, each EXPLAINed on the
    connection that ran it: a prepared statement exists only there."""
    statements: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    engine.dispose()  # a new connection: nothing prepared, no plan kept from earlier tests
    with Session(engine) as session:
        connection = session.connection()
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # a tiny table: force it
        event.listen(engine, "before_cursor_execute", record)
        try:
            call(session)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        plans = []
        for statement, parameters in statements:
            if statement.startswith("EXECUTE"):
                rows = connection.exec_driver_sql(f"{explain} {statement}", parameters).all()
                plans.append("\n".join(row[0] for row in rows))
    return plans


@pytest.mark.postgres
@pytest.mark.parametrize("plan_cache_mode", ["force_custom_plan", "force_generic_plan"])
def test_postgres_search_reads_word_frequencies_and_the_gin_index(
    postgres_store: Engine, plan_cache_mode: str
) -> None:
    """Search weighs words from word_frequency (its primary key) and finds passages in the GIN
    index: no count over every passage. Prepared, it keeps that plan when PostgreSQL plans it
    for any words (the generic plan it may keep after five runs on a connection)."""
    found: list[Any] = []

    def search(session: Session) -> None:
        session.execute(text(f"SET LOCAL plan_cache_mode = {plan_cache_mode}"))
        found.extend(query.search(session, "kubernetes docker mlops"))

    plans = _executed_in_one_session(postgres_store, search, "EXPLAIN")
    assert found
    (plan,) = plans  # search is one statement on PostgreSQL
    assert "ix_passage_tsv_stored" in plan and "pk_word_frequency" in plan, plan
    assert "Seq Scan on passage" not in plan, plan


@pytest.mark.postgres
def test_postgres_runs_the_read_api_as_prepared_statements(postgres_store: Engine) -> None:
    """Each statement is prepared once per connection, then only executed by name."""

    def ask(session: Session) -> None:
        query.search(session, "python skills")
        query.passages_by_topic(session, "skills")
        query.salaries(session, country="FR", limit=query.FIGURES_READ)
        query.salary_overview(session, level="junior")

    first = _statements_run(postgres_store, ask)
    again = _statements_run(postgres_store, ask)
    assert all(s.startswith(("PREPARE", "EXECUTE")) for s, _ in first), first
    assert [s for s, _ in again if s.startswith("EXECUTE")] == [
        s for s, _ in first if s.startswith("EXECUTE")
    ]
    assert not [s for s, _ in again if s.startswith("PREPARE")], again


@pytest.mark.postgres
def test_warming_up_prepares_the_usual_statements(postgres_store: Engine) -> None:
    """What the action server runs at start-up leaves the usual questions only to execute."""
    postgres_store.dispose()  # one new connection, nothing prepared on it yet
    with Session(postgres_store) as session:
        query.warm_up(session)

    def ask(session: Session) -> None:
        query.search(session, "python")
        query.passages_by_topic(session, "maths")
        query.salaries(session, country="GB", level="senior", limit=query.FIGURES_READ)
        query.salary_overview(session)

    statements = _statements_run(postgres_store, ask)
    assert statements and not [s for s, _ in statements if s.startswith("PREPARE")], statements
