"""action_answer_topic, the follow-ups on topics, sources and the search fallback."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionSearchFallback
from actions.followup import ActionAnswerFollowup
from actions.sources import ActionListSources
from actions.topics import ActionAnswerTopic
from tests.actions.conftest import TrackerFactory, rendered, slot_events

pytestmark = pytest.mark.usefixtures("store_url")

# intent, entities -> facts the answer must contain (from the sources), response used
CASES = {
    "role": ("ask_role", [], ["hybrid role", "Bluecoders"], "utter_answer_role"),
    "duties": ("ask_duties", [], ["Deploy", "Careers explorer"], "utter_answer_duties"),
    "typical_day": (
        "ask_typical_day",
        [],
        ["Morning: Review model performance", "CBT Nuggets"],
        "utter_answer_typical_day",
    ),
    "skills": ("ask_skills", [], ["Python", "Sources:"], "utter_answer_skills"),
    "soft_skills": (
        "ask_skills",
        [("skill_area", "soft skills")],
        ["curiosity", "Communication"],
        "utter_answer_soft_skills",
    ),
    "maths": ("ask_skills", [("skill_area", "maths")], ["linear algebra"], "utter_answer_maths"),
    "languages": (
        "ask_skills",
        [("skill_area", "programming languages")],
        ["SQL", "Python"],
        "utter_answer_languages",
    ),
    "tools": (
        "ask_skills",
        [("skill_area", "frameworks")],
        ["PyTorch", "TensorFlow"],
        "utter_answer_tools",
    ),
    "mlops": (
        "ask_skills",
        [("skill_area", "mlops")],
        ["MLflow", "Kubeflow"],
        "utter_answer_mlops",
    ),
    "cloud": ("ask_skills", [("skill_area", "aws")], ["Azure", "GCP"], "utter_answer_cloud"),
    "big_data": ("ask_skills", [("skill_area", "spark")], ["Hadoop"], "utter_answer_big_data"),
    "education": ("ask_education", [], ["Master", "PhD"], "utter_answer_education"),
    "no_degree": (
        "ask_education",
        [("study_route", "without a degree")],
        ["not the only route"],
        "utter_answer_no_degree",
    ),
    "online_courses": (
        "ask_education",
        [("study_route", "coursera")],
        ["Coursera", "edX"],
        "utter_answer_online_courses",
    ),
    "certifications": (
        "ask_certifications",
        [],
        ["no specific", "CBT Nuggets", "validate expertise"],
        "utter_answer_certifications",
    ),
    "salary_factors": (
        "ask_salary_factors",
        [],
        ["Negotiate", "Silicon Valley"],
        "utter_answer_salary_factors",
    ),
    "career_path": ("ask_career_path", [], ["Head of AI", "AI CTO"], "utter_answer_career_path"),
    "specialisations": (
        "ask_specialisations",
        [],
        ["Computer Vision Engineer", "Deep Learning Engineer"],
        "utter_answer_specialisations",
    ),
    "compare_ds": (
        "compare_role",
        [("role", "data scientist")],
        ["A Data Scientist may spend more time on analysis"],
        "utter_answer_compare_data_scientist",
    ),
    "compare_swe": (
        "compare_role",
        [("role", "swe")],
        ["A Software Engineer may not work on statistical models"],
        "utter_answer_compare_software_engineer",
    ),
    "compare_mlops": (
        "compare_role",
        [("role", "mlops engineer")],
        ["An MLOps Engineer keeps ML systems reliable"],
        "utter_answer_compare_mlops_engineer",
    ),
    "getting_started": (
        "ask_getting_started",
        [],
        ["learning Python"],
        "utter_answer_getting_started",
    ),
    "industries": ("ask_industries", [], ["Fintech"], "utter_answer_industries"),
    "workplace": ("ask_workplace", [], ["remotely"], "utter_answer_workplace"),
    "outlook": ("ask_outlook", [], ["job outlook"], "utter_answer_outlook"),
    "suitability": (
        "ask_suitability",
        [],
        ["This role may suit you", "You enjoy solving practical problems"],
        "utter_answer_suitability",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
async def test_topic_answers_from_the_store(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory, case: str
) -> None:
    intent, entities, facts, response = CASES[case]
    message = tracker(intent, [{"entity": e, "value": v} for e, v in entities])
    events = await ActionAnswerTopic().run(dispatcher, message, {})
    assert dispatcher.messages[-1]["response"] == response
    text = rendered(dispatcher)
    for fact in facts:
        assert fact.lower() in text.lower(), fact
    assert "Source" in text
    assert slot_events(events)["topic"]


@pytest.mark.parametrize(
    "value,expected,absent",
    [
        ("computer vision", "Computer Vision Engineer", "Deep Learning Engineer"),
        ("NLP", "Natural Language Processing (NLP) Engineer", "Computer Vision Engineer"),
        ("deep learning", "Deep Learning Engineer", "MLOps Engineer:"),
        ("mlops", "MLOps Engineer", "Computer Vision Engineer:"),
    ],
)
async def test_one_specialisation(
    dispatcher: CollectingDispatcher,
    tracker: TrackerFactory,
    value: str,
    expected: str,
    absent: str,
) -> None:
    await ActionAnswerTopic().run(
        dispatcher,
        tracker("ask_specialisations", [{"entity": "specialisation", "value": value}]),
        {},
    )
    text = rendered(dispatcher)
    assert expected in text and absent not in text


async def test_compare_without_a_role_asks_which(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswerTopic().run(dispatcher, tracker("compare_role"), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_compare_role"


async def test_getting_started_from_a_background(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    events = await ActionAnswerTopic().run(
        dispatcher,
        tracker("ask_getting_started", [{"entity": "background", "value": "finance"}]),
        {},
    )
    text = rendered(dispatcher)
    assert "Coming from finance?" in text and "transition well" in text
    assert "learning Python" in text
    assert slot_events(events)["background"] == "finance"


async def test_followup_switches_role_then_skill_area(tracker: TrackerFactory) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerFollowup().run(
        dispatcher,
        tracker(
            "inform",
            [{"entity": "role", "value": "software engineer"}],
            slots={"topic": "compare_data_scientist"},
        ),
        {},
    )
    assert "A Software Engineer may not work" in rendered(dispatcher)
    assert slot_events(events)["topic"] == "compare_software_engineer"
    dispatcher = CollectingDispatcher()
    await ActionAnswerFollowup().run(
        dispatcher,
        tracker(
            "inform", [{"entity": "skill_area", "value": "soft skills"}], slots={"topic": "skills"}
        ),
        {},
    )
    assert dispatcher.messages[-1]["response"] == "utter_answer_soft_skills"
    dispatcher = CollectingDispatcher()
    await ActionAnswerFollowup().run(
        dispatcher,
        tracker(
            "inform",
            [{"entity": "specialisation", "value": "computer vision"}],
            slots={"topic": "specialisations"},
        ),
        {},
    )
    assert "Computer Vision Engineer" in rendered(dispatcher)


async def test_followup_without_anything_usable_asks_to_rephrase(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswerFollowup().run(dispatcher, tracker("inform", []), {})
    assert dispatcher.messages[0]["response"] == "utter_rephrase"


async def test_sources_lists_every_document(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionListSources().run(dispatcher, tracker("ask_sources"), {})
    text = rendered(dispatcher)
    for label in (
        "Bessand",
        "Bluecoders",
        "CBT Nuggets",
        "Danielle Antosz",
        "2025-03-12",
        "UK careers guide",
        "Careers explorer",
    ):
        assert label in text
    assert "these 5 published pages" in text


async def test_fallback_answers_with_a_relevant_passage(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionSearchFallback().run(
        dispatcher, tracker("nlu_fallback", text="kubeflow airflow mlflow"), {}
    )
    text = rendered(dispatcher)
    assert dispatcher.messages[0]["response"] == "utter_search_answer"
    assert "MLflow, Kubeflow, Airflow" in text and "Bluecoders" in text


@pytest.mark.parametrize("text", ["asdfgh qwerty", "", "🙂🙂", "x" * 10000])
async def test_fallback_asks_to_rephrase_when_nothing_is_relevant(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory, text: str
) -> None:
    await ActionSearchFallback().run(dispatcher, tracker("nlu_fallback", text=text), {})
    assert dispatcher.messages[0]["response"] == "utter_rephrase"
    assert len(dispatcher.messages[0]["buttons"]) == 0  # buttons come from the domain response
