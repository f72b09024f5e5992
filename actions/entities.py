"""Entities of a parsed message, normalised to the values the actions use.

A parsed message is Rasa's parse data (``tracker.latest_message``, or one of the questions the
channel split a long message into): a dict with ``intent``, ``entities`` and ``text``.
"""

from __future__ import annotations

from typing import Any

from gazetteer.entities import normalise

# An entity the extractor labelled one way can mean another in context ("mlops" is a skill area,
# a specialisation and half of a role): each parameter lists the labels it accepts, best first.
ACCEPTS: dict[str, tuple[str, ...]] = {
    "country": ("country",),
    "level": ("level",),
    "role": ("role", "specialisation", "background"),
    "specialisation": ("specialisation", "role", "skill_area"),
    "skill_area": ("skill_area", "specialisation"),
    "study_route": ("study_route",),
    "background": ("background", "role"),
}


def entities_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Raw entities of a parsed message, those of its question first.

    "final year student in pune. what does an ml engineer earn in india?" asks about India;
    Pune is where the person is.
    """
    entities = [e for e in message.get("entities") or [] if isinstance(e, dict)]
    asked_from = _question_start(str(message.get("text") or ""))
    return sorted(entities, key=lambda e: not _starts_at_or_after(e, asked_from))


def _question_start(text: str) -> int:
    """Where the last question of ``text`` starts (0 when it has no earlier sentence)."""
    end = text.rfind("?")
    if end <= 0:
        return 0
    before = max(text.rfind(mark, 0, end) for mark in ".!?\n")
    return before + 1


def _starts_at_or_after(entity: dict[str, Any], position: int) -> bool:
    start = entity.get("start")
    return isinstance(start, int) and start >= position


def entity_value(message: dict[str, Any], parameter: str) -> str | None:
    """Normalised value for ``parameter`` from a parsed message, or None."""
    entities = entities_of(message)
    for label in ACCEPTS[parameter]:
        for entity in entities:
            if entity.get("entity") != label:
                continue
            text = str(entity.get("value") or entity.get("text") or "")
            value = normalise(parameter, text)
            if value is None and label != parameter:
                value = _cross_value(parameter, label, text)
            if value:
                return value
    return None


def entity_values(message: dict[str, Any], parameter: str) -> list[str]:
    """Every distinct normalised value for ``parameter``, in the order the message names them."""
    values = []
    for entity in sorted(entities_of(message), key=lambda e: e.get("start") or 0):
        if entity.get("entity") == parameter:
            value = normalise(parameter, str(entity.get("value") or entity.get("text") or ""))
            if value and value not in values:
                values.append(value)
    return values


def _cross_value(parameter: str, label: str, text: str) -> str | None:
    """Map another label's value onto ``parameter`` ("mlops engineer" -> specialisation mlops)."""
    value = normalise(label, text)
    if value in ("mlops_engineer", "mlops"):
        return "mlops_engineer" if parameter == "role" else "mlops"
    if parameter == "role" and value == "software":
        return "software_engineer"  # "software developer" compared with the ML engineer
    return None


def entity_text(message: dict[str, Any], label: str) -> str | None:
    """The text of the first entity with ``label`` in a parsed message (for replies)."""
    for entity in entities_of(message):
        if entity.get("entity") == label:
            return str(entity.get("value") or entity.get("text") or "") or None
    return None
