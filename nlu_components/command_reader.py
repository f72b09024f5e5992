"""The Rasa component around ``nlu_components.commands``: "tldr", "go on" read by their words."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.commands import command_intent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandReader(GraphComponent, IntentClassifier):
    """Gives ``ask_more`` / ``ask_shorter`` to a message made of such a command only."""

    @classmethod
    def required_components(cls) -> list[type]:
        """An intent classifier must have predicted first (its ranking is kept)."""
        return [IntentClassifier]

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CommandReader:
        """Nothing to train or load: the lexicon is ``commands.yml``."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel the command messages, in place."""
        for message in messages:
            intent = command_intent(message.get(TEXT) or "")
            if intent is None:
                continue
            chosen = {"name": intent, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        return messages
