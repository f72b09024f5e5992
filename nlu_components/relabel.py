"""What the pipeline's relabelling components share.

Each runs after the classifier, reads a parsed message and may give it another intent, keeping
the classifier's ranking below it. Nothing to train or persist.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


class RelabellingComponent(GraphComponent, IntentClassifier):
    """A component that runs after the classifier and may relabel a message's intent."""

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
    ) -> RelabellingComponent:
        """Nothing to train or load: the component is its configuration and its rules."""
        return cls(config)


def relabel(message: Message, intent: str, confidence: float = 1.0) -> None:
    """Give ``message`` the ``intent``, first in its ranking, the classifier's others after."""
    chosen = {"name": intent, "confidence": confidence}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
