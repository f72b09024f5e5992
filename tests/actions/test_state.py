"""The dialogue state model as a table: (state, message) -> (answer kind, filters)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from actions.answer import state_after, with_context
from actions.state import Plan, Reading, State, city_of, decide
from actions.topics import INTENT_TOPICS, follow_up_intent, resolve_topic
from actions.wording import PORTFOLIO_QUESTION

SALARY_FR = State(topic="salary", country="FR")
SALARY_US_SENIOR = State(topic="salary", country="US", level="senior")
SALARY_FR_LAST = State(topic="salary", country="FR", last={"kind": "salary", "country": "FR"})
SALARY_GB_LAST = State(topic="salary", country="GB", last={"kind": "salary", "country": "GB"})
SALARY_US_SENIOR_LAST = State(
    topic="salary",
    country="US",
    level="senior",
    last={"kind": "salary", "country": "US", "level": "senior"},
)
SKILLS = State(topic="skills")
CAREER = State(topic="career_path")
LAST_TOPIC_SOURCED = State(topic="education", last={"kind": "topic", "sources": ["Bessand"]})
LAST_TOPIC = State(topic="duties", last={"kind": "topic", "topic": "duties", "shown": ["1.0"]})

# (name, state, reading, expected kind, expected (country, level) or None, expected intent)
TABLE = [
    ("fresh pay question", State(), Reading("ask_salary"), "salary", (None, None), None),
    ("pay for a place", State(), Reading("ask_salary", country="GB"), "salary", ("GB", None), None),
    (
        "place only, after pay",
        SALARY_FR,
        Reading("inform", country="GB"),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "level only, after pay",
        SALARY_FR,
        Reading("inform", level="senior"),
        "salary",
        ("FR", "senior"),
        None,
    ),
    (
        "level kept for a new place",
        SALARY_US_SENIOR,
        Reading("inform", country="GB"),
        "salary",
        ("GB", "senior"),
        None,
    ),
    (
        "pay question keeps the place",
        SALARY_FR,
        Reading("ask_salary", level="junior"),
        "salary",
        ("FR", "junior"),
        None,
    ),
    (
        "new place drops old level",
        SALARY_US_SENIOR,
        Reading("ask_salary", country="FR"),
        "salary",
        ("FR", None),
        None,
    ),
    (
        "a fresh pay question is the overview",
        SALARY_FR,
        Reading("ask_salary"),
        "salary",
        (None, None),
        None,
    ),
    (
        "a pay aspect read as out of scope, after pay",
        SALARY_FR_LAST,
        Reading("out_of_scope", text="what's the midpoint"),
        "about",
        None,
        None,
    ),
    (
        "the same words with no pay answer before",
        State(),
        Reading("out_of_scope", text="what's the midpoint"),
        "out_of_scope",
        None,
        None,
    ),
    (
        "an unsure refusal searches the store first",
        State(),
        Reading("out_of_scope", text="how do i show impact on my cv", confidence=0.4),
        "search",
        None,
        None,
    ),
    (
        "pay words win over an unsure topic",
        State(),
        Reading("ask_role", text="what does an mle earn here", confidence=0.3),
        "salary",
        (None, None),
        None,
    ),
    (
        "where it says so, after a topic answer",
        LAST_TOPIC_SOURCED,
        Reading("nlu_fallback", text="where does it say that?", confidence=0.2),
        "about",
        None,
        None,
    ),
    (
        "city only, after pay",
        SALARY_FR,
        Reading("inform", country="ES", city="Madrid"),
        "salary",
        ("ES", None),
        None,
    ),
    (
        "place with no topic yet",
        State(),
        Reading("inform", country="US"),
        "salary",
        ("US", None),
        None,
    ),
    (
        "language after pay is a new topic",
        SALARY_FR,
        Reading("inform", skill_area="languages"),
        "topic",
        None,
        None,
    ),
    (
        "specialisation after pay",
        SALARY_FR,
        Reading("inform", specialisation="nlp"),
        "topic",
        None,
        None,
    ),
    ("topic question after pay", SALARY_FR, Reading("ask_skills"), "topic", None, "ask_skills"),
    ("skill area on skills", SKILLS, Reading("inform", skill_area="maths"), "topic", None, None),
    ("level on career path", CAREER, Reading("inform", level="senior"), "topic", None, None),
    (
        "level on duties means pay",
        LAST_TOPIC,
        Reading("inform", level="junior"),
        "salary",
        (None, "junior"),
        None,
    ),
    ("nothing usable", LAST_TOPIC, Reading("inform"), "search", None, None),
    ("more", LAST_TOPIC, Reading("ask_more"), "more", None, None),
    (
        "a place is never a command",
        SALARY_FR,
        Reading("ask_shorter", country="DE"),
        "salary",
        ("DE", None),
        None,
    ),
    ("shorter", LAST_TOPIC, Reading("ask_shorter"), "shorter", None, None),
    (
        "about the last answer",
        SALARY_FR,
        Reading("ask_about_answer", text="is that gross?"),
        "about",
        None,
        None,
    ),
    (
        "tax on the figures, read as a pay question",
        SALARY_FR_LAST,
        Reading("ask_salary", text="how much tax would i pay on that"),
        "about",
        None,
        None,
    ),
    (
        "why the range, read as a question about the answer",
        SALARY_FR,
        Reading("ask_about_answer", text="what decides where you land in that range"),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "a city after pay, read as off-topic",
        SALARY_FR,
        Reading(
            "out_of_scope",
            text="the real figures for madrid?",
            confidence=0.43,
            country="ES",
            city="Madrid",
            rest="the real figures for ?",
        ),
        "salary",
        ("ES", None),
        None,
    ),
    (
        "pay with a place, read as getting started",
        State(topic="skills"),
        Reading(
            "ask_getting_started",
            text="i live in toronto, what would an mle make here?",
            confidence=0.67,
            country="CA",
            city="Toronto",
            rest="i live in , what would an mle make here?",
        ),
        "salary",
        ("CA", None),
        None,
    ),
    (
        "a place and no pay word, unsurely read as pay",
        State(),
        Reading(
            "ask_salary",
            text="ok whats the weather like in london this week",
            confidence=0.34,
            country="GB",
            city="London",
            rest="ok whats the weather like in  this week",
        ),
        "search",
        None,
        None,
    ),
    (
        "weather in a city, unsure",
        State(),
        Reading(
            "nlu_fallback",
            text="whats the weather like in barcelona this week",
            confidence=0.25,
            country="ES",
            city="Barcelona",
            rest="whats the weather like in  this week",
        ),
        "search",
        None,
        None,
    ),
    ("free question", State(), Reading("ask_advice", text="interview tips?"), "search", None, None),
    ("low confidence", State(), Reading("nlu_fallback", text="hmm"), "search", None, None),
    # "source?" right after an answer asks where that answer comes from; with nothing before
    # it, or "what are all your sources", it asks for the list of pages.
    (
        "what another job that is a specialisation involves",
        State(),
        Reading("ask_typical_day", text="what does an mlops engineer do", role="mlops_engineer"),
        "topic",
        None,
        "ask_specialisations",
    ),
    (
        "the pay there, after a question naming a place",
        State(topic="workplace", country="GB", last={"kind": "topic", "sources": ["Bessand"]}),
        Reading("nlu_fallback", text="what's the pay there", confidence=0.25),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "whether a factor matters, with a place",
        State(),
        Reading(
            "ask_salary", text="does location matter much for ml salaries in the us", country="US"
        ),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "what a hiring manager should budget",
        State(),
        Reading(
            "out_of_scope", text="what should i budget in france?", confidence=0.5, country="FR"
        ),
        "salary",
        ("FR", None),
        None,
    ),
    (
        "how long, in French, after getting started",
        State(topic="getting_started", last={"kind": "topic", "sources": ["Bessand"]}),
        Reading(
            "inform",
            text="et ça prend combien de temps en général ?",
            confidence=0.3,
            rest="et ça prend combien de temps en général ?",
        ),
        "topic",
        None,
        None,
    ),
    (
        "where to start, said by someone changing careers around the question",
        State(),
        Reading(
            "ask_specialisations",
            text="what should i focus on first?",
            background="software",
            said_before="5 yrs backend dev, zero ml experience. want to move into ml engineering.",
        ),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "a topic question, said by someone changing careers, keeps its topic",
        State(),
        Reading(
            "ask_typical_day",
            text="what does a typical day look like?",
            background="software",
            said_before="5 yrs backend dev. want to move into ml engineering.",
        ),
        "topic",
        None,
        "ask_typical_day",
    ),
    (
        "pay right after a topic answer that knew where the person is",
        State(topic="skills", last={"kind": "topic", "sources": ["Bessand"], "place": "GB"}),
        Reading("ask_salary", text="what salary band is realistic"),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "bare source question",
        LAST_TOPIC_SOURCED,
        Reading("ask_sources", text="source?"),
        "about",
        None,
        None,
    ),
    (
        "bare source, no answer",
        State(),
        Reading("ask_sources", text="sources?"),
        "sources",
        None,
        None,
    ),
    (
        "all sources, after an answer",
        LAST_TOPIC_SOURCED,
        Reading("ask_sources", text="what are all your sources"),
        "sources",
        None,
        None,
    ),
    (
        "which site mentioned something, unsure",
        LAST_TOPIC_SOURCED,
        Reading("nlu_fallback", text="which site mentioned head of ai?", confidence=0.25),
        "about",
        None,
        None,
    ),
    (
        "per month or per year, after pay",
        SALARY_FR_LAST,
        Reading("ask_about_answer", text="per month or per year?", confidence=0.4),
        "about",
        None,
        None,
    ),
    (
        "which levels the figures cover, read as the career path",
        SALARY_GB_LAST,
        Reading("ask_career_path", text="is that for juniors or seniors or what", level="junior"),
        "about",
        (None, None),
        None,
    ),
    (
        "years a level means, in chat spelling",
        SALARY_US_SENIOR_LAST,
        Reading("ask_skills", text="how many yrs in do u need to be for that", confidence=0.6),
        "about",
        None,
        None,
    ),
    (
        "make as in earn, read as the duties",
        State(),
        Reading("ask_duties", text="what do mles make in the us", country="US", confidence=0.7),
        "salary",
        ("US", None),
        None,
    ),
    (
        "a place after a sigh, after a gap",
        State(topic="salary", country="DE"),
        Reading("inform", text="ugh ok france then", country="FR", rest="ugh ok  then"),
        "salary",
        ("FR", None),
        None,
    ),
    (
        "whether where one lives matters, after pay",
        SALARY_FR_LAST,
        Reading("ask_about_answer", text="does where i live change that much", confidence=0.6),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "doing without a degree, after education",
        State(topic="education"),
        Reading("inform", text="and if i don't have one?", confidence=0.99),
        "topic",
        None,
        None,
    ),
    (
        "a study route the classifier doubted",
        State(),
        Reading(
            "out_of_scope",
            text="et on peut se former en ligne sans repasser par la fac ?",
            confidence=0.36,
            study_route="online_courses",
            runner_up="ask_education",
        ),
        "topic",
        None,
        "ask_education",
    ),
    (
        "where to start, guessed as pay",
        State(),
        Reading(
            "ask_salary",
            text="what's the first thing I should learn",
            confidence=0.25,
            runner_up="ask_skills",
        ),
        "search",
        None,
        "ask_getting_started",
    ),
    (
        "a close topic runner-up the question names",
        State(),
        Reading(
            "out_of_scope",
            text="what's the career path",
            confidence=0.47,
            runner_up="ask_career_path",
            runner_up_confidence=0.35,
            about_career=True,
        ),
        "topic",
        None,
        "ask_career_path",
    ),
    (
        "a close topic runner-up the question does not name",
        State(),
        Reading(
            "out_of_scope",
            text="and what should my portfolio look like",
            confidence=0.31,
            runner_up="ask_skills",
            runner_up_confidence=0.28,
            about_career=True,
        ),
        "search",
        None,
        None,
    ),
]

# Seen with new people (twelfth session): a place or level with a word for the figures, however
# classified; a part of the range shown; how to become one; where another country's figures
# come from; a question about the last answer that its own sentences answer.
TABLE += [
    (
        "a place and a word for the figures, read as about the last answer",
        LAST_TOPIC,
        Reading("ask_about_answer", text="ok thx. whats the uk range anyway", country="GB"),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "a place and 'pay', unsure",
        LAST_TOPIC,
        Reading("nlu_fallback", text="tl;dr the uk pay pls", confidence=0.25, country="GB"),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "a level and how much, after pay, read as the career path",
        SALARY_FR_LAST,
        Reading(
            "ask_career_path",
            text="and seniors can go up to how much",
            confidence=0.43,
            level="senior",
        ),
        "salary",
        ("FR", "senior"),
        None,
    ),
    (
        "how much of a skill a level needs is no pay question",
        SKILLS,
        Reading(
            "ask_skills", text="how much maths does a junior need", confidence=0.5, level="junior"
        ),
        "topic",
        None,
        "ask_skills",
    ),
    (
        "a part of the range shown",
        SALARY_GB_LAST,
        Reading("inform", text="and the low and high end"),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "how to become one, read as the career path",
        State(),
        Reading(
            "ask_career_path",
            text="fair enough. how do i become an ml engineer then",
            confidence=0.43,
        ),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "how to become a senior one is the career path",
        State(),
        Reading(
            "ask_career_path",
            text="how do i become a senior ml engineer",
            confidence=0.43,
            level="senior",
        ),
        "topic",
        None,
        "ask_career_path",
    ),
    (
        "where another country's figures come from",
        SALARY_FR_LAST,
        Reading("ask_sources", text="where were the us numbers from again", country="US"),
        "about",
        ("US", None),
        "ask_sources",
    ),
    (
        "source and date, after figures",
        SALARY_GB_LAST,
        Reading("ask_sources", text="source + date?"),
        "about",
        None,
        "ask_sources",
    ),
    (
        "whether a place matters, after pay figures",
        SALARY_US_SENIOR_LAST,
        Reading(
            "nlu_fallback",
            text="does where in the us matter much?",
            confidence=0.25,
            country="US",
            rest="does where in matter much?",
        ),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "which sectors pay best in a country",
        State(),
        Reading(
            "ask_salary_factors",
            text="which sectors pay best in france",
            confidence=0.92,
            country="FR",
        ),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "over what time period, after the data behind figures",
        State(topic="salary", last={"kind": "salary", "country": "GB", "sources": ["UK guide"]}),
        Reading("nlu_fallback", text="over what time period", confidence=0.33),
        "about",
        None,
        None,
    ),
    (
        "a question 'according to your sources' is about its subject",
        LAST_TOPIC_SOURCED,
        Reading(
            "ask_sources",
            text="ok what do certs do for you then, according to your sources",
            confidence=0.99,
        ),
        "search",
        None,
        None,
    ),
    (
        "which sources, plainly",
        LAST_TOPIC_SOURCED,
        Reading("ask_sources", text="which sources do you use", confidence=0.99),
        "sources",
        None,
        None,
    ),
    (
        "what a specialist does, read as a comparison",
        State(),
        Reading(
            "compare_role",
            text="what dose a mlops engineer do",
            confidence=0.34,
            role="mlops_engineer",
        ),
        "topic",
        None,
        "ask_specialisations",
    ),
    (
        "a specialist compared, in French",
        State(),
        Reading(
            "compare_role",
            text="c'est quoi la différence entre un ML engineer et un MLOps engineer ?",
            confidence=0.5,
            role="mlops_engineer",
        ),
        "topic",
        None,
        "compare_role",
    ),
    (
        "a specialist compared",
        State(),
        Reading(
            "compare_role",
            text="how is an mlops engineer different",
            confidence=0.8,
            role="mlops_engineer",
        ),
        "topic",
        None,
        "compare_role",
    ),
    (
        "a stable career is the outlook",
        State(),
        Reading("ask_career_path", text="is it a stable career?", confidence=0.5),
        "topic",
        None,
        "ask_outlook",
    ),
    (
        "where a job leads long term is the career path",
        State(),
        Reading("ask_career_path", text="where does this job lead long term", confidence=0.5),
        "topic",
        None,
        "ask_career_path",
    ),
    (
        "what the bot can do",
        State(),
        Reading("ask_capabilities", text="what sort of things can you answer?", confidence=0.9),
        "capabilities",
        None,
        None,
    ),
    (
        "what the bot can do, unsure, about nothing else",
        State(),
        Reading("ask_capabilities", text="what do you know", confidence=0.4),
        "capabilities",
        None,
        None,
    ),
    (
        "a question about interviews misread as what the bot can do",
        State(),
        Reading(
            "ask_capabilities",
            text="what interview questions do your sources suggest?",
            confidence=0.57,
            about_career=True,
        ),
        "search",
        None,
        None,
    ),
    (
        "over what time period, misread as what the bot can do",
        State(topic="salary", last={"kind": "salary", "country": "GB", "sources": ["UK guide"]}),
        Reading("ask_capabilities", text="over what time period", confidence=0.33),
        "about",
        None,
        None,
    ),
    (
        "an amount the person names, judged",
        State(),
        Reading(
            "inform",
            text="is 70k good for a junior in france?",
            confidence=0.91,
            country="FR",
            level="junior",
        ),
        "salary",
        ("FR", "junior"),
        None,
    ),
    (
        "an offer judged after the figures is about them",
        SALARY_GB_LAST,
        Reading("ask_about_answer", text="is £70k low then?", confidence=0.8),
        "about",
        None,
        None,
    ),
    (
        "a data scientist moving in: what differs",
        State(),
        Reading(
            "ask_getting_started",
            text="im a data scientist, how do i switch to ml engineering",
            role="data_scientist",
        ),
        "topic",
        None,
        "compare_role",
    ),
    (
        "a data scientist's pasted CV, the question apart",
        State(),
        Reading(
            "ask_getting_started",
            text="What gaps should I fill to become an ML engineer?",
            said_before="MSc Physics, 3 years as a data scientist at a retailer. What gaps "
            "should I fill to become an ML engineer?",
        ),
        "topic",
        None,
        "compare_role",
    ),
    (
        "'src' alone after figures",
        SALARY_GB_LAST,
        Reading("nlu_fallback", text="src", confidence=1.0),
        "about",
        None,
        "ask_sources",
    ),
    (
        "the first step",
        CAREER,
        Reading("nlu_fallback", text="what would the first step be", confidence=0.25),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "skills beyond the one named",
        State(),
        Reading(
            "ask_skills",
            text="and what should we look for in candidates beyond python?",
            skill_area="languages",
        ),
        "topic",
        None,
        "ask_skills",
    ),
    (
        "years of one's own past are no question about levels",
        State(),
        Reading(
            "ask_suitability",
            text="I'm 45, spent 20 years in army logistics, no degree. is it too late?",
            level="senior",
        ),
        "topic",
        None,
        None,
    ),
    (
        "gross or net two answers after the figures",
        State(
            topic="skills",
            last={"kind": "topic", "topic": "skills", "pay": {"kind": "salary", "kept": "briefly"}},
        ),
        Reading("ask_about_answer", text="c'est brut ou net ?"),
        "about",
        None,
        None,
    ),
    (
        "how many years two answers after the figures is no question about them",
        State(
            topic="skills",
            last={"kind": "topic", "topic": "skills", "pay": {"kind": "salary", "kept": "briefly"}},
        ),
        Reading("ask_about_answer", text="how many years till mid level", level="mid"),
        "about",
        (None, "mid"),
        None,
    ),
    (
        "which of the two, after a comparison",
        State(
            topic="compare_data_scientist",
            last={"kind": "topic", "topic": "compare_data_scientist", "shown": ["1.list"]},
        ),
        Reading("out_of_scope", text="wait so which of the two writes more code", confidence=0.37),
        "about",
        None,
        None,
    ),
    (
        "the data behind one country's figures, by a pointer",
        State(),
        Reading("nlu_fallback", text="are the french ones dated at all?", country="FR"),
        "about",
        ("FR", None),
        "ask_sources",
    ),
    (
        "what moves the number, after figures there",
        SALARY_US_SENIOR_LAST,
        Reading("ask_career_path", text="what factors move the number up or down over there"),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "how to earn the most",
        State(),
        Reading("ask_salary", text="how do i maximise what i earn"),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "moving up to a level, after pay",
        State(topic="salary", country="FR", level="mid", last={"kind": "salary", "country": "FR"}),
        Reading(
            "ask_career_path",
            text="and if i move up to senior there",
            level="senior",
            confidence=0.9,
        ),
        "salary",
        ("FR", "senior"),
        None,
    ),
    (
        "a breakdown by seniority of the figures just shown",
        SALARY_GB_LAST,
        Reading("nlu_fallback", text="is there a breakdown by seniority for the uk?", country="GB"),
        "about",
        None,
        None,
    ),
    (
        "an unsure new topic whose runner-up is the one just answered",
        State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
        Reading(
            "ask_duties",
            text="at the end of the day where do they deploy stuff to?",
            confidence=0.45,
            runner_up="ask_typical_day",
            runner_up_confidence=0.34,
        ),
        "about",
        None,
        None,
    ),
    (
        "a sure new topic after another answer",
        State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
        Reading(
            "ask_duties",
            text="so what are their main responsibilities",
            confidence=0.8,
            runner_up="ask_typical_day",
            runner_up_confidence=0.15,
        ),
        "topic",
        None,
        "ask_duties",
    ),
    (
        "an unsure question naming a specialisation is about that one",
        State(),
        Reading(
            "ask_outlook",
            text="is there an ML job thats about images?",
            specialisation="computer_vision",
            confidence=0.51,
        ),
        "topic",
        None,
        "ask_specialisations",
    ),
    (
        "what a + after a figure means, after the figures",
        SALARY_US_SENIOR_LAST,
        Reading("ask_duties", text="what does the + at the end mean", confidence=0.43),
        "about",
        None,
        None,
    ),
    (
        "what a word means is no midpoint, after figures",
        SALARY_US_SENIOR_LAST,
        Reading(
            "ask_duties",
            text="ok unrelated but what does mlops actually mean",
            specialisation="mlops",
            confidence=0.57,
        ),
        "topic",
        None,
        None,
    ),
    (
        "the cheapest ways to learn",
        State(),
        Reading(
            "ask_career_path", text="what are the cheapest ways to learn then", confidence=0.41
        ),
        "topic",
        None,
        "ask_education",
    ),
    (
        "which of those matters most after a comparison, read as pay drivers",
        State(topic="compare_role", last={"kind": "topic", "topic": "compare_role"}),
        Reading(
            "ask_salary_factors",
            text="which of those differences matters most for getting hired",
            confidence=0.67,
        ),
        "about",
        None,
        None,
    ),
    (
        "a course asked with a place after the degrees",
        State(topic="education", last={"kind": "topic", "topic": "education"}),
        Reading(
            "inform",
            text="what about france, any online courses mentioned?",
            country="FR",
            study_route="online_courses",
        ),
        "topic",
        None,
        None,
    ),
    (
        "a specialisation's tooling is the tools, not the specialisation",
        State(topic="skills", last={"kind": "topic", "topic": "big_data"}),
        Reading("inform", text="mlops tooling", specialisation="mlops", skill_area="mlops"),
        "topic",
        None,
        None,
    ),
    (
        "why the range is so wide, after figures, read as the outlook",
        SALARY_US_SENIOR_LAST,
        Reading("ask_outlook", text="why is there such a big range between jobs", confidence=0.31),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "the closest thing after a country without figures",
        State(
            topic="salary", country="IE", last={"kind": "salary", "country": "IE", "sources": []}
        ),
        Reading("ask_sources", text="ok then whats the closest thing you have", confidence=0.6),
        "salary",
        (None, None),
        None,
    ),
    (
        "is it hard, after what to study",
        State(topic="education", last={"kind": "topic", "topic": "education"}),
        Reading("nlu_fallback", text="is it hard", confidence=0.25),
        "topic",
        None,
        "ask_suitability",
    ),
    (
        "whether something counts, after what employers want to see (out of scope at 0.91)",
        State(topic="getting_started", last={"kind": "topic", "topic": "getting_started"}),
        Reading("out_of_scope", text="do write-ups count or only code", confidence=0.91),
        "about",
        None,
        None,
    ),
    (
        "what to stress when i do, after how to negotiate",
        State(topic="salary_factors", last={"kind": "topic", "topic": "salary_factors"}),
        Reading(
            "ask_capabilities",
            text="what should i emphasise about myself when i do",
            confidence=0.59,
        ),
        "about",
        None,
        None,
    ),
    (
        "a plainly off-topic question after a topic is still refused",
        State(topic="skills", last={"kind": "topic", "topic": "skills"}),
        Reading("out_of_scope", text="and whats the capital of peru", confidence=0.95),
        "out_of_scope",
        None,
        None,
    ),
    (
        "does that change when more senior, after a typical day (pay drivers at 0.64)",
        State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
        Reading(
            "ask_salary_factors",
            text="does that change when you get more senior",
            level="senior",
            confidence=0.64,
        ),
        "topic",
        None,
        None,
    ),
    (
        "ways in other than the job itself",
        State(),
        Reading(
            "ask_outlook",
            text="and are there ways in that aren't straight into an ML engineer job?",
            confidence=0.5,
        ),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "a country alone after a typical day: the typical day there, not its pay",
        State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
        Reading("inform", text="and in the uk?", country="GB", confidence=0.98),
        "topic",
        ("GB", None),
        None,
    ),
    (
        "a country alone after pay and a degree in one reply: that country's pay",
        State(
            topic="education",
            last={"kind": "topic", "topic": "education", "pay": {"country": "FR"}},
        ),
        Reading("inform", text="and in the uk?", country="GB", confidence=0.98),
        "salary",
        ("GB", None),
        None,
    ),
    (
        "does that apply in france too, after the industries (read as shorter)",
        State(topic="industries", last={"kind": "topic", "topic": "industries"}),
        Reading(
            "ask_shorter", text="does that apply in france too?", country="FR", confidence=0.64
        ),
        "topic",
        ("FR", None),
        None,
    ),
    (
        "is calculus in there too, after the maths (the outlook at 0.27)",
        State(topic="maths", last={"kind": "topic", "topic": "maths"}),
        Reading("ask_outlook", text="is calculus in there too?", confidence=0.27),
        "about",
        None,
        None,
    ),
    (
        "is calculus in there too, after a reply that ended on pay: searched",
        SALARY_GB_LAST,
        Reading("ask_outlook", text="is calculus in there too?", confidence=0.27),
        "search",
        None,
        None,
    ),
    (
        "after that what do i learn, after the languages",
        State(topic="languages", last={"kind": "topic", "topic": "languages"}),
        Reading("inform", text="ok and after that what do i learn", confidence=0.51),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "what jobs could i aim for first (a follow-up at 0.37)",
        State(),
        Reading("inform", text="what jobs could i aim for first?", confidence=0.37),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "which one should i aim for, after ML engineer vs MLOps engineer",
        State(
            topic="compare_mlops_engineer",
            role="mlops_engineer",
            last={"kind": "topic", "topic": "compare_mlops_engineer"},
        ),
        Reading(
            "ask_suitability",
            text="which one should i aim for if i mainly like building the models",
            confidence=0.84,
        ),
        "topic",
        None,
        "compare_role",
    ),
    (
        "convert the UK midpoint to euros, after the US figures",
        State(topic="salary", country="US", last={"kind": "salary", "country": "US"}),
        Reading(
            "out_of_scope",
            text="convert the UK midpoint to euros for me",
            country="GB",
            confidence=0.28,
        ),
        "about",
        ("GB", None),
        None,
    ),
    (
        "honestly, is ML engineering just hype (what the job is at 0.65): the outlook",
        State(),
        Reading("ask_role", text="honestly, is ML engineering just hype?", confidence=0.65),
        "topic",
        None,
        "ask_outlook",
    ),
    (
        "how long would all that take, after the degrees (read as shorter at 0.6)",
        State(topic="education", last={"kind": "topic", "topic": "education"}),
        Reading("ask_shorter", text="how long would all that take", confidence=0.6),
        "topic",
        None,
        None,
    ),
    (
        "and pay? after the tools: the figures",
        State(topic="tools", last={"kind": "topic", "topic": "tools"}),
        Reading("inform", text="and pay?", confidence=0.93),
        "salary",
        (None, None),
        None,
    ),
    (
        "what about for games, after the skills: asked of that answer, not refused",
        State(topic="skills", last={"kind": "topic", "topic": "skills"}),
        Reading("inform", text="what about for games", confidence=0.96),
        "about",
        None,
        None,
    ),
    (
        "is there an ML job that deals with language (the outlook at 0.77): NLP",
        State(),
        Reading(
            "ask_outlook",
            text="i studied linguistics. is there an ML job that deals with language?",
            skill_area="languages",
            confidence=0.77,
        ),
        "topic",
        None,
        "ask_specialisations",
    ),
    (
        "does that change when you're senior, after a typical day (about the answer at 0.47)",
        State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
        Reading(
            "ask_about_answer",
            text="does that change when youre senior?",
            level="senior",
            confidence=0.47,
        ),
        "topic",
        (None, "senior"),
        None,
    ),
    (
        "how hard without a CS degree, from a firefighter (getting started at 0.9)",
        State(),
        Reading(
            "ask_getting_started",
            text="firefighter, 35. how hard is it to get an ML job without a CS degree?",
            confidence=0.9,
        ),
        "topic",
        None,
        "ask_education",
    ),
    (
        "do they present a lot? i'm shy (getting started at 0.57): the people skills",
        State(),
        Reading(
            "ask_getting_started",
            text="do ML engineers have to present to people a lot? i'm really shy",
            confidence=0.57,
        ),
        "topic",
        None,
        "ask_skills",
    ),
    (
        "and what gcses/a levels matter, after the maths: the studies the pages name",
        State(topic="maths", last={"kind": "topic", "topic": "maths"}),
        Reading("inform", text="and what gcses/a levels matter", level="mid", confidence=0.5),
        "topic",
        None,
        "ask_education",
    ),
    (
        "what skills from the army would transfer: who moves in well",
        State(topic="skills", last={"kind": "topic", "topic": "skills"}),
        Reading("inform", text="what skills from the army would transfer", confidence=0.45),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "which source is the french one, after France's and the US's figures",
        State(
            topic="salary",
            country="FR",
            last={"kind": "salary", "country": "US", "countries": ["US", "FR"], "sources": ["x"]},
        ),
        Reading("ask_sources", text="which source is the french one", country="FR", confidence=0.9),
        "about",
        ("FR", None),
        None,
    ),
    (
        "now squeeze all that into something tiny (read as nothing at all)",
        State(topic="workplace", last={"kind": "topic", "topic": "workplace", "shown": ["1.0"]}),
        Reading("nlu_fallback", text="now squeeze all that into something tiny", confidence=1.0),
        "shorter",
        None,
        None,
    ),
    (
        "and the UK ones, gross? after whether the US and French figures are gross",
        State(topic="salary", country="FR", last={"kind": "salary", "country": "FR"}),
        Reading(
            "inform",
            text="and the UK ones, gross?",
            rest="and the ones, gross?",
            country="GB",
            confidence=0.95,
        ),
        "about",
        ("GB", None),
        None,
    ),
    (
        "and apprentices, alternance? after interns' pay (a follow-up at 0.99)",
        SALARY_FR_LAST,
        Reading("inform", text="and apprentices, alternance?", confidence=0.99),
        "topic",
        None,
        "ask_getting_started",
    ),
    (
        "and DeepMind in London? after what Google pays",
        State(topic="salary"),
        Reading(
            "inform",
            text="and DeepMind in London?",
            rest="and DeepMind in?",
            country="GB",
            confidence=0.99,
        ),
        "pay_by_employer",
        None,
        None,
    ),
    (
        "how can an ML engineer in france push their pay up: what drives pay",
        State(),
        Reading(
            "ask_salary",
            text="how can an ML engineer in france push their pay up",
            country="FR",
            confidence=0.8,
        ),
        "topic",
        None,
        "ask_salary_factors",
    ),
    (
        "and if I moved to Lyon next year? after what to study",
        State(topic="education", last={"kind": "topic", "topic": "education"}),
        Reading(
            "inform",
            text="and if I moved to Lyon next year?",
            country="FR",
            city="Lyon",
            confidence=0.99,
        ),
        "topic",
        ("FR", None),
        None,
    ),
    (
        "a ballpark after a country without figures: the figures the pages do give",
        State(
            topic="salary", country="DE", last={"kind": "salary", "country": "DE", "sources": []}
        ),
        Reading("nlu_fallback", text="roughly though?", confidence=0.25),
        "salary",
        (None, None),
        None,
    ),
]


@pytest.mark.parametrize(
    "state,reading,kind,filters,intent", [row[1:] for row in TABLE], ids=[row[0] for row in TABLE]
)
def test_state_table(
    state: State,
    reading: Reading,
    kind: str,
    filters: tuple[str | None, str | None] | None,
    intent: str | None,
) -> None:
    plan = decide(state, reading, INTENT_TOPICS)
    assert plan.kind == kind
    if filters is not None:
        assert (plan.country, plan.level) == filters
    if intent is not None:
        assert plan.intent == intent


def test_skills_beyond_the_one_named_drop_it() -> None:
    reading = Reading("ask_skills", text="what else beyond python?", skill_area="languages")
    assert decide(State(), reading, INTENT_TOPICS).parameters["skill_area"] is None


def test_a_question_according_to_the_sources_searches_its_subject() -> None:
    reading = Reading(
        "ask_sources", text="ok what do certs do for you then, according to your sources"
    )
    plan = decide(LAST_TOPIC_SOURCED, reading, INTENT_TOPICS)
    assert plan.search_text == "ok what do certs do for you then,"


def test_a_filter_follow_up_continues_the_topic_it_belongs_to() -> None:
    assert follow_up_intent("salary", {"skill_area": "languages"}) == "ask_skills"
    assert follow_up_intent("specialisations", {"specialisation": "nlp"}) == "ask_specialisations"
    assert (
        follow_up_intent("compare_data_scientist", {"role": "software_engineer"}) == "compare_role"
    )
    assert follow_up_intent("career_path", {}) == "ask_career_path"


def test_a_city_is_told_apart_from_its_country() -> None:
    assert city_of("Madrid") == "Madrid"
    assert city_of("madrid") == "Madrid"
    assert city_of("Spain") is None
    assert city_of(None) is None
    assert city_of("nyc") == "New York" and city_of("SF") == "San Francisco"  # read as the US


def test_questions_of_a_long_message_take_the_person_from_the_whole_message() -> None:
    whole = Reading(
        "ask_several",
        text="8 years in accounting in Lyon. what would I make?",
        country="FR",
        city="Lyon",
        level="senior",
        background="finance",
    )
    question = with_context(Reading("ask_salary"), whole)
    assert (question.country, question.city, question.background) == ("FR", "Lyon", "finance")
    # Years spent in another job say nothing about seniority as an ML engineer...
    assert question.level is None
    # ... but a level in words is the role's: "we're hiring a senior ML engineer".
    hiring = dataclasses.replace(whole, text="we're hiring a senior ML engineer, what range?")
    assert with_context(Reading("ask_salary"), hiring).level == "senior"
    # A question naming its own country keeps it, and the other country's city is dropped.
    own = with_context(Reading("ask_salary", country="GB"), whole)
    assert (own.country, own.city) == ("GB", None)


def test_answers_of_a_long_message_update_the_state_in_turn() -> None:
    events = [
        {"event": "slot", "name": "topic", "value": "salary"},
        {"event": "slot", "name": "country", "value": "GB"},
        {"event": "slot", "name": "last_answer", "value": {"kind": "salary", "country": "GB"}},
    ]
    state = state_after(State(topic="skills"), events)
    assert (state.topic, state.country, state.last["kind"]) == ("salary", "GB", "salary")
    assert isinstance(decide(state, Reading("inform", level="junior"), INTENT_TOPICS), Plan)


def test_an_unsure_refusal_refuses_only_when_the_store_has_nothing() -> None:
    unsure = decide(State(), Reading("out_of_scope", text="x", confidence=0.4), INTENT_TOPICS)
    assert unsure.refuse_if_nothing
    leaning = Reading("nlu_fallback", text="x", confidence=0.2, doubts_scope=True)
    assert decide(State(), leaning, INTENT_TOPICS).refuse_if_nothing
    in_domain = Reading("nlu_fallback", text="x", confidence=0.2, leaning="ask_skills")
    assert not decide(State(), in_domain, INTENT_TOPICS).refuse_if_nothing
    leaned = Reading(
        "nlu_fallback", text="would someone like me enjoy it", runner_up="ask_suitability"
    )
    plan = decide(State(), leaned, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.refuse_if_nothing) == ("search", "ask_suitability", False)
    weather = Reading(
        "nlu_fallback",
        text="weather in barcelona",
        country="ES",
        rest="weather in ",
        confidence=0.2,
    )
    assert decide(State(), weather, INTENT_TOPICS).refuse_if_nothing


@pytest.mark.parametrize(
    "text,confidence,kind,refuses",
    [
        # About work or the field: searched, and an honest gap rather than a refusal.
        ("how do i show impact on my cv", 0.67, "search", False),
        ("should i practise leetcode for it", 0.54, "search", False),
        # ... or who the job suits, where that is what it asks
        ("is it a good fit if i hate talking to stakeholders lol", 0.31, "topic", False),
        # Not about this career: refused when sure, else refused if the store has nothing.
        ("can you recommend a good pizza place", 0.99, "out_of_scope", True),
        ("how do i become a nurse", 0.99, "out_of_scope", True),
        ("what is the average salary of a dentist", 0.5, "out_of_scope", True),
        ("how much do nurses get paid", 0.7, "out_of_scope", True),
    ],
)
def test_a_doubted_question_about_work_is_searched_not_refused(
    text: str, confidence: float, kind: str, refuses: bool
) -> None:
    parsed = {
        "text": text,
        "intent": {"name": "out_of_scope", "confidence": confidence},
        "intent_ranking": [{"name": "out_of_scope", "confidence": confidence}],
        "entities": [],
    }
    plan = decide(State(), Reading.from_parse(parsed), INTENT_TOPICS)
    assert plan.kind == kind
    assert plan.kind == "out_of_scope" or plan.refuse_if_nothing == refuses


def test_a_place_with_another_question_is_not_a_filter_follow_up() -> None:
    text = "and what about the weather in toronto"
    start = text.index("toronto")
    entities = [{"entity": "country", "value": "toronto", "start": start, "end": start + 7}]
    parsed = {
        "text": text,
        "intent": {"name": "inform", "confidence": 0.5},
        "intent_ranking": [{"name": "inform"}, {"name": "out_of_scope"}],
        "entities": entities,
    }
    reading = dataclasses.replace(Reading.from_parse(parsed), country="CA", city="Toronto")
    plan = decide(SALARY_FR, reading, INTENT_TOPICS)
    assert plan.kind == "search" and plan.refuse_if_nothing
    bare = dataclasses.replace(reading, rest="and the real figures for")
    assert decide(SALARY_FR, bare, INTENT_TOPICS).kind == "salary"


def test_an_unsure_place_alone_is_a_follow_up() -> None:
    reading = Reading("nlu_fallback", text="in nyc", country="US", city="Nyc", rest="in    ")
    plan = decide(SALARY_FR, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "US")


def test_a_pay_question_with_a_place_is_about_pay_however_it_was_classified() -> None:
    text = "ok and roughly what would i make starting out in the uk?"
    start = text.index("uk")
    parsed = {
        "text": text,
        "intent": {"name": "out_of_scope", "confidence": 0.9},
        "intent_ranking": [{"name": "out_of_scope", "confidence": 0.9}],
        "entities": [{"entity": "country", "value": "uk", "start": start, "end": start + 2}],
    }
    plan = decide(State(), Reading.from_parse(parsed), INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "GB")


@pytest.mark.parametrize(
    "text,intent,entities,kind",
    [
        ("who earns more?", "ask_more", [], "pay_comparison"),
        (
            "who earns more, an ml engineer or a data scientist?",
            "compare_role",
            [],
            "pay_comparison",
        ),
        ("and which pays more?", "ask_more", [], "pay_comparison"),
        ("do seniors earn more than juniors?", "ask_salary", [("level", "seniors")], "salary"),
        ("tell me more", "ask_more", [], "more"),
    ],
)
def test_who_earns_more_is_a_pay_comparison_not_a_command(
    text: str, intent: str, entities: list[tuple[str, str]], kind: str
) -> None:
    spans = [
        {"entity": e, "value": v, "start": text.index(v), "end": text.index(v) + len(v)}
        for e, v in entities
    ]
    parsed = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
        "entities": spans,
    }
    last = {"kind": "topic", "topic": "compare_data_scientist", "shown": ["1.0"]}
    assert decide(State(last=last), Reading.from_parse(parsed), INTENT_TOPICS).kind == kind


def test_a_follow_up_without_a_filter_after_pay_is_a_new_question() -> None:
    state = State(topic="salary", country="FR", last={"kind": "salary", "country": "FR"})
    parsed = {
        "text": "and what should i learn first",
        "intent": {"name": "inform", "confidence": 0.7},
        "intent_ranking": [{"name": "inform", "confidence": 0.7}],
        "entities": [],
    }
    assert decide(state, Reading.from_parse(parsed), INTENT_TOPICS).kind == "search"
    # With the classifier's second guess a topic, that topic is answered.
    ranked = {
        **parsed,
        "intent_ranking": [
            {"name": "inform", "confidence": 0.54},
            {"name": "ask_skills", "confidence": 0.37},
        ],
    }
    plan = decide(state, Reading.from_parse(ranked), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_skills")
    again = {**parsed, "text": "and the figures then?"}
    assert decide(state, Reading.from_parse(again), INTENT_TOPICS).kind == "salary"
    why = {**parsed, "text": "why such a big range?? what pushes pay up"}
    plan = decide(state, Reading.from_parse(why), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_salary_factors")


def test_the_place_asked_about_wins_over_where_the_person_is() -> None:
    text = "final year student in pune. what does an ml engineer earn in india?"
    entities = [
        {"entity": "country", "value": "pune", "start": text.index("pune"), "end": 26},
        {"entity": "country", "value": "india", "start": text.index("india"), "end": len(text) - 1},
    ]
    parsed = {
        "text": text,
        "intent": {"name": "ask_salary", "confidence": 0.9},
        "entities": entities,
    }
    reading = Reading.from_parse(parsed)
    assert (reading.country, reading.city) == ("IN", None)
    lives = "i live in pune, what would an mle make here?"
    at = lives.index("pune")
    only_city = {**parsed, "text": lives, "entities": [{**entities[0], "start": at, "end": at + 4}]}
    assert (Reading.from_parse(only_city).country, Reading.from_parse(only_city).city) == (
        "IN",
        "Pune",
    )


def test_how_long_after_a_topic_asks_about_that_topic() -> None:
    state = State(topic="getting_started")
    asks = Reading(
        "out_of_scope", text="how long would it take me", rest="how long would it take me"
    )
    assert decide(state, asks, INTENT_TOPICS).kind == "topic"
    other = Reading(
        "nlu_fallback",
        text="how long does it take to learn python",
        rest="how long does it take to learn python",
    )
    assert decide(state, other, INTENT_TOPICS).kind == "search"


def test_a_background_alone_is_a_follow_up() -> None:
    told = Reading(
        "nlu_fallback",
        text="i'm a data analyst rn if that matters",
        background="data_analyst",
        rest="i'm a  rn if that matters",
    )
    plan = decide(State(topic="getting_started"), told, INTENT_TOPICS)
    assert plan.kind == "topic" and plan.parameters.get("background") == "data_analyst"


@pytest.mark.parametrize(
    "text", ["which countries do you have figures for then", "what places do your sources cover?"]
)
def test_which_places_are_covered_is_the_pay_overview(text: str) -> None:
    plan = decide(SALARY_FR, Reading("ask_sources", text=text), INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", None)


@pytest.mark.parametrize(
    "text,intent",
    [
        ("je suis comptable, une reconversion en ml engineer c'est possible ?", "ask_career_path"),
        ("i'm an accountant, could i switch into this?", "ask_suitability"),
    ],
)
def test_a_career_change_from_a_background_is_how_to_get_started(text: str, intent: str) -> None:
    reading = Reading(intent, text=text, background="finance")
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")
    assert plan.parameters.get("background") == "finance"


def test_a_career_change_from_another_occupation_is_how_to_get_started() -> None:
    text = "i'm a nurse, 29, thinking about switching into machine learning. is that crazy?"
    reading = Reading("ask_role", text=text, about_another_job=True)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")


@pytest.mark.parametrize("text", ["ml?", "machine learning engineering??", "MLE"])
def test_naming_only_the_field_asks_what_it_is(text: str) -> None:
    plan = decide(State(), Reading("nlu_fallback", text=text), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_role")


@pytest.mark.parametrize(
    "text", ["how much does google pay its ml engineers", "meta vs openai pay?", "faang salaries?"]
)
def test_pay_at_a_named_employer_is_an_honest_gap(text: str) -> None:
    assert decide(State(), Reading("ask_salary", text=text), INTENT_TOPICS).kind == (
        "pay_by_employer"
    )


def test_what_juniors_get_in_a_country_is_a_pay_question() -> None:
    reading = Reading(
        "ask_career_path",
        text="what do junior ml engineers usually get in the uk",
        confidence=0.7,
        country="GB",
        level="junior",
        rest="what do  ml engineers usually get in the ",
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "GB", "junior")


def test_tools_asked_about_a_typical_day_are_the_tools() -> None:
    assert resolve_topic("ask_typical_day", {"skill_area": "tools"}) == "tools"
    assert resolve_topic("ask_typical_day", {"skill_area": "languages"}) == "typical_day"
    assert resolve_topic("ask_specialisations", {"skill_area": "languages"}) == "languages"


def test_making_the_switch_is_not_pay() -> None:
    text = "Could ML engineering be a fit and how would I make the switch?"
    plan = decide(State(), Reading("ask_getting_started", text=text, confidence=0.5), INTENT_TOPICS)
    assert plan.kind == "topic"


@pytest.mark.parametrize(
    "text,kind", [("are they worth it?", "shorter"), ("is it worth learning rust?", "search")]
)
def test_a_judgement_on_the_last_topic_stays_on_it(text: str, kind: str) -> None:
    state = State(topic="certifications")
    assert decide(state, Reading("ask_advice", text=text), INTENT_TOPICS).kind == kind


def test_years_of_experience_stated_narrow_the_figures() -> None:
    us = State(topic="salary", country="US", last={"kind": "salary", "country": "US"})
    reading = Reading("inform", text="ok and with like 4 years of experience?", level="mid")
    assert (decide(us, reading, INTENT_TOPICS).kind, decide(us, reading, INTENT_TOPICS).level) == (
        "salary",
        "mid",
    )


def test_the_other_specialisations_are_all_of_them() -> None:
    reading = Reading(
        "inform", text="and the other specialisations besides mlops?", specialisation="mlops"
    )
    plan = decide(State(topic="specialisations"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.parameters) == ("topic", "ask_specialisations", {})


def test_a_pay_word_in_an_unsure_follow_up_is_pay() -> None:
    reading = Reading("inform", text="and what would i earn at the start")
    assert decide(State(topic="getting_started"), reading, INTENT_TOPICS).kind == "salary"


def test_why_two_sources_differ_is_about_the_figures() -> None:
    reading = Reading("ask_sources", text="why is there a difference between the two sources?")
    assert decide(SALARY_FR_LAST, reading, INTENT_TOPICS).kind == "about"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("ml engineer salaries in france please", "salary"),
        ("why do salaries in france differ so much", "topic"),
    ],
)
def test_pay_with_a_place_read_as_what_drives_pay(text: str, kind: str) -> None:
    reading = Reading("ask_salary_factors", text=text, country="FR", confidence=0.5)
    assert decide(State(), reading, INTENT_TOPICS).kind == kind


def test_an_unsure_pay_reading_with_no_sign_of_pay_is_searched() -> None:
    reading = Reading(
        "ask_salary",
        text="ok then what should a good ML engineer CV show?",
        confidence=0.32,
        runner_up="ask_specialisations",
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("search", None)
    assert decide(State(), Reading("ask_salary", text="", confidence=0.3), INTENT_TOPICS).kind == (
        "salary"
    )


def test_what_affects_pay_read_as_pay_is_what_drives_it() -> None:
    reading = Reading(
        "ask_salary", text="what affects how much an ML engineer gets paid", confidence=0.55
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_salary_factors")


@pytest.mark.parametrize("text", ["ml engineer salery?", "whats the typical salarys in france"])
def test_a_misspelt_pay_word_is_still_pay(text: str) -> None:
    reading = Reading("ask_salary", text=text, confidence=0.5)
    assert decide(State(), reading, INTENT_TOPICS).kind == "salary"


def test_an_unsure_question_naming_a_skill_is_about_that_skill() -> None:
    reading = Reading(
        "nlu_fallback",
        text="is R worth learning too?",
        confidence=0.25,
        skill_area="R",
        runner_up="ask_skills",
    )
    plan = decide(State(topic="skills"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.parameters.get("skill_area")) == (
        "topic",
        "ask_skills",
        "R",
    )


def test_a_doubted_question_naming_a_skill_is_about_it_but_a_task_is_not() -> None:
    question = Reading(
        "nlu_fallback", text="is sql worth it", confidence=0.25, skill_area="sql", doubts_scope=True
    )
    assert decide(State(), question, INTENT_TOPICS).kind == "topic"
    task = dataclasses.replace(question, text="write me a sql query that joins two tables")
    assert decide(State(), task, INTENT_TOPICS).kind == "search"


def test_a_move_to_another_place_after_pay_is_that_place() -> None:
    reading = Reading(
        "inform",
        text="ok what about if he moved to the states",
        rest="ok what about if he moved to ",
        country="US",
    )
    plan = decide(State(topic="salary", country="CA"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "US")


def test_which_one_is_more_fun_is_no_request_for_more() -> None:
    last = {"kind": "topic", "topic": "compare_software_engineer", "shown": ["1.0"]}
    reading = Reading("ask_more", text="which one is more fun", confidence=0.48)
    assert decide(
        State(topic="compare_software_engineer", last=last), reading, INTENT_TOPICS
    ).kind == ("about")
    assert decide(State(last=last), Reading("ask_more", text="more"), INTENT_TOPICS).kind == "more"


def test_how_long_in_french_after_a_topic_asks_about_that_topic() -> None:
    reading = Reading(
        "inform", text="combien de temps ça prend ?", rest="combien de temps ça prend ?"
    )
    plan = decide(State(topic="getting_started"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", None)


def test_someone_from_another_field_asking_to_become_one_is_getting_started() -> None:
    text = "est-ce que je peux devenir ingénieur ML ?"
    reading = Reading("ask_education", text=text, background="operations")
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")


def test_what_i_should_be_making_with_a_place_is_pay() -> None:
    reading = Reading(
        "ask_getting_started",
        text="3 years into my ml career, what should i be making in the states",
        country="US",
        level="mid",
        confidence=0.5,
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "US", "mid")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("what salary range should we advertise?", "salary"),
        ("which sectors pay better if i want to switch later", "topic"),
        ("what kind of companies pay the most over there", "topic"),
    ],
)
def test_what_drives_pay_or_the_figures(text: str, kind: str) -> None:
    reading = Reading("ask_salary_factors", text=text, confidence=0.6)
    assert decide(State(), reading, INTENT_TOPICS).kind == kind


def test_doing_without_a_degree_asks_for_the_route_without_one() -> None:
    reading = Reading("inform", text="and if i don't have one?", confidence=0.99)
    plan = decide(State(topic="education"), reading, INTENT_TOPICS)
    assert plan.parameters == {"study_route": "no_degree"}


def test_a_career_change_said_before_a_bare_judgement_is_how_to_get_started() -> None:
    whole = Reading(
        "ask_several",
        text="I'm 41, I've been a secondary school maths teacher for 15 years. "
        "Thinking about retraining. Realistic?",
    )
    part = Reading("inform", text="Thinking about retraining. Realistic?", confidence=0.82)
    plan = decide(State(), with_context(part, whole), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")


def test_a_part_of_a_message_about_the_career_is_about_the_career() -> None:
    whole = Reading("ask_several", text="final yr maths student, never touched any ml framework")
    whole = dataclasses.replace(whole, about_career=True)
    part = with_context(Reading("out_of_scope", text="how do i break in", confidence=0.5), whole)
    assert decide(State(), part, INTENT_TOPICS).refuse_if_nothing is False


@pytest.mark.parametrize(
    "text,intent",
    [
        ("which country pays the most?", "out_of_scope"),
        ("where do ML engineers earn the most?", "ask_career_path"),
        ("what's the best paying country for machine learning engineers", "ask_salary_factors"),
        ("quel pays paie le plus ?", "nlu_fallback"),
    ],
)
def test_which_country_pays_most_is_every_countrys_figures(text: str, intent: str) -> None:
    plan = decide(State(), Reading(intent, text=text), INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.parameters) == ("salary", None, {"places": "all"})


def test_which_pays_more_with_a_place_after_figures_compares_with_them() -> None:
    reading = Reading(
        "ask_salary_factors",
        text="which is higher, that or the US?",
        country="US",
        countries=("US",),
    )
    plan = decide(SALARY_FR_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.parameters) == ("salary", "US", {"places": "with_last"})
    # With no figures before and one place, it is no comparison.
    assert decide(State(), reading, INTENT_TOPICS).parameters != {"places": "with_last"}


def test_what_a_specialisation_pays_is_pay_for_it() -> None:
    """ "what does NLP pay?" after the specialisations: their pay (no page gives it: the gap)."""
    reading = Reading("inform", text="what does NLP pay?", confidence=0.31, specialisation="nlp")
    plan = decide(State(topic="specialisations"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.parameters.get("specialisation")) == ("salary", "nlp")


@pytest.mark.parametrize(
    "text", ["are these salary numbers even up to date?", "how recent are the salary figures?"]
)
def test_what_the_figures_rest_on_before_any_figures_is_about_them(text: str) -> None:
    plan = decide(State(), Reading("ask_about_answer", text=text), INTENT_TOPICS)
    assert plan.kind == "about"
    asks_places = Reading("ask_sources", text="which countries do you have salary data for?")
    assert decide(State(), asks_places, INTENT_TOPICS).kind == "salary"


def test_amounts_of_data_are_no_question_about_the_figures() -> None:
    text = "do i need to handle insane amounts of data, clusters and whatnot"
    plan = decide(State(), Reading("ask_skills", text=text, confidence=0.5), INTENT_TOPICS)
    assert plan.kind != "about"


@pytest.mark.parametrize(
    ("text", "intent", "country"),
    [
        ("and is Canada covered at all?", "inform", "CA"),
        ("do you cover germany", "inform", "DE"),
        ("what do your sources say about Germany at all", "ask_sources", "DE"),
    ],
)
def test_whether_a_place_is_covered_is_what_the_sources_have_for_it(
    text: str, intent: str, country: str
) -> None:
    rest = re.sub(r"canada|germany", " ", text, flags=re.I)  # the place is an entity
    reading = Reading(intent, text=text, country=country, rest=rest, confidence=0.9)
    plan = decide(SKILLS, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", country)


def test_what_the_sources_say_about_a_study_route_is_that_topic() -> None:
    text = "according to your sources, is a phd worth it"
    reading = Reading("ask_sources", text=text, study_route="degree", confidence=0.83)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.parameters["study_route"]) == ("topic", "degree")


def test_resources_to_learn_from_are_no_question_about_the_sources() -> None:
    text = "ok thanks, any free resources you'd recommend?"
    reading = Reading("ask_sources", text=text, study_route="online_courses", confidence=0.6)
    plan = decide(SKILLS, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_education")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Q: what should I focus on", "ask_getting_started"),
        ("what area should i focus on", "ask_specialisations"),
    ],
)
def test_what_to_focus_on_is_getting_started_unless_it_asks_which_area(
    text: str, intent: str
) -> None:
    reading = Reading("ask_specialisations", text=text, background="software", confidence=0.48)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", intent)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("what can you do", "capabilities"),
        ("HELP PLEASE", "capabilities"),
        ("what sort of things can i ask", "capabilities"),
        # what employers want to see, searched as a portfolio question
        ("what would help my application stand out", "search"),
        ("what interview questions do your sources suggest?", "search"),
    ],
)
def test_only_a_message_to_the_bot_asks_what_it_can_do(text: str, kind: str) -> None:
    reading = Reading("ask_capabilities", text=text, rest=text, confidence=0.64)
    assert decide(State(), reading, INTENT_TOPICS).kind == kind


@pytest.mark.parametrize(
    ("text", "intent", "state", "specialisation"),
    [
        ("what does a computer vision engineer earn", "ask_specialisations", State(), "cv"),
        (
            "any salary info for that specifically?",
            "ask_salary_factors",
            State(topic="specialisations", last={"kind": "topic", "specialisation": "cv"}),
            "cv",
        ),
        ("which specialisation pays best", "ask_about_answer", State(), "any"),
        ("what type of ml engineer earns the most in the us", "ask_salary", State(), "any"),
    ],
)
def test_pay_for_a_specialisation_is_the_gap_then_the_figures(
    text: str, intent: str, state: State, specialisation: str
) -> None:
    named = specialisation if "computer vision" in text else None
    reading = Reading(intent, text=text, rest=text, specialisation=named, confidence=0.5)
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.parameters.get("specialisation")) == ("salary", specialisation)


def test_which_companies_pay_most_is_no_question_about_specialisations() -> None:
    text = "what kind of companies pay the most over there"
    reading = Reading("ask_salary_factors", text=text, rest=text, confidence=0.6)
    plan = decide(State(topic="salary", country="US"), reading, INTENT_TOPICS)
    assert plan.parameters.get("specialisation") is None


def test_which_of_the_skills_named_before_matter_is_the_skills_they_name() -> None:
    whole = (
        'here\'s a job ad: "we need Python, Spark, AWS, Docker, 3+ years ML in production". '
        "which of those do your sources say matter?"
    )
    question = "which of those do your sources say matter?"
    reading = Reading("ask_sources", text=question, rest=question, said_before=whole)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_skills")
    assert plan.search_text and "Spark" in plan.search_text and question not in plan.search_text


def test_which_is_better_paid_in_french_after_two_roles_is_the_pay_comparison() -> None:
    state = State(topic="compare_data_scientist", role="data_scientist")
    reading = Reading("out_of_scope", text="lequel est le mieux payé ?", confidence=0.5)
    assert decide(state, reading, INTENT_TOPICS).kind == "pay_comparison"
    assert decide(State(), reading, INTENT_TOPICS).kind != "pay_comparison"


def test_where_the_figures_come_from_in_french_is_about_them() -> None:
    reading = Reading("out_of_scope", text="d'où viennent ces chiffres ?", confidence=0.5)
    last = {"kind": "salary", "country": "US", "sources": ["CBT Nuggets"]}
    assert decide(State(topic="salary", country="US", last=last), reading, INTENT_TOPICS).kind == (
        "about"
    )


@pytest.mark.parametrize(
    ("text", "study_route", "intent"),
    [
        (
            "just finished a bootcamp. can i apply for ML engineer jobs straight away?",
            "online_courses",
            "ask_getting_started",
        ),
        ("can i get an ml job with just a masters?", "degree", "ask_education"),
    ],
)
def test_whether_i_can_apply_now_is_getting_started_unless_it_weighs_a_degree(
    text: str, study_route: str, intent: str
) -> None:
    reading = Reading("ask_education", text=text, study_route=study_route, confidence=0.7)
    assert decide(State(), reading, INTENT_TOPICS).intent == intent


def test_comparing_the_last_countrys_figures_with_another_shows_both() -> None:
    text = "how does that compare to the US in pounds"
    reading = Reading("ask_about_answer", text=text, country="US", countries=("US",))
    plan = decide(SALARY_GB_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.parameters.get("places")) == ("salary", "US", "with_last")


def test_what_would_boost_pay_is_what_drives_it() -> None:
    text = "would certifications boost my pay"
    reading = Reading("ask_certifications", text=text, rest=text, confidence=0.58)
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_salary_factors"


def test_what_a_hire_costs_is_a_pay_question() -> None:
    text = "and what does a senior one cost in the UK roughly"
    reading = Reading("inform", text=text, rest=text, country="GB", level="senior", confidence=0.7)
    plan = decide(State(topic="compare_data_scientist"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "GB", "senior")


@pytest.mark.parametrize(
    "text", ["ok but are companies actually hiring right now", "is there demand for mles"]
)
def test_whether_companies_hire_is_the_outlook(text: str) -> None:
    reading = Reading("nlu_fallback", text=text, rest=text, runner_up="bot_challenge")
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_outlook"


def test_what_a_hire_would_own_is_the_duties() -> None:
    text = "what should I expect them to own?"
    reading = Reading("ask_skills", text=text, rest=text, confidence=0.53)
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_duties"


def test_what_to_do_first_is_getting_started() -> None:
    text = "What should I do first?"
    reading = Reading("ask_capabilities", text=text, rest=text, confidence=0.46)
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_getting_started"


def test_a_pay_difference_after_a_comparison_is_a_pay_comparison() -> None:
    reading = Reading("ask_salary_factors", text="pay difference?", confidence=0.43)
    plan = decide(
        State(topic="compare_data_engineer", role="data_engineer"), reading, INTENT_TOPICS
    )
    assert plan.kind == "pay_comparison"


def test_whether_a_move_is_realistic_from_a_background_is_getting_started() -> None:
    text = "Is ML engineering realistic for me"
    reading = Reading("ask_suitability", text=text, rest=text, background="teaching")
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.intent, plan.parameters.get("background")) == ("ask_getting_started", "teaching")


@pytest.mark.parametrize("text", ["are they expensive?", "how much do they cost"])
def test_what_the_last_subject_costs_is_an_honest_gap(text: str) -> None:
    reading = Reading("ask_more", text=text, rest=text, confidence=0.34)
    assert decide(State(topic="certifications"), reading, INTENT_TOPICS).kind == "cost"


def test_why_one_countrys_pay_is_lower_is_what_drives_pay() -> None:
    text = "why is it so much lower than the US"
    reading = Reading("nlu_fallback", text=text, rest=text, country="US", countries=("US",))
    plan = decide(SALARY_GB_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_salary_factors")


def test_how_do_i_start_is_getting_started() -> None:
    reading = Reading("out_of_scope", text="how do i start", rest="how do i start", confidence=0.45)
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_getting_started"


def test_us_alone_after_pay_figures_is_the_united_states() -> None:
    reading = Reading("nlu_fallback", text="us", rest="us", confidence=1.0)
    plan = decide(SALARY_GB_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "US")


@pytest.mark.parametrize("text", ["et ça paie bien ?", "c'est bien payé ?"])
def test_whether_it_pays_well_in_french_is_pay(text: str) -> None:
    reading = Reading("out_of_scope", text=text, rest=text, confidence=0.5)
    assert decide(State(topic="outlook"), reading, INTENT_TOPICS).kind == "salary"


def test_what_it_takes_to_get_there_after_pay_is_the_career_path() -> None:
    text = "and what does it take to get there"
    reading = Reading("ask_about_answer", text=text, rest=text, confidence=0.47)
    assert decide(SALARY_US_SENIOR_LAST, reading, INTENT_TOPICS).intent == "ask_career_path"


def test_whether_employers_value_a_route_is_education() -> None:
    text = "would industry ML engineering roles value that?"
    reading = Reading("ask_industries", text=text, rest=text, study_route="phd", confidence=0.93)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.intent, plan.parameters.get("study_route")) == ("ask_education", "phd")


def test_whether_skills_transfer_from_another_job_is_getting_started() -> None:
    text = "im a UX designer, could my skills transfer to ml engineering at all?"
    reading = Reading("ask_skills", text=text, rest=text, confidence=0.39, about_another_job=True)
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_getting_started"


def test_whether_the_day_differs_by_employer_is_the_workplace() -> None:
    text = "is that the same at big companies and startups?"
    reading = Reading("nlu_fallback", text=text, rest=text, confidence=0.2)
    state = State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"})
    assert decide(state, reading, INTENT_TOPICS).intent == "ask_workplace"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("does the eu have better pay than the us for ml engineers?", "the EU"),
        ("what do ml engineers earn in europe", "Europe"),
    ],
)
def test_a_regions_pay_is_its_covered_countries(text: str, region: str) -> None:
    reading = Reading("ask_salary", text=text, rest=text, country=None, confidence=0.9)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.parameters.get("region")) == ("salary", region)


def test_which_route_is_cheapest_is_the_cost_gap_not_a_ranking() -> None:
    state = State(topic="education", last={"kind": "topic", "topic": "education", "shown": ["1.0"]})
    text = "which of those is the cheapest route"
    for intent, confidence in (("nlu_fallback", 0.3), ("ask_about_answer", 0.99)):
        reading = Reading(intent, text=text, rest=text, confidence=confidence)
        assert decide(state, reading, INTENT_TOPICS).kind == "cost"


SALARY_AU_GAP = State(topic="salary", country="AU", last={"kind": "salary", "country": "AU"})


def test_a_level_opened_as_a_follow_up_after_pay_is_pay_there() -> None:
    text = "what about the senior ones over there"
    reading = Reading(
        "ask_career_path",
        text=text,
        rest="what about the ones over there",
        level="senior",
        confidence=0.63,
    )
    plan = decide(SALARY_AU_GAP, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "AU", "senior")


def test_what_seniors_do_after_pay_is_still_their_duties_when_sure() -> None:
    text = "and what do senior ones do all day"
    reading = Reading(
        "ask_typical_day",
        text=text,
        rest="and what do ones do all day",
        level="senior",
        confidence=0.9,
    )
    assert decide(SALARY_FR_LAST, reading, INTENT_TOPICS).kind == "topic"


def test_a_place_said_in_passing_after_pay_is_pay_there() -> None:
    text = "ok then france, it's next door"
    reading = Reading(
        "nlu_fallback",
        text=text,
        rest="ok then , it's next door",
        country="FR",
        countries=("FR",),
        confidence=1.0,
    )
    plan = decide(State(topic="salary", country="DE"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "FR")


def test_a_place_in_a_question_of_its_own_after_pay_is_not_pay() -> None:
    text = "and whats the weather like in paris"
    reading = Reading("nlu_fallback", text=text, rest=text, city="Paris", country="FR")
    assert decide(SALARY_GB_LAST, reading, INTENT_TOPICS).kind == "search"


def test_a_named_skill_with_an_unrelated_second_guess_is_skills() -> None:
    text = "is R fine instead or nah"
    reading = Reading(
        "nlu_fallback",
        text=text,
        rest="is fine instead or nah",
        skill_area="R",
        runner_up="ask_workplace",
        confidence=0.25,
    )
    plan = decide(SKILLS, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.parameters.get("skill_area")) == ("topic", None, "R")


def test_whether_pay_depends_on_where_is_what_drives_pay() -> None:
    text = "does it depend where in the country you are"
    reading = Reading("ask_sources", text=text, rest=text, confidence=0.75)
    plan = decide(SALARY_FR_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_salary_factors")


def test_a_french_question_on_the_source_points_at_the_last_answer() -> None:
    state = State(topic="salary", country="US", last={"kind": "salary", "sources": ["CBT"]})
    reading = Reading("ask_sources", text="c'est quelle source ?", confidence=0.36)
    assert decide(state, reading, INTENT_TOPICS).kind == "about"


def test_what_interviews_test_is_searched_with_the_interview_named() -> None:
    text = "what do they usually test"
    reading = Reading(
        "ask_duties",
        text=text,
        rest=text,
        confidence=0.64,
        said_before="got my first ml engineer interview next week",
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert plan.kind == "search" and "interview" in plan.search_text


def test_what_the_job_pays_is_the_figures() -> None:
    text = "what does the job pay"
    reading = Reading("ask_salary_factors", text=text, rest=text, confidence=0.34)
    assert decide(State(), reading, INTENT_TOPICS).kind == "salary"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("should my projects go on github", "search"), ("tldr", "shorter"), ("moar", "more")],
)
def test_an_unsure_command_naming_a_rare_subject_is_searched(text: str, kind: str) -> None:
    intent = "ask_shorter" if text == "tldr" else "ask_more"
    reading = Reading(intent, text=text, rest=text, confidence=0.42)
    assert decide(LAST_TOPIC, reading, INTENT_TOPICS).kind == kind


def test_figures_set_beside_another_occupation_are_a_pay_comparison_gap() -> None:
    text = "how do those numbers compare to a doctor"
    reading = Reading("ask_about_answer", text=text, rest=text, confidence=0.8)
    state = State(topic="salary", country="US", last={"kind": "salary", "country": "US"})
    assert decide(state, reading, INTENT_TOPICS).kind == "pay_comparison"


def test_a_nurse_asking_if_she_could_become_one_is_getting_started() -> None:
    text = "Could I realistically become an ML engineer or is that a pipe dream"
    reading = Reading(
        "ask_career_path",
        text=text,
        rest=text,
        confidence=0.72,
        said_before="I'm 44, a nurse for 20 years. Tired of shifts.",
    )
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_getting_started"


def test_whether_a_field_background_counts_is_searched_as_a_sector() -> None:
    text = "would my healthcare background count for anything"
    reading = Reading("ask_education", text=text, rest=text, confidence=0.49)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.search_text) == ("search", "healthcare sector industries")


def test_a_pay_diff_after_a_comparison_is_a_pay_comparison() -> None:
    reading = Reading("nlu_fallback", text="pay diff", rest="pay diff", confidence=0.3)
    state = State(topic="compare_data_engineer", role="data_engineer")
    assert decide(state, reading, INTENT_TOPICS).kind == "pay_comparison"


def test_another_place_opened_as_a_follow_up_after_a_pay_gap_is_pay_there() -> None:
    text = "what about in the uk then, for someone like me with no industry experience"
    reading = Reading(
        "ask_getting_started",
        text=text,
        rest=text.replace("uk", ""),
        country="GB",
        countries=("GB",),
        confidence=0.65,
    )
    state = State(topic="salary", country="DE", last={"kind": "salary", "country": "DE"})
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "GB")


def test_day_rates_are_pay() -> None:
    text = "what are day rates like"
    reading = Reading("ask_typical_day", text=text, rest=text, confidence=0.82)
    assert decide(State(), reading, INTENT_TOPICS).kind == "salary"


def test_who_is_cheaper_to_hire_after_a_comparison_is_a_pay_comparison() -> None:
    reading = Reading("out_of_scope", text="who's cheaper to hire", confidence=0.54)
    state = State(topic="compare_data_scientist", role="data_scientist")
    assert decide(state, reading, INTENT_TOPICS).kind == "pay_comparison"


def test_the_difference_in_what_they_do_after_a_comparison_is_the_comparison() -> None:
    text = "what's the difference in what they do"
    reading = Reading("ask_duties", text=text, rest=text, confidence=0.73)
    state = State(topic="compare_data_scientist", role="data_scientist")
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.intent, plan.parameters.get("role")) == ("compare_role", "data_scientist")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("which part of that is the most boring", "ask_about_answer"),
        ("and the most fun?", "inform"),
    ],
)
def test_which_part_of_the_last_answer_is_most_something_asks_about_it(
    text: str, intent: str
) -> None:
    reading = Reading(intent, text=text, rest=text, confidence=0.9)
    assert decide(LAST_TOPIC, reading, INTENT_TOPICS).kind == "about"


def test_which_one_is_most_important_asks_which_not_whether() -> None:
    text = "which one is the most important"
    reading = Reading("ask_about_answer", text=text, rest=text, confidence=0.97)
    state = State(topic="skills", last={"kind": "topic", "topic": "skills", "shown": ["1.0"]})
    assert decide(state, reading, INTENT_TOPICS).kind == "about"


def test_a_final_round_is_searched_as_an_interview() -> None:
    text = "what will they poke at in a final round"
    reading = Reading("out_of_scope", text=text, rest=text, confidence=0.32)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert plan.kind == "search" and plan.search_text
    assert "interview" in plan.search_text and "final round" not in plan.search_text


# (state, classifier's intent and confidence, message) -> the topic intent answered
WORDED_AWAY = [
    (
        State(),
        "ask_getting_started",
        0.87,
        "im in year 12, what should i study at uni",
        "ask_education",
    ),
    (State(), "ask_specialisations", 0.82, "what subjects should i focus on", "ask_education"),
    (State(), "ask_skills", 0.4, "what should he study", "ask_education"),
    (State(), "ask_salary", 0.56, "im in year 12, what should i study at uni", "ask_education"),
    (
        LAST_TOPIC,
        "ask_about_answer",
        0.5,
        "what sort of person does well in it then",
        "ask_suitability",
    ),
    (State(), "ask_skills", 0.27, "what jobs should i apply for", "ask_getting_started"),
    (State(), "ask_workplace", 0.4, "honestly is it a real job or a fad", "ask_outlook"),
    (
        State(topic="getting_started"),
        "out_of_scope",
        0.49,
        "what's the fastest route",
        "ask_getting_started",
    ),
    (
        State(topic="salary_factors"),
        "ask_capabilities",
        0.52,
        "what can i ask for apart from base pay",
        "ask_salary_factors",
    ),
]


@pytest.mark.parametrize(("state", "intent", "confidence", "text", "expected"), WORDED_AWAY)
def test_questions_worded_away_from_the_pages_find_their_topic(
    state: State, intent: str, confidence: float, text: str, expected: str
) -> None:
    reading = Reading(intent, text=text, rest=text, confidence=confidence)
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", expected)


def test_why_two_sources_figures_differ_is_what_each_rests_on() -> None:
    reading = Reading("ask_about_answer", text="why are they different", confidence=0.34)
    state = State(
        topic="salary",
        country="FR",
        last={"kind": "salary", "country": "FR", "sources": ["Bessand", "Bluecoders"]},
    )
    assert decide(state, reading, INTENT_TOPICS).kind == "about"


def test_whether_the_data_behind_figures_is_reliable_is_about_them() -> None:
    reading = Reading("ask_sources", text="is glassdoor reliable", confidence=0.63)
    state = State(topic="salary", country="US", last={"kind": "salary", "sources": ["CBT"]})
    assert decide(state, reading, INTENT_TOPICS).kind == "about"


# Sixteenth session: pay and source questions worded away from the training examples.
UK_FIGURES = State(
    topic="salary",
    country="GB",
    last={"kind": "salary", "country": "GB", "sources": ["UK careers guide"]},
)


def test_a_place_with_a_word_for_the_figures_asks_pay_however_sure_the_classifier() -> None:
    reading = Reading(
        "ask_career_path",
        text="top end for senior ml engineers in the us",
        rest="top end for senior ml engineers in the us",
        country="US",
        level="senior",
        confidence=0.69,
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "US", "senior")


def test_a_range_with_its_midpoint_asked_before_any_figures_is_a_pay_question() -> None:
    # The midpoint aspect only asks about figures already shown.
    text = "give me the exact uk range with the midpoint"
    reading = Reading("out_of_scope", text=text, rest=text, country="GB", confidence=0.4)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "GB")
    # After the figures, the same aspect asks about them.
    follow = Reading("ask_about_answer", text="and the midpoint?", confidence=0.5)
    assert decide(UK_FIGURES, follow, INTENT_TOPICS).kind == "about"


def test_which_countries_have_figures_is_the_overview_however_classified() -> None:
    text = "ok which countries do you actually have numbers for"
    reading = Reading("ask_skills", text=text, rest=text, confidence=0.4)
    assert decide(State(), reading, INTENT_TOPICS).kind == "salary"


def test_how_the_figures_were_worked_out_is_about_them_however_classified() -> None:
    reading = Reading("ask_workplace", text="how did they work it out", confidence=0.4)
    assert decide(UK_FIGURES, reading, INTENT_TOPICS).kind == "about"
    # Sure of its topic, a question that only says "they" is that topic.
    sure = Reading("ask_workplace", text="where do they work", confidence=0.95)
    assert decide(UK_FIGURES, sure, INTENT_TOPICS).kind == "topic"


def test_figures_in_a_currency_before_any_figures_are_the_overview() -> None:
    text = "do you have any figures in dollars"
    reading = Reading("out_of_scope", text=text, rest=text, confidence=0.44)
    assert decide(State(), reading, INTENT_TOPICS).kind == "salary"


def test_age_asked_by_someone_changing_careers_is_how_to_get_in() -> None:
    text = (
        "I've been a nurse for 20 years and I'm good with spreadsheets. Is it mad to think "
        "about ML engineering at 45?"
    )
    parse = {
        "text": text,
        "intent": {"name": "inform", "confidence": 0.31},
        "entities": [{"entity": "level", "value": "20 years", "start": 22, "end": 30}],
    }
    plan = decide(State(), Reading.from_parse(parse), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")


def test_an_unsure_more_with_nothing_said_before_is_read_as_a_question() -> None:
    text = "we're a 20 person startup, first ml hire. what should they own?"
    reading = Reading("ask_more", text=text, rest=text, confidence=0.28)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_duties")


def test_another_job_named_beside_a_question_on_duties_is_a_comparison() -> None:
    text = "ok so what do they do that a data scientist doesnt"
    reading = Reading("ask_duties", text=text, rest=text, role="data_scientist", confidence=0.54)
    plan = decide(State(topic="duties"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "compare_role")


def test_a_source_named_with_no_pay_word_is_no_pay_question() -> None:
    text = "what does the cbt nuggets guide say about getting started"
    reading = Reading("ask_salary_factors", text=text, rest=text, confidence=0.4)
    assert decide(State(), reading, INTENT_TOPICS).kind == "search"


@pytest.mark.parametrize(
    ("intent", "confidence", "text"),
    [
        ("ask_career_path", 0.6, "what makes someone stand out to hiring managers for these roles"),
        ("out_of_scope", 0.45, "how do i show employers i can actually do the work"),
        ("ask_skills", 0.5, "what do recruiters look for in a junior"),
    ],
)
def test_how_to_stand_out_is_what_getting_in_asks_to_show(
    intent: str, confidence: float, text: str
) -> None:
    reading = Reading(intent, text=text, rest=text, confidence=confidence)
    plan = decide(State(), reading, INTENT_TOPICS)
    # searched as a portfolio question; how to get in when nothing answers it
    assert (plan.kind, plan.intent, plan.search_text) == (
        "search",
        "ask_getting_started",
        PORTFOLIO_QUESTION,
    )


def test_a_first_project_to_build_is_searched_as_a_portfolio_question() -> None:
    text = "whats a good first project to build"
    reading = Reading("out_of_scope", text=text, rest=text, confidence=0.55)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.search_text) == ("search", f"{PORTFOLIO_QUESTION}, projects")


def test_a_language_is_no_country() -> None:
    text = "ok in english then, what about spain"
    parse = {
        "text": text,
        "intent": {"name": "inform", "confidence": 0.9},
        "entities": [
            {"entity": "country", "value": "GB", "start": 6, "end": 13},
            {"entity": "country", "value": "ES", "start": 31, "end": 36},
        ],
    }
    reading = Reading.from_parse(parse)
    assert (reading.country, reading.countries) == ("ES", ("ES",))
    # "english salaries" is the United Kingdom's
    british = Reading.from_parse(
        {
            "text": "english salaries?",
            "intent": {"name": "ask_salary", "confidence": 0.9},
            "entities": [{"entity": "country", "value": "GB", "start": 0, "end": 7}],
        }
    )
    assert british.country == "GB"


def test_a_currency_is_no_country() -> None:
    text = "is that in US dollars?"
    parse = {
        "text": text,
        "intent": {"name": "ask_salary", "confidence": 0.8},
        "entities": [{"entity": "country", "value": "US", "start": 11, "end": 13}],
    }
    assert Reading.from_parse(parse).country is None
    # "US pay, in dollars?" still names the country: it is not part of the currency's name
    named = {
        "text": "US pay, in dollars?",
        "intent": {"name": "ask_salary", "confidence": 0.8},
        "entities": [{"entity": "country", "value": "US", "start": 0, "end": 2}],
    }
    assert Reading.from_parse(named).country == "US"


def test_could_i_be_one_is_how_to_get_in() -> None:
    text = "could i be an ml engineer one day"
    reading = Reading("ask_career_path", text=text, rest=text, confidence=0.5)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")


def test_why_an_item_is_listed_is_searched_with_the_topic() -> None:
    reading = Reading("ask_sources", text="why is communication on there", confidence=0.6)
    plan = decide(State(topic="soft_skills", last={"shown": ["a"]}), reading, INTENT_TOPICS)
    assert (plan.kind, plan.search_text) == ("search", "communication soft skills")


def test_a_portfolio_question_is_searched_with_its_synonyms() -> None:
    text = "what should my portfolio have?"
    reading = Reading("ask_skills", text=text, rest=text, confidence=0.5)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.refuse_if_nothing) == (
        "search",
        "ask_getting_started",
        False,
    )


def test_the_highest_salary_is_the_seniors_figures() -> None:
    text = "whats the highest salary an ml engineer can get"
    reading = Reading("ask_salary_factors", text=text, rest=text, confidence=0.7)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.level) == ("salary", "senior")


def test_two_levels_set_side_by_side_filter_by_neither() -> None:
    text = "salary range junior vs senior in france"
    parse = {
        "text": text,
        "intent": {"name": "ask_salary", "confidence": 0.9},
        "entities": [
            {"entity": "level", "value": "junior", "start": 13, "end": 19},
            {"entity": "level", "value": "senior", "start": 23, "end": 29},
            {"entity": "country", "value": "FR", "start": 33, "end": 39},
        ],
    }
    reading = Reading.from_parse(parse)
    assert (reading.level, reading.country) == (None, "FR")


def test_a_mere_guess_of_a_topic_lets_a_question_about_the_last_answer_through() -> None:
    text = "wait so which of the two writes more code"
    reading = Reading("ask_duties", text=text, rest=text, confidence=0.26)
    state = State(topic="compare_data_scientist", last={"kind": "topic", "shown": ["a", "b"]})
    assert decide(state, reading, INTENT_TOPICS).kind == "about"


COMPARED_FR_GB = State(
    topic="salary",
    country="GB",
    last={"kind": "salary", "country": None, "countries": ["FR", "GB"], "sources": ["Bessand"]},
)


@pytest.mark.parametrize(
    ("text", "level"),
    [("whats the top end in each", "senior"), ("and the lowest?", "junior")],
)
def test_an_end_of_the_range_after_countries_compared_is_that_level_in_each(
    text: str, level: str
) -> None:
    reading = Reading("out_of_scope", text=text, rest=text, confidence=0.34)
    plan = decide(COMPARED_FR_GB, reading, INTENT_TOPICS)
    # the first country of those compared: the answer shows all of them at that level
    assert (plan.kind, plan.country, plan.level) == ("salary", "FR", level)


def test_which_one_is_closest_to_something_is_the_topic_read_for_it() -> None:
    text = "which of those is closest to devops"
    reading = Reading("ask_about_answer", text=text, rest=text, confidence=0.6)
    state = State(topic="specialisations", last={"kind": "topic", "shown": ["201.list"]})
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.search_text) == ("topic", "ask_specialisations", "devops")


def test_titles_to_grow_into_after_pay_are_the_career_path() -> None:
    text = "also what titles could they grow into"
    reading = Reading("ask_career_path", text=text, rest=text, confidence=0.67)
    plan = decide(SALARY_FR_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_career_path")


@pytest.mark.parametrize(
    "text", ["which industries pay the most?", "et quels secteurs paient le mieux ?"]
)
def test_which_sectors_pay_most_is_what_drives_pay(text: str) -> None:
    reading = Reading("nlu_fallback", text=text, rest=text, confidence=0.25)
    plan = decide(SALARY_FR_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_salary_factors")


def test_what_to_show_employers_is_searched_as_a_portfolio_question() -> None:
    text = "what kind of stuff should i show to get hired, i have literally nothing rn"
    reading = Reading("ask_getting_started", text=text, rest=text, confidence=0.5)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.search_text) == ("search", PORTFOLIO_QUESTION)


def test_data_prep_after_figures_is_no_question_about_their_data() -> None:
    text = "do they deal with data prep themselves"
    reading = Reading("ask_duties", text=text, rest=text, confidence=0.3)
    plan = decide(SALARY_GB_LAST, reading, INTENT_TOPICS)
    assert plan.kind != "about"


def test_summing_up_what_was_just_answered_is_shorter() -> None:
    text = "k now sum up mlops in one line"
    reading = Reading("inform", text=text, rest=text, skill_area="mlops", confidence=0.5)
    last = {"kind": "topic", "topic": "specialisations", "specialisation": "mlops", "shown": ["a"]}
    state = State(topic="specialisations", specialisation="mlops", last=last)
    assert decide(state, reading, INTENT_TOPICS).kind == "shorter"
    # after the tools, MLOps is a topic of its own (answered briefly)
    tools = {**last, "topic": "tools", "specialisation": None}
    after_tools = State(topic="tools", specialisation="mlops", last=tools)
    assert decide(after_tools, reading, INTENT_TOPICS).kind != "shorter"


def test_whether_the_figure_is_promised_is_asked_of_the_page_that_gave_it() -> None:
    text = "so if i apply anywhere in the uk ill get that?"
    reading = Reading("ask_getting_started", text=text, rest=text, country="GB", confidence=0.45)
    state = State(
        topic="salary", country="GB", last={"kind": "salary", "sources": ["UK careers guide"]}
    )
    plan = decide(state, reading, INTENT_TOPICS)
    assert plan.kind == "search" and plan.search_text
    assert plan.source == "UK careers guide"


def test_figures_in_a_currency_after_a_place_without_figures_are_the_overview() -> None:
    text = "ok give me the dollar figures then"
    reading = Reading("ask_about_answer", text=text, rest=text, confidence=0.33)
    state = State(
        topic="salary", country="IN", last={"kind": "salary", "country": "IN", "sources": []}
    )
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", None)


def test_a_skill_area_set_aside_gives_way_to_the_one_asked_about() -> None:
    text = "besides coding what kind of people skills do they want from an ml engineer"
    parse = {
        "text": text,
        "intent": {"name": "ask_skills", "confidence": 0.59},
        "entities": [
            {"entity": "skill_area", "value": "coding", "start": 8, "end": 14},
            {"entity": "skill_area", "value": "people skills", "start": 28, "end": 41},
        ],
    }
    reading = Reading.from_parse(parse)
    assert reading.skill_area == "soft_skills"
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.intent, plan.parameters.get("skill_area")) == ("ask_skills", "soft_skills")


def test_who_hires_them_is_the_employers() -> None:
    reading = Reading("nlu_fallback", text="who hires them", rest="who hires them", confidence=0.3)
    plan = decide(State(topic="outlook", last={"kind": "topic"}), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_industries")


def test_a_place_with_the_currency_wanted_after_pay_is_that_place() -> None:
    text = "fine, what about in euros for france then"
    reading = Reading("inform", text=text, rest="fine, what about in euros for  then", country="FR")
    state = State(topic="salary", country="DE", last={"kind": "salary", "sources": []})
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "FR")


def test_someone_hiring_who_asks_nothing_yet_gets_what_can_help() -> None:
    text = "we're hiring our first ML engineer"
    reading = Reading("ask_getting_started", text=text, rest=text, confidence=0.7)
    assert decide(State(), reading, INTENT_TOPICS).kind == "hiring"
    asked = "we're hiring our first ML engineer, what should they own?"
    reading = Reading("ask_duties", text=asked, rest=asked, confidence=0.7)
    assert decide(State(), reading, INTENT_TOPICS).kind == "topic"


def test_the_top_end_after_one_countrys_figures_is_its_seniors() -> None:
    reading = Reading("nlu_fallback", text="whats the top end", rest="whats the top end")
    plan = decide(SALARY_GB_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "GB", "senior")


def test_which_job_titles_there_are_is_the_career_path() -> None:
    text = "what job titles are there for ml engineers"
    reading = Reading("ask_outlook", text=text, rest=text, confidence=0.6)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_career_path")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("are there diff kinds of ml engineers or is it one job", "ask_specialisations"),
        ("could i start my own company later if i work as an mle first", "ask_career_path"),
        ("what soft skills do ml engineers actually need day to day", "ask_skills"),
    ],
)
def test_wordings_that_name_their_topic(text: str, intent: str) -> None:
    guessed = "ask_typical_day" if "day to day" in text else "ask_outlook"
    skill = "soft_skills" if "soft skills" in text else None
    reading = Reading(guessed, text=text, rest=text, skill_area=skill, confidence=0.55)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", intent)


def test_an_off_topic_question_read_as_the_sources_is_refused() -> None:
    text = "cool. who won the super bowl this year"
    reading = Reading("ask_sources", text=text, rest=text, confidence=0.56, doubts_scope=True)
    assert decide(SALARY_US_SENIOR_LAST, reading, INTENT_TOPICS).kind == "out_of_scope"


def test_an_amount_judged_with_a_level_is_set_beside_the_figures() -> None:
    text = "saw 45-60k for junior ml eng somewhere, is that legit?"
    reading = Reading("ask_career_path", text=text, rest=text, level="junior", confidence=0.62)
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.level) == ("salary", "junior")


def test_a_level_after_pay_answered_with_another_question_is_pay() -> None:
    pay = {"kind": "salary", "country": "FR", "level": "junior", "sources": ["Bessand"]}
    state = State(topic="education", country="FR", last={"kind": "topic", "pay": pay})
    reading = Reading("inform", text="ok and seniors?", rest="ok and  ?", level="senior")
    plan = decide(state, reading, INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "FR", "senior")


def test_a_place_someone_is_based_in_is_a_filter() -> None:
    text = "and for a senior based in paris?"
    reading = Reading(
        "inform",
        text=text,
        rest="and for a   based in ?",
        country="FR",
        city="Paris",
        level="senior",
    )
    plan = decide(SALARY_FR_LAST, reading, INTENT_TOPICS)
    assert (plan.kind, plan.level) == ("salary", "senior")


def test_a_question_the_classifier_reads_as_a_command_is_a_question() -> None:
    text = "do dashboards count too or just code"
    reading = Reading("ask_shorter", text=text, rest=text, confidence=0.82)
    last = {"kind": "search", "shown": ["a"], "query": "what should i put on my github"}
    assert decide(State(last=last), reading, INTENT_TOPICS).kind not in ("shorter", "more")


def test_where_pay_is_highest_within_one_country_is_what_drives_pay() -> None:
    text = "where do mles get paid the most in the us"
    reading = Reading(
        "ask_salary_factors", text=text, rest=text, country="US", countries=("US",), confidence=0.77
    )
    plan = decide(State(), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_salary_factors")


def test_what_to_put_on_github_is_a_portfolio_question() -> None:
    text = "what should i put on my github to actually get hired as an mle"
    reading = Reading("ask_getting_started", text=text, rest=text, confidence=0.9)
    assert decide(State(), reading, INTENT_TOPICS).kind == "search"


def test_the_same_topic_for_career_changers_is_that_topic_read_for_them() -> None:
    reading = Reading("ask_career_path", text="for career changers?", rest="for career changers?")
    last = {"kind": "topic", "topic": "education", "shown": ["a"]}
    plan = decide(State(topic="education", last=last), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.search_text) == (
        "topic",
        "ask_education",
        "for career changers?",
    )


def test_whether_a_background_named_counts_is_how_to_move_in_from_it() -> None:
    text = "i also did customer support for years, does that count for anything"
    reading = Reading("ask_career_path", text=text, rest=text, background="operations")
    plan = decide(State(topic="getting_started"), reading, INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_getting_started")


_UK_PAY = {"kind": "salary", "country": "GB", "level": None, "sources": ["UK careers guide"]}
_FR_PAY = {"kind": "salary", "country": "FR", "level": "senior", "sources": ["Bessand"]}
_PORTFOLIO = {"kind": "search", "query": PORTFOLIO_QUESTION, "shown": ["7.0"]}


def _parsed(text: str, intent: str, confidence: float, *entities: tuple[str, str]) -> dict:
    spans = [
        {"entity": e, "value": v, "start": text.index(v), "end": text.index(v) + len(v)}
        for e, v in entities
    ]
    ranking = [{"name": intent, "confidence": confidence}]
    return {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": spans}


@pytest.mark.parametrize(
    "state,parsed,kind,intent",
    [
        # what moves pay, asked right after figures in words the classifier did not learn
        (
            State(topic="salary", country="FR", last=_FR_PAY),
            _parsed("how do i push it higher", "out_of_scope", 0.44),
            "topic",
            "ask_salary_factors",
        ),
        (
            State(topic="salary", country="GB", last=_UK_PAY),
            _parsed("what else moves you up or down inside that range", "ask_about_answer", 0.64),
            "topic",
            "ask_salary_factors",
        ),
        (
            State(topic="salary_factors", last={"kind": "topic", "topic": "salary_factors"}),
            _parsed("what about location, in the us", "inform", 0.99, ("country", "the us")),
            "topic",
            "ask_salary_factors",
        ),
        (
            State(),
            _parsed(
                "which industries pay ml engineers best in the us",
                "ask_industries",
                0.46,
                ("country", "the us"),
            ),
            "topic",
            "ask_salary_factors",
        ),
        # a topic named in a word or two after another topic
        (
            State(topic="skills", last={"kind": "topic", "topic": "skills"}),
            _parsed("ok and what about education", "inform", 0.99),
            "topic",
            "ask_education",
        ),
        # a short question pointing at a figure just given: asked of the figures
        (
            State(topic="salary", country="FR", last=_FR_PAY),
            _parsed("where would that be", "nlu_fallback", 0.25),
            "about",
            None,
        ),
        # the figures once more
        (
            State(topic="salary_factors", country="GB", last={"kind": "topic"}),
            _parsed("and remind me of the range itself", "inform", 0.46),
            "salary",
            None,
        ),
        # an off-topic question naming a place, right after pay, is no pay follow-up
        (
            State(topic="salary", last={"kind": "salary"}),
            _parsed(
                "ok thx. whats the capital of australia",
                "out_of_scope",
                0.6,
                ("country", "australia"),
            ),
            "out_of_scope",
            None,
        ),
        # what the person may lack: the skills
        (
            State(),
            _parsed("what would i be missing?", "ask_duties", 0.4),
            "topic",
            "ask_skills",
        ),
        # who they work with, in French
        (
            State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
            _parsed("et ils bossent avec qui en général ?", "inform", 0.34),
            "topic",
            "ask_workplace",
        ),
        # a part of the day, in French, after a typical day: that part, as the pages name it
        (
            State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
            _parsed("et en fin de journée ?", "inform", 0.5),
            "search",
            "ask_typical_day",
        ),
        # "is it a job of its own?" after MLOps: the MLOps engineer beside this job
        (
            State(topic="mlops", last={"kind": "topic", "topic": "mlops"}),
            _parsed("c'est un métier à part ?", "ask_outlook", 0.3),
            "topic",
            "compare_role",
        ),
        # where to start, however short
        (State(), _parsed("par où commencer ?", "inform", 0.35), "topic", "ask_getting_started"),
        # an item of the list just shown
        (
            State(topic="specialisations", last={"kind": "topic", "topic": "specialisations"}),
            _parsed("whats the applied one in that list", "ask_specialisations", 0.88),
            "about",
            None,
        ),
    ],
)
def test_follow_ups_in_the_eighteenth_sessions_wordings(
    state: State, parsed: dict, kind: str, intent: str | None
) -> None:
    plan = decide(state, Reading.from_parse(parsed), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == (kind, intent)


def test_whether_something_counts_is_asked_of_the_subject_just_searched() -> None:
    state = State(last=_PORTFOLIO)
    parsed = _parsed("do write-ups or dashboards count or only code", "out_of_scope", 0.8)
    plan = decide(state, Reading.from_parse(parsed), INTENT_TOPICS)
    assert plan.kind == "about"  # asked of the answer just given


def test_the_difference_from_the_persons_own_job_is_that_comparison_or_how_to_move_in() -> None:
    said = "context: data scientist at a fintech in london, 4 yrs."
    part = Reading(
        "compare_role",
        text="how is mle different from what i do",
        rest="how is mle different from what i do",
        confidence=0.64,
        said_before=said,
    )
    plan = decide(State(), part, INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.parameters.get("role")) == (
        "topic",
        "compare_role",
        "data_scientist",
    )
    # a job no page sets beside this one: how people move in from it
    analyst = dataclasses.replace(part, background="analytics", said_before="data analyst here.")
    assert decide(State(), analyst, INTENT_TOPICS).intent == "ask_getting_started"


_SECTORS_US = State(
    topic="salary_factors",
    country="US",
    last={
        "kind": "topic",
        "topic": "salary_factors",
        "query": "which industries pay ml engineers best in the us",
    },
)


@pytest.mark.parametrize(
    "state,parsed,kind,intent,country",
    [
        # another country after which sectors pay most: the sectors, as that country's page says
        (
            _SECTORS_US,
            _parsed("and france how does that look?", "inform", 0.97, ("country", "france")),
            "topic",
            "ask_salary_factors",
            "FR",
        ),
        # after what drives pay in general, a country alone is still its figures
        (
            State(topic="salary_factors", last={"kind": "topic", "topic": "salary_factors"}),
            _parsed("and france?", "inform", 0.97, ("country", "france")),
            "salary",
            None,
            "FR",
        ),
        # a final round is an interview, whatever the classifier heard (a typical day)
        (
            State(),
            _parsed(
                "got a final round next thursday, what r they gonna poke at",
                "ask_typical_day",
                0.85,
            ),
            "search",
            None,
            None,
        ),
        # who they work with, asked where the classifier fell back
        (
            State(topic="typical_day", last={"kind": "topic", "topic": "typical_day"}),
            _parsed("and who are all those meetings with", "nlu_fallback", 1.0),
            "topic",
            "ask_workplace",
            None,
        ),
        # the currency of the figures just shown, read as the sources
        (
            SALARY_GB_LAST,
            _parsed("what currency is that in, sorry not from there", "ask_sources", 0.65),
            "about",
            None,
            None,
        ),
        # whether the place moves pay, read as the sources
        (
            SALARY_GB_LAST,
            _parsed("does where you are in the uk change it much", "ask_sources", 0.61),
            "topic",
            "ask_salary_factors",
            None,
        ),
        # what decides where someone lands in a country's range: what drives pay
        (
            State(),
            _parsed(
                "what decides where u land inside the uk salary range",
                "ask_salary_factors",
                0.81,
                ("country", "uk"),
            ),
            "topic",
            "ask_salary_factors",
            None,
        ),
        # whether the job suits someone who hates something, read as getting started
        (
            State(),
            _parsed(
                "is it a bad idea to go into ml if i kinda hate talking to people",
                "ask_getting_started",
                0.39,
            ),
            "topic",
            "ask_suitability",
            None,
        ),
        # founding a company: the career path
        (
            State(),
            _parsed("could i start my own thing eventually", "ask_getting_started", 0.6),
            "topic",
            "ask_career_path",
            None,
        ),
        # the package beyond the base, read as what the bot can do
        (
            State(),
            _parsed("what else can i ask for besides the base", "ask_capabilities", 0.5),
            "topic",
            "ask_salary_factors",
            None,
        ),
        # who pays the top of the figures just shown: what the source says with them
        (
            SALARY_FR_LAST,
            _parsed("why's the top so high? who pays that", "ask_salary_factors", 0.9),
            "about",
            None,
            None,
        ),
        # when the figures date from, in French
        (
            State(
                topic="salary",
                country="US",
                last={"kind": "salary", "country": "US", "sources": ["CBT Nuggets"]},
            ),
            _parsed("et ils datent de quand ?", "inform", 0.67),
            "about",
            None,
            None,
        ),
        # another city of the country just shown, weighed against it
        (
            SALARY_FR_LAST,
            _parsed("does toulouse pay more?", "ask_salary_factors", 0.9, ("country", "toulouse")),
            "salary",
            None,
            "FR",
        ),
        # cloud services for deploying are cloud skills, not career resources
        (
            State(),
            _parsed("which cloud services specifically come up for deploying", "ask_skills", 0.7),
            "topic",
            "ask_skills",
            None,
        ),
        # ethics, read as the duties: the sentences on ethics
        (
            State(),
            _parsed("do they have to worry about models being unfair to people", "ask_duties", 0.7),
            "search",
            None,
            None,
        ),
        # why companies need the role beside data scientists
        (
            State(),
            _parsed(
                "why do companies even need them if they already have data scientists",
                "nlu_fallback",
                0.25,
                ("role", "data scientists"),
            ),
            "topic",
            "ask_role",
            None,
        ),
        # no degree for me: the other routes in
        (
            State(topic="education", last={"kind": "topic", "topic": "education"}),
            _parsed("and if im working full time? no way im doing a masters", "ask_workplace", 0.5),
            "topic",
            "ask_education",
            None,
        ),
        # a study route named, read as who the job suits
        (
            State(),
            _parsed(
                "r those online course thingies legit",
                "ask_suitability",
                0.53,
                ("study_route", "online course"),
            ),
            "topic",
            "ask_education",
            None,
        ),
        # after the kinds of ML engineer, "language" is the one that works on language
        (
            State(topic="specialisations", last={"kind": "topic", "topic": "specialisations"}),
            _parsed("and language stuff?", "inform", 0.99, ("skill_area", "language")),
            "topic",
            "ask_specialisations",
            None,
        ),
        # where the career leads, in French, after pay with a level named
        (
            SALARY_FR_LAST,
            _parsed("et au bout de quelques années, il évolue vers quoi ?", "inform", 0.9),
            "topic",
            "ask_career_path",
            None,
        ),
        # what to ask for, with a city and experience: the pay there
        (
            State(),
            _parsed(
                "toulouse, 4 yrs exp, what should i be asking for",
                "ask_skills",
                0.6,
                ("country", "toulouse"),
            ),
            "salary",
            None,
            "FR",
        ),
        # the middle of the figures just shown, read as a typical day
        (
            SALARY_GB_LAST,
            _parsed("so whats the typical one, like the middle?", "ask_typical_day", 0.58),
            "about",
            None,
            None,
        ),
        # a job of its own, after the tools asked of MLOps
        (
            State(
                topic="tools",
                last={"kind": "topic", "topic": "tools", "query": "quels outils pour ça (mlops)"},
            ),
            _parsed("et c'est un métier à part entière ?", "ask_about_answer", 0.32),
            "topic",
            "compare_role",
            None,
        ),
        # how hard the job is, after what it is: who it suits (no page rates it)
        (
            State(topic="role", last={"kind": "topic", "topic": "role"}),
            _parsed("is it hard", "nlu_fallback", 0.25),
            "topic",
            "ask_suitability",
            None,
        ),
        # the easiest way to start, read as off topic
        (
            State(),
            _parsed("whats the easiest way to start when ur 15", "out_of_scope", 0.65),
            "topic",
            "ask_getting_started",
            None,
        ),
        # thanks said on the way to another country
        (
            State(topic="salary", country="CA", last={"kind": "salary", "country": "CA"}),
            _parsed("ok merci. and in france?", "inform", 0.99, ("country", "france")),
            "salary",
            None,
            "FR",
        ),
        # what drives pay, asked with a country: not that country's figures
        (
            State(),
            _parsed(
                "what affects how much an ml engineer earns in the us",
                "ask_salary",
                0.89,
                ("country", "us"),
            ),
            "topic",
            "ask_salary_factors",
            None,
        ),
        # internships and junior jobs: the routes in, not the degrees
        (
            State(),
            _parsed(
                "would an internship help or should i just spam applications to junior jobs",
                "ask_education",
                0.82,
                ("level", "junior"),
            ),
            "topic",
            "ask_getting_started",
            None,
        ),
        # ethics, asked in everyday words, read surely as the duties
        (
            State(),
            _parsed(
                "does the job involve ethics stuff, like making sure the model isnt racist",
                "ask_duties",
                0.94,
            ),
            "search",
            None,
            None,
        ),
        # the studies, in French
        (
            State(),
            _parsed("quel niveau d'études faut-il ?", "out_of_scope", 0.5),
            "topic",
            "ask_education",
            None,
        ),
        # bootcamps, read surely as off topic: the studies
        (
            State(),
            _parsed(
                "are those 12 week bootcamps a legit way in or a scam",
                "out_of_scope",
                0.91,
                ("study_route", "bootcamps"),
            ),
            "topic",
            "ask_education",
            None,
        ),
        # what pushes someone to the top of a range: what drives pay, not the top figure
        (
            SALARY_GB_LAST,
            _parsed("what pushes someone towards the top of that range", "ask_about_answer", 0.99),
            "topic",
            "ask_salary_factors",
            None,
        ),
        # whether a project counts when applying
        (
            State(),
            _parsed(
                "would my mood tagging app count for anything when applying", "out_of_scope", 0.7
            ),
            "search",
            None,
            None,
        ),
        # what comes after a model is shipped: the duties
        (
            State(),
            _parsed("once a model is shipped is the mle done with it?", "ask_outlook", 0.6),
            "topic",
            "ask_duties",
            None,
        ),
        # how old the figures just sourced are
        (
            State(
                topic="salary",
                country="US",
                last={"kind": "salary", "country": "US", "sources": ["CBT Nuggets"]},
            ),
            _parsed("and how old are they", "ask_about_answer", 0.6),
            "about",
            None,
            None,
        ),
        # whether the figures are advertised pay: the data behind the figures just shown
        (
            SALARY_GB_LAST,
            _parsed(
                "so its advertised pay, not what people actually get paid?",
                "ask_salary_factors",
                0.97,
            ),
            "about",
            None,
            None,
        ),
    ],
)
def test_follow_ups_in_the_nineteenth_sessions_wordings(
    state: State, parsed: dict, kind: str, intent: str | None, country: str | None
) -> None:
    plan = decide(state, Reading.from_parse(parsed), INTENT_TOPICS)
    assert (plan.kind, plan.intent, plan.country) == (kind, intent, country)


def test_a_skill_named_wins_over_a_doubtful_guess_at_a_degree() -> None:
    parsed = _parsed(
        "am i screwed if i was bad at math in school", "out_of_scope", 0.32, ("skill_area", "math")
    )
    parsed["intent_ranking"].append({"name": "ask_education", "confidence": 0.31})
    plan = decide(State(), Reading.from_parse(parsed), INTENT_TOPICS)
    assert plan.kind == "topic" and plan.intent is None
    assert plan.parameters.get("skill_area") == "maths"


def test_whether_what_the_person_does_helps_them_in_is_how_to_get_started() -> None:
    parsed = _parsed("est-ce que ça aide pour devenir ML engineer ?", "ask_education", 0.27)
    reading = dataclasses.replace(
        Reading.from_parse(parsed), said_before="je fais du dev de jeux vidéo en C++ depuis 5 ans."
    )
    assert decide(State(), reading, INTENT_TOPICS).intent == "ask_getting_started"


def test_the_place_asked_about_wins_over_where_the_person_says_they_are() -> None:
    text = "founder in berlin, hiring. what would a mid-level ML engineer cost me in france"
    parsed = _parsed(
        text,
        "ask_salary",
        0.73,
        ("country", "berlin"),
        ("level", "mid-level"),
        ("country", "france"),
    )
    plan = decide(State(), Reading.from_parse(parsed), INTENT_TOPICS)
    assert (plan.kind, plan.country, plan.level) == ("salary", "FR", "mid")
    # two places asked in one sentence are both kept
    both = _parsed(
        "pay in france and in the uk?", "ask_salary", 0.9, ("country", "france"), ("country", "uk")
    )
    assert len(Reading.from_parse(both).countries) == 2


def test_courses_one_would_trust_are_studies_not_the_bots_sources() -> None:
    parsed = _parsed(
        "are there online courses you'd trust",
        "ask_sources",
        0.82,
        ("study_route", "online courses"),
    )
    plan = decide(State(), Reading.from_parse(parsed), INTENT_TOPICS)
    assert (plan.kind, plan.intent) == ("topic", "ask_education")


def test_one_city_weighed_against_another_is_the_pay_there_with_no_comparison() -> None:
    parsed = _parsed(
        "is lyon less than paris for ml engineers?",
        "ask_outlook",
        0.6,
        ("country", "lyon"),
        ("country", "paris"),
    )
    plan = decide(State(), Reading.from_parse(parsed), INTENT_TOPICS)
    assert (plan.kind, plan.country) == ("salary", "FR")
    assert plan.city in ("Lyon", "Paris")
