"""Map wording of seniority ("entry-level", "4 years of experience", "seniors") to a level."""

from __future__ import annotations

import re

LEVELS = ("junior", "mid", "senior", "lead")
"""Levels a figure can be stated for; ``lead`` covers lead, staff and principal."""
ASKED_LEVELS = ("junior", "mid", "senior")
"""Levels a person's words are read as: "tech lead" or "staff" asked about is ``senior``."""
LEVEL_NAMES = {
    "junior": "Junior / entry level",
    "mid": "Mid-level",
    "senior": "Senior",
    "lead": "Lead / staff / principal",
}
"""Each level said plainly, as answers label figures."""

_KEYWORDS: tuple[tuple[str, str], ...] = (
    (
        r"\b(junior|juniors|entry|graduate|graduates|grad|grads|beginner|beginners|newbie|intern"
        r"|trainees?|freshers?|starting|starter|first job|débutants?|jeunes? diplômés?"
        r"|début de carrière|premier emploi|sortie d'(é|e)cole|sortie d'études|at the start"
        # "il gagnerait combien en sortant d'école ?"
        r"|sortant d'(é|e)cole|sortant de l'(é|e)cole|sortant d'études"
        r"|start of (my|their|your|a) career|(fresh|straight) out of (uni|university|college"
        r"|school)|just graduated|recent grad"
        # "what does she earn in the first year"
        r"|(in )?(the|her|his|their|my|your) first years?( of work| on the job| in the job)?)\b",
        "junior",
    ),
    (
        # "after a few years", "et après quelques années d'expérience ?"
        r"\b(mid|middle|intermediate|interm[ée]diaires?|medior|confirmée?s?|milieu de carri[èe]re"
        r"|a few years of experience|quelques ann[ée]es"
        # "and once she has a few years behind her?"
        r"|a (few|couple of) years (behind|under) (her|him|me|them|you)( belt)?)\b",
        "mid",
    ),
    (
        r"\b(senior|seniors|snr|sr|expert|experts|tech lead|team lead|lead engineers?|leads|staff"
        r"|principal|veteran|experienced|expérimentés?)\b",
        "senior",
    ),
)
_YEARS = re.compile(
    # "more than 5 years", "plus de 5 ans": open-ended too
    r"(\b(?:more than|over|at least|plus de|au moins)\s+)?"
    r"(\d+(?:\.\d+)?)\s*(\+|plus)?\s*(?:-|to|–|à)?\s*(\d+)?\s*(?:years?|yrs?|y|ans)\b"
    # "5 years or more", "5 ans d'expérience ou plus"
    r"(?:\s+(?:of experience|d'exp\w*))?(\s+(?:or more|ou plus|and up|or above))?",
    re.I,
)
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
}


def level_from_years(years: float, open_ended: bool = False) -> str:
    """0-2 years -> junior, 3-5 -> mid, more than 5 (or "5+") -> senior."""
    if open_ended and years >= 5:
        return "senior"
    if years <= 2:
        return "junior"
    if years <= 5:
        return "mid"
    return "senior"


def level_of(text: str) -> str | None:
    """The level a phrase describes, or None.

    >>> level_of("Entry-Level (0-2 years)"), level_of("4 years of experience"), level_of("seniors")
    ('junior', 'mid', 'senior')
    """
    lowered = text.lower()
    for word, number in WORD_NUMBERS.items():
        lowered = re.sub(rf"\b{word}\s+(years?|yrs?)\b", f"{number} years", lowered)
    match = _YEARS.search(lowered)
    if match:
        low = float(match.group(2))
        high = float(match.group(4)) if match.group(4) else None
        if high is not None:
            # A stated band such as "0-2 years": its upper end decides.
            return level_from_years(high)
        open_ended = bool(match.group(1) or match.group(3) or match.group(5))
        return level_from_years(low, open_ended=open_ended)
    for pattern, level in _KEYWORDS:
        if re.search(pattern, lowered):
            return level
    return None


def level_in_words(text: str) -> str | None:
    """The level ``text`` names in words ("entry-level", "seniors"); years alone name none."""
    lowered = text.lower()
    for pattern, level in _KEYWORDS:
        if re.search(pattern, lowered):
            return level
    return None
