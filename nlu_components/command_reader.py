"""The Rasa component around ``nlu_components.commands``: "tldr", "go on" read by their words."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.commands import command_intent
from nlu_components.relabel import RelabellingComponent, relabel


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandReader(RelabellingComponent):
    """Gives ``ask_more`` / ``ask_shorter`` to a message made of such a command only."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel the command messages, in place."""
        for message in messages:
            intent = command_intent(message.get(TEXT) or "")
            if intent is not None:
                relabel(message, intent)
        return messages
