"""Topic answers, follow-ups on topics, sources and free questions (action_answer)."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswer
from tests.actions.conftest import TrackerFactory, rendered, slot_events

pytestmark = pytest.mark.usefixtures("store_url")

# intent, entities, the person's message -> facts the answer must contain, response used
CASES = {
    "role": (
        "ask_role",
        [],
        "what is an ml engineer",
        ["Bluecoders", "production"],
        "utter_answer_role",
    ),
    "duties": (
        "ask_duties",
        [],
        "what do they do all day",
        ["deploy", "Bessand"],
        "utter_answer_duties",
    ),
    "typical_day": (
        "ask_typical_day",
        [],
        "what does a typical day look like",
        ["Morning: Review model performance", "CBT Nuggets"],
        "utter_answer_typical_day",
    ),
    "skills": ("ask_skills", [], "what skills do i need", ["Python"], "utter_answer_skills"),
    "soft_skills": (
        "ask_skills",
        [("skill_area", "soft skills")],
        "which soft skills matter",
        ["communication"],
        "utter_answer_soft_skills",
    ),
    "maths": (
        "ask_skills",
        [("skill_area", "maths")],
        "how much maths do i need",
        ["linear algebra"],
        "utter_answer_maths",
    ),
    "languages": (
        "ask_skills",
        [("skill_area", "programming languages")],
        "which programming languages",
        ["SQL", "Python"],
        "utter_answer_languages",
    ),
    "tools": (
        "ask_skills",
        [("skill_area", "frameworks")],
        "what frameworks do they use",
        ["PyTorch", "TensorFlow"],
        "utter_answer_tools",
    ),
    "mlops": (
        "ask_skills",
        [("skill_area", "mlops")],
        "what mlops tools",
        ["MLflow", "Kubeflow"],
        "utter_answer_mlops",
    ),
    "cloud": (
        "ask_skills",
        [("skill_area", "aws")],
        "aws or azure?",
        ["Azure"],
        "utter_answer_cloud",
    ),
    "big_data": (
        "ask_skills",
        [("skill_area", "spark")],
        "do i need spark",
        ["Hadoop"],
        "utter_answer_big_data",
    ),
    "education": (
        "ask_education",
        [],
        "do i need a master's or phd",
        ["Master", "PhD"],
        "utter_answer_education",
    ),
    "no_degree": (
        "ask_education",
        [("study_route", "without a degree")],
        "can i do it without a degree",
        ["not the only route"],
        "utter_answer_no_degree",
    ),
    "online_courses": (
        "ask_education",
        [("study_route", "coursera")],
        "are coursera courses enough",
        ["Coursera", "edX"],
        "utter_answer_online_courses",
    ),
    "certifications": (
        "ask_certifications",
        [],
        "which certifications should i get",
        ["no specific", "CBT Nuggets"],
        "utter_answer_certifications",
    ),
    "salary_factors": (
        "ask_salary_factors",
        [],
        "what makes pay higher, location?",
        ["Silicon Valley"],
        "utter_answer_salary_factors",
    ),
    "career_path": (
        "ask_career_path",
        [],
        "where can this career lead",
        ["Head of AI"],
        "utter_answer_career_path",
    ),
    "specialisations": (
        "ask_specialisations",
        [],
        "what types of ml engineers are there",
        ["Computer Vision Engineer", "Deep Learning Engineer"],
        "utter_answer_specialisations",
    ),
    "compare_ds": (
        "compare_role",
        [("role", "data scientist")],
        "how is it different from a data scientist",
        ["A Data Scientist may spend more time on analysis"],
        "utter_answer_compare_data_scientist",
    ),
    "compare_swe": (
        "compare_role",
        [("role", "swe")],
        "ml engineer vs swe",
        ["software engineer"],
        "utter_answer_compare_software_engineer",
    ),
    "compare_mlops": (
        "compare_role",
        [("role", "mlops engineer")],
        "and vs an mlops engineer?",
        ["An MLOps Engineer keeps ML systems reliable"],
        "utter_answer_compare_mlops_engineer",
    ),
    "getting_started": (
        "ask_getting_started",
        [],
        "how do i get started",
        ["learning Python"],
        "utter_answer_getting_started",
    ),
    "industries": (
        "ask_industries",
        [],
        "which industries hire them",
        ["finance"],
        "utter_answer_industries",
    ),
    "workplace": (
        "ask_workplace",
        [],
        "can i work remotely",
        ["remotely"],
        "utter_answer_workplace",
    ),
    "outlook": ("ask_outlook", [], "is there demand for them", ["demand"], "utter_answer_outlook"),
    "suitability": (
        "ask_suitability",
        [],
        "would this job suit me",
        ["UK careers guide"],
        "utter_answer_suitability",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
async def test_topic_answers_from_the_store(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory, case: str
) -> None:
    intent, entities, text, facts, response = CASES[case]
    message = tracker(intent, [{"entity": e, "value": v} for e, v in entities], text=text)
    events = await ActionAnswer().run(dispatcher, message, {})
    assert dispatcher.messages[-1]["response"] == response
    text = rendered(dispatcher)
    for fact in facts:
        assert fact.lower() in text.lower(), fact
    assert_composed(text)
    assert slot_events(events)["topic"]


LABELS = ("Bessand", "Bluecoders", "CBT Nuggets", "UK careers guide", "Careers explorer")


def assert_composed(text: str, limit: int = 1200) -> None:
    """A composed answer: short, every quoted line names its source, no sentence cut off."""
    assert len(text) <= limit, len(text)
    bullets = [line for line in text.splitlines() if line.startswith("•")]
    assert bullets
    for line in bullets:
        assert line.endswith(tuple(f"({label})" for label in LABELS)), line
        assert "…(" not in line.replace(" ", ""), line  # no sentence cut off before its source


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
    await ActionAnswer().run(
        dispatcher,
        tracker("ask_specialisations", [{"entity": "specialisation", "value": value}]),
        {},
    )
    text = rendered(dispatcher)
    assert expected in text and absent not in text


async def test_what_is_a_specialisation_answers_about_it(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    mlops = [{"entity": "specialisation", "value": "mlops"}]
    await ActionAnswer().run(
        dispatcher, tracker("ask_role", mlops, text="c'est quoi le mlops ?"), {}
    )
    text = rendered(dispatcher)
    assert dispatcher.messages[0]["response"] == "utter_answer_specialisation"
    assert "MLOps" in text


async def test_compare_without_a_role_asks_which(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(dispatcher, tracker("compare_role"), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_compare_role"


async def test_getting_started_from_a_background(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    events = await ActionAnswer().run(
        dispatcher,
        tracker("ask_getting_started", [{"entity": "background", "value": "finance"}]),
        {},
    )
    text = rendered(dispatcher)
    assert "from another field (finance)" in text and "transition well" in text
    assert "learning Python" in text
    # A sentence naming finance but not a move into the job is not about this person.
    assert "pay the most" not in text
    assert slot_events(events)["background"] == "finance"


async def test_followup_switches_role_then_skill_area(tracker: TrackerFactory) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(
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
    await ActionAnswer().run(
        dispatcher,
        tracker(
            "inform", [{"entity": "skill_area", "value": "soft skills"}], slots={"topic": "skills"}
        ),
        {},
    )
    assert dispatcher.messages[-1]["response"] == "utter_answer_soft_skills"
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(
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
    await ActionAnswer().run(dispatcher, tracker("inform", []), {})
    assert dispatcher.messages[0]["response"] == "utter_rephrase"


async def test_sources_lists_every_document(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory
) -> None:
    await ActionAnswer().run(dispatcher, tracker("ask_sources"), {})
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
    await ActionAnswer().run(
        dispatcher, tracker("nlu_fallback", text="kubeflow airflow mlflow"), {}
    )
    text = rendered(dispatcher)
    assert dispatcher.messages[0]["response"] == "utter_search_answer"
    assert "MLflow, Kubeflow, Airflow" in text and "Bluecoders" in text


@pytest.mark.parametrize("text", ["asdfgh qwerty", "", "🙂🙂", "x" * 10000])
async def test_fallback_asks_to_rephrase_when_nothing_is_relevant(
    dispatcher: CollectingDispatcher, tracker: TrackerFactory, text: str
) -> None:
    await ActionAnswer().run(dispatcher, tracker("nlu_fallback", text=text), {})
    assert dispatcher.messages[0]["response"] == "utter_rephrase"
    assert len(dispatcher.messages[0]["buttons"]) == 0  # buttons come from the domain response
