"""Retrieval baseline: answer each turn with the best full-text passage and its source label."""

from __future__ import annotations

from evaluation.answers import AnswerOutcome, judge
from evaluation.heldout import Turn


def run(turns: list[Turn]) -> list[AnswerOutcome]:
    """Search the knowledge store with each turn's text alone (no conversation context)."""
    from knowledge.db import open_session
    from knowledge.query import search

    outcomes = []
    with open_session() as session:
        for turn in turns:
            hits = search(session, turn.text, limit=1)
            reply = f"{hits[0].text}\n— {hits[0].source.label}" if hits else ""
            outcomes.append(judge(turn, reply))
    return outcomes
