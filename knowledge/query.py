"""Read API of the knowledge store for the assistant's actions.

Every function takes a ``Session`` (the caller owns it) and returns frozen dataclasses, so
nothing the caller holds is tied to the session.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, bindparam, func, select, text
from sqlalchemy.orm import Session

from knowledge.models import (
    Document,
    DocumentTopic,
    Passage,
    PassageTopic,
    SalaryFact,
    SalarySummary,
    Section,
)
from knowledge.prepared import Prepared
from knowledge.records import (
    LEVELS,
    ML_ENGINEER,
    STORED_FIELDS,
    Salary,
    Source,
)
from knowledge.text import content_words

HEADING_OR_TWO_KEYWORDS = 2.0
"""Tag weight from which a section really covers a topic (see knowledge/topics.py)."""


@dataclass(frozen=True)
class PassageHit:
    """A passage with its source, the heading it sits under and a relevance score."""

    id: int
    text: str
    kind: str
    heading: str | None
    source: Source
    score: float
    lead: str | None = None
    """For a list item, the sentence that introduces its list, when not the heading."""


# A source's columns, selected beside a passage's or a fact's: plain rows, not mapped objects,
# on the hot paths (building ORM instances cost as much as the SQL at five pages).
_SOURCE_COLUMNS = (
    Document.slug,
    Document.label,
    Document.publisher,
    Document.title,
    Document.author,
    Document.published,
)
_PASSAGE_COLUMNS = (Passage.id, Passage.text, Passage.kind, Passage.lead, Passage.section_id)


def _source(document: Any) -> Source:
    """The ``Source`` of a document, or of a row that holds ``_SOURCE_COLUMNS``."""
    return Source(
        slug=document.slug,
        label=document.label,
        publisher=document.publisher,
        title=document.title,
        author=document.author,
        published=document.published,
    )


def _known_source(known: dict[str, Source], row: Any) -> Source:
    """The row's ``Source``, made once per document of a result."""
    if row.slug not in known:
        known[row.slug] = _source(row)
    return known[row.slug]


def sources(session: Session) -> list[Source]:
    """Every source document in the store, in file order."""
    return [_source(d) for d in session.scalars(select(Document).order_by(Document.slug))]


def source_labels(session: Session) -> list[str]:
    """The label of every source document ("Bessand", "UK careers guide"), in file order."""
    return list(session.scalars(select(Document.label).order_by(Document.slug)))


# The read API's fixed statements, built once with bound parameters: SQLAlchemy finds their
# compiled form without walking them again on every query, and PostgreSQL plans each once per
# connection (``knowledge.prepared``).
_TOPIC_SOURCES = Prepared(
    select(DocumentTopic.document_id)
    .where(DocumentTopic.topic == bindparam("topic"))
    .order_by(DocumentTopic.best_weight.desc(), DocumentTopic.tagged.desc(), DocumentTopic.slug)
    .limit(bindparam("max_sources", type_=Integer))
)
_TOPIC_PASSAGES = Prepared(
    select(*_PASSAGE_COLUMNS, Section.heading, PassageTopic.weight, *_SOURCE_COLUMNS)
    .join(PassageTopic, PassageTopic.passage_id == Passage.id)
    .join(Section, Section.id == Passage.section_id)
    .join(Document, Document.id == Passage.document_id)
    .where(
        PassageTopic.topic == bindparam("topic"),
        Passage.document_id.in_(bindparam("document_ids", expanding=True)),
    )
    .order_by(Document.slug, Passage.position)
)
_PASSAGES_FOUND = (
    select(*_PASSAGE_COLUMNS, Section.heading, *_SOURCE_COLUMNS)
    .join(Section, Section.id == Passage.section_id)
    .join(Document, Document.id == Passage.document_id)
    .where(Passage.id.in_(bindparam("ids", expanding=True)))
)


def passages_by_topic(
    session: Session,
    topic: str,
    *,
    per_source: int = 5,
    max_sources: int = 3,
    limit: int = 12,
) -> list[PassageHit]:
    """The passages that best cover ``topic``, grouped by source, in reading order.

    From each source come the sections that really cover the topic (a heading match or two
    keywords), or else its single best section, so a list comes back whole rather than as
    scattered items. Sources are ordered by their strongest tag.

    Args:
        session: an open session on the store.
        topic: a topic name (see ``knowledge/rules/topics.yml``).
        per_source: at most this many passages from one source.
        max_sources: at most this many sources.
        limit: at most this many passages in all.
    """
    # Choose the sources from the per-document summary of their tags (one index range): a big
    # store has tens of thousands of passages on a topic and only a few sources are shown.
    document_ids = list(
        _TOPIC_SOURCES.execute(session, {"topic": topic, "max_sources": max_sources}).scalars()
    )
    if not document_ids:
        return []
    rows = _TOPIC_PASSAGES.execute(session, {"topic": topic, "document_ids": document_ids}).all()
    sections: dict[tuple[str, int], list[PassageHit]] = {}
    known: dict[str, Source] = {}
    for row in rows:
        source = _known_source(known, row)
        sections.setdefault((row.slug, row.section_id), []).append(
            PassageHit(row.id, row.text, row.kind, row.heading, source, row.weight, row.lead)
        )

    def strength(hits: list[PassageHit]) -> tuple[float, int]:
        return (max(h.score for h in hits), len(hits))

    by_source: dict[str, list[list[PassageHit]]] = {}
    for (slug, _), hits in sections.items():
        by_source.setdefault(slug, []).append(hits)
    ranked = sorted(
        by_source.items(),
        key=lambda item: (
            -max(strength(h) for h in item[1])[0],
            -sum(len(h) for h in item[1]),
            item[0],
        ),
    )
    result: list[PassageHit] = []
    for _, source_sections in ranked[:max_sources]:
        strong = [h for h in source_sections if strength(h)[0] >= HEADING_OR_TWO_KEYWORDS]
        if strong:
            picked = [hit for hits in strong for hit in hits]
        else:
            # Only passing mentions: the section that mentions the topic most.
            picked = max(
                source_sections, key=lambda hits: (sum(h.score for h in hits), -hits[0].id)
            )
        result.extend(sorted(picked, key=lambda h: h.id)[:per_source])
    return result[:limit]


def topic_counts(session: Session) -> dict[str, int]:
    """How many passages each topic has."""
    rows = session.execute(
        select(PassageTopic.topic, func.count())
        .group_by(PassageTopic.topic)
        .order_by(PassageTopic.topic)
    )
    return {topic: count for topic, count in rows}


_Filters = tuple[tuple[str, ...], dict[str, Any]]
"""Which filters a salary question applies (a statement's shape) and their values."""


def _salary_filters(
    *,
    country: str | None = None,
    level: str | None = None,
    unstated_country: bool = False,
    role: str | None = ML_ENGINEER,
    city: str | None = None,
    source: str | None = None,
) -> _Filters | None:
    """The filters of a salary question; None when no fact can match (a malformed value)."""
    # Only well-formed values reach the database: anything else cannot match a fact.
    if country is not None and not (len(country) == 2 and country.isascii() and country.isalpha()):
        return None
    if level is not None and level not in LEVELS:
        return None
    values: dict[str, Any] = {
        "unstated_country": True if unstated_country else None,
        "country": None if unstated_country or country is None else country.upper(),
        "level": level,
        "role": role,
        "city": None if city is None else city.lower(),
        "source": source,
    }
    given = {name: value for name, value in values.items() if value is not None}
    # "unstated_country" is a clause with no value of its own.
    return tuple(given), {name: v for name, v in given.items() if name != "unstated_country"}


def _salary_clauses(shape: tuple[str, ...]) -> list[Any]:
    """The WHERE clauses of a salary question's filters, each value a bound parameter."""
    fact = SalaryFact
    clauses = {
        "unstated_country": lambda: fact.country.is_(None),
        "country": lambda: fact.country == bindparam("country"),
        "level": lambda: (fact.level == bindparam("level")) | fact.level.is_(None),
        "role": lambda: fact.role == bindparam("role"),
        "city": lambda: func.lower(fact.city) == bindparam("city"),
        "source": lambda: Document.label == bindparam("source"),
        # The overview's countries, with or without the facts that name none.
        "countries": lambda: fact.country.in_(bindparam("countries", expanding=True)),
        "countries_or_none": lambda: (
            fact.country.in_(bindparam("countries_or_none", expanding=True))
            | fact.country.is_(None)
        ),
    }
    return [clauses[name]() for name in shape]


FIGURES_READ = 40
"""The most facts an answer reads for one question: it shows about ten, the first of each source
and level; a store of 10,000 pages has hundreds per country."""


def salaries(
    session: Session,
    *,
    country: str | None = None,
    level: str | None = None,
    unstated_country: bool = False,
    role: str | None = ML_ENGINEER,
    city: str | None = None,
    source: str | None = None,
    limit: int | None = None,
) -> list[Salary]:
    """Salary facts, filtered, in document order and junior first.

    Args:
        session: an open session on the store.
        country: ISO code; only facts the sources tie to that country. An unknown code gives [].
        level: ``junior``, ``mid``, ``senior`` or ``lead``; facts for that level plus facts that
            cover every level (the text gives one range for all).
        unstated_country: only facts whose source names no country (ignores ``country``).
        role: whose pay (``ml_engineer`` by default; a compared role; None for every role).
        city: only facts the sources tie to that city (its English name).
        source: only facts of the source with this label.
        limit: at most this many.
    """
    filters = _salary_filters(
        country=country,
        level=level,
        unstated_country=unstated_country,
        role=role,
        city=city,
        source=source,
    )
    if filters is None:
        return []
    return _salary_rows(session, filters, limit)


_SALARY_COLUMNS = tuple(getattr(SalaryFact, field.name) for field in STORED_FIELDS)
_SALARY_NAMES = tuple(field.name for field in STORED_FIELDS)


@functools.lru_cache(maxsize=64)
def _salary_statement(shape: tuple[str, ...], limited: bool) -> Prepared:
    """The statement of one shape of salary question, built once.

    Executed again, SQLAlchemy finds its compiled form without walking it again to make the
    cache key (about a third of a query's time at five pages).
    """
    statement = (
        select(*_SALARY_COLUMNS, *_SOURCE_COLUMNS)
        .join(Document, Document.id == SalaryFact.document_id)
        .where(*_salary_clauses(shape))
        .order_by(SalaryFact.document_slug, SalaryFact.level_rank, SalaryFact.id)
    )
    return Prepared(statement.limit(bindparam("limit", type_=Integer)) if limited else statement)


def _salary_rows(session: Session, filters: _Filters, limit: int | None) -> list[Salary]:
    """The facts matching ``filters``, in document order and junior first."""
    shape, values = filters
    parameters = values if limit is None else {**values, "limit": limit}
    rows = _salary_statement(shape, limit is not None).execute(session, parameters)
    known: dict[str, Source] = {}
    # The stored fields come first in each row: zipped with their names (salary_from_row reads
    # them one attribute at a time, a third of the time of a 40-figure answer).
    return [
        Salary(**dict(zip(_SALARY_NAMES, row, strict=False)), source=_known_source(known, row))
        for row in rows
    ]


def _overview_statement(by_level: bool) -> Prepared:
    """Each country's facts for the overview, first source first, from ``SalarySummary``."""
    summary = SalarySummary
    levels = [(summary.level == bindparam("level")) | summary.level.is_(None)] if by_level else []
    return Prepared(
        select(summary.country, func.sum(summary.facts))
        .where(summary.role == ML_ENGINEER, *levels)
        .group_by(summary.country)
        .order_by(func.min(summary.first_slug), func.min(summary.first_fact))
    )


_OVERVIEW = _overview_statement(by_level=False)
_OVERVIEW_LEVEL = _overview_statement(by_level=True)


@dataclass(frozen=True)
class SalaryOverview:
    """What one overview answer shows: the first countries' figures, and what it leaves out."""

    shown: list[Salary]
    other_countries: list[str]
    """Countries with figures beyond those shown, in the sources' order."""
    total: int
    """How many facts match in all."""


def salary_overview(
    session: Session,
    *,
    level: str | None = None,
    source: str | None = None,
    max_countries: int = 6,
    max_figures: int = 12,
) -> SalaryOverview:
    """The figures of the first ``max_countries`` countries the sources give, in SQL.

    Reads at most ``max_figures`` facts whatever the store's size (a store of 10,000 pages has
    17,000 facts; the overview used to read them all to show twelve).
    """
    filters = _salary_filters(level=level, source=source)
    if filters is None:
        return SalaryOverview([], [], 0)
    shape, values = filters
    if source is None:
        # Every source: the countries and counts come from the per-country summary.
        overview = _OVERVIEW_LEVEL if level is not None else _OVERVIEW
        summary = overview.execute(session, {"level": level} if level is not None else {}).all()
        countries = [code for code, _ in summary]
        total = sum(int(count) for _, count in summary)
    else:
        clauses = _salary_clauses(shape)
        matching = select(SalaryFact.id).join(Document).where(*clauses).subquery()
        total = session.scalar(select(func.count()).select_from(matching), values) or 0
        countries = [
            code
            for code, _, _ in session.execute(
                select(SalaryFact.country, func.min(Document.slug), func.min(SalaryFact.id))
                .join(Document)
                .where(*clauses)
                .group_by(SalaryFact.country)
                .order_by(func.min(Document.slug), func.min(SalaryFact.id)),
                values,
            )
        ]
    kept = countries[:max_countries]
    named = [code for code in kept if code is not None]
    kept_filter = "countries_or_none" if None in kept else "countries"
    shown = _salary_rows(
        session, ((*shape, kept_filter), {**values, kept_filter: named}), max_figures
    )
    shown_countries = {s.country for s in shown}
    others = [c for c in countries if c is not None and c not in shown_countries]
    return SalaryOverview(shown, others, total)


def salary_countries(session: Session) -> list[str]:
    """ISO codes of the countries some source gives a salary for."""
    return list(
        session.scalars(
            select(SalaryFact.country)
            .where(SalaryFact.country.is_not(None))
            .distinct()
            .order_by(SalaryFact.country)
        )
    )


def salary_source_labels(session: Session) -> list[str]:
    """The label of every source that gives a salary figure, in file order."""
    with_figures = select(SalaryFact.document_id).distinct().scalar_subquery()
    return list(
        session.scalars(
            select(Document.label).where(Document.id.in_(with_figures)).order_by(Document.slug)
        )
    )


def salary_levels(session: Session) -> list[str]:
    """Levels some source gives a salary for, junior first."""
    known = set(
        session.scalars(select(SalaryFact.level).where(SalaryFact.level.is_not(None)).distinct())
    )
    return [level for level in LEVELS if level in known]


SEARCH_CANDIDATES = 2_000
"""The most passages one search ranks. Ranking reads each candidate (about 2 µs a passage on
PostgreSQL, less in FTS5): a question made of words that tens of thousands of passages share
would otherwise rank them all. A store of fewer passages always ranks every candidate."""


def search(session: Session, query: str, *, limit: int = 5) -> list[PassageHit]:
    """Full-text search over passages, most relevant first.

    The passages with every word are ranked first; when fewer than ``limit`` have them all,
    those with any word are. SQLite uses FTS5 with BM25; PostgreSQL its English text search
    (the GIN index over the stored ``passage.tsv``), ranked with ``ts_rank`` weighted by each
    word's rarity. The query is reduced to its content words (spaCy stop words removed), each
    quoted, so any text, however hostile, is a valid query. Scores are positive; higher is
    better.

    In a store of more than ``SEARCH_CANDIDATES`` passages the work is bounded: "any word"
    means the question's rarer words (from the rarest, as many as stay within that many
    passages, and at least enough to find ``limit``), and no more than that many candidates
    are ranked (the first in the store's order).
    """
    words = content_words(query)
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        scores = {row[0]: float(row[1]) for row in _sqlite_search(session, words, limit)}
        if not scores:
            return []
        found = session.execute(_PASSAGES_FOUND, {"ids": list(scores)}).all()
    else:
        found = _postgres_search(session, words, limit)
        scores = {row.id: float(row.score) for row in found}
    hits = [
        PassageHit(row.id, row.text, row.kind, row.heading, _source(row), scores[row.id], row.lead)
        for row in found
    ]
    return sorted(hits, key=lambda h: (-h.score, h.id))


def _rarer_words(words: list[str], frequencies: list[int] | None, limit: int) -> list[str]:
    """The words whose passages a search for any of them ranks, in the question's order.

    Every word, unless their passages (``frequencies``, None when the store is small) are more
    than ``SEARCH_CANDIDATES``: then the rarest first, adding the next while the total stays
    within it or is still below ``limit``.
    """
    if frequencies is None or sum(frequencies) <= SEARCH_CANDIDATES:
        return words
    kept: set[int] = set()
    total = 0
    for index in sorted(range(len(words)), key=lambda i: frequencies[i]):
        if total >= limit and total + frequencies[index] > SEARCH_CANDIDATES:
            break
        kept.add(index)
        total += frequencies[index]
    return [word for index, word in enumerate(words) if index in kept]


def _sqlite_search(session: Session, words: list[str], limit: int) -> list[Any]:
    """(passage id, score) of the best ``limit`` passages, from FTS5."""
    quoted = ['"' + w.replace('"', "") + '"' for w in words]
    rows = []
    if len(quoted) > 1:
        # Passages with every word first: BM25 scores them as the OR query would, and on a
        # big store they are few, where the OR query ranks every passage with any word.
        rows = _fts5_search(session, " AND ".join(quoted), limit)
    if len(rows) < limit:
        kept = _rarer_words(quoted, _fts5_frequencies(session, quoted), limit)
        rows = _fts5_search(session, " OR ".join(kept), limit)
    return rows


_FTS5_LAST_ROWID = text("SELECT max(rowid) FROM passage_fts")
_FTS5_FREQUENCY = text(
    "SELECT count(*) FROM (SELECT 1 FROM passage_fts WHERE passage_fts MATCH :match LIMIT :most)"
)


def _fts5_frequencies(session: Session, quoted: list[str]) -> list[int] | None:
    """How many passages hold each word (counted up to just past ``SEARCH_CANDIDATES``).

    None when the store holds too few passages for the count to matter (its highest rowid is
    at most ``SEARCH_CANDIDATES``).
    """
    if (session.scalar(_FTS5_LAST_ROWID) or 0) <= SEARCH_CANDIDATES:
        return None
    return [
        session.scalar(_FTS5_FREQUENCY, {"match": word, "most": SEARCH_CANDIDATES + 1}) or 0
        for word in quoted
    ]


# The candidates are the first SEARCH_CANDIDATES matches, in rowid order: FTS5 reads the
# bounding rowid in its index and the ranking stops there.
_FTS5_SEARCH = text(
    "SELECT rowid, -bm25(passage_fts, 1.0, 0.5) AS score FROM passage_fts "
    "WHERE passage_fts MATCH :match AND rowid < coalesce(("
    "  SELECT rowid FROM passage_fts WHERE passage_fts MATCH :match"
    "  ORDER BY rowid LIMIT 1 OFFSET :candidates"
    "), 9223372036854775807) "
    "ORDER BY score DESC LIMIT :limit"
)


def _fts5_search(session: Session, match: str, limit: int) -> list[Any]:
    """The best ``limit`` passages for an FTS5 match expression, text weighing twice the heading."""
    return list(
        session.execute(
            _FTS5_SEARCH, {"match": match, "limit": limit, "candidates": SEARCH_CANDIDATES}
        ).all()
    )


def _postgres_search(session: Session, words: list[str], limit: int) -> list[Any]:
    """The best ``limit`` passages with their sections and sources, from PostgreSQL.

    One statement, one round trip: the steps the SQLite search takes in Python are taken by the
    database here.
    """
    lexemes = [_pg_lexeme(w) for w in words]
    parameters = {
        "lexemes": lexemes,
        "every": " & ".join(lexemes) if len(lexemes) > 1 else None,
        "limit": limit,
        "candidates": SEARCH_CANDIDATES,
    }
    return list(_PG_SEARCH.execute(session, parameters).all())


# PostgreSQL's ts_rank has no notion of a word's rarity: each word weighs by its BM25 inverse
# document frequency, so that "hadoop" counts for more than "engineer". The passages holding a
# word are counted by ingestion (``word_frequency``; the empty word's row counts every passage),
# so a query reads one row per word. A word that is a stop word to PostgreSQL holds no lexeme
# and matches nothing; one that stems to several (rare: only letters and digits reach here) is
# counted from the index. The same stem written twice ("engineer engineers") counts twice, as
# when every query counted the matches of each word over the passages.
#
# The passages with every word (:every, NULL for a single word) are ranked first; the passages
# with any of the rarer words (``_rarer_words``, by the same rule: from the rarest, while the
# total stays within :candidates or is below :limit) only when fewer than :limit have them all,
# which PostgreSQL decides before reading them (a one-time filter). Each ranks at most
# :candidates passages.
_PG_SEARCH_SQL = text(
    "WITH word AS ("
    "  SELECT lexeme, position, to_tsquery('english', lexeme) AS tq,"
    "   tsvector_to_array(to_tsvector('english', lexeme)) AS stems"
    "  FROM unnest(CAST(:lexemes AS text[])) WITH ORDINALITY AS given(lexeme, position)"
    "), counted AS ("
    "  SELECT tq, stems, count(*) AS copies, CASE cardinality(stems)"
    "   WHEN 0 THEN 0"
    "   WHEN 1 THEN (SELECT f.passages FROM word_frequency f WHERE f.word = stems[1])"
    "   ELSE (SELECT count(*) FROM passage p WHERE p.tsv @@ tq) END AS passages"
    "  FROM word GROUP BY tq, stems"
    "), total AS MATERIALIZED ("
    "  SELECT passages FROM word_frequency WHERE word = ''"
    "), weighted AS MATERIALIZED ("
    "  SELECT counted.tq,"
    "   ln((total.passages - counted.passages * copies + 0.5)"
    "    / (counted.passages * copies + 0.5) + 1) AS idf"
    "  FROM counted, total WHERE counted.passages > 0"
    "), rarity AS ("
    "  SELECT word.lexeme, word.position, counted.passages,"
    "   coalesce(sum(counted.passages) OVER ("
    "    ORDER BY counted.passages, word.position"
    "    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before"
    "  FROM word JOIN counted ON counted.tq = word.tq AND counted.stems = word.stems"
    "), rarer AS ("
    "  SELECT lexeme, position, bool_or("
    "    before >= :limit AND before + passages > :candidates"
    "    AND (SELECT passages FROM total) > :candidates"
    "   ) OVER (ORDER BY passages, position ROWS UNBOUNDED PRECEDING) AS stopped"
    "  FROM rarity"
    "), every_word AS ("
    "  SELECT p.id, (SELECT sum(w.idf * ts_rank(p.tsv, w.tq, 1)) FROM weighted w"
    "   WHERE p.tsv @@ w.tq) * 10 AS score"
    "  FROM (SELECT id, tsv FROM passage WHERE tsv @@ to_tsquery('english', :every)"
    "   LIMIT :candidates) AS p"
    "  ORDER BY score DESC, p.id LIMIT :limit"
    "), any_word AS ("
    "  SELECT p.id, (SELECT sum(w.idf * ts_rank(p.tsv, w.tq, 1)) FROM weighted w"
    "   WHERE p.tsv @@ w.tq) * 10 AS score"
    "  FROM (SELECT id, tsv FROM passage WHERE tsv @@ to_tsquery('english', ("
    "    SELECT string_agg(lexeme, ' | ' ORDER BY position) FROM rarer WHERE NOT stopped"
    "   )) LIMIT :candidates) AS p"
    "  ORDER BY score DESC, p.id LIMIT :limit"
    "), hit AS ("
    "  SELECT id, score FROM every_word WHERE (SELECT count(*) FROM every_word) >= :limit"
    "  UNION ALL"
    "  SELECT id, score FROM any_word WHERE (SELECT count(*) FROM every_word) < :limit"
    ") "
    "SELECT hit.score, passage.id, passage.text, passage.kind, passage.lead, section.heading,"
    " document.slug, document.label, document.publisher, document.title, document.author,"
    " document.published "
    "FROM hit JOIN passage ON passage.id = hit.id"
    " JOIN section ON section.id = passage.section_id"
    " JOIN document ON document.id = passage.document_id"
)
_PG_SEARCH = Prepared(
    _PG_SEARCH_SQL,
    types={"lexemes": "text[]", "every": "text", "limit": "integer", "candidates": "integer"},
)


def search_naming(
    session: Session, phrase: str, *, also: str = "", limit: int = 5
) -> list[PassageHit]:
    """Passages that contain ``phrase`` itself, from a search for it (and ``also``)."""
    hits = search(session, f"{phrase} {also}", limit=limit)
    return [hit for hit in hits if phrase.lower() in hit.text.lower()]


def mentioned(session: Session, words: list[str]) -> set[str]:
    """The ``words`` some passage contains, matched as full-text search matches them (stemmed).

    "determines" is mentioned when a page says "determine"; "relocation" is not when no page
    speaks of it. A hyphenated word is looked up as the phrase it spells ("part-time").
    """
    found: set[str] = set()
    dialect = session.get_bind().dialect.name
    for word in dict.fromkeys(words):
        parts = re.findall(r"[^\W_]+", word.lower())
        if not parts:
            continue
        if dialect == "sqlite":
            phrase = '"' + " ".join(p.replace('"', "") for p in parts) + '"'
            row = session.execute(
                text("SELECT 1 FROM passage_fts WHERE passage_fts MATCH :match LIMIT 1"),
                {"match": phrase},
            ).first()
        else:
            lexemes = " <-> ".join(_pg_lexeme(p) for p in parts)
            row = session.execute(
                text("SELECT 1 FROM passage WHERE tsv @@ to_tsquery('english', :q) LIMIT 1"),
                {"q": lexemes},
            ).first()
        if row is not None:
            found.add(word)
    return found


def _pg_lexeme(word: str) -> str:
    """A word safe to place in a tsquery (only letters and digits survive)."""
    return "".join(ch for ch in word if ch.isalnum()) or "x"


def warm_up(session: Session) -> None:
    """Run the read API's usual statements once, as a process about to answer questions.

    A statement's first run in a process builds its compiled form (1–3 ms a shape of salary
    question), and on PostgreSQL its first run on a connection prepares it: paid here, at
    start-up, rather than by the first questions asked.
    """
    search(session, "machine learning engineer skills")
    passages_by_topic(session, "skills")
    for level in (None, "junior"):
        salaries(session, country="FR", level=level, limit=FIGURES_READ)
        salary_overview(session, level=level)


class StoreUnavailable(Exception):
    """The store is missing, empty or unreadable; the message says how to rebuild it."""


REBUILD_HINT = "rebuild it with `make ingest` (or `python -m knowledge build`)"


def check_store(session: Session) -> dict[str, int]:
    """Verify the store can answer: tables readable and documents present.

    Returns:
        The store's row counts.

    Raises:
        StoreUnavailable: if the store is missing, corrupt or empty.
    """
    from sqlalchemy.exc import DatabaseError, OperationalError, ProgrammingError

    url = session.get_bind().url.render_as_string(hide_password=True)
    try:
        counts = stats(session)
        if session.get_bind().dialect.name == "sqlite":
            session.execute(text("SELECT count(*) FROM passage_fts")).scalar()
    except (OperationalError, ProgrammingError, DatabaseError) as error:
        session.rollback()
        raise StoreUnavailable(
            f"the knowledge store at {url} is missing or unreadable ({error.orig}); {REBUILD_HINT}"
        ) from error
    if not counts["documents"] or not counts["passages"]:
        raise StoreUnavailable(f"the knowledge store at {url} is empty; {REBUILD_HINT}")
    return counts


def stats(session: Session) -> dict[str, int]:
    """Row counts of the store's tables."""
    return {
        "documents": session.scalar(select(func.count()).select_from(Document)) or 0,
        "sections": session.scalar(select(func.count()).select_from(Section)) or 0,
        "passages": session.scalar(select(func.count()).select_from(Passage)) or 0,
        "topic_tags": session.scalar(select(func.count()).select_from(PassageTopic)) or 0,
        "salary_facts": session.scalar(select(func.count()).select_from(SalaryFact)) or 0,
    }
