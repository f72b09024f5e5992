"""Property-based tests: any text thrown at the query API, the message guard and the actions."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.answer import ActionAnswer
from channels.guard import MAX_MESSAGE_CHARS, check_message
from gazetteer.entities import ENTITY_NAMES, normalise, vocabulary
from knowledge import query
from knowledge.records import LEVELS

DOMAIN_RESPONSES: dict[str, list[dict]] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "domain.yml").read_text(encoding="utf-8")
)["responses"]

ANY_TEXT = st.text(min_size=0, max_size=400)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=ANY_TEXT)
def test_search_never_fails_and_ranks(session: Session, text: str) -> None:
    hits = query.search(session, text)
    assert len(hits) <= 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@SETTINGS
@given(data=st.data())
def test_salaries_return_exactly_what_was_asked(session: Session, data: st.DataObject) -> None:
    """Countries and levels the store holds (and any text): every fact asked for, no other."""
    stored = query.salary_countries(session)
    country = data.draw(st.one_of(st.none(), st.sampled_from(stored), ANY_TEXT), label="country")
    level = data.draw(st.one_of(st.none(), st.sampled_from(LEVELS), ANY_TEXT), label="level")
    facts = query.salaries(session, country=country, level=level)
    for fact in facts:
        assert country is None or fact.country == country.upper()
        assert level is None or fact.level in (level, None)
    if (country is not None and country.upper() not in stored) or (
        level is not None and level not in LEVELS
    ):
        assert facts == []  # a place or level the store has no figures for gets none
        return
    # The same facts as filtering the country's (or every) facts by hand: none left out.
    every = query.salaries(session, country=country)
    expected = [fact for fact in every if level is None or fact.level in (level, None)]
    assert [(f.source.label, f.quote) for f in facts] == [
        (f.source.label, f.quote) for f in expected
    ]
    if country in stored and level is None:
        assert facts  # a country the store lists has figures


@given(text=st.text(max_size=5000))
@settings(max_examples=200, deadline=None)
def test_guard_always_decides(text: str) -> None:
    checked = check_message(text)
    assert (checked.text is None) != (checked.reply is None)
    if checked.text is not None:
        assert 0 < len(checked.text) <= MAX_MESSAGE_CHARS
        assert checked.text.isprintable()


@given(entity=st.sampled_from(ENTITY_NAMES), text=ANY_TEXT)
@settings(max_examples=200, deadline=None)
def test_entity_normalisation_gives_a_known_value_or_none(entity: str, text: str) -> None:
    value = normalise(entity, text)
    if value is None:
        return
    if entity == "country":
        assert len(value) == 2 and value.isalpha() and value.isupper()  # an ISO code
    elif entity == "level":
        assert value in LEVELS
    elif entity == "background":
        # a known background, or the person's own words for one the vocabulary lacks
        assert value in vocabulary()["background"] or value == text.strip().lower()
    else:
        assert value in vocabulary()[entity]


@pytest.mark.parametrize(
    ("entity", "text", "value"),
    [
        ("country", "frnace", "FR"),
        ("level", "5+ years", "senior"),
        ("role", "DS", "data_scientist"),
    ],
)
def test_entity_normalisation_reads_known_mentions(entity: str, text: str, value: str) -> None:
    assert normalise(entity, text) == value


def _tracker(intent: str, text: str, entities: list[dict]) -> Tracker:
    return Tracker(
        "prop",
        {},
        {"intent": {"name": intent}, "entities": entities, "text": text},
        [],
        False,
        None,
        {},
        "action_listen",
    )


@pytest.mark.usefixtures("store_url")
@SETTINGS
@given(
    text=ANY_TEXT,
    entity=st.sampled_from(ENTITY_NAMES),
    value=ANY_TEXT,
    intent=st.sampled_from(
        [
            "ask_salary",
            "ask_skills",
            "compare_role",
            "ask_specialisations",
            "ask_education",
            "ask_getting_started",
            "nlu_fallback",
        ]
    ),
)
def test_actions_answer_any_input(text: str, entity: str, value: str, intent: str) -> None:
    tracker = _tracker(intent, text, [{"entity": entity, "value": value}])
    action = ActionAnswer()
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    assert dispatcher.messages
    for message in dispatcher.messages:
        # A response the domain defines, with every slot of its text filled.
        response = message.get("response")
        assert response in DOMAIN_RESPONSES, response
        for template in DOMAIN_RESPONSES[response]:
            for name in re.findall(r"(?<!\{)\{(\w+)\}(?!\})", template.get("text", "")):
                assert message.get(name) is not None, (response, name)


@pytest.mark.usefixtures("store_url")
@SETTINGS
@given(data=st.data())
def test_a_pay_question_for_a_stored_country_shows_its_figures(
    session: Session, data: st.DataObject
) -> None:
    """Any covered country and level, asked plainly: that country's figures, with sources."""
    country = data.draw(st.sampled_from(query.salary_countries(session)), label="country")
    level = data.draw(st.one_of(st.none(), st.sampled_from(LEVELS)), label="level")
    entities = [{"entity": "country", "value": country}]
    if level:
        entities.append({"entity": "level", "value": level})
    tracker = _tracker("ask_salary", f"ml engineer salary {country} {level or ''}", entities)
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswer().run(dispatcher, tracker, {}))
    shown = " ".join(str(m.get("lines") or "") for m in dispatcher.messages)
    facts = query.salaries(session, country=country, level=level)
    assume(facts)  # a level a country's sources do not give is told apart elsewhere
    assert any(fact.source.label in shown for fact in facts), shown
