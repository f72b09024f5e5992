"""The answer criterion shared by the end-to-end run and the retrieval baseline."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from evaluation.heldout import Turn


def missing_facts(reply: str, facts: tuple[str, ...]) -> tuple[str, ...]:
    """The expected facts that the reply does not contain (case-insensitive substring)."""
    lowered = reply.lower()
    return tuple(fact for fact in facts if fact.lower() not in lowered)


def forbidden_found(reply: str, forbidden: tuple[str, ...]) -> tuple[str, ...]:
    """The strings the reply must not contain but does (case-insensitive substring)."""
    lowered = reply.lower()
    return tuple(text for text in forbidden if text.lower() in lowered)


@dataclass(frozen=True)
class AnswerOutcome:
    """What a system answered to one turn, and which expected facts it missed."""

    turn: Turn
    reply: str
    missing: tuple[str, ...]
    error: str | None = None
    forbidden: tuple[str, ...] = ()
    missing_core: tuple[str, ...] = ()
    """The turn's core facts (``Turn.core_facts``) the reply does not contain."""

    @property
    def too_long(self) -> bool:
        """True when the reply is longer than the turn allows."""
        return len(self.reply) > self.turn.max_chars

    @property
    def correct(self) -> bool:
        return self.error is None and not self.missing and not self.forbidden and not self.too_long

    @property
    def correct_short(self) -> bool:
        """Correct on the core facts alone: a short answer may leave a list's details out."""
        clean = self.error is None and not self.forbidden and not self.too_long
        return clean and not self.missing_core


def judge(turn: Turn, reply: str, error: str | None = None) -> AnswerOutcome:
    """Score one reply: the facts it must contain, what it must not say, its length."""
    return AnswerOutcome(
        turn,
        reply,
        missing_facts(reply, turn.answer_contains),
        error,
        forbidden_found(reply, turn.answer_excludes),
        missing_facts(reply, turn.core_facts),
    )


def reply_lengths(outcomes: list[AnswerOutcome]) -> dict[str, int]:
    """Median, 95th percentile and longest reply in characters (0s for no outcomes)."""
    lengths = sorted(len(o.reply) for o in outcomes)
    if not lengths:
        return {"median": 0, "p95": 0, "max": 0}
    return {
        "median": lengths[len(lengths) // 2],
        "p95": lengths[min(len(lengths) - 1, int(round(0.95 * (len(lengths) - 1))))],
        "max": lengths[-1],
    }


def accuracy(outcomes: list[AnswerOutcome]) -> float:
    """Share of correct answers (0.0 for no outcomes)."""
    return sum(o.correct for o in outcomes) / len(outcomes) if outcomes else 0.0


def short_accuracy(outcomes: list[AnswerOutcome]) -> float:
    """Share of answers correct on their core facts (0.0 for no outcomes)."""
    return sum(o.correct_short for o in outcomes) / len(outcomes) if outcomes else 0.0


def accuracy_by_intent(outcomes: list[AnswerOutcome]) -> dict[str, tuple[int, int]]:
    """Gold intent -> (correct, total)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        counts[outcome.turn.intent][0] += outcome.correct
        counts[outcome.turn.intent][1] += 1
    return {intent: (c, t) for intent, (c, t) in sorted(counts.items())}
