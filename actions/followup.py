"""Follow-ups that only change a parameter: "and in the UK?", "what about seniors?"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import slots
from actions.entities import entity_text, entity_value
from actions.salary import answer_salary
from actions.topics import SUBTOPIC_OF, answer_topic, parameters_from


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
        topic = topic or ""
        if topic.startswith("compare") and parameters.get("role"):
            return "compare_role"
        if topic in ("specialisations", "mlops") and parameters.get("specialisation"):
            return "ask_specialisations"
        for parameter, intent in (
            ("skill_area", "ask_skills"),
            ("study_route", "ask_education"),
            ("specialisation", "ask_specialisations"),
            ("background", "ask_getting_started"),
            ("role", "compare_role"),
        ):
            if parameters.get(parameter):
                return intent
        return SUBTOPIC_OF.get(topic)
