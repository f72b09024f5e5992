"""Build the store from the documents folder: clean, split, tag, extract, in one transaction.

Idempotent: a document whose fingerprint (text + ingestion rules) is unchanged is skipped; a
changed one has its old rows replaced; a removed one is deleted. Every document is parsed before
the store is touched, so one that fails leaves the store exactly as it was.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import delete, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import cleaning, topics
from knowledge.compose import filler_rules
from knowledge.models import (
    Document,
    DocumentTopic,
    Passage,
    PassageTopic,
    SalaryFact,
    Section,
)
from knowledge.records import Salary, salary_row
from knowledge.salary import Untyped, data_basis, page_context, read_figures
from knowledge.schema import migrate
from knowledge.text import sentences

logger = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.yml"
DOCUMENT_SUFFIX = ".txt"
# Everything that decides what ingestion makes of a document: change any of these files and
# every document is re-ingested on the next build.
_PIPELINE_FILES = sorted(
    [
        *Path(__file__).parent.glob("*.py"),
        *(Path(__file__).parent / "rules").glob("*.yml"),
        *(Path(__file__).parent.parent / "gazetteer").glob("*.py"),
        *(Path(__file__).parent.parent / "gazetteer").glob("*.yml"),
    ]
)


@functools.lru_cache(maxsize=1)
def pipeline_fingerprint() -> bytes:
    """SHA-256 of the ingestion code and rules."""
    digest = hashlib.sha256()
    for path in _PIPELINE_FILES:
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


_INSERT_DOCUMENT = insert(Document.__table__)
_INSERT_SECTION = insert(Section.__table__)
_INSERT_PASSAGE = insert(Passage.__table__)


def _write_document(session: Session, parsed: ParsedDocument) -> list[ReadBlock]:
    """Insert one parsed document with its sections, passages, topic tags and salary facts.

    Returns what was read from each block (for the review of a build).

    Core inserts on the tables, on the session's connection, rather than ORM objects: the unit
    of work spent about 25 ms per document on bookkeeping (building, cascading and flushing ~80
    objects), more than the parsing itself, and ``Session.execute`` adds ~100 µs per statement.
    Rows get their ids in the same order as before: documents, then sections and passages in
    reading order.
    """
    connection = session.connection()
    meta = parsed.metadata
    published = meta.get("published")
    document_id = connection.execute(
        _INSERT_DOCUMENT,
        {
            "slug": parsed.slug,
            "label": meta.get("label") or parsed.slug,
            "publisher": meta.get("publisher"),
            "title": meta.get("title"),
            "author": meta.get("author"),
            "published": str(published) if published else None,
            "fingerprint": parsed.fingerprint,
        },
    ).inserted_primary_key[0]
    topic_rows: list[dict] = []
    fact_rows: list[dict] = []
    section_id: int | None = None
    reads = list(read_blocks(parsed))
    for position, read in enumerate(reads):
        if read.first_in_section:
            section_id = connection.execute(
                _INSERT_SECTION,
                {"document_id": document_id, "position": read.section, "heading": read.heading},
            ).inserted_primary_key[0]
        passage_id = connection.execute(
            _INSERT_PASSAGE,
            {
                "document_id": document_id,
                "section_id": section_id,
                "position": position,
                "kind": read.block.kind,
                "text": read.block.text,
                "lead": read.lead,
            },
        ).inserted_primary_key[0]
        topic_rows.extend(
            {"passage_id": passage_id, "topic": topic, "weight": weight}
            for topic, weight in read.topics.items()
        )
        fact_rows.extend(
            {**salary_row(fact), "document_id": document_id, "passage_id": passage_id}
            for fact in read.facts
        )
    if topic_rows:
        connection.execute(insert(PassageTopic.__table__), topic_rows)
        connection.execute(
            insert(DocumentTopic.__table__),
            _document_topics(document_id, parsed.slug, topic_rows),
        )
    if fact_rows:
        connection.execute(insert(SalaryFact.__table__), fact_rows)
    return reads


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
    manifest = load_manifest(documents_dir)
    migrate(engine)
    report = BuildReport()
    with Session(engine, future=True) as session:
        existing = stored_fingerprints(session)
        parsed: list[ParsedDocument] = []
        failures: list[str] = []
        for path in progress(paths) if progress else paths:
            raw = path.read_bytes()
            if existing.get(path.stem) == fingerprint(raw):
                report.unchanged.append(path.stem)
                continue
            if path.name not in manifest:
                logger.warning(
                    "%s has no entry in %s; citing it by file name", path.name, MANIFEST_NAME
                )
            try:
                parsed.append(parse_document(path, raw, manifest.get(path.name) or {}))
            except ValueError as error:
                failures.append(f"{path.name}: {error}")
        if failures:
            raise BuildError(
                "these documents could not be parsed; the store was left as it was:\n  "
                + "\n  ".join(failures)
            )
        stale = {p.slug for p in parsed if p.slug in existing}
        gone = set(existing) - {p.stem for p in paths}
        # One transaction for every change: a failure anywhere rolls all of it back.
        try:
            if stale | gone:
                session.execute(delete(Document).where(Document.slug.in_(stale | gone)))
            for document in parsed:
                reads = _write_document(session, document)
                if observe is not None:
                    observe(document, reads, "changed" if document.slug in stale else "new")
            if (parsed or gone) and engine.dialect.name == "sqlite":
                _rebuild_sqlite_fts(session)
            session.commit()
        except Exception:
            session.rollback()
            raise
        if parsed or gone:
            _refresh_statistics(session)
        report.added = sorted(p.slug for p in parsed if p.slug not in existing)
        report.updated = sorted(stale)
        report.removed = sorted(gone)
    return report


def _refresh_statistics(session: Session) -> None:
    """Update the planner's statistics after a change, so it picks indexes by the store's size.

    Which index answers a topic question depends on it: at the five real pages a topic has a
    dozen tagged passages (its index is best); at 10,000 pages it has tens of thousands and the
    chosen documents' own passages are far fewer. SQLite samples (``analysis_limit``) to stay
    quick on a big store.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA analysis_limit=1000"))
    session.execute(text("ANALYZE"))
    session.commit()


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
