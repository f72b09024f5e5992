"""Keep spaCy's ML backend from importing TensorFlow in processes that never need it.

thinc (spaCy's ML library) imports TensorFlow whenever it is installed, and Rasa installs it:
about 5 s and hundreds of MB per process, for nothing, since the rule-based spaCy parts used by
the knowledge store never touch it. Entry points that do not also load Rasa's own models call
``skip_tensorflow()`` before anything imports spaCy.
"""

import sys


def skip_tensorflow() -> None:
    """Make ``import tensorflow`` fail fast in this process, unless it is already loaded."""
    if "tensorflow" not in sys.modules:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]
