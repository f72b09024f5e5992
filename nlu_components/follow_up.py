"""A message that names a country, level, role… is not small talk: read it as a follow-up.

Short follow-ups ("in nyc", "i'm a data analyst rn if that matters") share few words with any
training example, so the classifier's best guess is often a greeting or a thanks with low
confidence, and the user gets "Hi! I'm ML Career Guide" instead of the figures for New York.
Greetings, thanks, goodbyes and questions about the bot never carry a career entity, so when
one of those intents wins narrowly and the message has such an entity, the follow-up intent
(``inform``, answered in the context of the conversation) is the better reading. Confident
small talk that says so in words ("hello from London!") is left alone; "ok frnace then", read
as a confident goodbye, is a place.

Plain functions on a parsed message's data, so they can be tested without loading Rasa.
"""

from __future__ import annotations

import re
from typing import Any

from gazetteer.entities import ENTITY_NAMES

# Words that make a message small talk whatever else it names ("hello from London!").
SMALL_TALK_WORDS = re.compile(
    r"\b(hi|hello|hey|hiya|morning|evening|bye|goodbye|cya|later|thanks?|thx|ty|cheers"
    r"|bonjour|salut|merci|au revoir|bot|robot|human)\b",
    re.I,
)

DEFAULTS: dict[str, Any] = {
    "small_talk_intents": ["greet", "thank", "goodbye", "bot_challenge", "ask_capabilities"],
    "entities": list(ENTITY_NAMES),
    # Above this the classifier is sure enough that the entity is incidental.
    "max_confidence": 0.6,
    "follow_up_intent": "inform",
}


def follow_up_reading(
    data: dict[str, Any], config: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The follow-up intent and re-ordered ranking for a parsed message, or None to keep it.

    Only a narrow small-talk prediction for a message with a career entity is re-read. The
    follow-up keeps the classifier's own score for it when that is higher, and is never scored
    below the small talk it replaces (the fallback threshold still applies).
    """
    intent = data.get("intent") or {}
    if intent.get("name") not in config["small_talk_intents"]:
        return None
    # Confident small talk stays small talk only when it says so in words: "ok frnace then" is
    # read as goodbye with confidence 0.75 for its "ok … then", but it is a place.
    confident = (intent.get("confidence") or 0.0) > config["max_confidence"]
    if confident and SMALL_TALK_WORDS.search(str(data.get("text") or "")):
        return None
    wanted = set(config["entities"])
    if not any(entity.get("entity") in wanted for entity in data.get("entities") or []):
        return None
    follow_up = config["follow_up_intent"]
    ranking = data.get("intent_ranking") or []
    score = max(
        [r["confidence"] for r in ranking if r.get("name") == follow_up] + [intent["confidence"]]
    )
    chosen = {"name": follow_up, "confidence": score}
    return chosen, [chosen] + [r for r in ranking if r.get("name") != follow_up]
