"""Low-confidence messages: the best passage if relevant enough, else a request to rephrase."""

from __future__ import annotations

import os
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.formatting import passage_lines, source_names
from actions.store import run_query
from knowledge import query
from knowledge.text import content_words

# Words every passage shares: matching them says nothing about relevance.
GENERIC_WORDS = {"machine", "learning", "engineer", "engineers", "ml", "mle", "job", "role", "work"}
# Share of the message's distinctive words the best passage must contain to be shown.
MIN_COVERAGE = float(os.environ.get("FALLBACK_MIN_COVERAGE", "0.5"))
MAX_MESSAGE_CHARS = 500


def coverage(message: str, passage: str) -> float:
    """Share of the message's distinctive content words found in the passage (by 5-letter stem).

    Independent of the database's own scoring scale (BM25 on SQLite, ts_rank on PostgreSQL).
    """
    words = [w for w in content_words(message) if w not in GENERIC_WORDS]
    if not words:
        return 0.0
    stems = {w[:5] for w in content_words(passage, limit=400)}
    return sum(w[:5] in stems for w in words) / len(words)


class ActionSearchFallback(Action):
    """Runs when NLU confidence is low: full-text search over the store's passages."""

    def name(self) -> str:
        return "action_search_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = (tracker.latest_message.get("text") or "")[:MAX_MESSAGE_CHARS]
        hits = await run_query(query.search, text, limit=1)
        if hits and coverage(text, hits[0].text) >= MIN_COVERAGE:
            dispatcher.utter_message(
                response="utter_search_answer",
                passages=passage_lines(hits),
                sources=source_names(hits),
            )
        else:
            dispatcher.utter_message(response="utter_rephrase")
        return []
