"""Dialogue state: what the conversation is about, and what the next message asks for.

The state is the current topic, its filters (country, level, role, specialisation, background)
and a short record of the last answer (what it showed and what it left out). A message is read
as a ``Reading`` (its intent and the filters it names). ``decide`` turns (state, reading) into a
``Plan``: which kind of answer to give, with which filters. It is a pure function, tested as a
table of (state, message) -> (plan) in ``tests/actions/test_state.py``.

The rules, in order:
* "more" / "shorter" / a question about the last answer act on the last answer;
* a message with its own topic starts that topic; filters that still make sense carry over
  (a country and level for pay, not a specialisation for a degree question);
* a message that only adds or changes a filter applies it to the current topic: a place or a
  level after pay is about pay; a specialisation, skill area, study route or role starts the
  topic that filter belongs to, even right after a salary answer;
* a message with nothing to go on is searched for in the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker

from actions import slots
from actions.aspects import PAY_ASPECTS, aspect_of
from actions.entities import entity_text, entity_value
from gazetteer.countries import city_vocabulary

# Topics whose answers a level refines themselves ("career path" -> "and for seniors?").
LEVEL_TOPICS = frozenset({"career_path", "getting_started", "education", "skills"})
TOPIC_PARAMETERS = ("skill_area", "study_route", "role", "specialisation", "background")
MORE_INTENT = "ask_more"
SHORTER_INTENT = "ask_shorter"
ABOUT_INTENT = "ask_about_answer"
FREE_INTENTS = frozenset({"nlu_fallback", "ask_advice"})
SOURCES_INTENT = "ask_sources"
# "where does *that* come from?" points at the last answer; "what are your sources?" does not.
POINTS_AT_LAST_ANSWER = re.compile(r"\b(that|this|these|those|it|figures?|numbers?|range)\b", re.I)


@dataclass(frozen=True)
class State:
    """What the conversation is about before the message (from the slots)."""

    topic: str | None = None
    country: str | None = None
    level: str | None = None
    role: str | None = None
    specialisation: str | None = None
    background: str | None = None
    last: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> State:
        """The state held in the tracker's slots."""
        last = tracker.get_slot(slots.LAST_ANSWER)
        return cls(
            topic=tracker.get_slot(slots.TOPIC),
            country=tracker.get_slot(slots.COUNTRY),
            level=tracker.get_slot(slots.LEVEL),
            role=tracker.get_slot(slots.ROLE),
            specialisation=tracker.get_slot(slots.SPECIALISATION),
            background=tracker.get_slot(slots.BACKGROUND),
            last=last if isinstance(last, dict) else {},
        )


@dataclass(frozen=True)
class Reading:
    """What the latest message says: its intent and the filters it names (normalised)."""

    intent: str
    text: str = ""
    country: str | None = None
    city: str | None = None
    level: str | None = None
    skill_area: str | None = None
    study_route: str | None = None
    role: str | None = None
    specialisation: str | None = None
    background: str | None = None
    background_text: str | None = None

    @classmethod
    def from_parse(cls, message: dict[str, Any]) -> Reading:
        """The reading of a parsed message (Rasa's parse data)."""
        text = str(message.get("text") or "")
        return cls(
            intent=(message.get("intent") or {}).get("name") or "",
            # A button's payload ("/ask_skills") is not the person's words.
            text="" if text.startswith("/") else text,
            country=entity_value(message, "country"),
            city=city_of(entity_text(message, "country")),
            level=entity_value(message, "level"),
            skill_area=entity_value(message, "skill_area"),
            study_route=entity_value(message, "study_route"),
            role=entity_value(message, "role"),
            specialisation=entity_value(message, "specialisation"),
            background=entity_value(message, "background"),
            background_text=entity_text(message, "background") or entity_text(message, "role"),
        )

    def topic_parameters(self) -> dict[str, str | None]:
        """The filters that refine a topic (not a place or a level)."""
        return {name: getattr(self, name) for name in TOPIC_PARAMETERS}

    @property
    def names_topic_filter(self) -> bool:
        """True when the message names a specialisation, skill area, study route, role..."""
        return any(self.topic_parameters().values())


def city_of(place: str | None) -> str | None:
    """The city's name when ``place`` is a city rather than a country ("Madrid"), else None."""
    if not place:
        return None
    key = " ".join(place.lower().replace(".", " ").split())
    return place.strip().title() if key in city_vocabulary() else None


@dataclass(frozen=True)
class Plan:
    """The answer to give: its kind and the filters it uses.

    ``kind`` is one of ``salary``, ``topic``, ``more``, ``shorter``, ``about``, ``sources``,
    ``search``.
    """

    kind: str
    intent: str | None = None
    country: str | None = None
    city: str | None = None
    level: str | None = None
    parameters: dict[str, str | None] = field(default_factory=dict)


# Intents that do not know better than the context: a message read as one of these that asks
# about an aspect of pay figures ("what's the midpoint?") right after pay figures is about them.
UNSURE_INTENTS = frozenset(
    {"out_of_scope", "nlu_fallback", "inform", "ask_advice", "greet", "thank", "goodbye"}
)


def decide(state: State, reading: Reading, intent_topics: dict[str, str]) -> Plan:
    """The plan for ``reading`` in ``state``; ``intent_topics`` maps topic intents to topics."""
    intent = reading.intent
    if (
        intent in UNSURE_INTENTS
        and state.last.get("kind") == "salary"
        and not (reading.country or reading.city or reading.names_topic_filter)
        and aspect_of(reading.text) in PAY_ASPECTS
    ):
        return Plan("about")
    if intent == MORE_INTENT:
        return Plan("more")
    if intent == SHORTER_INTENT:
        return Plan("shorter")
    if intent == ABOUT_INTENT:
        return Plan("about", country=reading.country, level=reading.level)
    on_salary = state.topic == "salary"
    if intent == SOURCES_INTENT:
        pointed = state.last.get("kind") == "salary" and POINTS_AT_LAST_ANSWER.search(reading.text)
        return Plan("about") if pointed else Plan("sources")
    if intent == "ask_salary":
        # A pay question is a fresh question: it keeps the place only when it narrows the last
        # pay answer by level ("what do seniors make?" right after France's figures); "how much
        # do they earn?" (or the Salaries button) asks for the overview again.
        country = reading.country or (state.country if on_salary and reading.level else None)
        return Plan(
            "salary",
            country=country,
            city=reading.city,
            level=reading.level,
            parameters=reading.topic_parameters(),
        )
    if intent in intent_topics:
        return Plan("topic", intent=intent, parameters=reading.topic_parameters())
    if intent == "inform":
        return _follow_up(state, reading)
    if intent in FREE_INTENTS:
        return Plan("search")
    return Plan("search")


def _follow_up(state: State, reading: Reading) -> Plan:
    """A message that only adds or changes a filter."""
    on_salary = state.topic == "salary"
    if reading.country or reading.city:
        level = reading.level or (state.level if on_salary else None)
        return Plan("salary", country=reading.country, city=reading.city, level=level)
    if reading.names_topic_filter:
        # "which languages?" right after a salary answer is a new topic, not pay again.
        return Plan("topic", intent=None, parameters=reading.topic_parameters())
    if reading.level and (on_salary or state.topic not in LEVEL_TOPICS):
        return Plan("salary", country=state.country if on_salary else None, level=reading.level)
    if reading.level and state.topic and not on_salary:
        return Plan("topic", intent=None, parameters={}, level=reading.level)
    if on_salary:
        return Plan("salary", country=state.country, level=reading.level or state.level)
    return Plan("search")
