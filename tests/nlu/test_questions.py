"""Splitting a message into its questions and the statements about the person."""

from __future__ import annotations

import pytest

from nlu_components.questions import needs_splitting, split_message, without_asides


@pytest.mark.parametrize(
    "text,questions",
    [
        (
            "how much do ml engineers earn in the uk and what degree do i need?",
            ["how much do ml engineers earn in the uk", "what degree do i need?"],
        ),
        (
            "salary in france? and do i need a masters?",
            ["salary in france?", "and do i need a masters?"],
        ),
        (
            "i want to know the salary in france and also what degree i need",
            ["i want to know the salary in france", "what degree i need"],
        ),
        (
            "what do they do, and how much do they make, and is it remote?",
            ["what do they do", "how much do they make", "is it remote?"],
        ),
        (
            "what do ml engineers earn in france, what about the uk, and in the us?",
            ["what do ml engineers earn in france", "what about the uk", "in the us?"],
        ),
        # a preposition before the question word still asks
        ("dollars i assume? and from when is that", ["dollars i assume?", "and from when is that"]),
        # after a comma, the person asking about themselves asks anew
        (
            "what maths does ml need, do i need a degree, and what do they earn in the uk?",
            ["what maths does ml need", "do i need a degree", "what do they earn in the uk?"],
        ),
        (
            "is coursera legit for this, am i too old, and what jobs could i aim for first?",
            ["is coursera legit for this", "am i too old", "what jobs could i aim for first?"],
        ),
    ],
)
def test_several_questions(text: str, questions: list[str]) -> None:
    split = split_message(text)
    assert list(split.questions) == questions
    assert needs_splitting(text)


@pytest.mark.parametrize(
    "text",
    [
        "what skills and tools do i need?",
        "What is the difference between a data scientist and an ML engineer?",
        "and in the uk?",
        "ok. and in the uk?",
        "hi",
        "salary in france and the uk",
        # "or also" offers a choice within one question
        "is it all about tools or also how i think?",
    ],
)
def test_one_question_stays_whole(text: str) -> None:
    assert not needs_splitting(text)


def test_a_pasted_background_is_context_for_the_question() -> None:
    text = (
        "I have been a data analyst for 5 years in Madrid, mostly SQL and Tableau. "
        "I know some Python. What should I learn next?"
    )
    split = split_message(text)
    assert split.questions == ("What should I learn next?",)
    assert len(split.statements) == 2
    assert needs_splitting(text)


def test_at_most_three_questions() -> None:
    text = "what is it? what do they earn? is it remote? do i need a degree? is it stressful?"
    assert len(split_message(text).questions) == 3


def test_commas_between_questions_and_a_leading_condition() -> None:
    three = split_message("salary in france for juniors, what tools they use, and is remote ok?")
    assert three.questions == (
        "salary in france for juniors",
        "what tools they use",
        "is remote ok?",
    )
    about_me = split_message("i've been a backend developer for a while, how do i switch to ML?")
    assert about_me.questions == ("how do i switch to ML?",)
    assert about_me.statements == ("i've been a backend developer for a while",)
    assert split_message("if im junior, what can i earn?").questions == (
        "if im junior, what can i earn?",
    )


def test_a_one_word_judgement_leans_on_what_it_judges() -> None:
    # After a statement it judges the statement; alone, it leans on the question after it.
    text = "I'm a nurse, 29, thinking of retraining into ML. Realistic? Where would I even begin?"
    assert split_message(text).questions == (
        "I'm a nurse, 29, thinking of retraining into ML. Realistic?",
        "Where would I even begin?",
    )
    text = "Realistic? Where would I even begin?"
    assert split_message(text).questions == ("Realistic? Where would I even begin?",)
    assert split_message("uk salary? and skills?").questions == ("uk salary?", "and skills?")


def test_who_is_asking_then_a_yes_no_question_after_a_comma() -> None:
    text = (
        "hey im in my second year of a maths degree, is ml engineering a good path for me? "
        "what should i learn alongside my degree?"
    )
    split = split_message(text)
    assert split.questions == (
        "is ml engineering a good path for me?",
        "what should i learn alongside my degree?",
    )
    assert split.statements == ("hey im in my second year of a maths degree",)


def test_what_happened_to_the_person_before_a_question_is_context() -> None:
    text = "just finished my degree and got an offer in manchester, what do juniors get in the uk"
    split = split_message(text)
    assert split.questions == ("what do juniors get in the uk",)
    assert split.statements == ("just finished my degree and got an offer in manchester",)


def test_two_roles_then_what_the_difference_is_one_question() -> None:
    assert not needs_splitting("ml engineer or mlops engineer, what's the diff")


@pytest.mark.parametrize(
    "text",
    [
        "do they work alone or in teams? who with?",
        "where do they deploy models? what for?",
    ],
)
def test_a_bare_who_with_narrows_the_question_before(text: str) -> None:
    assert split_message(text).questions == (text,)


def test_examples_of_a_question_belong_to_it() -> None:
    text = "what certifications should i get? like aws or google ones?"
    assert split_message(text).questions == (text,)


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        (
            'my son is 17 and wants to be an "ML engineer". what is that exactly and does he need '
            "university?",
            [
                'my son is 17 and wants to be an "ML engineer". what is that exactly',
                "does he need university?",
            ],
        ),
        (
            "hi! i'm a nurse, thinking about switching into machine learning. is that crazy?",
            ["i'm a nurse, thinking about switching into machine learning. is that crazy?"],
        ),
        # A question that points at an earlier question's answer is not joined to it.
        (
            "what do they earn in the uk? is that gross?",
            ["what do they earn in the uk?", "is that gross?"],
        ),
        # "this job" is the career asked about, not the sentence before.
        (
            "I used to be a software tester. Is working from home possible in this job, and "
            "could I get in through online courses?",
            ["Is working from home possible in this job", "could I get in through online courses?"],
        ),
    ],
)
def test_a_question_that_points_back_is_read_with_the_sentence_before(
    text: str, questions: list[str]
) -> None:
    assert list(split_message(text).questions) == questions


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "ok so what does an ml engineer actually do?? explain like im not technical",
            "ok so what does an ml engineer actually do??",
        ),
        ("what is mlops in simple terms please", "what is mlops"),
        ("whats a typical day, eli5", "whats a typical day"),
        ("ok forget the visa, what's the pay there", "what's the pay there"),
        ("never mind that. and in france?", "and in france?"),
    ],
)
def test_asides_are_no_question_of_their_own(text: str, question: str) -> None:
    assert split_message(text).questions == (question,)
    assert without_asides(text) == question


def test_numbered_questions_are_each_a_question() -> None:
    text = (
        "hi! 19, first year maths at uni in são paulo, love coding. 1) is maths a good base for "
        "mle 2) what should i learn next 3) whats the pay like in brazil"
    )
    assert split_message(text).questions == (
        "is maths a good base for mle",
        "what should i learn next",
        "whats the pay like in brazil",
    )
    listed = split_message("two questions:\n1. what skills do i need\n2. and the pay in the uk?")
    assert listed.questions == ("what skills do i need", "and the pay in the uk?")
    assert listed.statements == ("two questions:",)


def test_where_it_comes_from_belongs_to_the_question_before() -> None:
    assert split_message("can i trust ur data, where is it from").questions == (
        "can i trust ur data where is it from",
    )
    assert len(split_message("can i trust this? what's it based on").questions) == 1
    assert len(split_message("what do they earn? is it remote?").questions) == 2


def test_whats_the_difference_belongs_to_what_the_clause_before_named() -> None:
    text = "hey bot, quick one: mlops vs ml eng, what's the diff?"
    assert len(split_message(text).questions) == 1


def test_questions_listed_after_a_colon_are_each_a_question() -> None:
    text = "3 quick ones: can u work remote, which cloud platforms matter, and what do seniors make"
    assert split_message(text).questions == (
        "can u work remote",
        "which cloud platforms matter",
        "what do seniors make",
    )


def test_a_question_may_open_with_a_word_of_reaction() -> None:
    text = "fine, what does it pay in france then and is that gross"
    assert split_message(text).questions == ("what does it pay in france then", "is that gross")
    assert split_message("well, i like it").questions == ()


def test_what_a_team_says_of_itself_is_context_not_a_question() -> None:
    text = "we're a startup in Austin hiring a senior ML engineer, what range is competitive?"
    split = split_message(text)
    assert split.questions == ("what range is competitive?",)
    assert split.statements == ("we're a startup in Austin hiring a senior ML engineer",)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I'm 29, a Java developer at a bank in Lyon and I'd like to become an ML engineer. "
        "Which skills am I missing and what salary can I aim for?",
        "Bonjour, je suis développeur Java à Lyon et je voudrais devenir ingénieur ML. "
        "Quelles compétences me manquent et quel salaire je peux viser ?",
    ],
)
def test_a_wish_to_become_one_is_who_is_asking_not_a_question(text: str) -> None:
    split = split_message(text)
    assert len(split.questions) == 2 and len(split.statements) == 1
    assert "become" in split.statements[0] or "devenir" in split.statements[0]


def test_i_would_like_to_know_is_still_a_question() -> None:
    assert split_message("I'd like to know what they earn. And what skills?").questions == (
        "I'd like to know what they earn.",
        "And what skills?",
    )


def test_a_plus_between_two_questions_splits_them() -> None:
    split = split_message(
        "what programming languages should i learn + which cloud platforms matter?"
    )
    assert split.questions == (
        "what programming languages should i learn",
        "which cloud platforms matter?",
    )


def test_numbered_questions_are_questions_however_worded() -> None:
    split = split_message(
        "3 qs: 1) uk midpoint salary 2) where does the data come from 3) how recent is it"
    )
    assert split.questions == (
        "uk midpoint salary",
        "where does the data come from",
        "how recent is it",
    )
    # numbered lines that only state are who is asking
    background = split_message(
        "my background:\n1) 5 years java\n2) based in lyon\nhow do i switch?"
    )
    assert background.questions == ("how do i switch?",)
    assert "based in lyon" in background.statements


@pytest.mark.parametrize(
    "text",
    [
        # how the thing the clause before named looks
        "and france, how does that look?",
        # the question again, in other words
        "whats the next step up after a few yrs as an mle, where do ppl go",
        "les maths c'est utile ? lesquelles surtout ?",
        "why is the senior figure so high? who pays that",
        "which part of that is about ethics? is there any",
    ],
)
def test_a_question_that_only_says_the_one_before_again_is_one_question(text: str) -> None:
    assert len(split_message(text).questions) == 1


def test_two_real_questions_still_split() -> None:
    assert split_message("whats the pay in france, and how do i start?").questions == (
        "whats the pay in france",
        "how do i start?",
    )


def test_a_condition_and_who_is_asking_are_not_questions() -> None:
    split = split_message(
        "doing background for an article: once someone is an ml engineer, where does the "
        "career go from there?"
    )
    assert split.questions == (
        "once someone is an ml engineer, where does the career go from there?",
    )
    assert split.statements == ("doing background for an article",)


def test_hows_asks() -> None:
    split = split_message("does econ count as a degree? and hows the job different from ds")
    assert len(split.questions) == 2


def test_being_curious_asks_nothing_of_its_own() -> None:
    split = split_message(
        "whats an ML engineer salary in germany? i brew beer in munich and im curious"
    )
    assert split.questions == ("whats an ML engineer salary in germany?",)
    assert split_message("just curious about what they earn").questions


def test_a_question_label_is_not_part_of_the_question() -> None:
    split = split_message(
        "41, prison officer 15 yrs. kids are grown up now. Q: is it too late for me, and what "
        "should i build to show employers?"
    )
    assert len(split.questions) == 2
    assert not any("Q:" in question for question in split.questions)
    # "3 qs: 1) …" keeps its numbered questions
    assert len(split_message("3 qs: 1) how much in the UK 2) whats the midpoint").questions) == 2


def test_judging_one_of_the_things_asked_about_belongs_to_that_question() -> None:
    split = split_message("ok bootcamp names then? is le wagon any good")
    assert len(split.questions) == 1
    # a judgement of the answer itself stays a question of its own
    assert len(split_message("what do they earn in france? is that any good?").questions) == 2


def test_a_relative_that_points_at_nothing_before() -> None:
    split = split_message(
        "im a wedding photographer and i love anything to do with images. is there an ML job "
        "that's about images? what would it involve?"
    )
    assert split.questions[0] == "is there an ML job that's about images?"
    # "is that crazy?" still leans on the sentence before it
    assert (
        split_message("i want to retrain at 50. is that crazy?").questions[0].startswith("i want")
    )
