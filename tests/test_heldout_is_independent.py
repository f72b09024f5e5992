"""The evaluation sets are never used for training, not even as near copies.

``evaluation/sets/heldout.yml`` is the main set; ``evaluation/sets/blind.yml`` was written later, after the
training data was frozen, by someone who never saw the training data or the main set;
``evaluation/sets/conversations.yml`` (multi-turn conversations as people have them) was written the
same way, from the documents alone, and so was ``evaluation/sets/conversations_fresh.yml`` later.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import yaml

from evaluation.heldout import (
    BLIND_PATH,
    CONVERSATIONS_PATH,
    EVALUATION_SETS,
    HELDOUT_PATH,
    Turn,
    all_turns,
    load,
)

ROOT = Path(__file__).resolve().parent.parent

# Two messages this similar (difflib ratio) differ by little more than an emoji, a filler word
# or one typo ("walk me through a typical day" vs "... 🙂"): training on one would score the
# other on memory, not on understanding.
NEAR_COPY_RATIO = 0.9


def _normalise(text: str) -> str:
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).lower().strip(" ?!.")


@functools.cache
def _turns(path: Path) -> list[Turn]:
    return all_turns(load(path))


def _held_out() -> set[str]:
    return {_normalise(t.text) for path in EVALUATION_SETS for t in _turns(path)}


def _training() -> set[str]:
    training: set[str] = set()
    for path in [ROOT / "data/nlu.yml", *sorted((ROOT / "data/nlu").glob("*.yml"))]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            training |= {
                _normalise(line.strip()[2:])
                for line in item.get("examples", "").splitlines()
                if line.strip()
            }
    return training


def test_the_evaluation_sets_are_large_enough() -> None:
    assert len(_turns(HELDOUT_PATH)) >= 200
    assert len(_turns(BLIND_PATH)) >= 130
    assert len(_turns(CONVERSATIONS_PATH)) >= 150


def test_no_held_out_message_is_a_training_example() -> None:
    assert _held_out() & _training() == set()


def test_no_training_example_is_a_near_copy_of_a_held_out_message() -> None:
    held = sorted(_held_out())
    near_copies = []
    for example in sorted(_training()):
        matcher = difflib.SequenceMatcher(None, "", example)
        for message in held:
            matcher.set_seq1(message)
            if matcher.real_quick_ratio() >= NEAR_COPY_RATIO and (
                matcher.quick_ratio() >= NEAR_COPY_RATIO and matcher.ratio() >= NEAR_COPY_RATIO
            ):
                near_copies.append(f"{example!r} ~ held-out {message!r}")
    assert near_copies == []
