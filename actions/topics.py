"""Answers to the topic questions (role, duties, skills, education, comparisons, ...)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.entities import entity_text, entity_value
from actions.formatting import passage_lines, source_names
from actions.store import run_in_session
from gazetteer.entities import vocabulary
from knowledge import query
from knowledge.query import PassageHit

INTENT_TOPICS = {
    "ask_role": "role",
    "ask_duties": "duties",
    "ask_typical_day": "typical_day",
    "ask_skills": "skills",
    "ask_education": "education",
    "ask_certifications": "certifications",
    "ask_salary_factors": "salary_factors",
    "ask_career_path": "career_path",
    "ask_specialisations": "specialisations",
    "compare_role": "compare",
    "ask_getting_started": "getting_started",
    "ask_industries": "industries",
    "ask_workplace": "workplace",
    "ask_outlook": "outlook",
    "ask_suitability": "suitability",
}
STUDY_ROUTE_TOPICS = {
    "degree": "education",
    "no_degree": "no_degree",
    "online_courses": "online_courses",
}
COMPARE_TOPICS = {
    "data_scientist": "compare_data_scientist",
    "software_engineer": "compare_software_engineer",
    "mlops_engineer": "compare_mlops_engineer",
}
SKILL_TOPICS = ("soft_skills", "maths", "languages", "tools", "mlops", "cloud", "big_data")
SUBTOPIC_OF = {
    **{topic: "ask_skills" for topic in SKILL_TOPICS},
    "no_degree": "ask_education",
    "online_courses": "ask_education",
    **{topic: "compare_role" for topic in COMPARE_TOPICS.values()},
}
# The question that leads back to each topic, for follow-ups ("and soft skills?").
TOPIC_INTENTS = {
    **{topic: intent for intent, topic in INTENT_TOPICS.items() if topic != "compare"},
    **SUBTOPIC_OF,
}
PER_SOURCE = 9
MAX_SOURCES = 3
LIMIT = 16


def resolve_topic(intent: str, parameters: dict[str, str | None]) -> str | None:
    """The store topic for an intent refined by its parameters; None when a role must be asked."""
    topic = INTENT_TOPICS.get(intent)
    if topic == "skills" and parameters.get("skill_area") in SKILL_TOPICS:
        return parameters["skill_area"]
    if topic == "education" and parameters.get("study_route"):
        return STUDY_ROUTE_TOPICS.get(parameters["study_route"] or "", "education")
    if topic == "compare":
        return COMPARE_TOPICS.get(parameters.get("role") or "")
    return topic


def _mentions(hit: PassageHit, phrases: list[str]) -> bool:
    text = f" {hit.text.lower()} "
    return any(f"{phrase.lower()}" in text for phrase in phrases if len(phrase) > 2)


def specialisation_passages(session: Session, specialisation: str) -> list[PassageHit]:
    """Passages about one specialisation: the topic's passages that name it, else a search."""
    phrases = vocabulary()["specialisation"].get(specialisation, [])
    hits = query.passages_by_topic(
        session, "specialisations", per_source=50, max_sources=10, limit=200
    )
    named = [hit for hit in hits if _mentions(hit, phrases)]
    if named:
        return named[:LIMIT]
    return [
        hit
        for hit in query.search(session, " ".join(phrases), limit=LIMIT)
        if _mentions(hit, phrases)
    ]


def background_passages(session: Session, background: str) -> list[PassageHit]:
    """Passages that speak about people moving in from ``background``."""
    words = [background] + vocabulary()["background"].get(background, [])
    hits = query.search(session, f"{' '.join(words)} career changers transition move", limit=20)
    return [hit for hit in hits if _mentions(hit, words)][:3]


async def answer_topic(
    dispatcher: CollectingDispatcher, intent: str, parameters: dict[str, str | None]
) -> list[EventType]:
    """Answer ``intent`` (refined by ``parameters``) from the store; return the slot events."""
    topic = resolve_topic(intent, parameters)
    if topic is None:
        dispatcher.utter_message(response="utter_ask_compare_role")
        return [SlotSet(slots.TOPIC, "compare")]
    specialisation = parameters.get("specialisation") if topic == "specialisations" else None
    background = parameters.get("background") if topic == "getting_started" else None

    def fetch(session: Session) -> tuple[list[PassageHit], list[PassageHit]]:
        if specialisation:
            main = specialisation_passages(session, specialisation)
        else:
            main = query.passages_by_topic(
                session, topic, per_source=PER_SOURCE, max_sources=MAX_SOURCES, limit=LIMIT
            )
        extra = background_passages(session, background) if background else []
        return main, extra

    hits, background_hits = await run_in_session(fetch)
    events: list[EventType] = [SlotSet(slots.TOPIC, topic)]
    if specialisation:
        events.append(SlotSet(slots.SPECIALISATION, specialisation))
    if background:
        events.append(SlotSet(slots.BACKGROUND, background))
    if topic.startswith("compare_"):
        events.append(SlotSet(slots.ROLE, topic.removeprefix("compare_")))
    if not hits:
        dispatcher.utter_message(response="utter_no_passages")
        return events
    if background_hits:
        shown = parameters.get("background_text") or (background or "").replace("_", " ")
        dispatcher.utter_message(
            response="utter_answer_background",
            background=shown,
            passages=passage_lines(background_hits),
        )
    if specialisation:
        first = hits[0].text
        name = (
            first.split(":")[0] if ":" in first[:60] else specialisation.replace("_", " ").title()
        )
        dispatcher.utter_message(
            response="utter_answer_specialisation",
            name=name,
            passages=passage_lines(hits),
            sources=source_names(hits),
        )
    else:
        dispatcher.utter_message(
            response=f"utter_answer_{topic}",
            passages=passage_lines(hits),
            sources=source_names(hits),
        )
    return events


def parameters_from(tracker: Tracker) -> dict[str, str | None]:
    """The topic parameters named in the latest message."""
    return {
        name: entity_value(tracker, name)
        for name in ("skill_area", "study_route", "role", "specialisation", "background")
    }


class ActionAnswerTopic(Action):
    """Runs for every topic question: answers from the store's passages on that topic."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        parameters = parameters_from(tracker)
        parameters["background_text"] = entity_text(tracker, "background") or entity_text(
            tracker, "role"
        )
        return await answer_topic(dispatcher, intent, parameters)
