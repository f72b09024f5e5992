"""Slips of the keyboard are mended against the training data's own words, real words never."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from nlu_components.speller import (
    LONGEST,
    MOST_WORDS,
    Speller,
    distance,
    mend_chat_digits,
    words_of,
)

ROOT = Path(__file__).resolve().parents[2]
# "[France](country)", "[senior]{\"entity\": \"level\"}": the words annotated, as training sees.
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def _examples() -> list[str]:
    """Every NLU training example's text (Rasa's loader would pull in TensorFlow here)."""
    texts = []
    for path in [ROOT / "data" / "nlu.yml", *sorted((ROOT / "data" / "nlu").glob("*.yml"))]:
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(ANNOTATION.sub(r"\1", line.strip()[2:]))
    return texts


@pytest.fixture(scope="module")
def speller() -> Speller:
    """A speller with the vocabulary training gives it: every word of the NLU examples."""
    counts: Counter[str] = Counter()
    for text in _examples():
        counts.update(words_of(text))
    assert len(counts) > 1000
    return Speller(dict(counts))


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("how mcuh do they make", "how much do they make"),
        ("whats the typicl salry in london", "whats the typical salary in london"),
        ("what do ml enigneers do all day", "what do ml engineers do all day"),
        ("Certifcations worth it?", "Certifications worth it?"),
        ("hw do i get strated", "hw do i get started"),
        # A slip the training examples kept themselves ("ml enginer") is mended too.
        ("waht dose a mlops enginer do", "what dose a mlops engineer do"),
    ],
)
def test_a_slip_becomes_the_word_meant(speller: Speller, typed: str, meant: str) -> None:
    assert speller.mend(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        "is the dose of maths high?",  # a real word one edit from "does"
        "career changers from Toronto, is kaggle or leetcode worth it?",
        "je veux devenir ingénieur ML, quelles compétences ?",
        "I have a BSc in physics and did Andrew Ng's ML course",
        "/ask_salary",
        "you shouldn't need a phd",  # a contraction's first part is no slip
    ],
)
def test_real_words_and_names_are_left_alone(speller: Speller, text: str) -> None:
    assert speller.mend(text) == text


def test_no_word_of_the_source_pages_is_changed(speller: Speller) -> None:
    """The pages are well-spelt text about this very field: nothing in them is a slip."""
    words = {
        word
        for page in (ROOT / "knowledge" / "documents").glob("*")
        if page.is_file()
        for word in words_of(page.read_text(encoding="utf-8", errors="replace"))
    }
    assert len(words) > 1000
    assert {w: speller.correction(w) for w in words if speller.correction(w)} == {}


def test_long_strings_and_long_messages_are_bounded(speller: Speller) -> None:
    """Binary garbage or a pasted page: long runs of letters and words past the limit stay."""
    garbage = "".join(chr(c) for c in range(256)) * 3
    assert speller.mend(garbage) == garbage
    long_slip = "mcuh" + "a" * LONGEST
    assert speller.mend(long_slip) == long_slip
    words = ["fine"] * MOST_WORDS + ["mcuh"]
    assert speller.mend(" ".join(words)).endswith("mcuh")
    assert speller.mend("mcuh " + " ".join(words)).startswith("much")


def test_distance_counts_a_swap_as_one_edit() -> None:
    assert distance("mcuh", "much") == 1
    assert distance("engeneer", "engineer") == 1
    assert distance("machien", "machine") == 1
    assert distance("salry", "salary") == 1
    assert distance("abc", "xyz") == 3


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("how 2 start", "how to start"),
        ("wat skils r needed 4 mle", "wat skils r needed for mle"),
        ("top 2 skills", "top 2 skills"),  # a number stays a number
        ("i have 2 kids", "i have 2 kids"),
        ("need 2 years", "need 2 years"),
        ("3 or 4 years", "3 or 4 years"),
    ],
)
def test_a_chat_digit_is_read_as_its_word(typed: str, meant: str) -> None:
    assert mend_chat_digits(typed) == meant
