"""Is a message about work and careers? A check for the questions the classifier doubts.

The words are in ``scope.yml``; see its header for why they exist.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

SCOPE_FILE = Path(__file__).with_name("scope.yml")


@functools.lru_cache(maxsize=1)
def _employers() -> re.Pattern[str]:
    raw = yaml.safe_load(SCOPE_FILE.read_text(encoding="utf-8"))
    ordered = sorted({w.lower() for w in raw["employers"]}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def employers_named(text: str) -> list[str]:
    """Employers ``text`` names ("how much does google pay?" -> ["Google"]), in order."""
    found = [match.group(0) for match in _employers().finditer(text.lower())]
    return [
        name.upper() if len(name) <= 5 and name.endswith("ang") else name.title()
        for name in dict.fromkeys(found)
    ]


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = yaml.safe_load(SCOPE_FILE.read_text(encoding="utf-8"))

    def alternation(words: list[str], plural: str = "") -> re.Pattern[str]:
        ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
        body = "|".join(map(re.escape, ordered))
        return re.compile(r"(?<![\w-])(?:" + body + r")" + plural + r"(?![\w-])")

    # Occupations are listed in the singular: "how much do nurses get paid" names one too.
    return alternation(raw["career_words"]), alternation(raw["other_occupations"], "(?:e?s)?")


def about_career(text: str) -> bool:
    """True when ``text`` names work, hiring or the field, and no other occupation."""
    career, _ = _patterns()
    return bool(career.search(text.lower())) and not about_another_job(text)


def about_another_job(text: str) -> bool:
    """True when ``text`` names an occupation other than this one ("a dentist's salary")."""
    _, other = _patterns()
    return bool(other.search(text.lower()))
