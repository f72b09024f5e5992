"""One vocabulary, one truth: what several layers name is named once or tied to domain.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from channels.guard import PUBLIC_ENTITIES, PUBLIC_INTENTS

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
# "/ask_salary{"country": "FR"}": what a button (or the widget) sends for the person.
SHORTCUT = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?$")
INTERNAL_INTENTS = {"ask_several", "nlu_fallback", "restart", "session_start", "out_of_scope"}


def test_levels_are_named_in_one_place() -> None:
    """The store, the answers and the reading of a message use the gazetteer's levels."""
    from actions.formatting import LEVEL_NAMES
    from gazetteer.levels import ASKED_LEVELS, LEVELS, level_of
    from knowledge.records import LEVELS as STORED_LEVELS

    assert STORED_LEVELS is LEVELS
    assert set(LEVEL_NAMES) == {*LEVELS, None}
    assert set(ASKED_LEVELS) < set(LEVELS)
    assert {level_of(LEVEL_NAMES[level]) for level in ASKED_LEVELS} == set(ASKED_LEVELS)


def _domain_payloads(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["payload"]] if isinstance(node.get("payload"), str) else []
        return found + [p for value in node.values() for p in _domain_payloads(value)]
    if isinstance(node, list):
        return [p for value in node for p in _domain_payloads(value)]
    return []


def _payloads() -> list[re.Match[str]]:
    """Every payload the bot's buttons and the widget send, read as Rasa reads a shortcut."""
    sent = _domain_payloads(DOMAIN["responses"])
    for path in (ROOT / "actions").glob("*.py"):
        sent += re.findall(r"\"payload\": f?'(/[^']*)'", path.read_text(encoding="utf-8"))
    widget = (ROOT / "web" / "public" / "widget.js").read_text(encoding="utf-8")
    sent += re.findall(r"(?:emitMessage\(|message: )\"(/[^\"]*)\"", widget)
    matches = [SHORTCUT.match(payload.replace("{{", "{").replace("}}", "}")) for payload in sent]
    assert all(matches), [p for p, m in zip(sent, matches, strict=True) if not m]
    return [m for m in matches if m]


def test_every_intent_a_button_sends_passes_the_guard() -> None:
    sent = {match["intent"] for match in _payloads()}
    assert "greet" in sent, "the widget's greeting was not found: the pattern no longer matches"
    assert sent <= PUBLIC_INTENTS, sent - PUBLIC_INTENTS


def test_every_entity_a_button_sets_passes_the_guard() -> None:
    keys = {
        key for m in _payloads() if m["entities"] for key in re.findall(r'"(\w+)":', m["entities"])
    }
    assert keys <= PUBLIC_ENTITIES, keys - PUBLIC_ENTITIES


def test_the_public_intents_are_the_domains_and_none_internal() -> None:
    assert PUBLIC_INTENTS <= set(DOMAIN["intents"]), PUBLIC_INTENTS - set(DOMAIN["intents"])
    assert not PUBLIC_INTENTS & INTERNAL_INTENTS
    assert PUBLIC_ENTITIES <= set(DOMAIN["entities"])


def test_a_few_years_of_experience_is_mid_level_in_english_and_french() -> None:
    from gazetteer.levels import level_of

    assert level_of("and after a few years of experience?") == "mid"
    assert level_of("et après quelques années d'expérience ?") == "mid"


def test_freshers_and_trainees_are_juniors() -> None:
    from gazetteer.levels import level_of

    assert level_of("and for freshers in the us?") == "junior"
    assert level_of("what do trainees earn") == "junior"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("et avec 5 ans d'expérience ou plus ?", "senior"),
        ("what about 5 years or more", "senior"),
        ("5 ans", "mid"),
        ("10 ans d'expérience", "senior"),
    ],
)
def test_years_of_experience_in_french_and_open_ended(text: str, level: str) -> None:
    from gazetteer.levels import level_of

    assert level_of(text) == level
