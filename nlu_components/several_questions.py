"""The Rasa component that routes a message asking several questions (see ``questions``).

A message with two or three questions ("what do they earn in the uk and what degree do i
need?"), or one question after a few lines about the person, is given the intent
``ask_several``: the answer action then answers each question in order, with what the message
says about the person as context. The channel classifies each question on its own (it has the
trained model) and passes the results in the message's metadata.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.questions import needs_splitting

SEVERAL_INTENT = "ask_several"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SeveralQuestionsDetector(GraphComponent, IntentClassifier):
    """Labels a message with several questions (or a question after context) ``ask_several``."""

    @classmethod
    def required_components(cls) -> list[type]:
        """An intent classifier must have predicted first (its ranking is kept)."""
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The intent given to such messages."""
        return {"intent": SEVERAL_INTENT}

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SeveralQuestionsDetector:
        """Nothing to train or load: the component is its configuration."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel the messages that ask several things, in place."""
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/") or not needs_splitting(text):
                continue
            chosen = {"name": self.config["intent"], "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name")]
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        return messages
