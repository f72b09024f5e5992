"""Checks every channel applies to a user message before it reaches the NLU pipeline.

Stock Rasa hands any text to the pipeline: a 48 KB message took 11 s and 5.9 GB here. Messages
are cleaned (control characters out), empty ones and over-long ones get an explanation instead
of a parse, and the ``/intent{...}`` shortcut is limited to the public intents and entities that
the bot's own buttons use (no internal intents such as ``/restart`` or ``/session_start``, no
other slots).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from runtime.settings import current

MAX_MESSAGE_CHARS = current().MAX_MESSAGE_CHARS
MAX_SENDER_CHARS = 128

PUBLIC_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "thank",
        "bot_challenge",
        "ask_capabilities",
        "inform",
        "ask_role",
        "ask_duties",
        "ask_typical_day",
        "ask_skills",
        "ask_education",
        "ask_certifications",
        "ask_salary",
        "ask_salary_factors",
        "ask_career_path",
        "ask_specialisations",
        "compare_role",
        "ask_getting_started",
        "ask_industries",
        "ask_workplace",
        "ask_outlook",
        "ask_suitability",
        "ask_sources",
    }
)
PUBLIC_ENTITIES = frozenset(
    {"country", "level", "role", "specialisation", "skill_area", "study_route", "background"}
)
# Exactly how Rasa unpacks "/intent@confidence{entities}rest" (YAMLStoryReader
# ._regex_message_pattern): whatever this matches, Rasa would act on.
_SHORTCUT = re.compile(
    r"^/(?P<intent>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>\{.+\})?(?P<rest>.*)", re.DOTALL
)

TOO_LONG = (
    "That message is too long for me ({length:,} characters). Please ask one question in fewer "
    'than {limit:,} characters, for example: "What do ML engineers earn in France?"'
)
EMPTY = "I didn't get any text. Ask me anything about the Machine Learning Engineer career."
TROUBLE = (
    "Sorry, I'm having trouble answering right now. Please try again in a moment; "
    "your conversation is kept."
)


@dataclass(frozen=True)
class Checked:
    """Outcome of checking a message: the text to process, or a reply instead of processing."""

    text: str | None
    reply: str | None


def clean_text(text: str) -> str:
    """Drop control and format characters (keep newlines as spaces), normalise to NFC."""
    text = unicodedata.normalize("NFC", text)
    kept = [
        " " if ch in "\n\r\t" else ch
        for ch in text
        if ch in "\n\r\t"
        or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
    ]
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def _safe_shortcut(text: str) -> str:
    """``/intent{...}`` passes only as the bot's own buttons send it; anything else is text.

    Only a public intent, with no confidence and nothing after it, and entities only as a JSON
    object of public entities with short string values. A typed ``/restart@1``, ``/restart {}``
    or ``/back@1`` would otherwise restart or rewind the conversation.
    """
    if not text.startswith("/"):
        return text
    as_text = text.lstrip("/").strip() or text
    match = _SHORTCUT.match(text)
    if not match:
        return as_text
    intent, entities = match.group("intent"), match.group("entities")
    if (
        intent != intent.strip()
        or intent not in PUBLIC_INTENTS
        or match.group("confidence")
        or match.group("rest")
    ):
        return as_text
    if not entities:
        return f"/{intent}"
    try:
        parsed = json.loads(entities)
    except (json.JSONDecodeError, RecursionError, ValueError):
        return f"/{intent}"
    if not isinstance(parsed, dict):
        return f"/{intent}"
    allowed = {
        key: value
        for key, value in parsed.items()
        if key in PUBLIC_ENTITIES and isinstance(value, str) and len(value) <= 60
    }
    return f"/{intent}{json.dumps(allowed)}" if allowed else f"/{intent}"


def check_message(text: object) -> Checked:
    """Decide what to do with a message before NLU."""
    if not isinstance(text, str):
        return Checked(None, EMPTY)
    if len(text) > MAX_MESSAGE_CHARS * 4:
        # Cheap rejection before any per-character work on a huge input.
        return Checked(None, TOO_LONG.format(length=len(text), limit=MAX_MESSAGE_CHARS))
    cleaned = clean_text(text)
    if not cleaned:
        return Checked(None, EMPTY)
    if len(cleaned) > MAX_MESSAGE_CHARS:
        return Checked(None, TOO_LONG.format(length=len(cleaned), limit=MAX_MESSAGE_CHARS))
    return Checked(_safe_shortcut(cleaned), None)


# Metadata a channel itself puts on a message (Slack: where to answer). Anything a client sends
# is dropped: REST bodies carried 900 KB of it into the tracker store, stored three times, and a
# client-sent "questions" key would have been read as the bot's own split of the message.
CHANNEL_METADATA_KEYS = frozenset({"out_channel", "thread_id", "users", "ts"})
MAX_METADATA_CHARS = 1000


def bounded_metadata(metadata: object) -> dict | None:
    """The channel's own metadata keys, within ``MAX_METADATA_CHARS``; None if nothing is left."""
    if not isinstance(metadata, dict):
        return None
    kept = {key: value for key, value in metadata.items() if key in CHANNEL_METADATA_KEYS}
    if len(json.dumps(kept, default=str)) > MAX_METADATA_CHARS:
        kept = {k: v for k, v in kept.items() if k in ("out_channel", "thread_id")}
        if len(json.dumps(kept, default=str)) > MAX_METADATA_CHARS:
            return None
    return kept or None


def valid_sender(sender: object) -> bool:
    """A conversation id: a non-empty printable string of reasonable length."""
    return (
        isinstance(sender, str)
        and 0 < len(sender) <= MAX_SENDER_CHARS
        and sender.isprintable()
        and sender.strip() == sender
    )
