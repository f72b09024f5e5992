"""Normalise entity text to the values the actions use, and build the spaCy entity ruler."""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from gazetteer.countries import (
    US_AFTER,
    US_BEFORE,
    city_vocabulary,
    country_code,
    country_vocabulary,
)
from gazetteer.levels import level_of

ENTITIES_FILE = Path(__file__).with_name("entities.yml")
ENTITY_NAMES = (
    "country",
    "level",
    "role",
    "specialisation",
    "skill_area",
    "study_route",
    "background",
)


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, list[str]]]:
    """Entity -> value -> phrases, from ``entities.yml``."""
    with ENTITIES_FILE.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, list[str]]] = yaml.safe_load(handle)
    return data


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip(" ?!.,;:'\"")


@functools.cache
def _phrase_index(entity: str) -> dict[str, str]:
    return {
        _key(phrase): value for value, phrases in vocabulary()[entity].items() for phrase in phrases
    }


def values_named(entity: str, text: str) -> set[str]:
    """Every value of ``entity`` that ``text`` names by one of its phrases, as whole words.

    >>> sorted(values_named("skill_area", "we need Python, Spark and AWS."))
    ['big_data', 'cloud', 'languages']
    """
    words = (word.strip(".") for word in re.findall(r"[\w+#/.-]+", text.lower()))
    padded = f" {' '.join(words)} "
    return {
        value
        for phrase, value in _phrase_index(entity).items()
        if len(phrase) > 1 and f" {phrase} " in padded
    }


def normalise(entity: str, text: str) -> str | None:
    """The normalised value of an entity mention, or None if it is not recognised.

    >>> normalise("country", "London"), normalise("role", "DS"), normalise("level", "4 years")
    ('GB', 'data_scientist', 'mid')
    """
    if not isinstance(text, str) or not text.strip():
        return None
    if entity == "country":
        return country_code(text) or _fuzzy_country(text)
    if entity == "level":
        return level_of(text)
    if entity not in vocabulary():
        return None
    index = _phrase_index(entity)
    key = _key(text)
    if key in index:
        return index[key]
    if key.rstrip("s") in index:
        return index[key.rstrip("s")]
    close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.88)
    if close:
        return index[close[0]]
    return text.strip().lower() if entity == "background" else None


def _fuzzy_country(text: str) -> str | None:
    key = _key(text)
    if len(key) < 5:
        return None
    # Country names only: the ruler reads typos of country names, never of cities, and
    # "atlantis" must not become Atlanta, United States.
    names = country_vocabulary()
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    return names[close[0]] if close else None


# How many of the most frequent English words (wordfreq) are never read as a misspelt country.
COMMON_WORDS = 50_000
# ... and French ones: people write to the bot in French ("le salaire médian" is no "indian").
COMMON_FRENCH_WORDS = 20_000

# Short names that are everyday words in lower case ("tell us", "is it"): matched only as written.
CASE_SENSITIVE = {"us": ["US", "U.S."], "it": ["IT"], "r": ["R"], "states": [], "sr": ["Sr"]}


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The tokenizer of the pipeline ``build-spacy`` saves: patterns match the NLU's tokens."""
    import spacy

    return spacy.blank("en").tokenizer


def _token_pattern(phrase: str) -> list[dict[str, Any]]:
    return [{"LOWER": token.lower_} for token in _tokenizer()(phrase)]


def _typo_patterns(name: str) -> list[list[dict[str, Any]]]:
    """One token within one or two edits of ``name``, unless it is an everyday English word.

    Edit distance alone reads "median" as "mexican", "brain" as "britain", "status" as
    "states" and "begin" as "belgian"; wordfreq's list of common words rules those out.
    """
    edits = 2 if len(name) >= 6 else 1  # "frnace" (a swap) is two edits
    # A swap of two neighbouring letters is two edits; short names ("spian") allow only one,
    # so their swaps are listed outright.
    swaps = {name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(len(name) - 1)}
    common = set(_common_words())
    fuzzy = {
        "LOWER": {
            f"FUZZY{edits}": name,
            "NOT_IN": sorted(w for w in _words_near(name, edits) if w != name),
        }
    }
    return [[fuzzy]] + [[{"LOWER": swap}] for swap in sorted(swaps - common - {name})]


@functools.cache
def _common_words() -> tuple[str, ...]:
    from wordfreq import top_n_list

    english = top_n_list("en", COMMON_WORDS)
    return tuple(dict.fromkeys([*english, *top_n_list("fr", COMMON_FRENCH_WORDS)]))


def _words_near(name: str, edits: int) -> list[str]:
    from spacy.matcher.levenshtein import levenshtein

    return [
        word
        for word in _common_words()
        if abs(len(word) - len(name)) <= edits and levenshtein(word, name, edits + 1) <= edits
    ]


def ruler_patterns() -> list[dict[str, Any]]:
    """Patterns for spaCy's ``entity_ruler``: one label per entity, ``id`` = normalised value.

    Countries and cities come from the gazetteer packages (typo-tolerant for long names); the
    other entities from ``entities.yml``; levels also from spans such as "4 years of experience".
    """
    patterns: list[dict[str, Any]] = []
    popular = set(
        yaml.safe_load((Path(__file__).with_name("aliases.yml")).read_text())["country_aliases"]
    )

    def add(label: str, phrase: str, value: str) -> None:
        if phrase in CASE_SENSITIVE:
            for written in CASE_SENSITIVE[phrase]:
                patterns.append({"label": label, "pattern": [{"ORTH": written}], "id": value})
        else:
            patterns.append({"label": label, "pattern": _token_pattern(phrase), "id": value})

    # "us" alone is a pronoun; after "the" it is the country ("salaries in the us"), and so
    # after "in" or a pay word ("how much in us", "mle salary us").
    for second in ("states", "us", "usa"):
        patterns.append(
            {"label": "country", "pattern": [{"LOWER": "the"}, {"LOWER": second}], "id": "US"}
        )
    patterns.append(
        {
            "label": "country",
            "pattern": [
                {"LOWER": {"IN": list(US_BEFORE)}},
                {"LOWER": "us", "IS_SENT_START": False},
            ],
            "id": "US",
        }
    )
    # ... and before a pay or market word ("us salary for a junior?", "what are us rates like").
    patterns.append(
        {
            "label": "country",
            "pattern": [{"LOWER": "us"}, {"LOWER": {"IN": list(US_AFTER)}}],
            "id": "US",
        }
    )
    for name, code in {**city_vocabulary(), **country_vocabulary()}.items():
        add("country", name, code)
    # Typo tolerance ("frnace", "germny") only for long names of the countries people ask about.
    for name, code in country_vocabulary().items():
        if code in popular and " " not in name and len(name) >= 5 and name not in CASE_SENSITIVE:
            patterns.extend(
                {"label": "country", "pattern": pattern, "id": code}
                for pattern in _typo_patterns(name)
            )
    for entity, values in vocabulary().items():
        for value, phrases in values.items():
            for phrase in phrases:
                add(entity, phrase, value)
    years = {"LOWER": {"IN": ["year", "years", "yr", "yrs", "y", "yoe", "ans"]}}
    number = {"LIKE_NUM": True}
    for pattern in (
        [number, years],
        [number, {"ORTH": "+"}, years],
        [number, {"LOWER": "plus"}, years],
        [number, {"ORTH": {"IN": ["-", "–"]}}, number, years],
        [number, {"LOWER": "to"}, number, years],
        [number, years, {"LOWER": "of"}, {"LOWER": {"IN": ["experience", "exp"]}}],
        [number, {"ORTH": "+"}, years, {"LOWER": "of"}, {"LOWER": {"IN": ["experience", "exp"]}}],
        # "5 years or more", "5 ans ou plus": open-ended, as "5+ years" is
        [number, years, {"LOWER": {"IN": ["or", "ou"]}}, {"LOWER": {"IN": ["more", "plus"]}}],
        # "more than 5 years", "plus de 5 ans", "over 10 years", "at least 6 years"
        [{"LOWER": "more"}, {"LOWER": "than"}, number, years],
        [{"LOWER": "plus"}, {"LOWER": "de"}, number, years],
        [{"LOWER": {"IN": ["over", "beyond"]}}, number, years],
        [{"LOWER": {"IN": ["at", "au"]}}, {"LOWER": {"IN": ["least", "moins"]}}, number, years],
    ):
        patterns.append({"label": "level", "pattern": pattern})
    level_words = {
        "junior": [
            "junior",
            "juniors",
            "entry level",
            "entry-level",
            "entry",
            "graduate",
            "graduates",
            "grad",
            "grads",
            "fresh grad",
            "new grad",
            "beginner",
            "beginners",
            "intern",
            "interns",
            "fresher",
            "freshers",
            "starting out",
            "just starting",
            "just starting out",
            "at the start",
            "someone starting",
            "starting salary",
            "start of my career",
            "start of their career",
            "first job",
            # "what does she earn in the first year"
            "the first year",
            "her first year",
            "his first year",
            "their first year",
            "my first year",
            "your first year",
            "trainee",
            "fresh out of uni",
            "fresh out of university",
            "fresh out of college",
            "fresh out of school",
            "straight out of uni",
            "straight out of university",
            "straight out of college",
            "just graduated",
            "recent graduate",
            "recent grad",
            # French, for questions written in French
            "débutant",
            "débutants",
            "jeune diplômé",
            "jeunes diplômés",
            "début de carrière",
            "en début de carrière",
            "premier emploi",
            "sortie d'école",
            "en sortant d'école",
            "sortant d'école",
            "sortant de l'école",
            "sortie d'ecole",
            "sortie d'études",
        ],
        "mid": [
            "mid",
            "mid level",
            "mid-level",
            "midlevel",
            "intermediate",
            "intermédiaire",
            "milieu de carrière",
            "en milieu de carrière",
            "intermediaire",
            "intermédiaires",
            "medior",
            "mid career",
            "mid-career",
            "confirmé",
            "confirmés",
            "confirmée",
            "a few years of experience",
            "a few years behind her",
            "a few years behind him",
            "a few years behind me",
            "quelques années",
            "quelques annees",
            "quelques années d'expérience",
            "quelques annees d'experience",
        ],
        # Not "lead" alone: "where does this job lead" is a verb.
        "senior": [
            "senior",
            "seniors",
            "snr",
            "sr",
            "expert",
            "experts",
            "tech lead",
            "team lead",
            "lead engineer",
            "lead engineers",
            "leads",  # "and for leads?"; "lead" alone is also a verb
            "lead level",
            "lead role",
            "staff",
            "principal",
            "senior level",
            "senior-level",
            "experienced",
            "expérimenté",
            "expérimentés",
        ],
    }
    for value, phrases in level_words.items():
        for phrase in phrases:
            add("level", phrase, value)
    return patterns
