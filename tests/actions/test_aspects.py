"""What a message says in words: pay, an age, which aspect of the last answer, a duration."""

from __future__ import annotations

import pytest

from actions.aspects import ASKS_ABOUT_AGE, STATES_AGE, aspect_of, names_pay
from actions.scope import the_question_asked
from knowledge.compose import DURATION


@pytest.mark.parametrize(
    "text,pay",
    [
        ("what do mles make in the us", True),
        ("how much does a senior make?", True),
        ("il touche combien en france ?", True),
        ("combien gagne un ingé ML", True),
        ("what range is competitive?", True),
        ("and what does that pay in the us", True),
        ("what does an mle make decisions on", False),
        ("how would i make the switch", False),
        ("what do they make of it", False),
    ],
)
def test_make_and_french_slang_say_pay(text: str, pay: bool) -> None:
    assert names_pay(text) is pay


@pytest.mark.parametrize(
    "text,age",
    [
        ("I'm 41, I've been a teacher", True),
        ("im 34 and work in banking", True),
        ("45 years old and curious", True),
        ("j'ai 45 ans", True),
        ("I have 15 years of experience", False),
        ("I'm 25k in debt", False),
    ],
)
def test_an_age_stated_is_told_from_years_of_experience(text: str, age: bool) -> None:
    assert bool(STATES_AGE.search(text)) is age


@pytest.mark.parametrize(
    "text,aspect",
    [
        ("is that for juniors or seniors or what", "levels"),
        ("does that cover seniors too", "levels"),
        ("which level is that", "levels"),
        ("how many yrs in do u need to be for that", "years"),
        ("is that gross", "tax"),
        ("is that in lakhs?", "currency"),
        ("over what time period", "basis"),
        ("where were the us numbers from again", "basis"),
        ("which of the two writes more code", "ranking"),
    ],
)
def test_aspects_of_the_last_answer(text: str, aspect: str) -> None:
    assert aspect_of(text) == aspect


def test_years_of_ones_own_past_ask_nothing_of_the_figures() -> None:
    assert aspect_of("I'm 45, spent 20 years in army logistics. is it too late?") is None


@pytest.mark.parametrize(
    "text,states",
    [
        ("build experience over time, often several years", True),
        ("Senior-Level (5+ years)", True),
        ("a few months of practice", True),
        ("years of hard work", False),
    ],
)
def test_a_duration_in_words_or_numbers(text: str, states: bool) -> None:
    assert bool(DURATION.search(text)) is states


def test_who_is_asking_is_no_gap_subject() -> None:
    from actions.topics import _without_occupation

    text = "I work as an ICU nurse in Lyon and I'm curious about ML engineering"
    assert "ICU" not in _without_occupation(text) and "Lyon" in _without_occupation(text)


@pytest.mark.parametrize(
    "text,ranks",
    [
        ("should I learn pytorch or tensorflow", True),
        ("which specialisation has the best future?", True),
        ("should I learn python", False),
        ("ok smart guy, whats the single most important skill", True),
        ("what are the most important skills for this job", False),  # the key ones
        ("what's the most important thing to learn", True),
        ("what skills matter", False),
    ],
)
def test_a_choice_between_two_is_a_ranking_no_page_makes(text: str, ranks: bool) -> None:
    from actions.aspects import ASKS_WHICH_IS_BEST

    assert bool(ASKS_WHICH_IS_BEST.search(text)) is ranks


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("c'est pour quel niveau ?", "levels"),
        ("et en euros ça fait combien ?", "currency"),
        ("is that for all of france?", "breakdown"),
        ("which part of that is the most boring", "ranking"),
    ],
)
def test_french_and_everyday_questions_about_figures(text: str, aspect: str) -> None:
    assert aspect_of(text) == aspect


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("is that in US dollars?", None),
        ("c'est en euros ?", None),
        ("et en euros ça fait combien ?", "EUR"),
        ("what is that in dollars", "USD"),
        ("how much is that in canadian dollars", "CAD"),
    ],
)
def test_a_currency_asked_for_is_a_conversion_not_a_yes_or_no(
    text: str, currency: str | None
) -> None:
    from actions.currency import wanted_currency

    assert wanted_currency(text) == currency


def test_make_as_in_earn_after_a_long_subject() -> None:
    assert names_pay("how much does an entry level ml engineer make according to cbt nuggets")
    assert not names_pay("what does an entry level ml engineer make decisions on")


def test_pay_asked_in_spanish() -> None:
    assert names_pay("cuánto gana un ingeniero de machine learning en españa")
    assert names_pay("salario de un ingeniero ml")


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("is that base salary only?", "bonus"),
        ("what does 5+ years mean there, is that senior?", "years"),
        ("how old is it", "author"),
    ],
)
def test_questions_about_the_figures_shown(text: str, aspect: str) -> None:
    assert aspect_of(text) == aspect


def test_the_age_of_the_data_is_no_question_of_a_persons_age() -> None:
    assert not ASKS_ABOUT_AGE.search("how old is it")
    assert not ASKS_ABOUT_AGE.search("how old is the data")
    assert ASKS_ABOUT_AGE.search("how old are most ml engineers")


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("as of when", "basis"),
        ("et ces chiffres, ils sortent d'où ?", "basis"),
        ("how long till senior roughly", "years"),
        ("where do they usually come from background wise", None),
    ],
)
def test_more_ways_of_asking_about_the_last_answer(text: str, aspect: str | None) -> None:
    from actions.aspects import aspect_of

    assert aspect_of(text) == aspect


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "whats the daily routine like for an ML engineer? mine involves a lot of felt and glue",
            "whats the daily routine like for an ML engineer?",
        ),
        ("is calculus in there too? dreading it", "is calculus in there too?"),
        # what the person says about work is part of the question
        (
            "got my first ml engineer interview next week, what do they usually test",
            "got my first ml engineer interview next week, what do they usually test",
        ),
    ],
)
def test_what_a_person_says_beside_the_question_is_no_subject(text: str, asked: str) -> None:
    assert the_question_asked(text) == asked


def test_converting_one_figure_names_the_currency_and_the_conversion() -> None:
    assert aspect_of("convert the UK midpoint to euros for me") == "currency"
