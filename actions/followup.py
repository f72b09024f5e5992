"""Follow-ups that only change a parameter: "and in the UK?", "what about seniors?"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import slots
from actions.entities import entity_text, entity_value
from actions.salary import answer_salary
from actions.topics import SKILL_TOPICS, SUBTOPIC_OF, answer_topic, parameters_from


class ActionAnswerFollowup(Action):
    """Runs for `inform`: re-answers the current topic with the new parameter."""

    def name(self) -> str:
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        topic = tracker.get_slot(slots.TOPIC)
        country = entity_value(tracker, "country")
        level = entity_value(tracker, "level")
        parameters = parameters_from(tracker)
        parameters["background_text"] = entity_text(tracker, "background")
        salary_words = country or level
        if topic == "salary" or (salary_words and not any(parameters.values())):
            return await answer_salary(
                dispatcher,
                country or tracker.get_slot(slots.COUNTRY),
                level or tracker.get_slot(slots.LEVEL),
            )
        intent = self._intent_for(topic, parameters)
        if intent is None:
            dispatcher.utter_message(response="utter_rephrase")
            return []
        return await answer_topic(dispatcher, intent, parameters)

    @staticmethod
    def _intent_for(topic: str | None, parameters: dict[str, str | None]) -> str | None:
        """Which question the follow-up continues, given the topic and what it names."""
        if parameters.get("role") and (topic or "").startswith("compare"):
            return "compare_role"
        if parameters.get("specialisation") and topic in ("specialisations", "mlops"):
            return "ask_specialisations"
        if parameters.get("skill_area") or topic in SKILL_TOPICS or topic == "skills":
            if parameters.get("skill_area"):
                return "ask_skills"
        if parameters.get("study_route"):
            return "ask_education"
        if parameters.get("role"):
            return "compare_role"
        if parameters.get("specialisation"):
            return "ask_specialisations"
        if parameters.get("background"):
            return "ask_getting_started"
        if topic in SUBTOPIC_OF:
            return SUBTOPIC_OF[topic]
        return None
