"""Property-based tests: any text thrown at the query API, the message guard and the actions."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.answer import ActionAnswer
from channels.guard import MAX_MESSAGE_CHARS, check_message
from gazetteer.entities import ENTITY_NAMES, normalise
from knowledge import query

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
@given(country=st.one_of(st.none(), ANY_TEXT), level=st.one_of(st.none(), ANY_TEXT))
def test_salaries_only_return_what_was_asked(
    session: Session, country: str | None, level: str | None
) -> None:
    facts = query.salaries(session, country=country, level=level)
    for fact in facts:
        assert country is None or fact.country == country.upper()
        assert level is None or fact.level in (level, None)


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
def test_entity_normalisation_never_fails(entity: str, text: str) -> None:
    value = normalise(entity, text)
    assert value is None or isinstance(value, str)


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
    assert dispatcher.messages and all(m.get("response") for m in dispatcher.messages)
