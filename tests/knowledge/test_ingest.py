"""Building the store: idempotent, replaces changed documents, refuses broken input safely."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import query
from knowledge.ingest import PARALLEL_FROM, BuildError, build, read_document
from knowledge.models import Document, Passage, PassageTopic, SalaryFact


def _snapshot(engine: Engine) -> dict:
    """Everything in the store that a rebuild could change, comparable across builds."""
    with Session(engine, future=True) as session:
        return {
            "documents": sorted(
                session.execute(select(Document.slug, Document.fingerprint, Document.label)).all()
            ),
            "passages": sorted(
                session.execute(
                    select(Document.slug, Passage.position, Passage.kind, Passage.text).join(
                        Document
                    )
                ).all()
            ),
            "topics": sorted(
                session.execute(
                    select(Document.slug, Passage.position, PassageTopic.topic, PassageTopic.weight)
                    .join(Passage, Passage.id == PassageTopic.passage_id)
                    .join(Document)
                ).all()
            ),
            "salaries": sorted(
                session.execute(
                    select(
                        SalaryFact.country,
                        SalaryFact.level,
                        SalaryFact.low,
                        SalaryFact.high,
                        SalaryFact.quote,
                    )
                ).all(),
                key=repr,
            ),
            "search": [h.text for h in query.search(session, "salary midpoint UK")],
        }


def test_build_twice_gives_the_same_store(engine: Engine, documents_dir: Path) -> None:
    first = build(engine, documents_dir)
    before = _snapshot(engine)
    second = build(engine, documents_dir)
    assert len(first.added) == 5 and first.changed
    assert not second.changed and len(second.unchanged) == 5
    assert _snapshot(engine) == before


def test_rebuilding_from_scratch_gives_the_same_content(
    engine: Engine, documents_dir: Path, tmp_path: Path
) -> None:
    from knowledge.db import make_engine

    build(engine, documents_dir)
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    build(other, documents_dir)
    ours, theirs = _snapshot(engine), _snapshot(other)
    # Search ranking is the database's own (FTS5 BM25 vs PostgreSQL ts_rank); the top hit agrees.
    assert ours.pop("search")[0] == theirs.pop("search")[0]
    assert ours == theirs


def test_changed_document_replaces_its_rows(engine: Engine, documents_dir: Path) -> None:
    build(engine, documents_dir)
    before = _snapshot(engine)
    path = documents_dir / "001_8b11f763a392aa3b.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("45–60K€", "47–61K€"), encoding="utf-8"
    )
    report = build(engine, documents_dir)
    assert report.updated == ["001_8b11f763a392aa3b"] and len(report.unchanged) == 4
    with Session(engine, future=True) as session:
        blue = [s for s in query.salaries(session, unstated_country=True) if s.level == "junior"]
        assert [(s.low, s.high) for s in blue] == [(47000, 61000)]
        assert query.stats(session)["salary_facts"] == 10
    after = _snapshot(engine)
    unchanged_docs = [d for d in before["passages"] if not d[0].startswith("001")]
    assert unchanged_docs == [d for d in after["passages"] if not d[0].startswith("001")]


def test_removed_document_is_deleted_with_its_rows(engine: Engine, documents_dir: Path) -> None:
    build(engine, documents_dir)
    (documents_dir / "003_f431b1bb560345a1.txt").unlink()
    report = build(engine, documents_dir)
    assert report.removed == ["003_f431b1bb560345a1"]
    with Session(engine, future=True) as session:
        assert query.salary_countries(session) == ["FR", "US"]
        assert all(
            h.source.label != "UK careers guide" for h in query.search(session, "Jobs247 midpoint")
        )
        assert not session.execute(
            select(PassageTopic).where(~PassageTopic.passage_id.in_(select(Passage.id)))
        ).first()


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00bad bytes",
        b"",
        b"Skip to main content\nCareers\n",
        b"text\x00\x00binary",
    ],
    ids=["invalid-utf8", "empty", "navigation-only", "binary"],
)
def test_broken_document_is_named_and_nothing_is_lost(
    engine: Engine, documents_dir: Path, content: bytes
) -> None:
    build(engine, documents_dir)
    before = _snapshot(engine)
    (documents_dir / "zzz_broken.txt").write_bytes(content)
    # Also change a good document: that change must not land either.
    good = documents_dir / "000_a19f9d3d65b576ca.txt"
    good.write_text(
        good.read_text(encoding="utf-8") + "\nA new closing sentence.", encoding="utf-8"
    )
    with pytest.raises(BuildError, match="zzz_broken.txt"):
        build(engine, documents_dir)
    assert _snapshot(engine) == before


def test_broken_pages_among_many_are_all_named_and_nothing_is_written(
    engine: Engine, documents_dir: Path
) -> None:
    """Past ``PARALLEL_FROM`` pages the workers read while the build writes (on PostgreSQL):
    a page that fails halfway still leaves the store as it was, and each failure is named."""
    build(engine, documents_dir)
    before = _snapshot(engine)
    for index in range(PARALLEL_FROM + 10):
        (documents_dir / f"page_{index:03d}.txt").write_text(
            f"Skills for page {index}\n\nPython and SQL matter for this role ({index}).\n",
            encoding="utf-8",
        )
    (documents_dir / "page_040.txt").write_bytes(b"\xff\xfe not text")
    (documents_dir / "page_090.txt").write_bytes(b"Skip to main content\n")
    with pytest.raises(BuildError, match=r"page_040\.txt(.|\n)*page_090\.txt"):
        build(engine, documents_dir)
    assert _snapshot(engine) == before


def test_empty_folder_is_refused_and_store_kept(
    engine: Engine, documents_dir: Path, tmp_path: Path
) -> None:
    build(engine, documents_dir)
    before = _snapshot(engine)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError, match="holds no"):
        build(engine, empty)
    assert _snapshot(engine) == before


def test_missing_folder_is_refused(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no such folder"):
        build(engine, tmp_path / "nope")


def test_document_without_manifest_entry_is_cited_by_file_name(
    engine: Engine, documents_dir: Path
) -> None:
    (documents_dir / "new_guide.txt").write_text(
        "What Does A Machine Learning Engineer Do?\nThey build and ship models that learn from data.\n",
        encoding="utf-8",
    )
    report = build(engine, documents_dir)
    assert report.added == sorted(
        [
            "000_a19f9d3d65b576ca",
            "001_8b11f763a392aa3b",
            "002_80195d852e774343",
            "003_f431b1bb560345a1",
            "004_4055f3a95b174526",
            "new_guide",
        ]
    )
    with Session(engine, future=True) as session:
        labels = {s.label for s in query.sources(session)}
        assert "new_guide" in labels and "Bessand" in labels


def test_manifest_metadata_is_stored(engine: Engine, documents_dir: Path) -> None:
    build(engine, documents_dir)
    with Session(engine, future=True) as session:
        cbt = next(s for s in query.sources(session) if s.label == "CBT Nuggets")
    assert (cbt.author, cbt.published, cbt.title) == (
        "Danielle Antosz",
        "2025-03-12",
        "How to Become a Machine Learning Engineer",
    )


def test_sqlite_full_text_index_matches_passages(engine: Engine, documents_dir: Path) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("FTS5 index is SQLite-only; PostgreSQL indexes the passage table itself")
    build(engine, documents_dir)
    with engine.connect() as connection:
        indexed = connection.execute(text("SELECT count(*) FROM passage_fts")).scalar()
        passages = connection.execute(text("SELECT count(*) FROM passage")).scalar()
    assert indexed == passages > 150


def test_a_store_from_an_older_version_is_rebuilt(engine: Engine, documents_dir: Path) -> None:
    """A store from before migrations that lacks a column of the first one is built anew."""
    build(engine, documents_dir)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("ALTER TABLE salary_fact DROP COLUMN basis"))
    report = build(engine, documents_dir)
    assert len(report.added) == 5
    with Session(engine) as session:
        assert (
            session.scalar(
                select(func.count()).select_from(SalaryFact).where(SalaryFact.basis.is_not(None))
            )
            == 4
        )


def test_a_list_item_keeps_the_sentence_that_introduces_its_list(
    engine: Engine, documents_dir: Path
) -> None:
    (documents_dir / "team_guide.txt").write_text(
        "Team collaboration\n"
        "An ML engineer rarely works alone. They work with:\n"
        "- Data Engineers (for pipelines and infrastructure)\n"
        "- Product managers who decide what to build\n"
        "A typical week might look something like this:\n"
        "- Two days of modelling work and code review\n"
        "Most teams meet once a week to review their models.\n"
        "- A list item after a plain paragraph has no lead of its own\n",
        encoding="utf-8",
    )
    build(engine, documents_dir)
    with Session(engine, future=True) as session:
        leads = dict(
            session.execute(
                select(Passage.text, Passage.lead)
                .join(Document)
                .where(Document.slug == "team_guide", Passage.kind == "list_item")
            ).all()
        )
    assert leads == {
        "Data Engineers (for pipelines and infrastructure)": "They work with:",
        "Product managers who decide what to build": "They work with:",
        "Two days of modelling work and code review": None,  # a filler lead-in adds nothing
        "A list item after a plain paragraph has no lead of its own": None,
    }


def test_the_fingerprint_covers_what_ingestion_runs_and_not_the_read_side() -> None:
    from knowledge.ingest import pipeline_files

    names = {f"{path.parent.name}/{path.name}" for path in pipeline_files()}
    # What reads a page: cleaning, topics, pay figures (and their gazetteer), filler, rules.
    assert {"knowledge/cleaning.py", "knowledge/topics.py", "knowledge/salary.py"} <= names
    assert {"knowledge/money.py", "gazetteer/countries.py", "gazetteer/levels.py"} <= names
    assert {"rules/noise.yml", "rules/topics.yml", "rules/filler.yml"} <= names
    # Editing the read API or answer composition re-ingests nothing.
    assert not {"knowledge/query.py", "knowledge/compose.py", "rules/synonyms.yml"} & names


def test_quotes_commas_backslashes_and_empty_values_are_stored_as_read(
    engine: Engine, tmp_path: Path
) -> None:
    """On PostgreSQL the rows go in as CSV (COPY): every character and every NULL survives."""
    folder = tmp_path / "tricky"
    folder.mkdir()
    page = folder / "tricky.txt"
    page.write_text(
        'Skills you need\n\nPython, "SQL" and C:\\tools\\bin; 100% of it, \\N and "" included.\n'
        "Tools:\n- Docker, Kubernetes\n",
        encoding="utf-8",
    )
    build(engine, folder)
    outcome = read_document((page, page.read_bytes(), {}))
    assert not isinstance(outcome, str)
    expected = [(read.block.text, read.lead) for read in outcome[1]]
    with Session(engine, future=True) as session:
        stored = session.execute(select(Passage.text, Passage.lead).order_by(Passage.position))
        assert [tuple(row) for row in stored] == expected
        label = session.scalar(select(Document.label))
    assert label == "tricky" and any('"SQL"' in text for text, _lead in expected)
