"""Mend slips of the keyboard before the NLU reads a message ("how mcuh do they make").

Tried as new users type, a slip in a short everyday word turned a pay question into a refusal:
"how mcuh does a senior earn" was out of scope at 0.71, "how much does a senior earn" pay.
Character n-grams absorb a slip in a long word, not in "much" or "what". This component
rewrites a word the training data never uses and no English or French word list knows
("mcuh", "waht", "typicl") into the training vocabulary's word one edit away (a letter left
out, added, changed or two swapped; two edits for long words), the most frequent one when
several are. Real words ("dose", "Toronto", "kaggle" when it is known) are never touched.

The vocabulary is the training data's own, kept with the model; training messages are left as
they are (every word of theirs is in it by construction).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.speller import Speller, words_of

VOCABULARY_FILE = "vocabulary.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class SpellingMender(GraphComponent):
    """Rewrites slips in a message's text before tokenization (see the module docstring)."""

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, counts: dict[str, int]
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._speller = Speller(counts)
        self._speller.warm()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpellingMender:
        """A mender with no vocabulary yet (training gives it one)."""
        return cls(model_storage, resource, {})

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SpellingMender:
        """The mender with the vocabulary kept with the model."""
        try:
            with model_storage.read_from(resource) as directory:
                counts = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            counts = {}
        return cls(model_storage, resource, counts)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the vocabulary: every word of the training examples, with its count."""
        counts: Counter[str] = Counter()
        for example in training_data.training_examples:
            counts.update(words_of(str(example.get(TEXT) or "")))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(dict(counts)), encoding="utf-8")
        self._speller = Speller(dict(counts))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples stay as written."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Mend each message's text in place."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text and not text.startswith("/"):
                message.set(TEXT, self._speller.mend(text))
        return messages
