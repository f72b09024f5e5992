"""Build the store from the documents folder: clean, split, tag, extract, in one transaction.

Idempotent: a document whose fingerprint (text + ingestion rules) is unchanged is skipped; a
changed one has its old rows replaced; a removed one is deleted. Every change is one transaction,
so a document that fails to parse leaves the store exactly as it was.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import gc
import hashlib
import io
import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from knowledge import cleaning, topics
from knowledge.filler import filler_rules
from knowledge.models import (
    Base,
    Document,
    DocumentTopic,
    Passage,
    PassageTopic,
    SalaryFact,
    SalarySummary,
    Section,
    level_rank,
)
from knowledge.records import Salary, salary_row
from knowledge.salary import Untyped, data_basis, page_context, read_figures
from knowledge.schema import migrate
from knowledge.text import sentences

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.yml"
DOCUMENT_SUFFIX = ".txt"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The project's packages whose code can decide what ingestion makes of a document.
_PIPELINE_PACKAGES = ("knowledge", "gazetteer")
_RULE_FILE = re.compile(r"[\"']([\w-]+\.yml)[\"']")


def _imported_modules(source: str) -> set[str]:
    """First-party modules ``source`` imports, at the top or lazily in a function."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # "from knowledge import cleaning" imports a module; "from x.y import f", a name.
            names |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return {name for name in names if name.split(".")[0] in _PIPELINE_PACKAGES}


def pipeline_files() -> list[Path]:
    """Everything that decides what ingestion makes of a document.

    This module, the modules it imports (transitively) and the rule files they name. Change any
    of them and every document is re-ingested on the next build; the read API (``query.py``)
    and answer composition (``compose.py``) are not among them.
    """
    seen: set[Path] = set()
    named: set[str] = set()  # the rule files the modules name ("noise.yml")
    todo = [Path(__file__).resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        source = path.read_text(encoding="utf-8")
        named |= set(_RULE_FILE.findall(source))
        for module in _imported_modules(source):
            base = PROJECT_ROOT.joinpath(*module.split("."))
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    todo.append(candidate)
    rules = [
        path
        for folder in (PROJECT_ROOT / "knowledge" / "rules", PROJECT_ROOT / "gazetteer")
        for path in folder.glob("*.yml")
        if path.name in named
    ]
    return sorted(seen | set(rules))


@functools.lru_cache(maxsize=1)
def pipeline_fingerprint() -> bytes:
    """SHA-256 of the ingestion code and rules."""
    digest = hashlib.sha256()
    for path in pipeline_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.digest()


class BuildError(Exception):
    """The build was refused; the store was left as it was."""


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True if the store was written."""
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class ParsedDocument:
    """A document cleaned and split in memory, ready to be written."""

    slug: str
    fingerprint: str
    metadata: dict
    sections: list[tuple[str | None, list[cleaning.Block]]]

    @property
    def text(self) -> str:
        """The cleaned text, one block a line, headings included."""
        return "\n".join(
            line
            for heading, blocks in self.sections
            for line in [heading or "", *(b.text for b in blocks)]
            if line
        )


def stored_fingerprints(session: Session) -> dict[str, str]:
    """The fingerprint of every document in the store, by slug."""
    return dict(session.execute(select(Document.slug, Document.fingerprint)).all())


def load_manifest(documents_dir: Path) -> dict[str, dict]:
    """The manifest's entries by file name (empty if there is no manifest)."""
    path = documents_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        # libyaml's parser when PyYAML has it: same result, ~7x faster on a long manifest.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except yaml.YAMLError as error:
        raise BuildError(f"{path}: the manifest is not valid YAML: {error}") from error


def fingerprint(raw: bytes) -> str:
    """SHA-256 over the document and everything that decides what ingestion makes of it."""
    digest = hashlib.sha256()
    digest.update(pipeline_fingerprint())
    digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


def parse_document(path: Path, raw: bytes, metadata: dict) -> ParsedDocument:
    """Decode, clean and split one document.

    Raises:
        ValueError: if the file is not UTF-8 text or holds no content.
    """
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text ({error.reason} at byte {error.start})") from error
    if "\x00" in content:
        raise ValueError("binary file (contains NUL bytes)")
    blocks = cleaning.clean(content)
    sections: list[tuple[str | None, list[cleaning.Block]]] = [(None, [])]
    for block in blocks:
        if block.kind == "heading":
            sections.append((block.text, []))
        else:
            sections[-1][1].append(block)
    return ParsedDocument(
        slug=path.stem,
        fingerprint=fingerprint(raw),
        metadata=metadata,
        sections=[(heading, body) for heading, body in sections if body],
    )


class _Writer:
    """Rows of the documents written by one build, inserted a batch of documents at a time.

    Core inserts on the tables, on the session's connection, rather than ORM objects: the unit
    of work spent about 25 ms per document on bookkeeping. Each table's rows go in one
    ``executemany`` per batch (on PostgreSQL, psycopg2 sends them as multi-row ``VALUES``),
    where inserting a row at a time to learn its id sent one statement per passage, 178,000 at
    10,000 pages. The ids are given here, in the same order the database gave them: documents,
    then sections and passages in reading order, numbered on from the highest in the store.
    """

    BATCH_DOCUMENTS = 200
    _ID_TABLES = (Document.__table__, Section.__table__, Passage.__table__)
    _TABLES = (
        *_ID_TABLES,
        PassageTopic.__table__,
        DocumentTopic.__table__,
        SalaryFact.__table__,
    )

    def __init__(self, session: Session) -> None:
        self.connection = session.connection()
        self.next_id = {
            table.name: (self.connection.scalar(select(func.max(table.c.id))) or 0) + 1
            for table in self._ID_TABLES
        }
        self.rows: dict[str, list[dict]] = {table.name: [] for table in self._TABLES}
        self.documents = 0
        self.wrote_ids = False

    def _new_id(self, table: str) -> int:
        self.next_id[table] += 1
        return self.next_id[table] - 1

    def add(self, parsed: ParsedDocument, reads: list[ReadBlock]) -> None:
        """Queue one parsed document with its sections, passages, topic tags and salary facts."""
        meta = parsed.metadata
        published = meta.get("published")
        document_id = self._new_id("document")
        self.rows["document"].append(
            {
                "id": document_id,
                "slug": parsed.slug,
                "label": meta.get("label") or parsed.slug,
                "publisher": meta.get("publisher"),
                "title": meta.get("title"),
                "author": meta.get("author"),
                "published": str(published) if published else None,
                "fingerprint": parsed.fingerprint,
            }
        )
        topic_rows: list[dict] = []
        section_id: int | None = None
        for position, read in enumerate(reads):
            if read.first_in_section:
                section_id = self._new_id("section")
                self.rows["section"].append(
                    {
                        "id": section_id,
                        "document_id": document_id,
                        "position": read.section,
                        "heading": read.heading,
                    }
                )
            passage_id = self._new_id("passage")
            self.rows["passage"].append(
                {
                    "id": passage_id,
                    "document_id": document_id,
                    "section_id": section_id,
                    "position": position,
                    "kind": read.block.kind,
                    "text": read.block.text,
                    "lead": read.lead,
                }
            )
            topic_rows.extend(
                {"passage_id": passage_id, "topic": topic, "weight": weight}
                for topic, weight in read.topics.items()
            )
            self.rows["salary_fact"].extend(
                {
                    **salary_row(fact),
                    "document_id": document_id,
                    "passage_id": passage_id,
                    "document_slug": parsed.slug,
                    "level_rank": level_rank(fact.level),
                }
                for fact in read.facts
            )
        self.rows["passage_topic"].extend(topic_rows)
        self.rows["document_topic"].extend(_document_topics(document_id, parsed.slug, topic_rows))
        self.documents += 1
        if self.documents % self.BATCH_DOCUMENTS == 0:
            self.flush()

    def flush(self) -> None:
        """Insert the queued rows, parents first."""
        for table in self._TABLES:
            rows = self.rows[table.name]
            if rows:
                if self.connection.dialect.name == "postgresql":
                    _copy(self.connection, table.name, rows)
                else:
                    self.connection.execute(insert(table), rows)
                self.wrote_ids = True
                rows.clear()

    def finish(self) -> None:
        """Insert what is left; on PostgreSQL move the id sequences past the ids given here."""
        self.flush()
        if self.wrote_ids and self.connection.dialect.name == "postgresql":
            for table in self._ID_TABLES:
                highest = func.max(table.c.id)
                sequence = func.pg_get_serial_sequence(table.name, "id")
                self.connection.execute(
                    select(func.setval(sequence, func.coalesce(highest, 1), highest.is_not(None)))
                )


def _copy(connection: Connection, table: str, rows: list[dict]) -> None:
    """Insert ``rows`` (each with the same columns) into ``table`` with PostgreSQL's ``COPY``.

    psycopg2 sends an ``executemany`` as multi-row ``INSERT``s whose every value SQLAlchemy and
    psycopg2 format in Python and PostgreSQL parses as SQL: 30–45% more time than ``COPY`` for
    the passages and their topic tags. Values are written as CSV: a string always quoted, so
    that an empty one stays empty and only an unquoted empty field is NULL.
    """
    columns = list(rows[0])
    data = io.StringIO()
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"{table}: rows with different columns ({sorted(row)})")
        data.write(",".join(_csv_field(row[column]) for column in columns))
        data.write("\n")
    data.seek(0)
    with connection.connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)", data
        )


def _csv_field(value: object) -> str:
    """One value as a field of PostgreSQL's CSV (``COPY … FORMAT csv``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float):
        return repr(value)
    return '"' + str(value).replace('"', '""') + '"'


def _document_topics(document_id: int, slug: str, topic_rows: list[dict]) -> list[dict]:
    """Each topic's strongest tag and tag count in one document (``DocumentTopic`` rows)."""
    weights: dict[str, list[float]] = {}
    for row in topic_rows:
        weights.setdefault(row["topic"], []).append(row["weight"])
    return [
        {
            "document_id": document_id,
            "topic": topic,
            "slug": slug,
            "best_weight": max(found),
            "tagged": len(found),
        }
        for topic, found in weights.items()
    ]


@dataclass(frozen=True)
class ReadBlock:
    """What ingestion makes of one block: its topics, its pay figures, what it could not type."""

    section: int
    heading: str | None
    first_in_section: bool
    block: cleaning.Block
    lead: str | None
    topics: dict[str, float]
    facts: list[Salary]
    untyped: list[Untyped]


def read_blocks(parsed: ParsedDocument) -> Iterator[ReadBlock]:
    """Every block of a parsed document with its topic tags and salary facts, in reading order.

    Shared by the build (which writes them) and the review (which shows them).
    """
    page = page_context(parsed.metadata.get("title"), parsed.text)
    for section_position, (heading, blocks) in enumerate(parsed.sections):
        section_text = " ".join([heading or ""] + [b.text for b in blocks])
        intro_tags: dict[str, float] = {}
        lead: str | None = None
        section_sentences: list[str] | None = None
        for index, block in enumerate(blocks):
            if block.kind == "paragraph":
                lead = list_lead(block.text)
            item_lead = lead if block.kind == "list_item" else None
            tags = topics.tag(block.text, heading)
            if block.kind == "list_item":
                # Items of a list share the topics of the sentence that introduces it
                # ("several factors can impact the salary you'll earn, including:").
                for topic, weight in intro_tags.items():
                    tags[topic] = max(tags.get(topic, 0.0), weight)
            else:
                intro_tags = _intro_topics(block.text) if block.text.endswith(":") else {}
            facts, untyped = read_figures(
                block.text, section_text, heading=heading, lead=item_lead, page=page
            )
            if facts:
                if section_sentences is None:
                    section_sentences = [s for b in blocks for s in sentences(b.text)]
                # Every fact quotes its whole block: the data behind them is found once.
                basis = data_basis(block.text, section_sentences)
                facts = [dataclasses.replace(fact, basis=basis) for fact in facts]
            yield ReadBlock(
                section_position, heading, index == 0, block, item_lead, tags, facts, untyped
            )


LEAD_MAX_CHARS = 120
"""A list's lead-in longer than this is a paragraph of its own, not words an item reads on from."""


def list_lead(paragraph: str) -> str | None:
    """The sentence a paragraph ends on when it introduces a list ("They work with:"), else None."""
    if not paragraph.rstrip().endswith((":", "…", "...")):
        return None
    last = (sentences(paragraph) or [paragraph])[-1].strip()
    if len(last) > LEAD_MAX_CHARS or any(p.search(last) for p in filler_rules().patterns):
        return None  # "a typical day might look something like this:" adds nothing to an item
    return last


def _intro_topics(paragraph: str) -> dict[str, float]:
    """Topics named by the sentence that introduces a list.

    Only that last sentence ("several factors can impact the salary you'll earn, including:"),
    so a list does not inherit what the rest of its paragraph happens to mention.
    """
    last = sentences(paragraph)[-1] if paragraph.strip() else paragraph
    return topics.tag(last, None)


def build(
    engine: Engine,
    documents_dir: Path,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    observe: Callable[[ParsedDocument, list[ReadBlock], str], None] | None = None,
) -> BuildReport:
    """Bring the store in line with ``documents_dir``.

    Args:
        engine: the store's engine.
        documents_dir: folder of ``*.txt`` documents and an optional ``manifest.yml``.
        progress: wraps the list of files to show progress (e.g. ``tqdm``).
        observe: called with each document written, what was read from its blocks, and
            ``new`` or ``changed`` (the review printed by ``make ingest``).

    Raises:
        BuildError: if the folder has no document or a document fails to parse; nothing is written.
    """
    if not documents_dir.is_dir():
        raise BuildError(f"{documents_dir}: no such folder")
    paths = sorted(p for p in documents_dir.iterdir() if p.suffix == DOCUMENT_SUFFIX)
    if not paths:
        raise BuildError(
            f"{documents_dir} holds no {DOCUMENT_SUFFIX} document; the store was left as it was"
        )
    migrate(engine)
    report = BuildReport()
    with _no_cycle_collection(), Session(engine, future=True) as session:
        existing = stored_fingerprints(session)
        todo: list[tuple[Path, bytes, dict]] = []
        # Read only when some document is to be parsed: the manifest gives metadata to the
        # documents written (it is no part of a fingerprint), and at 10,000 pages parsing it
        # was most of a build that changes nothing.
        manifest: dict[str, dict] | None = None
        for path in paths:
            raw = path.read_bytes()
            if existing.get(path.stem) == fingerprint(raw):
                report.unchanged.append(path.stem)
                continue
            if manifest is None:
                manifest = load_manifest(documents_dir)
            if path.name not in manifest:
                logger.warning(
                    "%s has no entry in %s; citing it by file name", path.name, MANIFEST_NAME
                )
            todo.append((path, raw, manifest.get(path.name) or {}))
        stale = {path.stem for path, _raw, _meta in todo if path.stem in existing}
        gone = set(existing) - {p.stem for p in paths}
        written: list[str] = []
        failures: list[str] = []
        with _readers(len(todo)) as read_all:
            names = [path for path, _raw, _meta in todo]
            outcomes: Iterable[tuple[Path, _Outcome]] = zip(
                progress(names) if progress else names, read_all(todo), strict=True
            )
            if engine.dialect.name == "sqlite":
                # Every page is read before SQLite's writer starts: once its cache spills to
                # the file it locks the readers (the bot) out until the commit. PostgreSQL's
                # readers never wait for a writer: each page is written as soon as it is read,
                # while the workers read the next (writing takes one core, reading both).
                outcomes = list(outcomes)
            # One transaction for every change: a failure anywhere rolls all of it back. After a
            # page that fails to parse, the rest are still read, to name every failure.
            try:
                if stale | gone:
                    session.execute(delete(Document).where(Document.slug.in_(stale | gone)))
                writer = _Writer(session)
                for _path, outcome in outcomes:
                    if isinstance(outcome, str):
                        failures.append(outcome)
                    elif not failures:
                        document, reads = outcome
                        writer.add(document, reads)
                        written.append(document.slug)
                        if observe is not None:
                            kind = "changed" if document.slug in stale else "new"
                            observe(document, reads, kind)
                if failures:
                    raise BuildError(
                        "these documents could not be parsed; the store was left as it was:\n  "
                        + "\n  ".join(failures)
                    )
                writer.finish()
                if (written or gone) and engine.dialect.name == "sqlite":
                    _rebuild_sqlite_fts(session)
                if written or gone:
                    _refresh_salary_summary(session)
                if (written or gone) and engine.dialect.name == "postgresql":
                    _refresh_word_frequencies(session)
                session.commit()
            except Exception:
                session.rollback()
                raise
        if written or gone:
            _refresh_statistics(session)
        report.added = sorted(slug for slug in written if slug not in existing)
        report.updated = sorted(stale)
        report.removed = sorted(gone)
    return report


PARALLEL_FROM = 100
"""Documents to read from which the build reads them in worker processes, one per CPU."""


def read_document(item: tuple[Path, bytes, dict]) -> tuple[ParsedDocument, list[ReadBlock]] | str:
    """Parse one document and read its blocks; a message for the build's failures if it fails."""
    path, raw, metadata = item
    try:
        parsed = parse_document(path, raw, metadata)
    except ValueError as error:
        return f"{path.name}: {error}"
    return parsed, list(read_blocks(parsed))


_Outcome = tuple[ParsedDocument, list[ReadBlock]] | str


@contextmanager
def _readers(
    count: int,
) -> Iterator[Callable[[list[tuple[Path, bytes, dict]]], Iterable[_Outcome]]]:
    """A function reading documents in order: in worker processes when there are many.

    Reading a page (cleaning, topic tags, pay figures) is pure Python, about 10 ms a page: at
    10,000 pages it is most of a build, and each CPU can read its share. The workers are forked
    from this process, so they start with whatever it has loaded (spaCy, the rules).
    """
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if count < PARALLEL_FROM or workers < 2:
        yield lambda items: map(read_document, items)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=gc.enable) as pool:
        yield lambda items: pool.imap(read_document, items, chunksize=8)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while the build holds the pages it read.

    The build keeps hundreds of thousands of new objects (blocks, tags, figures, rows), none in
    a reference cycle: each collection walked them all again, about a fifth of the build
    process's time at 10,000 pages. The workers reading the pages keep theirs on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refresh_statistics(session: Session) -> None:
    """Update the planner's statistics after a change, so it picks indexes by the store's size.

    Which index answers a topic question depends on it: at the five real pages a topic has a
    dozen tagged passages (its index is best); at 10,000 pages it has tens of thousands and the
    chosen documents' own passages are far fewer. SQLite samples (``analysis_limit``) to stay
    quick on a big store.
    """
    engine = session.get_bind()
    if engine.dialect.name == "sqlite":
        session.execute(text("PRAGMA analysis_limit=1000"))
        session.execute(text("ANALYZE"))
        session.commit()
        return
    # VACUUM as well, which runs outside a transaction: the rows just written are marked
    # committed and visible there and then. Left to the first readers and to autovacuum, the
    # store's first queries after a build were up to ten times slower for a second or two.
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"VACUUM (ANALYZE) {tables}"))


def _refresh_salary_summary(session: Session) -> None:
    """Recount the facts of each role, level and country (``SalarySummary``)."""
    session.execute(delete(SalarySummary))
    facts = SalaryFact.__table__.c
    session.execute(
        insert(SalarySummary.__table__).from_select(
            ["role", "level", "country", "first_slug", "first_fact", "facts"],
            select(
                facts.role,
                facts.level,
                facts.country,
                func.min(facts.document_slug),
                func.min(facts.id),
                func.count(),
            ).group_by(facts.role, facts.level, facts.country),
        )
    )


def _refresh_word_frequencies(session: Session) -> None:
    """Recount how many passages hold each word (PostgreSQL search's ``word_frequency``)."""
    session.execute(text("DELETE FROM word_frequency"))
    session.execute(
        text(
            "INSERT INTO word_frequency (word, passages) "
            "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage') "
            "UNION ALL SELECT '', count(*) FROM passage"
        )
    )


def _rebuild_sqlite_fts(session: Session) -> None:
    """Refill the FTS5 index from the passages, inside the build's transaction."""
    session.execute(text("DELETE FROM passage_fts"))
    session.execute(
        text(
            "INSERT INTO passage_fts(rowid, text, heading) "
            "SELECT passage.id, passage.text, coalesce(section.heading, '') "
            "FROM passage JOIN section ON section.id = passage.section_id"
        )
    )
