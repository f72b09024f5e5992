"""action_answer_salary and the salary follow-ups, on the real store."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswer
from tests.actions.conftest import TrackerFactory, rendered, slot_events

pytestmark = pytest.mark.usefixtures("store_url")


async def test_france_shows_both_sources_and_says_they_differ(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    events = await ActionAnswer().run(
        dispatcher, tracker("ask_salary", [{"entity": "country", "value": "France"}]), {}
    )
    text = rendered(dispatcher)
    for fact in (
        "€50,000–€60,000",
        "€60,000–€90,000",
        "up to €150,000 or more",
        "Bessand",
        "Bluecoders",
        "€45,000–€60,000",
        "up to €120,000 or more",
        "different figures",
    ):
        assert fact in text, fact
    assert "in France" in text
    slots = slot_events(events)
    assert (slots["topic"], slots["country"], slots["level"]) == ("salary", "FR", None)
    assert slots["last_answer"]["sources"] == ["Bessand", "Bluecoders"]


async def test_level_filter_and_city_mapping(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    message = tracker(
        "ask_salary",
        [
            {"entity": "country", "value": "New York"},
            {"entity": "level", "value": "4 years of experience"},
        ],
    )
    events = await ActionAnswer().run(dispatcher, message, {})
    text = rendered(dispatcher)
    assert "$110,000–$140,000" in text and "CBT Nuggets" in text and "the United States" in text
    assert "$80,000" not in text and "$140,000–$180,000" not in text
    assert slot_events(events)["level"] == "mid"


async def test_no_country_lists_every_source(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(
        dispatcher, tracker("ask_salary", text="what do ml engineers earn"), {}
    )
    text = rendered(dispatcher)
    for fact in (
        "France:",
        "United States:",
        "United Kingdom:",
        "Country not stated (EUR)",
        "£81,750",
        "$80,000",
        "€45,000",
        "Bessand",
        "Bluecoders",
        "CBT Nuggets",
        "UK careers guide",
    ):
        assert fact in text, fact


@pytest.mark.parametrize(
    "place,name",
    [("Germany", "Germany"), ("Berlin", "Germany"), ("canadian", "Canada"), ("Japan", "Japan")],
)
async def test_uncovered_country_is_named_and_covered_ones_listed(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory, place: str, name: str
) -> None:
    await ActionAnswer().run(
        dispatcher, tracker("ask_salary", [{"entity": "country", "value": place}]), {}
    )
    text = rendered(dispatcher)
    assert "don't cover salaries in" in text and name in text
    assert "France, United Kingdom, United States" in text
    assert not any(ch in text for ch in "€$£")  # no number invented
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [
        "France",
        "United Kingdom",
        "United States",
    ]


async def test_uk_gives_one_range_for_every_level(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(
        dispatcher,
        tracker(
            "ask_salary",
            [{"entity": "country", "value": "UK"}, {"entity": "level", "value": "junior"}],
        ),
        {},
    )
    text = rendered(dispatcher)
    assert "£60,500–£103,000 (midpoint £81,750)" in text
    assert "single range for every level" in text


async def test_followups_keep_context(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    """salary in France -> and in the UK? -> what about seniors? -> same for the US."""
    slots = {"topic": "salary", "country": "FR", "level": None}
    steps = [
        ([{"entity": "country", "value": "the UK"}], "GB", None, "£60,500"),
        ([{"entity": "level", "value": "seniors"}], "GB", "senior", "£60,500"),
        ([{"entity": "country", "value": "the US"}], "US", "senior", "$140,000–$180,000+"),
    ]
    for entities, country, level, fact in steps:
        dispatcher = CollectingDispatcher()
        events = await ActionAnswer().run(dispatcher, tracker("inform", entities, slots=slots), {})
        slots = {**slots, **slot_events(events)}
        assert (slots["country"], slots["level"]) == (country, level)
        assert fact in rendered(dispatcher)


async def test_level_question_after_a_country_keeps_the_country(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    message = tracker(
        "ask_salary",
        [{"entity": "level", "value": "junior"}],
        slots={"topic": "salary", "country": "FR"},
    )
    await ActionAnswer().run(dispatcher, message, {})
    text = rendered(dispatcher)
    assert "€50,000–€60,000" in text and "$80,000" not in text
