"""Is a message about work and careers? A check for the questions the classifier doubts.

The words are in ``scope.yml``; see its header for why they exist.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from knowledge.compose import subject_phrases
from nlu_components.questions import split_message

SCOPE_FILE = Path(__file__).with_name("scope.yml")


def _alternation(words: list[str], plural: str = "") -> re.Pattern[str]:
    """Any of ``words``, whole and lower-case, longest first."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(map(re.escape, ordered))
    return re.compile(r"(?<![\w-])(?:" + body + r")" + plural + r"(?![\w-])")


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Career words, other occupations and employers, read once from ``scope.yml``."""
    raw = yaml.safe_load(SCOPE_FILE.read_text(encoding="utf-8"))
    # Occupations are listed in the singular: "how much do nurses get paid" names one too.
    return (
        _alternation(raw["career_words"]),
        _alternation(raw["other_occupations"], "(?:e?s)?"),
        _alternation(raw["employers"]),
    )


def employers_named(text: str) -> list[str]:
    """Employers ``text`` names ("how much does google pay?" -> ["Google"]), in order."""
    found = [match.group(0) for match in _patterns()[2].finditer(text.lower())]
    return [
        name.upper() if len(name) <= 5 and name.endswith("ang") else name.title()
        for name in dict.fromkeys(found)
    ]


def about_career(text: str) -> bool:
    """True when ``text`` names work, hiring or the field, and no other occupation.

    A subject of working life in several words ("parental leave", "work-life balance", see
    ``knowledge/rules/subjects.yml``) is about work too: a question about it gets an honest
    "my sources don't cover", not "I only cover this career".
    """
    career = _patterns()[0]
    named = bool(career.search(text.lower())) or bool(subject_phrases(text))
    return named and not about_another_job(text)


def about_another_job(text: str) -> bool:
    """True when ``text`` names an occupation other than this one ("a dentist's salary")."""
    return occupation_named(text) is not None


def occupation_named(text: str) -> str | None:
    """The first occupation other than this one that ``text`` names ("i'm a nurse" -> nurse)."""
    match = _patterns()[1].search(text.lower())
    return match.group(0) if match else None


def the_question_asked(text: str) -> str:
    """The one question of ``text`` without what the person says around it (if not about work).

    "whats the daily routine like? mine involves a lot of felt and glue", "is calculus in there
    too? dreading it": glue and dread are no subject the sources should cover. "got my first ml
    engineer interview next week, what do they usually test" needs the sentence before.
    """
    parts = split_message(text)
    if (
        len(parts.questions) == 1
        and parts.statements
        and not any(about_career(statement) for statement in parts.statements)
    ):
        return parts.questions[0]
    return text
