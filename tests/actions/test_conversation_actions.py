"""action_answer on conversations: more, shorter, the last answer, several questions, gaps."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswer
from tests.actions.conftest import TrackerFactory, rendered, slot_events

pytestmark = pytest.mark.usefixtures("store_url")


async def say(
    tracker: TrackerFactory,
    intent: str,
    text: str = "",
    entities: list[dict[str, str]] | None = None,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    confidence: float = 0.99,
) -> tuple[str, dict[str, Any], CollectingDispatcher]:
    """Run action_answer on one message; return the reply, the slots after it, the dispatcher."""
    dispatcher = CollectingDispatcher()
    message = tracker(intent, entities, text=text, slots=slots)
    if metadata:
        message.latest_message["metadata"] = metadata
    message.latest_message["intent"]["confidence"] = confidence
    events = await ActionAnswer().run(dispatcher, message, {})
    return rendered(dispatcher), {**(slots or {}), **slot_events(events)}, dispatcher


async def say_several(
    tracker: TrackerFactory,
    text: str,
    questions: list[dict[str, Any]],
    entities: list[dict[str, str]] | None = None,
    slots: dict[str, Any] | None = None,
    statements: tuple[str, ...] = (),
) -> tuple[str, dict[str, Any], CollectingDispatcher]:
    """Run action_answer on a message the channel split into ``questions``."""
    metadata = {"questions": questions, "statements": list(statements)}
    return await say(tracker, "ask_several", text, entities, slots=slots, metadata=metadata)


async def test_more_continues_and_shorter_condenses(tracker: TrackerFactory) -> None:
    first, slots, _ = await say(tracker, "ask_duties", "what do ml engineers do")
    more, slots_more, _ = await say(tracker, "ask_more", "go on", slots=slots)
    assert "More on the duties" in more
    shown = set(slots["last_answer"]["shown"])
    assert shown < set(slots_more["last_answer"]["shown"])
    assert not any(line in first for line in more.splitlines()[1:])
    short, slots_short, _ = await say(tracker, "ask_shorter", "tldr", slots=slots)
    assert short.startswith("In short") and len(short) <= 400
    shortest, _, _ = await say(tracker, "ask_shorter", "even shorter pls", slots=slots_short)
    assert shortest.count("•") == 1 and len(shortest) < len(short)


async def test_more_runs_out_honestly(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_certifications", "certifications?")
    for _ in range(6):
        reply, slots, _ = await say(tracker, "ask_more", "more", slots=slots)
        if "That's everything my sources say" in reply:
            return
    pytest.fail("'more' never said the sources had nothing left")


async def test_questions_about_pay_figures(tracker: TrackerFactory) -> None:
    france = [{"entity": "country", "value": "France"}]
    _, slots, _ = await say(tracker, "ask_salary", "pay in france", france)
    gross, _, _ = await say(tracker, "ask_about_answer", "is that gross?", slots=slots)
    assert "Bessand calls its junior / entry level figure gross" in gross
    assert "Bluecoders" in gross and "won't guess" in gross
    mid = [{"entity": "country", "value": "France"}, {"entity": "level", "value": "mid-level"}]
    _, mid_slots, _ = await say(tracker, "ask_salary", "mid-level pay in france", mid)
    gross, _, _ = await say(tracker, "ask_about_answer", "is that gross?", slots=mid_slots)
    # Bessand says it of its junior figure only: said so, not "does not say" alone.
    assert "Bessand does not say it of these figures; it calls only its junior" in gross
    bonus, _, _ = await say(tracker, "ask_about_answer", "incl. bonuses?", slots=slots)
    assert "don't cover whether these figures include bonuses" in bonus
    basis, _, _ = await say(tracker, "ask_about_answer", "what data is that based on", slots=slots)
    assert "name no survey or data" in basis
    us = [{"entity": "country", "value": "US"}]
    _, slots, _ = await say(tracker, "ask_salary", "and the us", us)
    basis, _, _ = await say(tracker, "ask_sources", "where do those numbers come from", slots=slots)
    assert "Glassdoor, as of December 2024" in basis and "2025-03-12" in basis
    uk = [{"entity": "country", "value": "UK"}]
    _, slots, _ = await say(tracker, "ask_salary", "uk", uk)
    midpoint, _, _ = await say(tracker, "ask_about_answer", "what's the median", slots=slots)
    assert "£81,750" in midpoint


async def test_which_matters_most_gives_what_the_sources_single_out(
    tracker: TrackerFactory,
) -> None:
    _, skills, _ = await say(tracker, "ask_skills", "what skills do i need")
    most, _, _ = await say(
        tracker, "ask_about_answer", "which of those matters most?", slots=skills
    )
    assert "single out" in most and "Python (priority)" in most and "(Bessand)" in most
    _, sectors, _ = await say(tracker, "ask_industries", "which industries hire ml engineers")
    pays, _, _ = await say(tracker, "ask_about_answer", "which of those pays best?", slots=sectors)
    assert "pay the most" in pays and "indispensable" not in pays
    _, day, _ = await say(tracker, "ask_typical_day", "what's a normal day like")
    nothing, _, _ = await say(tracker, "ask_about_answer", "which of those pays best?", slots=day)
    assert "don't cover a ranking" in nothing


async def test_how_long_says_first_that_no_source_gives_a_set_time(
    tracker: TrackerFactory,
) -> None:
    reply, _, _ = await say(
        tracker, "ask_getting_started", "how long does it take to become an ml engineer"
    )
    # No page gives a set time; the nearest span one does state comes first, with its source.
    assert reply.startswith("My sources give no set time for that; the nearest they say:")
    assert "often several years. (CBT Nuggets)" in reply
    assert "How to get started" in reply
    # A span of time about something else is no answer to how long learning Python takes.
    python, _, _ = await say(tracker, "ask_skills", "how long does it take to learn python")
    assert python.startswith("My sources don't say how long it takes")


async def test_a_question_naming_a_source_gets_that_sources_answer(
    tracker: TrackerFactory,
) -> None:
    pay, slots, _ = await say(
        tracker, "ask_salary_factors", "what does bluecoders say about salary"
    )
    assert "€70,000–€90,000" in pay and "Bessand" not in pay
    other, _, _ = await say(
        tracker, "ask_about_answer", "how does that compare with bessand's numbers", slots=slots
    )
    assert "€60,000–€90,000 — Bessand" in other and "Bluecoders" not in other
    start, slots, _ = await say(
        tracker, "ask_about_answer", "what does the cbt nuggets guide say about getting started"
    )
    assert "learning Python" in start and "(CBT Nuggets)" in start
    author, _, _ = await say(tracker, "ask_about_answer", "who wrote it and when", slots=slots)
    assert "Danielle Antosz" in author


async def test_which_levels_and_how_many_years_the_figures_mean(tracker: TrackerFactory) -> None:
    _, uk, _ = await say(
        tracker, "ask_salary", "uk ml eng salary", [{"entity": "country", "value": "uk"}]
    )
    levels, _, _ = await say(
        tracker,
        "ask_career_path",
        "is that for juniors or seniors or what",
        [{"entity": "level", "value": "juniors"}, {"entity": "level", "value": "seniors"}],
        slots=uk,
    )
    assert "UK careers guide gives a single range for every level" in levels
    years, _, _ = await say(
        tracker,
        "inform",
        "how many years till i'm mid level",
        [{"entity": "level", "value": "mid level"}],
    )
    assert "CBT Nuggets: mid-level is 3-5 years of experience." in years


async def test_two_countries_in_one_pay_question_get_both(tracker: TrackerFactory) -> None:
    reply, _, _ = await say(
        tracker,
        "ask_salary",
        "whats mle pay in france and in the uk?",
        [{"entity": "country", "value": "france"}, {"entity": "country", "value": "the uk"}],
    )
    assert "€50,000–€60,000" in reply and "£60,500–£103,000" in reply


async def test_sources_question_without_a_last_answer_lists_them(tracker: TrackerFactory) -> None:
    reply, _, _ = await say(tracker, "ask_sources", "where does that come from")
    assert "these 5 published pages" in reply


async def test_a_city_is_named_and_its_country_used(tracker: TrackerFactory) -> None:
    reply, slots, _ = await say(
        tracker,
        "inform",
        "the figures for lyon?",
        [{"entity": "country", "value": "Lyon"}],
        slots={"topic": "salary", "country": "GB"},
    )
    assert "don't cover Lyon on its own" in reply and "€50,000" in reply
    assert slots["country"] == "FR"


async def test_several_questions_are_answered_in_order(tracker: TrackerFactory) -> None:
    questions = [
        {
            "text": "what do they earn in the uk",
            "intent": {"name": "ask_salary", "confidence": 0.9},
            "entities": [{"entity": "country", "value": "uk", "start": 24, "end": 26}],
        },
        {
            "text": "what degree do i need?",
            "intent": {"name": "ask_education", "confidence": 0.9},
            "entities": [{"entity": "study_route", "value": "degree", "start": 5, "end": 11}],
        },
    ]
    reply, slots, dispatcher = await say_several(
        tracker,
        "what do they earn in the uk and what degree do i need?",
        questions,
    )
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_salary_country" and "utter_answer_education" in responses
    assert "£60,500" in reply and "Master" in reply
    assert slots["topic"] == "education"
    assert len(reply) <= 1600
    # "Does that include bonus?" is about the figures, though the degrees came after them.
    bonus, _, _ = await say(tracker, "nlu_fallback", "does that include bonus?", slots=slots)
    assert "whether these figures include bonuses" in bonus


async def test_two_questions_with_one_answer_are_answered_together(
    tracker: TrackerFactory,
) -> None:
    _, slots, _ = await say(
        tracker, "ask_salary", "pay in the uk", [{"entity": "country", "value": "GB"}]
    )
    questions = [
        {"text": "why such a big range??", "intent": {"name": "nlu_fallback", "confidence": 0.3}},
        {"text": "what pushes pay up", "intent": {"name": "ask_salary_factors", "confidence": 0.9}},
    ]
    reply, _, dispatcher = await say_several(
        tracker,
        "why such a big range?? what pushes pay up",
        questions,
        slots=slots,
    )
    responses = [m["response"] for m in dispatcher.messages]
    assert responses.count("utter_answer_salary_factors") == 1
    assert "Where someone lands inside that range" in reply  # the first question's words
    assert "Silicon Valley" in reply  # ... and the second's
    assert "don't cover" not in reply  # "pushes" is how people ask what drives pay


async def test_three_questions_stay_within_one_reply(tracker: TrackerFactory) -> None:
    france = [{"entity": "country", "value": "france", "start": 24, "end": 30}]
    questions = [
        {"text": "what is an ml engineer", "intent": {"name": "ask_role"}, "entities": []},
        {
            "text": "what's the salary in france",
            "intent": {"name": "ask_salary"},
            "entities": france,
        },
        {"text": "what do they do all day", "intent": {"name": "ask_duties"}, "entities": []},
    ]
    reply, _, dispatcher = await say_several(
        tracker,
        "what is an ml engineer, what's the salary in france, and what do they do all day?",
        questions,
    )
    assert "€50,000" in reply and len(reply) <= 1200
    responses = [m["response"] for m in dispatcher.messages]
    if "utter_question_left" in responses:  # what did not fit is named, not dropped silently
        assert "what do they do all day" in reply


async def test_context_of_a_long_message_reaches_its_question(tracker: TrackerFactory) -> None:
    questions = [
        {"text": "what could i earn?", "intent": {"name": "ask_salary"}, "entities": []},
    ]
    reply, _, _ = await say_several(
        tracker,
        "I live in Lyon and have 10 years in accounting. What could I earn?",
        questions,
        [{"entity": "country", "value": "Lyon"}, {"entity": "level", "value": "10 years"}],
        statements=("I live in Lyon...",),
    )
    assert "€50,000" in reply and "don't cover Lyon on its own" in reply
    assert "€60,000–€90,000" in reply  # every level: years in accounting are not ML seniority


@pytest.mark.parametrize(
    "text", ["can i get visa sponsorship to relocate", "what about part-time work"]
)
async def test_in_domain_questions_the_sources_do_not_cover(
    tracker: TrackerFactory, text: str
) -> None:
    reply, _, dispatcher = await say(tracker, "ask_advice", text)
    assert dispatcher.messages[0]["response"] == "utter_sources_silent"
    assert "don't cover that" in reply and len(reply) < 300


async def test_a_free_question_the_sources_answer(tracker: TrackerFactory) -> None:
    reply, _, _ = await say(tracker, "ask_advice", "how do i prepare for interviews")
    assert "Interviews often test how you reason" in reply
    assert "(UK careers guide)" in reply


async def test_a_topic_question_about_something_the_sources_skip_says_so(
    tracker: TrackerFactory,
) -> None:
    reply, _, dispatcher = await say(
        tracker, "ask_workplace", "is there lots of overtime in this job?"
    )
    assert dispatcher.messages[0]["response"] == "utter_topic_gap"
    assert "don't cover that specifically (overtime)" in reply
    assert "(Careers explorer)" in reply  # and what they do say about the workplace


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        # "determine" is on another page; "must-have" is how people ask about skills.
        ("ask_salary_factors", "what determines how much an MLE gets paid"),
        ("ask_skills", "what are the must-have skills for machine learning engineers"),
        ("ask_typical_day", "whats a normal workday like"),
    ],
)
async def test_a_way_of_asking_is_not_a_gap(
    tracker: TrackerFactory, intent: str, text: str
) -> None:
    reply, _, dispatcher = await say(tracker, intent, text)
    assert dispatcher.messages[0]["response"] != "utter_topic_gap"
    assert "don't cover" not in reply


@pytest.mark.parametrize(
    ("text", "response", "subject"),
    [
        # "company" and "help" are on some page; London is a place, not a subject.
        ("would a company in london help with a visa for the job", "utter_sources_silent", "visa"),
        # Every word is on some page ("live", "cost"), but not the subject they make together.
        (
            "is that enough to live on in london? what's the cost of living",
            "utter_sources_silent",
            "cost of living",
        ),
        # Every word is on some page, and they name no subject: still no answer.
        ("is that enough to live on in london?", "utter_no_passages", None),
    ],
)
async def test_a_gap_names_only_words_no_page_uses(
    tracker: TrackerFactory, text: str, response: str, subject: str | None
) -> None:
    reply, _, dispatcher = await say(tracker, "ask_advice", text)
    assert dispatcher.messages[0]["response"] == response
    assert "don't cover that" in reply
    named = reply[reply.index("(") + 1 : reply.index(")")] if "(" in reply else None
    assert named == subject


@pytest.mark.parametrize(
    "text", ["whats bitcoin going to do this year", "whats the weather gonna be like this weekend"]
)
async def test_words_no_page_uses_and_nothing_about_work_are_out_of_scope(
    tracker: TrackerFactory, text: str
) -> None:
    reply, _, dispatcher = await say(tracker, "nlu_fallback", text, confidence=0.25)
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
    assert "gon" not in reply


async def test_a_misspelt_pay_word_still_asks_for_pay(tracker: TrackerFactory) -> None:
    reply, _, _ = await say(tracker, "ask_salary", "ml engineer salery?", confidence=0.5)
    assert "€50,000" in reply or "£" in reply or "$" in reply
    assert "don't cover" not in reply


async def test_who_wrote_the_last_answer(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_typical_day", "what's a typical day like")
    reply, _, _ = await say(
        tracker, "nlu_fallback", "who wrote that and when?", slots=slots, confidence=0.2
    )
    assert reply.startswith("That answer came from:")
    assert "Danielle Antosz" in reply and "2025-03-12" in reply  # CBT Nuggets' typical day


async def test_an_unsure_refusal_answers_from_the_store_when_it_can(
    tracker: TrackerFactory,
) -> None:
    reply, _, _ = await say(
        tracker, "out_of_scope", "how do i show my impact on my cv", confidence=0.4
    )
    assert "Highlight your impact" in reply and "(Bessand)" in reply


async def test_pay_at_a_named_employer_names_what_the_sources_do_give(
    tracker: TrackerFactory,
) -> None:
    reply, _, _ = await say(tracker, "ask_salary", "how much does google pay its ml engineers")
    assert "don't cover pay at individual employers (Google)" in reply
    assert "France, the United Kingdom and the United States" in reply  # from the store


async def test_what_a_level_means_in_years_comes_from_the_figures_shown(
    tracker: TrackerFactory,
) -> None:
    us = [{"entity": "country", "value": "US"}]
    _, slots, _ = await say(tracker, "ask_salary", "pay in the us", us)
    years, _, _ = await say(
        tracker, "ask_getting_started", "how many yoe counts as entry level there", slots=slots
    )
    assert "CBT Nuggets: junior / entry level is 0-2 years" in years


async def test_the_pay_overview_after_another_answer_stays_within_one_reply(
    tracker: TrackerFactory,
) -> None:
    questions = [
        {"text": "would i be a good fit", "intent": {"name": "ask_suitability"}, "entities": []},
        {"text": "and what do they earn", "intent": {"name": "ask_salary"}, "entities": []},
    ]
    reply, _, dispatcher = await say_several(
        tracker,
        "would i be a good fit and what do they earn",
        questions,
    )
    assert len(reply) <= 1200
    responses = [m["response"] for m in dispatcher.messages]
    # the overview in a line per country, each naming its source
    assert "utter_salary_spans" in responses or "utter_question_left" in responses


async def test_a_message_off_topic_as_a_whole_is_refused_whole(tracker: TrackerFactory) -> None:
    text = "my javascript function returns undefined, can you fix it?"
    message = tracker("ask_several", [], text=text)
    message.latest_message["metadata"] = {
        "questions": [{"text": "can you fix it?", "intent": {"name": "ask_capabilities"}}],
        "statements": ["my javascript function returns undefined"],
    }
    message.latest_message["intent_ranking"] = [
        {"name": "ask_several", "confidence": 1.0},
        {"name": "out_of_scope", "confidence": 0.9},
    ]
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(dispatcher, message, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]


async def test_a_comparison_the_sources_never_make_is_named(tracker: TrackerFactory) -> None:
    reply, _, dispatcher = await say(
        tracker, "compare_role", "whats the diff between an ml engineer and an ai engineer"
    )
    assert dispatcher.messages[0]["response"] == "utter_no_comparison"
    assert "don't compare ML engineers with the AI engineer role" in reply


async def test_a_career_change_from_an_unknown_field_is_how_people_move_in(
    tracker: TrackerFactory,
) -> None:
    text = "hi! i'm a nurse, 29, thinking about switching into machine learning. is that crazy?"
    message = tracker("ask_several", [], text=text)
    message.latest_message["metadata"] = {
        # The channel reads a question that points back with the sentence before it.
        "questions": [{"text": text[4:], "intent": {"name": "ask_getting_started"}}],
        "statements": ["hi!", "i'm a nurse, 29, thinking about switching into machine learning."],
    }
    message.latest_message["intent_ranking"] = [
        {"name": "ask_several", "confidence": 1.0},
        {"name": "ask_getting_started", "confidence": 0.56},
    ]
    dispatcher = CollectingDispatcher()
    await ActionAnswer().run(dispatcher, message, {})
    reply = rendered(dispatcher)
    responses = [m["response"] for m in dispatcher.messages]
    assert "utter_out_of_scope" not in responses
    # A change of career from a field the gazetteer does not know: moving in from elsewhere.
    assert "Moving into ML engineering from another field (nurse)" in reply
    assert "transition well" in reply and "(UK careers guide)" in reply


async def test_which_is_best_says_no_page_ranks_them_first(tracker: TrackerFactory) -> None:
    reply, _, dispatcher = await say(
        tracker, "ask_specialisations", "which specialisation has the best future"
    )
    assert dispatcher.messages[0]["response"] == "utter_topic_no_ranking"
    assert "MLOps Engineer" in reply  # and what the pages do say
    _, _, plain = await say(tracker, "ask_specialisations", "what specialisations are there")
    assert plain.messages[0]["response"] != "utter_topic_no_ranking"


async def test_a_comparison_that_names_a_field_compares_with_its_role(
    tracker: TrackerFactory,
) -> None:
    reply, slots, _ = await say(
        tracker, "compare_role", "isn't ML engineering just data science with extra steps?"
    )
    assert reply.startswith("ML engineer vs data scientist")
    assert slots["role"] == "data_scientist"


async def test_is_that_a_lot_is_about_the_figures_shown(tracker: TrackerFactory) -> None:
    us = [{"entity": "country", "value": "US"}]
    _, slots, _ = await say(tracker, "ask_salary", "pay for freshers in the us", us)
    reply, _, _ = await say(tracker, "nlu_fallback", "is that a lot?", slots=slots, confidence=0.3)
    assert "don't cover whether these figures are high or low" in reply
    assert "A lot of their time" not in reply  # not a search for the words "a lot"


async def test_a_change_from_a_field_not_named_says_so_plainly(tracker: TrackerFactory) -> None:
    reply, _, _ = await say(
        tracker, "ask_getting_started", "how hard would it be to pivot into ML engineering?"
    )
    assert reply.startswith("Moving into ML engineering from another field: here is what")
    assert "transition well" in reply


async def test_pay_asked_with_something_no_page_covers_says_so_first(
    tracker: TrackerFactory,
) -> None:
    reply, _, dispatcher = await say(tracker, "ask_salary", "do ML engineers get paid overtime?")
    assert dispatcher.messages[0]["response"] == "utter_topic_gap"
    assert "don't cover that specifically (overtime)" in reply and "€50,000" in reply
    plain, _, _ = await say(tracker, "ask_salary", "how much do ML engineers get paid?")
    assert "don't cover" not in plain


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("compare_role", "and how is this different from a data scientist, honestly"),
        ("ask_skills", "waht skils do i ned for mlops"),  # "ned" is "need" mistyped
    ],
)
async def test_framing_words_and_slips_are_not_gaps(
    tracker: TrackerFactory, intent: str, text: str
) -> None:
    reply, _, _ = await say(tracker, intent, text)
    assert "don't cover" not in reply


async def test_pay_at_an_employer_in_a_named_place_gives_that_place_after_the_gap(
    tracker: TrackerFactory,
) -> None:
    reply, _, _ = await say(
        tracker,
        "ask_salary",
        "what can an expert ml engineer get in paris, like at a big tech company",
        [{"entity": "country", "value": "paris"}, {"entity": "level", "value": "senior"}],
    )
    assert "don't cover pay at individual employers (Big Tech)" in reply
    assert "€150,000" in reply  # France's senior figures follow


async def test_which_is_most_common_gives_what_the_sources_say_most_do(
    tracker: TrackerFactory,
) -> None:
    _, slots, _ = await say(tracker, "ask_education", "what degrees do ml engineers have")
    reply, _, _ = await say(
        tracker, "ask_about_answer", "which of those is the most common", slots=slots
    )
    assert "single out" in reply and "Most hold a bachelor" in reply


@pytest.mark.parametrize(
    ("text", "nearest"),
    [
        # The sentence covering most of the question, rare words weighing more.
        ("how do i prepare for the technical interview", "Interviews often test how you reason"),
        ("how do i show impact on my cv", "Highlight your impact"),
    ],
)
async def test_the_nearest_sentence_shares_a_telling_word(
    tracker: TrackerFactory, text: str, nearest: str
) -> None:
    reply, _, dispatcher = await say(tracker, "ask_advice", text)
    assert dispatcher.messages[0]["response"] == "utter_sources_partial"
    assert nearest in reply


async def test_a_judgement_word_alone_makes_no_sentence_near(tracker: TrackerFactory) -> None:
    reply, _, _ = await say(tracker, "ask_advice", "is kaggle useful")
    assert "don't cover that" in reply and "kaggle" in reply
    assert "Useful features" not in reply


async def test_too_late_at_an_age_says_first_no_page_speaks_of_age(
    tracker: TrackerFactory,
) -> None:
    reply, _, dispatcher = await say(
        tracker, "ask_getting_started", "i'm 45, is it too late to get into ml engineering?"
    )
    assert dispatcher.messages[0]["response"] == "utter_no_age"
    assert "How to get started" in reply
    _, _, plain = await say(tracker, "ask_getting_started", "i'm 24, how do i get started?")
    assert plain.messages[0]["response"] != "utter_no_age"


async def test_which_site_says_what_was_singled_out(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_skills", "what skills does an ml engineer need")
    ranked, slots, _ = await say(
        tracker, "ask_about_answer", "which of those matters most?", slots=slots
    )
    assert "Python (priority)" in ranked
    which, _, _ = await say(tracker, "ask_about_answer", "which site says that", slots=slots)
    assert which.startswith("That answer came from:") and "Bessand" in which
    assert "CBT Nuggets" not in which  # the skills answer's other source singled out nothing


async def test_a_bare_source_question_after_figures_names_their_data(
    tracker: TrackerFactory,
) -> None:
    uk = [{"entity": "country", "value": "GB"}]
    _, slots, _ = await say(tracker, "ask_salary", "uk salary for ml engineers pls", uk)
    reply, _, _ = await say(tracker, "ask_sources", "source?", slots=slots, confidence=0.4)
    assert "Jobs247" in reply and "Everything I say comes from" not in reply


async def test_where_the_number_comes_from_after_what_drives_it(tracker: TrackerFactory) -> None:
    uk = [{"entity": "country", "value": "GB"}]
    _, slots, _ = await say(tracker, "ask_salary", "what do ml engineers earn in england", uk)
    _, slots, _ = await say(tracker, "ask_salary_factors", "why is the range so wide?", slots=slots)
    reply, _, _ = await say(
        tracker, "ask_about_answer", "how did they even work that number out", slots=slots
    )
    assert "vacancies advertised over the last 12 months" in reply


async def test_which_site_mentions_something_searches_that_thing(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_career_path", "where can the career lead")
    reply, _, _ = await say(
        tracker, "nlu_fallback", "which site mentioned head of ai?", slots=slots, confidence=0.25
    )
    assert "Head of AI" in reply and "(Bessand)" in reply
    assert "don't cover" not in reply


async def test_per_month_or_per_year_says_how_each_source_states_it(
    tracker: TrackerFactory,
) -> None:
    fr = [{"entity": "country", "value": "FR"}, {"entity": "level", "value": "junior"}]
    _, slots, _ = await say(tracker, "ask_salary", "ml engineer salary france junior?", fr)
    reply, _, _ = await say(
        tracker, "ask_about_answer", "per month or per year?", slots=slots, confidence=0.4
    )
    assert "Bessand's figures are per year" in reply and "gross/year" in reply
    assert "Bluecoders doesn't state the period" in reply


async def test_a_level_asked_after_another_level_gets_its_own_years(
    tracker: TrackerFactory,
) -> None:
    us = [{"entity": "country", "value": "US"}, {"entity": "level", "value": "junior"}]
    _, slots, _ = await say(tracker, "ask_salary", "entry level ml engineer salary in us?", us)
    mid = [{"entity": "level", "value": "mid"}]
    reply, _, _ = await say(tracker, "inform", "and mid-level is how many years?", mid, slots=slots)
    assert "mid-level is 3-5 years" in reply


async def test_more_after_figures_is_what_moves_pay_within_them(tracker: TrackerFactory) -> None:
    uk = [{"entity": "country", "value": "GB"}]
    _, slots, _ = await say(tracker, "ask_salary", "typical pay in the uk?", uk)
    more, slots, _ = await say(
        tracker, "ask_more", "give me a bit more context on that figure", slots=slots
    )
    assert "Those are all the figures" in more and "location" in more
    # Whose figures, and where, are said again.
    assert "UK careers guide gives for the United Kingdom" in more, more
    again, _, _ = await say(tracker, "ask_more", "more", slots=slots)
    assert again != more


async def test_more_on_a_specialisation_reads_other_pages_about_it(
    tracker: TrackerFactory,
) -> None:
    mlops = [{"entity": "specialisation", "value": "mlops"}]
    first, slots, _ = await say(tracker, "ask_specialisations", "what even is mlops", mlops)
    more, _, _ = await say(tracker, "ask_more", "tell me more about that", slots=slots)
    assert "More on MLOps Engineer" in more and "Kubeflow" in more


async def test_an_unsure_topic_guess_gives_way_to_pages_that_name_the_subject(
    tracker: TrackerFactory,
) -> None:
    text = "do ml engineers actually have to care about ethics and bias or is that someone's job"
    reply, _, _ = await say(tracker, "ask_outlook", text, confidence=0.36)
    assert "reduce bias" in reply and "(Careers explorer)" in reply
    sure, _, _ = await say(tracker, "ask_outlook", "what's the job outlook", confidence=0.9)
    assert "outlook" in sure.lower()


async def test_a_place_named_in_a_topic_question_holds_for_the_pay_there(
    tracker: TrackerFactory,
) -> None:
    places = [{"entity": "country", "value": "GB"}, {"entity": "country", "value": "IN"}]
    text = "can i get a work visa for an ml engineer job in the uk if i'm from india"
    first, slots, _ = await say(tracker, "ask_workplace", text, places, confidence=0.57)
    assert "don't cover that specifically (work visa)" in first
    pay, _, _ = await say(
        tracker,
        "nlu_fallback",
        "ok forget the visa, what's the pay there",
        slots=slots,
        confidence=0.25,
    )
    assert "£60,500" in pay and "visa" not in pay


async def test_a_city_without_figures_gets_what_a_page_says_of_it(
    tracker: TrackerFactory,
) -> None:
    us = [{"entity": "country", "value": "US"}]
    _, slots, _ = await say(tracker, "ask_salary", "ml salaries in the us", us)
    ny = [{"entity": "country", "value": "New York"}]
    reply, _, _ = await say(tracker, "inform", "and in new york specifically?", ny, slots=slots)
    assert "don't cover New York on its own" in reply
    assert "higher salaries in Silicon Valley, New York" in reply and "(CBT Nuggets)" in reply


async def test_the_same_topic_twice_in_a_row_is_not_the_same_reply(
    tracker: TrackerFactory,
) -> None:
    first, slots, _ = await say(tracker, "ask_education", "does she need to go to university")
    second, _, _ = await say(tracker, "ask_education", "what would she study", slots=slots)
    assert second != first and second.startswith("Degrees and education")
    # Its best sentences for the new question, not the whole reply again.
    assert second.count("•") <= 2 < first.count("•")


async def test_a_comparison_with_it_compares_the_role_named_earlier_in_the_message(
    tracker: TrackerFactory,
) -> None:
    questions = [
        {"text": "whats mlops", "intent": {"name": "ask_specialisations"}, "entities": []},
        {
            "text": "how is it different from ml engineering",
            "intent": {"name": "compare_role"},
            "entities": [],
        },
    ]
    reply, _, _ = await say_several(
        tracker,
        "whats mlops and how is it different from ml engineering",
        questions,
    )
    assert "ML engineer vs MLOps engineer" in reply
    assert "Which role would you like to compare" not in reply


async def test_whether_it_is_worth_it_after_an_answer_in_the_same_message_is_not_said_twice(
    tracker: TrackerFactory,
) -> None:
    questions = [
        {"text": "what certifications help", "intent": {"name": "ask_certifications"}},
        {"text": "are they worth the money?", "intent": {"name": "nlu_fallback"}},
    ]
    reply, _, _ = await say_several(
        tracker,
        "what certifications help, and are they worth the money?",
        questions,
    )
    assert reply.count("Certifications help validate expertise") == 1


async def test_a_judgement_of_working_conditions_is_a_gap_not_off_topic(
    tracker: TrackerFactory,
) -> None:
    _, slots, _ = await say(tracker, "ask_typical_day", "what does a typical day look like")
    reply, _, _ = await say(
        tracker, "out_of_scope", "is it stressful?", slots=slots, confidence=0.7
    )
    assert "don't cover" in reply and "only cover" not in reply


async def test_which_specialisation_pays_best_says_no_page_ranks_them(
    tracker: TrackerFactory,
) -> None:
    reply, _, _ = await say(tracker, "ask_specialisations", "what specialisation pays best")
    assert reply.startswith("My sources don't compare pay between specialisations")
    assert "don't cover that specifically" not in reply  # the gap is said once
    assert "€50,000–€60,000" in reply  # then the figures they do give


async def test_the_highest_of_the_figures_shown_is_named(tracker: TrackerFactory) -> None:
    fr = [{"entity": "country", "value": "FR"}]
    _, slots, _ = await say(tracker, "ask_salary", "ok then France", fr)
    reply, _, _ = await say(
        tracker, "ask_about_answer", "which of those is the highest", slots=slots
    )
    assert "The highest EUR figure: senior, up to €150,000 or more (Bessand)." in reply


async def test_a_pay_part_read_as_small_talk_is_still_answered(tracker: TrackerFactory) -> None:
    text = "I've been an accountant for 12 years in Paris. what would I earn here?"
    questions = [
        {
            "text": "what would I earn here?",
            "intent": {"name": "ask_capabilities", "confidence": 0.53},
            "entities": [],
        }
    ]
    reply, _, _ = await say_several(
        tracker,
        text,
        questions,
        [{"entity": "country", "value": "Paris"}],
        statements=("I've been an accountant for 12 years in Paris.",),
    )
    assert "€50,000–€60,000" in reply


async def test_tools_for_that_after_a_specialisation_are_its_tools(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(
        tracker,
        "ask_specialisations",
        "what does mlops actually mean",
        [{"entity": "specialisation", "value": "mlops"}],
    )
    tools, _, _ = await say(
        tracker,
        "ask_about_answer",
        "which tools for that?",
        [{"entity": "skill_area", "value": "tools"}],
        slots=slots,
        confidence=0.52,
    )
    assert "Frameworks and tools" in tools and "MLflow" in tools


async def test_a_refused_part_of_several_questions_is_one_line(tracker: TrackerFactory) -> None:
    questions = [
        {
            "text": "whats the weather gonna be like tomorrow",
            "intent": {"name": "out_of_scope", "confidence": 0.5},
            "entities": [],
        },
        {
            "text": "what is a typical day like",
            "intent": {"name": "ask_typical_day", "confidence": 0.95},
            "entities": [],
        },
    ]
    reply, _, _ = await say_several(
        tracker, "whats the weather gonna be like tomorrow, what is a typical day like", questions
    )
    assert 'so I left out: "whats the weather gonna be like tomorrow"' in reply
    assert "Sorry, I only cover" not in reply and "A typical day" in reply


async def test_how_old_an_answers_pages_are_says_which_give_no_date(
    tracker: TrackerFactory,
) -> None:
    _, slots, _ = await say(tracker, "ask_skills", "what skills do i need")
    for text in ("which one is more recent?", "how old is that info"):
        reply, _, _ = await say(tracker, "ask_about_answer", text, slots=slots, confidence=0.6)
        assert "no date given" in reply and "2025-03-12" in reply, reply


async def test_an_occupation_is_no_subject_of_a_gap(tracker: TrackerFactory) -> None:
    text = "i am a nurse. could i do this part time while keeping my job?"
    reply, _, _ = await say(tracker, "ask_suitability", text, confidence=0.4)
    assert "part-time" in reply and "(nurse" not in reply, reply


async def test_the_age_people_start_at_is_an_honest_gap(tracker: TrackerFactory) -> None:
    text = "what age do people usually start as ml engineers"
    reply, _, _ = await say(tracker, "ask_career_path", text, confidence=0.6)
    assert "don't cover age" in reply, reply


async def test_a_regions_pay_is_that_of_the_countries_covered_in_it(
    tracker: TrackerFactory,
) -> None:
    text = "does the eu have better pay than the us for ml engineers?"
    entities = [{"entity": "country", "value": "US"}]
    reply, _, _ = await say(tracker, "ask_salary", text, entities)
    assert "no figures for the EU as a whole, only for France" in reply, reply
    assert "€50,000" in reply and "$80,000" in reply and "in EUR" in reply, reply


async def test_one_line_asked_for_is_one_sentence(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_specialisations", "what is mlops")
    reply, _, _ = await say(tracker, "ask_shorter", "summarise all that in one line", slots=slots)
    assert reply.startswith("In short") and reply.count("•") == 1, reply


def test_shorter_may_keep_the_first_items_of_a_list_shown_whole() -> None:
    from actions.more import _shown_or_their_starts

    assert _shown_or_their_starts(["12.list", "7.3"]) == ["12.list", "7.3", "12.first"]


async def test_the_name_of_a_source_asked_about_is_no_gap(tracker: TrackerFactory) -> None:
    text = "how does someone get started according to cbt nuggets"
    reply, _, dispatcher = await say(tracker, "ask_getting_started", text)
    assert dispatcher.messages[0]["response"] != "utter_topic_gap"
    assert "don't cover" not in reply and "CBT Nuggets" in reply


async def test_shorter_in_a_number_of_points_gives_that_many(tracker: TrackerFactory) -> None:
    first, slots, _ = await say(tracker, "ask_getting_started", "how do i get into this field")
    assert first.count("•") >= 3
    three, _, _ = await say(
        tracker, "ask_shorter", "too long, give me 3 bullet points", slots=slots
    )
    assert three.startswith("In short") and three.count("•") == 3, three
    two, _, _ = await say(tracker, "ask_shorter", "in two sentences", slots=slots)
    assert two.count("•") <= 2 and len(two) < len(three)


async def test_a_country_one_question_asks_about_is_not_the_persons(
    tracker: TrackerFactory,
) -> None:
    text = "1) what languages 2) is it remote friendly 3) what's the pay in the uk"
    questions = [
        {
            "text": "what languages",
            "intent": {"name": "inform", "confidence": 0.26},
            "entities": [{"entity": "skill_area", "value": "languages", "start": 5, "end": 14}],
        },
        {"text": "is it remote friendly", "intent": {"name": "ask_workplace", "confidence": 0.9}},
        {
            "text": "what's the pay in the uk",
            "intent": {"name": "ask_salary", "confidence": 0.9},
            "entities": [{"entity": "country", "value": "GB", "start": 22, "end": 24}],
        },
    ]
    entities = [{"entity": "country", "value": "GB"}]
    reply, _, _ = await say_several(tracker, text, questions, entities)
    # the UK's one range, once: the languages question is not read as pay in the UK
    assert reply.count("£60,500") == 1, reply
    assert "Python" in reply


async def test_pay_asked_in_dollars_gives_the_dollar_figures_and_where_the_others_are(
    tracker: TrackerFactory,
) -> None:
    reply, slots, _ = await say(tracker, "ask_salary", "what do they make in dollars, all levels")
    assert "$80,000" in reply and "€" not in reply and "£" not in reply
    assert "For France and the United Kingdom they give" in reply
    assert slots["last_answer"]["sources"] == ["CBT Nuggets"]
    short, _, _ = await say(tracker, "ask_shorter", "one sentence version", slots=slots)
    # the same dollar figures, one line from the lowest to the highest
    assert "$80,000" in short and "$180,000" in short and "€" not in short
    assert len(short) <= 400


async def test_shorter_after_the_overview_is_a_line_per_country(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_salary", "what do ml engineers earn")
    short, _, _ = await say(tracker, "ask_shorter", "one sentence version", slots=slots)
    assert short.count("•") <= 5 and "lowest to highest" in short


async def test_just_the_names_after_the_specialisations(tracker: TrackerFactory) -> None:
    _, slots, _ = await say(tracker, "ask_specialisations", "are there different kinds")
    names, _, _ = await say(tracker, "ask_shorter", "just the names, no descriptions", slots=slots)
    assert "Deep Learning Engineer" in names and "Focuses on" not in names


async def test_a_question_about_one_sentence_of_the_last_answer_quotes_it_again(
    tracker: TrackerFactory,
) -> None:
    text = "are those online courses legit or a waste of money"
    courses = [{"entity": "study_route", "value": "online courses"}]
    first, slots, _ = await say(tracker, "ask_education", text, courses)
    assert "Coursera" in first
    reply, _, _ = await say(
        tracker, "inform", "any particular platforms mentioned?", slots=slots, confidence=0.42
    )
    assert "Coursera" in reply and reply.count("•") == 1


async def test_pay_for_a_country_asked_in_another_currency_is_converted_too(
    tracker: TrackerFactory,
) -> None:
    us_junior = [{"entity": "country", "value": "US"}, {"entity": "level", "value": "junior"}]
    reply, _, _ = await say(
        tracker, "ask_salary", "pay in the us for freshers, in rupees", us_junior
    )
    assert "$80,000" in reply and "Indian rupees" in reply and "₹" in reply
    same, _, _ = await say(tracker, "ask_salary", "pay in the us in dollars", us_junior[:1])
    assert "reference rate" not in same


async def test_a_short_question_after_an_answer_is_about_that_answer(
    tracker: TrackerFactory,
) -> None:
    courses = [{"entity": "study_route", "value": "online courses"}]
    _, slots, _ = await say(tracker, "ask_education", "can i learn it online", courses)
    reply, _, _ = await say(tracker, "inform", "which platforms", slots=slots, confidence=0.4)
    assert "Coursera" in reply and "cloud platforms" not in reply


async def test_a_short_answer_asked_beside_the_question_is_short(tracker: TrackerFactory) -> None:
    full, _, _ = await say(tracker, "ask_skills", "what skills do ml engineers need?")
    short, _, _ = await say(
        tracker, "ask_skills", "what skills do ml engineers need? short answer please"
    )
    assert short.count("•") < full.count("•") and len(short) <= 450


async def test_which_step_comes_first_is_the_step_a_page_puts_first(
    tracker: TrackerFactory,
) -> None:
    _, slots, _ = await say(tracker, "ask_getting_started", "how do i get into ml engineering")
    reply, _, _ = await say(
        tracker, "ask_about_answer", "which of those should i do first", slots=slots
    )
    assert "Build the core technical base first" in reply
    assert "land the first role" not in reply


async def test_a_question_about_figures_another_part_asks_for_is_not_refused(
    tracker: TrackerFactory,
) -> None:
    text = "is that in US dollars? what do mles earn in the us"
    questions = [
        {"text": "is that in US dollars?", "intent": {"name": "out_of_scope", "confidence": 0.7}},
        {
            "text": "what do mles earn in the us",
            "intent": {"name": "ask_salary", "confidence": 0.95},
            "entities": [{"entity": "country", "value": "US", "start": 24, "end": 26}],
        },
    ]
    reply, _, _ = await say_several(
        tracker, text, questions, [{"entity": "country", "value": "US"}]
    )
    assert "only cover" not in reply and "$80,000" in reply, reply


async def test_several_subjects_of_one_topic_are_each_answered(tracker: TrackerFactory) -> None:
    text = "is a master's actually required? also are online courses taken seriously"
    questions = [
        {
            "text": "is a master's actually required?",
            "intent": {"name": "ask_education", "confidence": 0.9},
            "entities": [{"entity": "study_route", "value": "degree", "start": 5, "end": 13}],
        },
        {
            "text": "also are online courses taken seriously",
            "intent": {"name": "ask_education", "confidence": 0.93},
            "entities": [
                {"entity": "study_route", "value": "online_courses", "start": 9, "end": 23}
            ],
        },
    ]
    reply, _, _ = await say_several(tracker, text, questions)
    assert "Coursera" in reply and "Master" in reply, reply
