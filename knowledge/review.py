"""Review what ingestion makes of new or changed pages before the bot serves them.

For each document: every salary fact with its quote and how it was typed, the amounts that look
like pay but could not be typed (and why), the lines dropped as noise, and the topics found.
``python -m knowledge review [NAME…] [--strict]``; ``make ingest`` prints the short summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from gazetteer.countries import country_name
from knowledge.cleaning import line_text
from knowledge.ingest import (
    DOCUMENT_SUFFIX,
    ParsedDocument,
    ReadBlock,
    fingerprint,
    load_manifest,
    parse_document,
    read_blocks,
    stored_fingerprints,
)
from knowledge.records import Salary
from knowledge.salary import Untyped


@dataclass
class DocumentReview:
    """What ingestion reads from one document."""

    name: str
    status: str
    """``new``, ``changed`` or ``unchanged`` against the store."""
    label: str
    facts: list[Salary] = field(default_factory=list)
    untyped: list[Untyped] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    topics: Counter[str] = field(default_factory=Counter)
    error: str | None = None


def review(
    documents_dir: Path, engine: Engine | None = None, names: list[str] | None = None
) -> list[DocumentReview]:
    """Review the named documents, or else every new or changed one (every one with no store)."""
    stored = _stored_fingerprints(engine) if engine is not None else {}
    manifest = load_manifest(documents_dir)
    paths = sorted(p for p in documents_dir.iterdir() if p.suffix == DOCUMENT_SUFFIX)
    if names:
        wanted = {Path(n).stem for n in names}
        unknown = wanted - {p.stem for p in paths}
        if unknown:
            raise FileNotFoundError(
                f"no such document in {documents_dir}: {', '.join(sorted(unknown))}"
            )
        paths = [p for p in paths if p.stem in wanted]
    reviews = []
    for path in paths:
        raw = path.read_bytes()
        status = (
            "new"
            if path.stem not in stored
            else ("unchanged" if stored[path.stem] == fingerprint(raw) else "changed")
        )
        if status == "unchanged" and not names:
            continue
        reviews.append(_review_one(path, raw, manifest.get(path.name) or {}, status))
    return reviews


def _stored_fingerprints(engine: Engine) -> dict[str, str]:
    if "document" not in inspect(engine).get_table_names():
        return {}
    with Session(engine, future=True) as session:
        return stored_fingerprints(session)


def _review_one(path: Path, raw: bytes, metadata: dict, status: str) -> DocumentReview:
    try:
        parsed = parse_document(path, raw, metadata)
    except ValueError as error:
        failed = DocumentReview(path.name, status, metadata.get("label") or path.stem)
        failed.error = str(error)
        return failed
    return summarise(path, raw, parsed, list(read_blocks(parsed)), status)


def summarise(
    path: Path, raw: bytes, parsed: ParsedDocument, reads: list[ReadBlock], status: str
) -> DocumentReview:
    """The review of one document from what ingestion read of it (by a build or on its own)."""
    result = DocumentReview(path.name, status, parsed.metadata.get("label") or parsed.slug)
    kept: list[str] = []
    for read in reads:
        result.facts.extend(read.facts)
        result.untyped.extend(read.untyped)
        result.topics.update(read.topics.keys())
        kept.append(read.block.text)
    headings = {heading for heading, _ in parsed.sections if heading}
    kept_text = "\n".join([*kept, *headings])
    for line in raw.decode("utf-8").splitlines():
        text = line_text(line)
        if text and text not in kept_text and not text.startswith("|"):  # tables become rows
            result.dropped.append(text)
    return result


def describe(fact: Salary) -> str:
    """How a fact was typed, in one line ("CA · Toronto · ML engineer · senior (5–8 years) …")."""
    parts = [
        country_name(fact.country) if fact.country else "no country",
        *([fact.city] if fact.city else []),
        fact.role_label or fact.role.replace("_", " "),
        (fact.level or "all levels") + (_years(fact) if fact.years_min is not None else ""),
        f"{fact.statistic} {_amounts(fact)} {fact.currency} per {fact.period}",
    ]
    notes = []
    if fact.midpoint is not None:
        notes.append(f"midpoint {fact.midpoint:,}")
    if fact.gross is not None:
        notes.append("gross" if fact.gross else "net")
    if fact.currency_ambiguous:
        notes.append("AMBIGUOUS: a bare $ on a page that never says which dollar")
    return " · ".join(parts) + (f" ({', '.join(notes)})" if notes else "")


def _years(fact: Salary) -> str:
    if fact.years_max is None:
        return f" ({fact.years_min}+ years)"
    return f" ({fact.years_min}–{fact.years_max} years)"


def _amounts(fact: Salary) -> str:
    if fact.value is not None:
        return f"{fact.value:,}"
    low = f"{fact.low:,}" if fact.low is not None else "up to"
    high = f"{fact.high:,}" if fact.high is not None else ""
    joint = "–" if fact.low is not None and fact.high is not None else " "
    return f"{low}{joint}{high}".strip() + ("+" if fact.open_ended else "")


def render(reviews: list[DocumentReview], *, full: bool = True) -> str:
    """The review as text: everything per document, or (``full=False``) a line each."""
    if not reviews:
        return "Nothing to review: every document is in the store unchanged."
    lines: list[str] = []
    for item in reviews:
        head = f"{item.name} ({item.status}, cited as {item.label!r})"
        if item.error:
            lines.append(f"✗ {head}: cannot be read: {item.error}")
            continue
        summary = (
            f"{len(item.facts)} salary facts, {len(item.untyped)} amounts not typed, "
            f"{len(item.dropped)} lines dropped as noise, topics: "
            + (", ".join(f"{t} ({n})" for t, n in item.topics.most_common(6)) or "none")
        )
        if not full:
            mark = "!" if item.untyped else "✓"
            lines.append(f"{mark} {head}: {summary}")
            continue
        lines += ["", f"== {head}", summary]
        if item.facts:
            lines.append("Salary facts:")
            for fact in item.facts:
                lines += [f"  ✓ {describe(fact)}", f"      from: {_short(fact.quote)}"]
        if item.untyped:
            lines.append("Amounts that look like pay but were not typed:")
            for skipped in item.untyped:
                lines.append(f"  ✗ {skipped.text!r}: {skipped.reason}")
                lines.append(f"      in: {_short(skipped.quote)}")
        if item.dropped:
            lines.append("Dropped as noise:")
            lines += [f"  - {_short(text)}" for text in item.dropped]
    return "\n".join(lines).strip()


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
