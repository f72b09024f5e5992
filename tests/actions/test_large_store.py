"""On a store of many documents, answers stay one readable message of bounded size."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswer
from actions.salary import MAX_FIGURES, MAX_OVERVIEW_COUNTRIES
from actions.sources import MAX_LISTED
from benchmarks.knowledge import write_corpus
from knowledge.db import make_engine
from knowledge.ingest import build
from runtime.settings import reset
from tests.actions.conftest import TrackerFactory, render, rendered

SYNTHETIC_PAGES = 120


@pytest.fixture(scope="module")
def large_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("large") / "documents"
    write_corpus(folder, SYNTHETIC_PAGES, seed=7)
    url = f"sqlite:///{folder.parent / 'knowledge.db'}"
    engine = make_engine(url)
    build(engine, folder)
    engine.dispose()
    return url


@pytest.fixture()
def large_store(large_store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("KNOWLEDGE_DB_URL", large_store_url)
    reset()
    return large_store_url


def _bullets(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.startswith("•"))


async def test_the_overview_shows_a_few_countries_and_names_the_rest(
    large_store: str, dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(dispatcher, tracker("ask_salary", text="ml salaries"), {})
    overview = render(dispatcher.messages[0])
    assert _bullets(overview) <= MAX_FIGURES
    text = rendered(dispatcher)
    assert "more figures" in text and "narrow them down" in text
    headings = [line for line in overview.splitlines() if line.endswith(":")]
    assert len(headings) <= MAX_OVERVIEW_COUNTRIES
    assert len(text) < 4000


async def test_a_country_with_many_sources_shows_a_bounded_list(
    large_store: str, dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(
        dispatcher, tracker("ask_salary", [{"entity": "country", "value": "Germany"}]), {}
    )
    text = rendered(dispatcher)
    assert "salaries in Germany" in text
    assert _bullets(text) <= MAX_FIGURES
    assert "more figures for Germany" in text


async def test_the_source_list_is_bounded(
    large_store: str, dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(dispatcher, tracker("ask_sources"), {})
    listing, more = (render(m) for m in dispatcher.messages)
    assert f"these {SYNTHETIC_PAGES + 5} published pages" in listing
    assert len(listing.splitlines()) == 1 + MAX_LISTED
    assert f"and {SYNTHETIC_PAGES + 5 - MAX_LISTED} more" in more


@pytest.mark.usefixtures("store_url")
async def test_the_real_store_is_never_truncated(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    for entities in ([], [{"entity": "country", "value": "France"}]):
        await ActionAnswer().run(dispatcher, tracker("ask_salary", entities), {})
    await ActionAnswer().run(dispatcher, tracker("ask_sources"), {})
    names = [m.get("response") for m in dispatcher.messages]
    assert not {"utter_salary_more", "utter_salary_more_countries", "utter_sources_more"} & set(
        names
    )
