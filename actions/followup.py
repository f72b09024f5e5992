"""Follow-ups that only change a parameter: "and in the UK?", "what about seniors?"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import slots
from actions.entities import entity_text, entity_value
from actions.salary import answer_salary
from actions.topics import TOPIC_INTENTS, answer_topic, parameters_from


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
        has_parameter = any(v for k, v in parameters.items() if k != "background_text")
        # A country only ever qualifies salaries; a level qualifies salaries unless the
        # conversation is on another topic ("career path" -> "and for seniors?").
        on_other_topic = topic not in (None, "salary") and topic in TOPIC_INTENTS
        if topic == "salary" or country or (level and not has_parameter and not on_other_topic):
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
        return TOPIC_INTENTS.get(topic)
