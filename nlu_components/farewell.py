"""Thanks and goodbye told apart by their words when the classifier wavers between them.

"merci, au revoir" and "thanks, bye" end the conversation; "cool thx" thanks without leaving.
The classifier learns both intents from short messages that share words, and a message with
both reads as whichever it saw more: the farewell word decides.
"""

from __future__ import annotations

import re

FAREWELL = re.compile(
    r"\b(bye|byee+|goodbye|good bye|au revoir|see (you|ya)|cya|ciao|take care|à plus|a plus"
    r"|bonne (journée|soirée)|that'?s all|gotta go|i'?m off|adios|later)\b",
    re.I,
)
THANKS = re.compile(r"\b(thanks?|thank you|thx|thnx|ty|merci|cheers|ta)\b", re.I)
WAVERING = frozenset({"thank", "goodbye"})


def farewell_intent(text: str, intent: str | None) -> str | None:
    """``goodbye`` or ``thank`` when the words settle a reading as one of the two, else None."""
    if intent not in WAVERING:
        return None
    if FAREWELL.search(text):
        return "goodbye"
    if THANKS.search(text):
        return "thank"
    return None
