"""Mend slips of the keyboard against a vocabulary (the pure part of ``nlu_components.spelling``).

Kept free of Rasa so that the tests and tools can use it without loading TensorFlow.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
LETTERS = "abcdefghijklmnopqrstuvwxyzéèàçùêô"
# Words shorter than this are left alone: too many short words are one edit from another.
SHORTEST = 4
# From this length a word may be two edits away ("engeneer" → "engineer").
TWO_EDITS_FROM = 8
# A word this common in English or French text (wordfreq's Zipf scale) is a real word.
REAL_WORD_ZIPF = 2.5


def words_of(text: str) -> list[str]:
    """The lower-case words of ``text``."""
    return [word.lower() for word in WORD.findall(text)]


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [left + right[1:] for left, right in splits if right]
    swaps = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
    replaces = [left + c + right[1:] for left, right in splits if right for c in LETTERS]
    inserts = [left + c + right for left, right in splits for c in LETTERS]
    return set(deletes + swaps + replaces + inserts)


@lru_cache(maxsize=50_000)
def is_real_word(word: str) -> bool:
    """True for a word found in everyday English or French text."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr")) >= REAL_WORD_ZIPF


class Speller:
    """Corrects words against a vocabulary of known words and their counts."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def correction(self, word: str) -> str | None:
        """The known word ``word`` was meant to be, or None to leave it as it is."""
        lower = word.lower()
        if len(lower) < SHORTEST or lower in self.counts or is_real_word(lower):
            return None
        near = edits1(lower)
        candidates = near & self.counts.keys()
        if not candidates and len(lower) >= TWO_EDITS_FROM:
            candidates = {e2 for e1 in near for e2 in edits1(e1)} & self.counts.keys()
        if not candidates:
            return None
        best = max(candidates, key=lambda c: (self.counts[c], c))
        return best.capitalize() if word[:1].isupper() else best

    def mend(self, text: str) -> str:
        """``text`` with each slip replaced by the word it was meant to be."""

        def replace(match: re.Match[str]) -> str:
            return self.correction(match.group(0)) or match.group(0)

        return WORD.sub(replace, text)
