"""The Rasa component around ``nlu_components.follow_up`` (see there for why)."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu_components.follow_up import DEFAULTS, follow_up_reading
from nlu_components.relabel import RelabellingComponent, relabel
from nlu_components.small_talk_words import settled_intent

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SmallTalkEntityGuard(RelabellingComponent):
    """Turns a low-confidence small-talk prediction with a career entity into ``inform``.

    Also settles thanks against goodbye by their words (``nlu_components.small_talk_words``).
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Which intents count as small talk, which entities as career ones, the threshold."""
        return dict(DEFAULTS)

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel the follow-ups read as small talk, in place."""
        for message in messages:
            intent_name = (message.get(INTENT) or {}).get("name")
            settled = settled_intent(str(message.get("text") or ""), intent_name)
            if settled is not None and settled != intent_name:
                relabel(message, settled)
                continue
            reading = follow_up_reading(message.data, self.config)
            if reading is not None:
                intent, ranking = reading
                logger.debug("Reading %r as %s", message.get("text"), intent["name"])
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
