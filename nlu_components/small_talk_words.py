"""Small talk settled by its words when the classifier reads a short message as small talk.

"merci, au revoir" and "thanks, bye" end the conversation; "cool thx" thanks without leaving.
The classifier learns both intents from short messages that share words, and a message with
both reads as whichever it saw more: the farewell word decides. A greeting needs a word that
greets: "sounds boring ngl" in the middle of a conversation is no "hello".
"""

from __future__ import annotations

import re

FAREWELL = re.compile(
    r"\b(bye|byee+|goodbye|good bye|au revoir|see (you|ya)|cya|ciao|take care|à plus|a plus"
    r"|bonne (journée|soirée)|that'?s all|gotta go|i'?m off|adios|later|laters|farewell|ttyl"
    r"|talk (soon|to you|later)|(good ?)?night( night)?|done for (now|today)|leave it there"
    r"|sign(ing)? (off|out)|log(ging)? (off|out)|that'?s it (from|for) me|have a good one"
    r"|peace out|(have|got) to (run|go)|heading (off|out)|enough for today|see u"
    r"|closing the chat|à bientôt|a bientot|bonne nuit|(going|leaving|off) now|gotta dash"
    r"|off i go|i'?ll be off|have a (nice|great|good) (day|evening|weekend))\b",
    re.I,
)
THANKS = re.compile(
    r"\b(thanks?|thank you|thx|thnx|ty|tysm|tyvm|merci|cheers|ta|appreciated?|grateful"
    r"|helped|helpful|obliged)\b",
    re.I,
)
GREETING = re.compile(
    r"\b(hi+|hel+o+|hey+|heya|hiya|yo|sup|what'?s up|howdy|greetings|oi|gm|good day|g'day"
    r"|(good )?(morning|afternoon|evening)|bonjour|bonsoir|salut|coucou|hola|hallo)\b",
    re.I,
)
WAVERING = frozenset({"thank", "goodbye"})
# "are you a bot?", "who am i talking to": a challenge names the bot, a person or talking to
# one; "are companies actually hiring right now" (read as one at 0.7) does not.
CHALLENGES_BOT = re.compile(
    r"\b(you|u|ur|this|bot|chatbot|robot|human|person|real|ai|automated|automatic|machine|gpt"
    r"|chatgpt|llm|program|computer|script|agent|assistant|humain|vrai|personne|toi|vous|tu)\b"
    r"|\b(talking|chatting|speaking|writing) (to|with)\b",
    re.I,
)


def settled_intent(text: str, intent: str | None) -> str | None:
    """The small-talk intent the words settle a reading on, if they change it, else None.

    ``goodbye`` or ``thank`` for a reading that wavers between the two; ``nlu_fallback`` for
    a greeting without a word that greets, or a challenge that names no bot or person.
    """
    if text.startswith("/"):
        return None  # a button's payload or a command says what it means
    if intent == "greet" and text and not GREETING.search(text):
        return "nlu_fallback"
    if intent == "bot_challenge" and text and not CHALLENGES_BOT.search(text):
        return "nlu_fallback"
    if intent not in WAVERING:
        return None
    if FAREWELL.search(text):
        return "goodbye"
    if THANKS.search(text):
        return "thank"
    # "une journée type ça ressemble à quoi" read as goodbye ("bonne journée"): with no word
    # that thanks or leaves, it is no small talk.
    return "nlu_fallback"
