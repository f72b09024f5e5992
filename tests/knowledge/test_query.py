"""The read API the actions use, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from knowledge import query
from knowledge.topics import topic_names

BESSAND, BLUECODERS, CBT, UK, EXPLORER = (
    "Bessand",
    "Bluecoders",
    "CBT Nuggets",
    "UK careers guide",
    "Careers explorer",
)

# topic -> (sources that must be among the answers, a phrase one of the passages must contain)
TOPIC_EXPECTATIONS = {
    "role": ({BLUECODERS, CBT, EXPLORER}, "hybrid role"),
    "duties": ({BLUECODERS, CBT, UK, EXPLORER}, "Deploy"),
    "typical_day": ({CBT, UK}, "Morning"),
    "skills": ({BESSAND, CBT, UK}, "Python"),
    "soft_skills": ({BLUECODERS, CBT, UK}, "curiosity"),
    "maths": ({BESSAND, CBT}, "linear algebra"),
    "languages": ({BESSAND, BLUECODERS, CBT}, "SQL"),
    "tools": ({BESSAND, BLUECODERS, CBT}, "PyTorch"),
    "mlops": ({BLUECODERS}, "MLflow"),
    "cloud": ({BESSAND, BLUECODERS, CBT}, "Azure"),
    "big_data": ({CBT}, "Hadoop"),
    "education": ({BESSAND, BLUECODERS, CBT}, "Master"),
    "no_degree": ({UK}, "not the only route"),
    "online_courses": ({BESSAND}, "Coursera"),
    "certifications": ({CBT}, "Certifications help validate expertise"),
    "salary": ({BESSAND, BLUECODERS, CBT, UK}, "€50,000"),
    "salary_factors": ({BESSAND, CBT, UK}, "Negotiate"),
    "career_path": ({BESSAND, BLUECODERS, CBT}, "Head of AI"),
    "specialisations": ({EXPLORER}, "Computer Vision Engineer"),
    "compare_data_scientist": ({UK}, "A Data Scientist may spend more time on analysis"),
    "compare_software_engineer": ({UK}, "A Software Engineer may not work on statistical models"),
    "compare_mlops_engineer": ({UK}, "An MLOps Engineer keeps ML systems reliable"),
    "compare_data_engineer": ({BESSAND, BLUECODERS}, "pipeline and infrastructure"),
    "getting_started": ({CBT, UK}, "learning Python"),
    "industries": ({BESSAND, UK}, "Fintech"),
    "workplace": ({EXPLORER}, "remotely"),
    "outlook": ({BESSAND, UK}, "job outlook"),
    "suitability": ({UK}, "This role may suit you"),
}


def test_every_topic_has_expectations() -> None:
    assert set(TOPIC_EXPECTATIONS) == set(topic_names())


@pytest.mark.parametrize("topic", sorted(TOPIC_EXPECTATIONS))
def test_topic_returns_passages_from_the_right_sources(session: Session, topic: str) -> None:
    sources, phrase = TOPIC_EXPECTATIONS[topic]
    hits = query.passages_by_topic(session, topic, per_source=50, max_sources=10, limit=500)
    assert sources <= {hit.source.label for hit in hits}
    haystack = " ".join(f"{hit.heading or ''} {hit.text}" for hit in hits)
    assert phrase.lower() in haystack.lower()


def test_per_source_limit_and_reading_order(session: Session) -> None:
    hits = query.passages_by_topic(session, "duties", per_source=2, max_sources=10, limit=100)
    by_source: dict[str, list[int]] = {}
    for hit in hits:
        by_source.setdefault(hit.source.label, []).append(hit.id)
    assert all(len(ids) <= 2 for ids in by_source.values())
    assert all(ids == sorted(ids) for ids in by_source.values())


def test_a_list_comes_back_whole_from_its_best_section(session: Session) -> None:
    hits = query.passages_by_topic(session, "specialisations", per_source=10)
    types = [
        h.text.split(":")[0]
        for h in hits
        if h.source.label == "Careers explorer" and h.kind == "list_item"
    ]
    assert types == [
        "MLOps Engineer",
        "Computer Vision Engineer",
        "Natural Language Processing (NLP) Engineer",
        "Research Machine Learning Engineer",
        "Applied Machine Learning Engineer",
        "Deep Learning Engineer",
    ]


def test_a_sentence_about_pay_under_a_salary_and_outlook_heading_is_not_outlook(
    session: Session,
) -> None:
    """The UK guide's "Salary and Job Outlook" section: what drives pay is no outlook."""
    pay = "Where someone lands inside that range"
    outlook = query.passages_by_topic(session, "outlook", per_source=50, limit=500)
    assert outlook and not any(pay in hit.text for hit in outlook)
    assert outlook[0].text.startswith("The job outlook looks practical")
    factors = query.passages_by_topic(session, "salary_factors", per_source=50, limit=500)
    assert any(pay in hit.text for hit in factors)


def test_unknown_topic_returns_nothing(session: Session) -> None:
    assert query.passages_by_topic(session, "astrology") == []


def test_salaries_by_country_and_level(session: Session) -> None:
    france = query.salaries(session, country="FR")
    assert [(s.level, s.low, s.high, s.source.label) for s in france] == [
        ("junior", 50000, 60000, BESSAND),
        ("mid", 60000, 90000, BESSAND),
        ("senior", None, 150000, BESSAND),
    ]
    seniors_us = query.salaries(session, country="us", level="senior")
    assert [(s.low, s.high, s.open_ended, s.currency) for s in seniors_us] == [
        (140000, 180000, True, "USD")
    ]
    # The UK source gives one range for every level: it answers any level.
    uk_junior = query.salaries(session, country="GB", level="junior")
    assert [(s.level, s.low, s.high, s.midpoint) for s in uk_junior] == [
        (None, 60500, 103000, 81750)
    ]
    unstated = query.salaries(session, unstated_country=True)
    assert {s.source.label for s in unstated} == {BLUECODERS} and len(unstated) == 3


@pytest.mark.parametrize("country", ["DE", "CA", "XX", "", "fr'; DROP TABLE salary_fact; --"])
def test_unknown_country_returns_nothing_rather_than_a_guess(
    session: Session, country: str
) -> None:
    if country == "":
        assert len(query.salaries(session, country=country)) == 0
    else:
        assert query.salaries(session, country=country) == []
    assert query.stats(session)["salary_facts"] == 10


def test_known_countries_and_levels(session: Session) -> None:
    assert query.salary_countries(session) == ["FR", "GB", "US"]
    assert query.salary_levels(session) == ["junior", "mid", "senior"]


def test_sources_list_every_document(session: Session) -> None:
    assert [s.label for s in query.sources(session)] == [BESSAND, BLUECODERS, CBT, UK, EXPLORER]


# question -> a phrase of the passage that must rank first (or phrases of equally obvious ones)
SEARCH_CASES = {
    "what is the midpoint salary in the uk": "midpoint of £81,750",
    "typical day morning routine": (
        "Morning: Review model performance",
        "no single perfect routine",
    ),
    "do I need a master's degree or PhD": ("Master's/PhD", "Master’s or Doctorate degree"),
    "online courses on coursera": "Coursera, OpenClassrooms, edX",
    "big data hadoop spark": "Hadoop, Spark",
    "which programming languages, python?": "Python",
    "mlops engineer vs machine learning engineer": "An MLOps Engineer keeps ML systems reliable",
    "is this career right for me": "excellent career for the right person",
    "head of AI or AI CTO later": "AI CTO",
    "what does a computer vision engineer do with visual data": "Computer Vision Engineer: Develops",
    "deep neural networks speech recognition autonomous vehicles": "Deep Learning Engineer",
    "kubeflow airflow mlflow": "MLflow, Kubeflow, Airflow",
    "negotiate bonuses and stock options": "Negotiate a comprehensive package",
    "higher salaries in silicon valley and new york": "Location: Expect higher salaries",
}


@pytest.mark.parametrize("question", sorted(SEARCH_CASES))
def test_search_ranks_the_obvious_passage_first(session: Session, question: str) -> None:
    hits = query.search(session, question)
    assert hits, question
    expected = SEARCH_CASES[question]
    phrases = expected if isinstance(expected, tuple) else (expected,)
    assert any(phrase in hits[0].text for phrase in phrases), hits[0].text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "the of and",
        '" OR 1=1 --',
        "NEAR(a b)",
        "*",
        "'; DROP TABLE passage; --",
        "é€😀",
        "a" * 5000,
    ],
)
def test_search_accepts_any_text(session: Session, text: str) -> None:
    hits = query.search(session, text)
    assert isinstance(hits, list)
    assert query.stats(session)["passages"] > 150


def test_which_words_some_page_uses(session: Session) -> None:
    words = ["determines", "part-time", "relocation", "hadoop", "machine-learning", "kaggle"]
    # "determines" as "determine", a hyphenated word as the phrase it spells; none of the pages
    # speaks of part-time work, relocation or Kaggle.
    assert query.mentioned(session, words) == {"determines", "hadoop", "machine-learning"}
    assert query.mentioned(session, ['"; drop table passage; --', "", "ml"]) == {"ml"}


def _overview_in_python(facts: list, max_countries: int, max_figures: int) -> tuple[list, list]:
    """What the overview showed when it read every fact: the first countries, in order."""
    countries = list(dict.fromkeys(f.country for f in facts))
    kept = set(countries[:max_countries])
    shown = [f for f in facts if f.country in kept][:max_figures]
    shown_countries = {f.country for f in shown}
    return shown, [c for c in countries if c is not None and c not in shown_countries]


@pytest.mark.parametrize("level", [None, "junior", "senior"])
@pytest.mark.parametrize(("max_countries", "max_figures"), [(6, 12), (2, 4), (1, 2)])
def test_the_overview_selected_in_sql_is_the_one_read_in_full(
    session: Session, level: str | None, max_countries: int, max_figures: int
) -> None:
    every = query.salaries(session, level=level)
    overview = query.salary_overview(
        session, level=level, max_countries=max_countries, max_figures=max_figures
    )
    shown, others = _overview_in_python(every, max_countries, max_figures)
    assert overview.shown == shown
    assert overview.other_countries == others
    assert overview.total == len(every)


def test_the_overview_of_one_source(session: Session) -> None:
    overview = query.salary_overview(session, source="Bessand")
    assert {s.source.label for s in overview.shown} == {"Bessand"} and overview.total == 3
    assert query.salary_overview(session, source="No such source").total == 0


def test_the_sources_with_salary_figures_are_those_that_give_some(session: Session) -> None:
    with_figures = query.salary_source_labels(session)
    assert set(with_figures) == {"Bessand", "Bluecoders", "CBT Nuggets", "UK careers guide"}
    assert "Careers explorer" in query.source_labels(session)
