"""SQLAlchemy models of the knowledge store.

A ``Document`` is one source text. It is split into ``Section`` rows (one per heading) and
``Passage`` rows (a paragraph or a list item of cleaned text). ``PassageTopic`` tags passages with
the topics they cover, and ``DocumentTopic`` sums those tags up per document; ``SalaryFact`` holds
every salary figure the text states, typed.
Deleting a document deletes everything derived from it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import declarative_base, relationship

from knowledge.records import salary_columns

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLAlchemy 1.4 (pinned by Rasa) has no typed DeclarativeBase: declared Any for mypy.
Base: Any = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


class Document(Base):
    """One source document (a captured web page)."""

    __tablename__ = "document"

    id = Column(Integer, primary_key=True)
    slug = Column(String(200), nullable=False, unique=True)
    """File name without extension; stable identity across rebuilds."""
    label = Column(String(200), nullable=False)
    """Short name shown to users when the bot cites the source ("Bessand")."""
    publisher = Column(String(200))
    title = Column(String(300))
    author = Column(String(200))
    published = Column(String(10))
    """Publication date as ISO ``YYYY-MM-DD`` where the text states one."""
    fingerprint = Column(String(64), nullable=False)
    """SHA-256 of the text and the ingestion rules; unchanged fingerprint = nothing to rebuild."""

    sections = relationship(
        "Section", back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    passages = relationship(
        "Passage", back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    salary_facts = relationship(
        "SalaryFact", back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class Section(Base):
    """A heading of a document and the passages under it."""

    __tablename__ = "section"

    id = Column(Integer, primary_key=True)
    document_id = Column(
        Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position = Column(Integer, nullable=False)
    heading = Column(Text)
    """None for the text before the first heading."""

    document = relationship("Document", back_populates="sections")
    passages = relationship("Passage", back_populates="section")


class Passage(Base):
    """A paragraph or list item of cleaned text: the unit the bot quotes."""

    __tablename__ = "passage"

    id = Column(Integer, primary_key=True)
    document_id = Column(
        Integer, ForeignKey("document.id", ondelete="CASCADE"), nullable=False, index=True
    )
    section_id = Column(
        Integer, ForeignKey("section.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position = Column(Integer, nullable=False)
    """Order of the passage in its document."""
    kind = Column(String(20), nullable=False)
    """``paragraph``, ``list_item`` or ``table_row``."""
    text = Column(Text, nullable=False)
    lead = Column(Text, nullable=True)
    """For a list item, the sentence that introduces its list when that is not the heading
    ("They work with:" under "Team collaboration"): an item shown alone keeps it."""

    document = relationship("Document", back_populates="passages")
    section = relationship("Section", back_populates="passages")
    topics = relationship(
        "PassageTopic", back_populates="passage", cascade="all, delete-orphan", passive_deletes=True
    )


class PassageTopic(Base):
    """A topic a passage covers, with how strongly (heading match weighs more than a keyword)."""

    __tablename__ = "passage_topic"

    passage_id = Column(Integer, ForeignKey("passage.id", ondelete="CASCADE"), primary_key=True)
    topic = Column(String(50), primary_key=True, index=True)
    weight = Column(Float, nullable=False)

    passage = relationship("Passage", back_populates="topics")


class DocumentTopic(Base):
    """How strongly one document covers a topic: its strongest tag and how many it has.

    Written by ingestion beside the passages' tags, so that choosing the few sources an answer
    quotes reads one index range, not every tagged passage of a store of thousands of pages.
    """

    __tablename__ = "document_topic"
    # In the order the sources are ranked (strongest first, ties by slug), so the first few are
    # read straight from the index (migration 0007).
    __table_args__ = (
        Index(
            "ix_document_topic_rank",
            "topic",
            text("best_weight DESC"),
            text("tagged DESC"),
            "slug",
        ),
    )

    document_id = Column(Integer, ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    topic = Column(String(50), primary_key=True)
    best_weight = Column(Float, nullable=False)
    tagged = Column(Integer, nullable=False)
    """How many of the document's passages carry the topic."""
    slug = Column(String(200), nullable=False)
    """The document's slug, the last tie-breaker: kept here so the ranking reads one index."""


salary_fact = Table(
    "salary_fact",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id",
        Integer,
        ForeignKey("document.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    # Indexed for the cascade: deleting a document deletes its passages, and each deleted
    # passage looks up its facts (a scan of every fact without the index).
    Column("passage_id", Integer, ForeignKey("passage.id", ondelete="CASCADE"), index=True),
    *salary_columns(),
    # The order an answer lists figures in (by source, junior first, then as read), kept on the
    # fact and indexed so that an answer reads its first figures instead of sorting them all.
    Column("document_slug", String(200), nullable=False, server_default=""),
    Column("level_rank", Integer, nullable=False, server_default="99"),
    Index("ix_salary_fact_by_country", "role", "country", "document_slug", "level_rank", "id"),
    Index("ix_salary_fact_in_order", "role", "document_slug", "level_rank", "id"),
)


def level_rank(level: str | None) -> int:
    """Where figures of ``level`` come in an answer: junior first, then mid, senior, lead.

    A figure for every level (None) ranks with junior, then by the order it was read, as the
    SQL expression this replaced ordered them (the position of the level in "junior mid
    senior lead", which finds the empty string first).
    """
    return "junior mid senior lead".find(level or "") + 1 or 99


class SalaryFact(Base):
    """A pay figure stated by a document: the fields of ``knowledge.records.Salary``."""

    __table__ = salary_fact

    document = relationship("Document", back_populates="salary_facts")
    passage = relationship("Passage")


class SalarySummary(Base):
    """The facts of one role, level and country: the first source and fact, and how many.

    Written by ingestion after every change, so that the salary overview names its countries
    and counts its figures from a few rows instead of grouping every fact of the store.
    """

    __tablename__ = "salary_summary"

    id = Column(Integer, primary_key=True)
    role = Column(String(40), nullable=False, index=True)
    level = Column(String(10))
    """A level, or None for the facts that cover every level."""
    country = Column(String(2))
    """An ISO code, or None for the facts whose source names no country."""
    first_slug = Column(String(200), nullable=False)
    """The first source (by slug) of these facts."""
    first_fact = Column(Integer, nullable=False)
    """The lowest ``salary_fact.id`` of these facts."""
    facts = Column(Integer, nullable=False)


class WordFrequency(Base):
    """How many passages hold a word: PostgreSQL search weighs each word by its rarity.

    Written by ingestion on PostgreSQL (from ``ts_stat`` over the stored ``passage.tsv``), so a
    query reads one row per word instead of counting matches over every passage. The row of the
    empty word, held by every passage, is the number of passages. Empty on SQLite, whose FTS5
    index keeps its own counts.
    """

    __tablename__ = "word_frequency"

    word = Column(String(200), primary_key=True)
    """A lexeme as PostgreSQL's English text search stems it ("engin" for "engineers")."""
    passages = Column(Integer, nullable=False)
