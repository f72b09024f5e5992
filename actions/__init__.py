"""Custom actions: thin adapters between Rasa and the knowledge store (one module per feature)."""

from knowledge.lean import skip_tensorflow

# The action server never needs TensorFlow; spaCy's backend would import it (~5 s, ~500 MB).
skip_tensorflow()
