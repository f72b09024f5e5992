"""What became of a person's message: the kinds of "unanswered" a turn can be.

One definition for the usage report (``evaluation.usage``) and the live metrics
(``monitoring.metrics``): from the intent the NLU read, its confidence, the text and the names of
the responses the bot gave.
"""

from __future__ import annotations

from collections.abc import Iterable

LOW_CONFIDENCE = 0.5
"""An intent read with less confidence than this makes a low-confidence turn."""

OUT_OF_SCOPE = ("utter_out_of_scope", "utter_out_of_scope_part")
SEARCH_FALLBACK = ("utter_search_answer", "utter_rephrase")
GAPS = (
    "utter_topic_gap",
    "utter_sources_partial",
    "utter_sources_silent",
    "utter_topic_no_ranking",
    "utter_salary_unknown_country",
    "utter_about_no_figures",
)
"""Honest gaps ("my sources don't cover…"), besides every ``utter_no_*`` and
``utter_salary_no_*`` (``utter_no_more``, the end of a topic, is not one)."""

CATEGORIES = {
    "out_of_scope": "Out of scope",
    "honest_gap": "Honest gaps (my sources don't cover it)",
    "low_confidence": "Low confidence / nlu_fallback",
    "search_fallback": "Search fallback",
}


def _gap(response: str) -> bool:
    if response == "utter_no_more":
        return False
    return response in GAPS or response.startswith(("utter_no_", "utter_salary_no_"))


def unanswered_kinds(
    intent: str | None, confidence: float | None, text: str, responses: Iterable[str]
) -> list[str]:
    """The kinds of "unanswered" (keys of ``CATEGORIES``) one turn is; several may apply."""
    answers = list(responses)
    found = []
    if intent == "out_of_scope" or any(a in OUT_OF_SCOPE for a in answers):
        found.append("out_of_scope")
    if any(_gap(a) for a in answers):
        found.append("honest_gap")
    typed = not text.startswith("/")  # a button's payload is read with full confidence
    if intent == "nlu_fallback" or (
        typed and confidence is not None and confidence < LOW_CONFIDENCE
    ):
        found.append("low_confidence")
    if any(a in SEARCH_FALLBACK for a in answers):
        found.append("search_fallback")
    return found
