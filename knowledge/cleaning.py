"""Turn a captured web page into clean blocks: headings, paragraphs, list items, table rows.

The pages keep their navigation, calls to action, legal lines, long lists of other careers and
sentences repeated as boilerplate; the rules that recognise them live in ``rules/noise.yml``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.text import sentences

NOISE_FILE = Path(__file__).parent / "rules" / "noise.yml"
_BULLET = re.compile(r"^\s*(?:[-•*▪◦·]|\d+[.)])\s+")
_MONEY_ONLY = re.compile(
    r"^[$€£]?\s?\d[\d,.]*\s?[kK]?€?\s*(?:-|–|to)\s*[$€£]?\s?\d[\d,.]*\s?[kK]?€?\+?$"
)
_LEVEL_LABEL = re.compile(
    r"^[A-Z][\w-]*(?:[ -]Level)?\s*\(\d+\s*(?:-|–|\+)\s*\d*\s*years?\)$", re.I
)
# A line that is only an amount of money, as a page lays out a figure under its label.
_AMOUNT_ONLY = re.compile(
    r"^(?:(?:up to|from|between|around|about|approx\.?|average|median|~)\s*)?"
    r"(?:[A-Z]{0,3}[$€£₹]|[A-Z]{3}|Rs\.?)?\s?\d[\d,.' \u00a0\u202f]*\s?(?:[kK]|lakhs?|LPA|crores?)?"
    r"\s?(?:[$€£₹]|[A-Z]{3}|euros?|dollars?)?"
    r"(?:\s*(?:-|–|—|to|and)\s*(?:[A-Z]{0,3}[$€£₹]|[A-Z]{3}|Rs\.?)?\s?\d[\d,.' \u00a0\u202f]*"
    r"\s?(?:[kK]|lakhs?|LPA|crores?)?\s?(?:[$€£₹]|[A-Z]{3}|euros?|dollars?)?)?"
    r"\s*(?:\+|or more)?\s*(?:(?:/|per |a |an )\s?\w+)?\s*$",
)
# A line that is only a period ("per year", "/month", "a day", "annually").
_PERIOD_ONLY = re.compile(
    r"^(?:per|a|an|/)\s?(?:year|annum|month|week|day|hour)\b\.?$"
    r"|^(?:annually|yearly|monthly|weekly|daily|hourly|p\.a\.|gross|net)(?:,? (?:gross|net))?\.?$",
    re.I,
)
_LABELLED_ROW = "table_row*"
"""A table row that carries its own labels: a heading above it stays a heading."""
_TABLE_LINE = re.compile(r"^\|.*\|$")
_TABLE_SEPARATOR = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+$")


@dataclass(frozen=True)
class Block:
    """A unit of cleaned text: ``heading``, ``paragraph``, ``list_item`` or ``table_row``."""

    kind: str
    text: str


@dataclass(frozen=True)
class NoiseRules:
    """Compiled rules from ``rules/noise.yml``."""

    lines: re.Pattern[str]
    """Any of the noise lines' patterns (one alternation: one pass over a line, not one each)."""
    sentences: re.Pattern[str]
    """Any of the noise sentences' patterns."""
    career_list_min_titles: int
    job_title: re.Pattern[str]
    boilerplate_min_words: int
    boilerplate_min_repeats: int


@functools.lru_cache(maxsize=1)
def noise_rules() -> NoiseRules:
    """Load and compile the noise rules once."""
    raw = yaml.safe_load(NOISE_FILE.read_text(encoding="utf-8"))
    return NoiseRules(
        lines=_any_of(raw["noise_lines"]),
        sentences=_any_of(raw["noise_sentences"]),
        career_list_min_titles=raw["career_list_min_titles"],
        job_title=re.compile(r"\b(" + "|".join(raw["job_title_words"]) + r")s?\b", re.I),
        boilerplate_min_words=raw["boilerplate_min_words"],
        boilerplate_min_repeats=raw["boilerplate_min_repeats"],
    )


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does (case-insensitive)."""
    for pattern in patterns:
        re.compile(pattern)  # each must be valid on its own, as the rules file says
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.I)


def _is_heading_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 14 or _BULLET.match(line):
        return False
    if ": " in line:
        return False  # "Source: Glassdoor, as of December 2024" is a sentence fragment
    if line.endswith("?"):
        return True
    return not re.search(r"[.!:;,]$", line)


def _is_job_title_item(line: str, rules: NoiseRules) -> bool:
    """A short title-cased list item naming a job ("Prompt Engineer"): career navigation."""
    words = line.split()
    return (
        len(words) <= 5
        and bool(rules.job_title.search(line))
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
        and not re.search(r"[.:;,()]", line)
    )


@functools.lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    """``text.sentences``, memoised: a line is split up to three times while it is cleaned."""
    return tuple(sentences(text))


def _drop_noise_sentences(text: str, rules: NoiseRules) -> str:
    kept = [s for s in _sentences(text) if not rules.sentences.search(s)]
    return " ".join(kept).strip()


def _normalised(line: str) -> str:
    """One page line, spaces collapsed; a markdown heading's "#" marks are layout, not words."""
    return re.sub(r"^#{1,6}\s+", "", re.sub(r"\s+", " ", line).strip())


def _raw_lines(text: str) -> list[str]:
    return [_normalised(line) for line in text.splitlines()]


def line_text(line: str) -> str:
    """A page line's words, without its bullet or heading marks (as cleaning keeps them)."""
    return _BULLET.sub("", _normalised(line)).strip()


def clean(text: str) -> list[Block]:
    """Clean a page and return its blocks in reading order.

    Raises:
        ValueError: if the text holds no content at all once cleaned.
    """
    rules = noise_rules()
    items: list[tuple[str, str]] = []  # (kind, text) before heading resolution
    lines = [line for line in _raw_lines(text) if line]
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if rules.lines.search(line):
            continue
        if len(rules.job_title.findall(line)) >= rules.career_list_min_titles:
            continue
        # A markdown table: each row becomes one block whose cells name their column.
        if _TABLE_LINE.match(line) and index < len(lines) and _TABLE_SEPARATOR.match(lines[index]):
            rows, index = _table_rows(line, lines, index + 1)
            items.extend((_LABELLED_ROW, row) for row in rows)
            continue
        # A salary table captured as alternating label / amount lines becomes one row.
        if _LEVEL_LABEL.match(line) and index < len(lines) and _MONEY_ONLY.match(lines[index]):
            items.append(("table_row", f"{line}: {lines[index]}"))
            index += 1
            continue
        # A figure laid out as label / amount / period lines ("Senior ML Engineer" / "€85,000" /
        # "per year") becomes one row, so the amount keeps its label and period.
        if _is_figure_label(line) and index < len(lines) and _AMOUNT_ONLY.match(lines[index]):
            row = f"{line.rstrip(':')}: {lines[index]}"
            index += 1
            if index < len(lines) and _PERIOD_ONLY.match(lines[index]):
                row += f" {lines[index]}"
                index += 1
            items.append((_LABELLED_ROW, row))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            body = line[bullet.end() :].strip()
            if _is_job_title_item(body, rules):
                continue
            body = _drop_noise_sentences(body, rules)
            if body:
                items.append(("list_item", body))
            continue
        if _is_heading_like(line):
            items.append(("heading?", line))
            continue
        body = _drop_noise_sentences(line, rules)
        if body:
            items.append(("paragraph", body))

    blocks = _resolve_headings(items)
    blocks = _drop_boilerplate(blocks, rules)
    if not any(block.kind != "heading" for block in blocks):
        raise ValueError("no content left after cleaning (empty or not a text page?)")
    return blocks


def _is_figure_label(line: str) -> bool:
    """A short label line a figure may sit under ("Senior ML Engineer", "Toronto:")."""
    words = line.split()
    return (
        0 < len(words) <= 8
        and not _BULLET.match(line)
        and not re.search(r"[.!?;,]$|\d{3}", line)
        and not _TABLE_LINE.match(line)
    )


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _table_rows(header_line: str, lines: list[str], index: int) -> tuple[list[str], int]:
    """The rows of a markdown table as "Column: value; Column: value" text, and where it ends."""
    headers = _cells(header_line)
    rows: list[str] = []
    while index < len(lines) and _TABLE_LINE.match(lines[index]):
        cells = _cells(lines[index])
        index += 1
        pairs = [
            f"{header}: {cell}" if header else cell
            for header, cell in zip(headers, cells, strict=False)
            if cell and cell not in ("-", "–", "—")
        ]
        if pairs:
            rows.append("; ".join(pairs))
    return rows, index


def _resolve_headings(items: list[tuple[str, str]]) -> list[Block]:
    """Keep a heading-like line only if content follows it before the next heading.

    Navigation menus are runs of short lines with nothing under them; they vanish here. A short
    line right after a line ending in ':' is the item of a list ("also known as: ML Engineer").
    """
    # Heading-like lines right above table rows are the table's column headers.
    for position in range(len(items) - 1, -1, -1):
        following = items[position + 1][0] if position + 1 < len(items) else None
        if items[position][0] == "heading?" and following in ("table_row", "table_header"):
            items[position] = ("table_header", items[position][1])
    blocks: list[Block] = []
    for position, (kind, text) in enumerate(items):
        if kind == "table_header":
            continue
        if kind == _LABELLED_ROW:
            blocks.append(Block("table_row", text))
            continue
        if kind != "heading?":
            blocks.append(Block(kind, text))
            continue
        previous = items[position - 1][1] if position else ""
        if previous.endswith(":") and items[position - 1][0] != "heading?":
            blocks.append(Block("list_item", text))
            continue
        following = items[position + 1][0] if position + 1 < len(items) else None
        # Under a heading comes prose; a heading-like line over table rows is a column header.
        if following in ("paragraph", "list_item", _LABELLED_ROW):
            blocks.append(Block("heading", text))
    return blocks


def _drop_boilerplate(blocks: list[Block], rules: NoiseRules) -> list[Block]:
    """Remove repeats of sentences (or ' – ' clauses) the page repeats as boilerplate."""

    def units(text: str) -> list[str]:
        parts: list[str] = []
        for sentence in _sentences(text):
            parts.extend(part.strip() for part in re.split(r"\s+[–—]\s+", sentence))
        return parts

    def key(unit: str) -> str:
        return re.sub(r"\W+", " ", unit.lower()).strip()

    counts = Counter(
        key(unit)
        for block in blocks
        for unit in units(block.text)
        if len(unit.split()) >= rules.boilerplate_min_words
    )
    repeated = {k for k, n in counts.items() if n >= rules.boilerplate_min_repeats}
    seen: set[str] = set()
    cleaned: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            cleaned.append(block)
            continue
        kept_sentences: list[str] = []
        for sentence in _sentences(block.text):
            parts = [p.strip() for p in re.split(r"\s+[–—]\s+", sentence)]
            kept_parts = []
            for part in parts:
                k = key(part)
                if k in repeated:
                    if k in seen:
                        continue
                    seen.add(k)
                kept_parts.append(part)
            if kept_parts:
                kept_sentences.append(" – ".join(kept_parts))
        text = " ".join(kept_sentences).strip()
        if text:
            cleaned.append(Block(block.kind, text))
    return cleaned
