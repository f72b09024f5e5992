"""The answer criterion shared by the end-to-end run and the retrieval baseline."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from evaluation.heldout import Turn


def missing_facts(reply: str, facts: tuple[str, ...]) -> tuple[str, ...]:
    """The expected facts that the reply does not contain (case-insensitive substring)."""
    lowered = reply.lower()
    return tuple(fact for fact in facts if fact.lower() not in lowered)


@dataclass(frozen=True)
class AnswerOutcome:
    """What a system answered to one turn, and which expected facts it missed."""

    turn: Turn
    reply: str
    missing: tuple[str, ...]
    error: str | None = None

    @property
    def correct(self) -> bool:
        return self.error is None and not self.missing


def judge(turn: Turn, reply: str, error: str | None = None) -> AnswerOutcome:
    """Score one reply against the turn's ``answer_contains``."""
    return AnswerOutcome(turn, reply, missing_facts(reply, turn.answer_contains), error)


def accuracy(outcomes: list[AnswerOutcome]) -> float:
    """Share of correct answers (0.0 for no outcomes)."""
    return sum(o.correct for o in outcomes) / len(outcomes) if outcomes else 0.0


def accuracy_by_intent(outcomes: list[AnswerOutcome]) -> dict[str, tuple[int, int]]:
    """Gold intent -> (correct, total)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        counts[outcome.turn.intent][0] += outcome.correct
        counts[outcome.turn.intent][1] += 1
    return {intent: (c, t) for intent, (c, t) in sorted(counts.items())}
