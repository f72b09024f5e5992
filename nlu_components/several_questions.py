"""The Rasa component that routes a message asking several questions (see ``questions``).

A message with two or three questions ("what do they earn in the uk and what degree do i
need?"), or one question after a few lines about the person, is given the intent
``ask_several``: the answer action then answers each question in order, with what the message
says about the person as context. The channel classifies each question on its own (it has the
trained model) and passes the results in the message's metadata.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.questions import SEVERAL_INTENT, needs_splitting
from nlu_components.relabel import RelabellingComponent, relabel


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SeveralQuestionsDetector(RelabellingComponent):
    """Labels a message with several questions (or a question after context) ``ask_several``."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The intent given to such messages."""
        return {"intent": SEVERAL_INTENT}

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel the messages that ask several things, in place."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text and not text.startswith("/") and needs_splitting(text):
                relabel(message, self.config["intent"])
        return messages
