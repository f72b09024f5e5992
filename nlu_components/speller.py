"""Mend slips of the keyboard against a vocabulary (the pure part of ``nlu_components.spelling``).

Kept free of Rasa so that the tests and tools can use it without loading TensorFlow.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from itertools import combinations

WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
# Words shorter than this are left alone: too many short words are one edit from another.
SHORTEST = 4
# From this length a word may be two edits away ("engeneer" → "engineer").
TWO_EDITS_FROM = 8
# Longer "words" are names, codes or garbage: never corrected (and never costly to look at).
LONGEST = 20
# At most this many words of one message are looked at (a pasted page stays cheap).
MOST_WORDS = 200
# A word this common in English or French text (wordfreq's Zipf scale) is a real word.
REAL_WORD_ZIPF = 2.5
# A word the training examples use this rarely, and no real word, may be a slip they kept
# ("enginer"); it is mended towards a real word they use this many times more often.
RARE_IN_TRAINING = 10
OUTNUMBERED = 50


def words_of(text: str) -> list[str]:
    """The lower-case words of ``text``."""
    return [word.lower() for word in WORD.findall(text)]


def deletions(word: str, most: int = 2) -> set[str]:
    """``word`` with up to ``most`` letters left out (itself included)."""
    found = {word}
    for count in range(1, most + 1):
        for gone in combinations(range(len(word)), count):
            found.add("".join(c for i, c in enumerate(word) if i not in gone))
    return found


def distance(first: str, second: str) -> int:
    """Edits (deletion, insertion, replacement, swap of neighbours) from one word to the other."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=50_000)
def is_real_word(word: str) -> bool:
    """True for a word found in everyday English or French text."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr")) >= REAL_WORD_ZIPF


class Speller:
    """Corrects words against a vocabulary of known words and their counts."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def warm(self) -> None:
        """Build the lookup index now (about half a second) rather than on the first message."""
        self._by_deletion  # noqa: B018 (a cached property, built on first access)

    @cached_property
    def _by_deletion(self) -> dict[str, set[str]]:
        """Known words by every form with up to two letters left out (found in a few lookups)."""
        index: dict[str, set[str]] = {}
        for known in self.counts:
            if SHORTEST <= len(known) <= LONGEST:
                for form in deletions(known):
                    index.setdefault(form, set()).add(known)
        return index

    def correction(self, word: str) -> str | None:
        """The known word ``word`` was meant to be, or None to leave it as it is."""
        lower = word.lower()
        if not SHORTEST <= len(lower) <= LONGEST:
            return None
        seen = self.counts.get(lower, 0)
        if seen > RARE_IN_TRAINING or is_real_word(lower):
            return None
        most = 2 if len(lower) >= TWO_EDITS_FROM else 1
        near = {
            known for form in deletions(lower, most) for known in self._by_deletion.get(form, ())
        }
        edits = {known: distance(lower, known) for known in near}
        candidates = [known for known, count in edits.items() if count <= most and known != lower]
        if seen:
            # A slip the training data itself has ("ml enginer"): mended only one edit towards
            # a real word it uses far more, so the entities and the rest of the pipeline see
            # that word.
            candidates = [
                known
                for known in candidates
                if edits[known] == 1
                and self.counts[known] >= OUTNUMBERED * seen
                and is_real_word(known)
            ]
        if not candidates:
            return None
        # The fewest edits first, then the word the training data uses most.
        best = max(candidates, key=lambda c: (-edits[c], self.counts[c], c))
        return best.capitalize() if word[:1].isupper() else best

    def mend(self, text: str) -> str:
        """``text`` with each slip replaced by the word it was meant to be."""
        text = mend_chat_digits(text)
        looked_at = 0

        def replace(match: re.Match[str]) -> str:
            nonlocal looked_at
            looked_at += 1
            after = match.string[match.end() : match.end() + 1]
            if looked_at > MOST_WORDS or (after and after in "'’"):
                return match.group(0)  # ... or a contraction's first part ("shouldn't")
            return self.correction(match.group(0)) or match.group(0)

        return WORD.sub(replace, text)


# "how 2 start", "skills needed 4 mle": a digit written for a word ("top 2 skills" keeps its 2).
TWO_FOR_TO = re.compile(
    r"\b(how|want|wanna|need|needs|going|where|what|like|hard|easy|due|up|back"
    r"|next|move|switch|transition|pivot|able|time|way|ways|chance|try|learn)\s+2\s+(?=[a-z])"
    r"(?!(years?|months?|weeks?|days?|hours?|kids|children|things|more|or|and|of|jobs?|degrees?"
    r"|people|times?|ways?|languages?|courses?)\b)",
    re.I,
)
FOUR_FOR_FOR = re.compile(
    r"(?<=[a-z])\s+4\s+(?=(a|an|the|me|us|u|mle|mles|ml|juniors?|seniors?|beginners?|someone"
    r"|people|freshers?|grads?|newbies?|this|that|it)\b)",
    re.I,
)


def mend_chat_digits(text: str) -> str:
    """``text`` with a chat digit read as its word ("how 2 start" is "how to start")."""
    text = TWO_FOR_TO.sub(lambda m: f"{m.group(1)} to ", text)
    return FOUR_FOR_FOR.sub(" for ", text)
