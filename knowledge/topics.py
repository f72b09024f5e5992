"""Tag passages with the topics they cover, from the rules in ``rules/topics.yml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.matcher import PhraseMatcher

from knowledge.text import nlp

TOPICS_FILE = Path(__file__).parent / "rules" / "topics.yml"
HEADING_WEIGHT = 2.0
MONEY = re.compile(r"[$€£]\s?\d|\d\s?[kK]€")
MONEY_TOPICS = {"salary", "salary_factors"}


@dataclass(frozen=True)
class TopicRule:
    """How one topic is recognised."""

    name: str
    headings: tuple[re.Pattern[str], ...]
    min_keywords: int


@functools.lru_cache(maxsize=1)
def _load() -> tuple[tuple[TopicRule, ...], PhraseMatcher]:
    raw = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
    rules = []
    for name, spec in raw.items():
        rules.append(
            TopicRule(
                name=name,
                headings=tuple(re.compile(p, re.I) for p in spec.get("headings") or ()),
                min_keywords=int(spec.get("min_keywords", 1)),
            )
        )
        patterns = [nlp().make_doc(phrase) for phrase in spec.get("keywords") or ()]
        if patterns:
            matcher.add(name, patterns)
    return tuple(rules), matcher


def topic_words(topic: str) -> frozenset[str]:
    """The words of a topic's own name ("skills" for skills, "typical", "day" for typical_day).

    A question's word that only names the topic says nothing about which sentence answers it
    ("what skills do I need?" is answered by any sentence on skills, not by those that repeat
    the word). Keywords are not included: "remotely" asked about workplaces is the point.
    """
    return frozenset(topic.split("_"))


def topic_names() -> list[str]:
    """Every topic the rules know, in file order."""
    return [rule.name for rule in _load()[0]]


@functools.lru_cache(maxsize=4096)
def _heading_topics(heading: str) -> frozenset[str]:
    """The topics whose heading rules match ``heading``.

    Matched once per heading, not once per passage under it: every passage of a section is
    tagged with its heading (a third of the time of tagging a page).
    """
    return frozenset(
        rule.name for rule in _load()[0] if any(p.search(heading) for p in rule.headings)
    )


def tag(text: str, heading: str | None) -> dict[str, float]:
    """Topics of a passage with their weights (heading match + distinct keyword matches)."""
    rules, matcher = _load()
    doc = nlp().make_doc(text)
    keyword_hits: dict[str, set[str]] = {}
    for match_id, start, end in matcher(doc):
        topic = nlp().vocab.strings[match_id]
        keyword_hits.setdefault(topic, set()).add(doc[start:end].text.lower())
    weights: dict[str, float] = {}
    # A figure of pay under a "Career Evolution and Prospects" heading is about salary, not
    # about career paths; nor is "where someone lands inside that range" under "Salary and Job
    # Outlook" about the outlook. Headings lend their topic to passages about pay (a figure, or
    # what drives pay) only for the salary topics.
    about_pay = bool(MONEY.search(text)) or "salary_factors" in keyword_hits
    by_heading = _heading_topics(heading) if heading else frozenset()
    for rule in rules:
        weight = 0.0
        heading_applies = not about_pay or rule.name in MONEY_TOPICS
        if heading_applies and rule.name in by_heading:
            weight += HEADING_WEIGHT
        hits = len(keyword_hits.get(rule.name, ()))
        if hits >= rule.min_keywords:
            weight += hits
        if weight:
            weights[rule.name] = weight
    return weights
