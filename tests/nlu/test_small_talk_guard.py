"""A narrow greeting/thanks that names a career entity is read as a follow-up (``inform``)."""

from __future__ import annotations

import glob
from typing import Any

import pytest
import yaml

from nlu_components.follow_up import DEFAULTS, follow_up_reading
from nlu_components.small_talk_words import settled_intent


def _message(
    intent: str,
    confidence: float,
    entities: list[str],
    inform: float = 0.1,
    text: str = "hello from there",
) -> dict[str, Any]:
    ranking = [
        {"name": intent, "confidence": confidence},
        {"name": "inform", "confidence": inform},
        {"name": "ask_salary", "confidence": 0.05},
    ]
    data: dict[str, Any] = {
        "text": text,
        "intent": ranking[0],
        "intent_ranking": ranking,
        "entities": [{"entity": e, "value": "x", "start": 0, "end": 1} for e in entities],
    }
    return data


def _process(data: dict[str, Any]) -> dict[str, Any]:
    """The parsed message as the pipeline component leaves it."""
    reading = follow_up_reading(data, DEFAULTS)
    if reading is not None:
        data["intent"], data["intent_ranking"] = reading
    return data


@pytest.mark.parametrize(
    ("intent", "entity"), [("greet", "country"), ("thank", "background"), ("goodbye", "level")]
)
def test_narrow_small_talk_with_a_career_entity_becomes_inform(intent: str, entity: str) -> None:
    message = _process(_message(intent, 0.3, [entity], inform=0.2))
    assert message["intent"] == {"name": "inform", "confidence": 0.3}
    names = [r["name"] for r in message["intent_ranking"]]
    assert names[0] == "inform" and names.count("inform") == 1 and intent in names


def test_the_follow_up_is_never_scored_below_the_small_talk_it_replaces() -> None:
    assert _process(_message("greet", 0.35, ["country"], inform=0.34))["intent"] == {
        "name": "inform",
        "confidence": 0.35,
    }


@pytest.mark.parametrize(
    ("intent", "confidence", "entities"),
    [
        ("greet", 0.9, ["country"]),  # "hello from London!" — sure it is a greeting
        ("greet", 0.3, []),  # no entity: nothing to follow up on
        ("ask_salary", 0.3, ["country"]),  # not small talk
        ("out_of_scope", 0.3, ["country"]),  # "how much does a nurse earn in France"
    ],
)
def test_everything_else_is_left_alone(intent: str, confidence: float, entities: list[str]) -> None:
    message = _process(_message(intent, confidence, entities))
    assert message["intent"] == {"name": intent, "confidence": confidence}


def test_a_confident_goodbye_without_a_goodbye_word_is_a_place() -> None:
    """Read as goodbye (0.75) for its "ok … then", "ok frnace then" names a country."""
    message = _process(_message("goodbye", 0.75, ["country"], text="ok frnace then"))
    assert message["intent"]["name"] == "inform"
    kept = _process(_message("goodbye", 0.75, ["country"], text="bye from paris"))
    assert kept["intent"]["name"] == "goodbye"


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        ("merci, au revoir", "thank", "goodbye"),  # the farewell word ends the conversation
        ("thanks, bye", "thank", "goodbye"),
        ("cool thx", "goodbye", "thank"),  # thanks without leaving
        ("thanks!", "thank", "thank"),
        ("bye", "goodbye", "goodbye"),
        ("what about later in my career", "ask_career_path", None),  # not small talk at all
        ("sounds boring ngl", "greet", "nlu_fallback"),  # a greeting needs a word that greets
        ("hey there", "greet", None),
        ("une journée type ça ressemble à quoi", "goodbye", "nlu_fallback"),
        ("that really helped", "thank", "thank"),
        ("i'm logging off", "goodbye", "goodbye"),
        ("/greet", "greet", None),  # the widget's first message
        # a challenge names the bot, a person or talking to one
        ("ok but are companies actually hiring right now", "bot_challenge", "nlu_fallback"),
        ("who am i talking to", "bot_challenge", None),
        ("r u human", "bot_challenge", None),
    ],
)
def test_small_talk_is_settled_by_its_words(
    text: str, classified: str, expected: str | None
) -> None:
    assert settled_intent(text, classified) == expected


def test_every_greeting_the_model_learns_has_a_word_that_greets() -> None:
    greetings = [
        line.strip()[2:]
        for path in glob.glob("data/**/*.yml", recursive=True)
        for item in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("nlu") or []
        if item.get("intent") == "greet"
        for line in item["examples"].splitlines()
        if line.strip()
    ]
    assert greetings
    assert [g for g in greetings if settled_intent(g, "greet") is not None] == []


def test_every_thanks_and_farewell_the_model_learns_has_its_word() -> None:
    examples = [
        (item["intent"], line.strip()[2:])
        for path in glob.glob("data/**/*.yml", recursive=True)
        for item in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("nlu") or []
        if item.get("intent") in ("thank", "goodbye")
        for line in item["examples"].splitlines()
        if line.strip()
    ]
    assert examples
    assert [e for e in examples if settled_intent(e[1], e[0]) == "nlu_fallback"] == []


def test_every_challenge_the_model_learns_names_the_bot_or_a_person() -> None:
    challenges = [
        line.strip()[2:]
        for path in glob.glob("data/**/*.yml", recursive=True)
        for item in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("nlu") or []
        if item.get("intent") == "bot_challenge"
        for line in item["examples"].splitlines()
        if line.strip()
    ]
    assert challenges
    assert [c for c in challenges if settled_intent(c, "bot_challenge") is not None] == []
