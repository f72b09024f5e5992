"""How people ask about each intent: the words of its NLU training examples.

A word people use to ask about a topic ("the must-have skills", "a future-proof career", "a
normal workday") is a way of asking, not a subject the sources might lack: a topic answer does
not open with "my sources don't cover that (must-have)". The words are read once from the same
files the model is trained on (``data/``), so the two never drift apart.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from actions.scope import about_career
from actions.sources import source_named
from actions.store import run_query
from knowledge import query
from knowledge.compose import SPECIFIC_ZIPF, text_stems, uncovered_words
from knowledge.query import PassageHit
from knowledge.text import content_words

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# "[Paris](country)" and '[Paris]{"entity": "country"}' annotate the words they wrap.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@functools.lru_cache(maxsize=1)
def _stems_by_intent() -> dict[str, frozenset[str]]:
    stems: dict[str, set[str]] = {}
    for path in sorted(DATA_DIR.rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in content.get("nlu") or []:
            intent = item.get("intent") if isinstance(item, dict) else None
            if not intent:
                continue
            words = stems.setdefault(intent, set())
            for line in str(item.get("examples") or "").splitlines():
                example = _ANNOTATION.sub(r"\1", line.strip().removeprefix("- "))
                words |= text_stems(example, limit=64)
                words |= {form[:5] for word in content_words(example) for form in _forms(word)}
    return {intent: frozenset(words) for intent, words in stems.items()}


def _forms(word: str) -> set[str]:
    """``word`` with the common English endings added and taken off ("push" -> "pushes")."""
    base = re.sub(r"(es|s|ed|ing)$", "", word) if len(word) > 5 else word
    return {word, base} | {base + ending for ending in ("s", "es", "ed", "ing")}


def asking_words(intent: str | None) -> frozenset[str]:
    """Stems of the words the training examples of ``intent`` use (empty if it has none)."""
    return _stems_by_intent().get(intent or "", frozenset())


async def _uncovered(
    text: str, hits: list[PassageHit], topic: str, intent: str | None, most_frequent: float
) -> tuple[list[str], set[str]]:
    """The question's specific words the topic's passages lack, and those some page uses."""
    missing = uncovered_words(
        text,
        hits,
        topic,
        ways_of_asking=asking_words(intent),
        field_word=about_career,
        most_frequent=most_frequent,
    )
    if missing:
        # "according to cbt nuggets": the name of the source asked about is who says it, not
        # a subject.
        label = await source_named(text)
        if label:
            missing = [word for word in missing if word not in _words(label)]
    spoken_of = await run_query(query.mentioned, missing) if missing else set()
    return missing, spoken_of


def _words(label: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", label.lower()))


async def unspoken_of(
    text: str, hits: list[PassageHit], topic: str, intent: str | None
) -> list[str]:
    """The question's specific words that no page speaks of, to say so before the answer.

    A word only the topic's candidate passages lack ("what determines pay" where another page
    says "determine") is not a gap: saying the sources don't cover it would be false; nor is a
    word the training examples of ``intent`` use to ask about the topic.
    """
    missing, spoken_of = await _uncovered(text, hits, topic, intent, SPECIFIC_ZIPF[1])
    return [word for word in missing if word not in spoken_of]


# Words of this frequency can name what a question asks about without being rare ("ethics",
# "bias"): too common to claim a gap on, specific enough to look for elsewhere.
ELSEWHERE_ZIPF = 4.5


async def spoken_of_elsewhere(
    text: str, hits: list[PassageHit], topic: str, intent: str | None
) -> list[str]:
    """The question's specific words that the topic's passages lack but other pages use.

    "do ml engineers have to care about ethics and bias?" guessed as the job outlook: no
    outlook passage speaks of ethics, the duties do, so the guess is worth checking.
    """
    missing, spoken_of = await _uncovered(text, hits, topic, intent, ELSEWHERE_ZIPF)
    return [word for word in missing if word in spoken_of]
