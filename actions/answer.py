"""The one action that answers questions about the career.

Every content intent (topics, pay, follow-ups, "more", "shorter", questions about the last
answer, free questions) runs ``action_answer``: it reads the message against the dialogue state
(``actions.state``), decides what kind of answer to give, and hands over to the module that
composes it. A message with several questions (intent ``ask_several``) is answered question by
question, in order, each with a share of the length budget and with what the message says
about the person (place, experience, background) as context.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.about import answer_about
from actions.asking import spoken_of_elsewhere
from actions.aspects import (
    ASKS_WHAT_A_MARK_MEANS,
    ASKS_WHAT_DRIVES_PAY,
    NAMES_FIGURES,
    NAMES_PAY_FIGURES,
    PAY_ASPECTS,
    PAY_COMPARISON,
    SOURCE_ASPECTS,
    aspect_of,
    names_pay,
    names_pay_strongly,
)
from actions.entities import entity_values
from actions.fallback import MIN_COVERAGE, OUT_OF_SCOPE, answer_search
from actions.formatting import and_list
from actions.more import SHORT_BUDGET, answer_more, answer_shorter
from actions.replies import reply_length, shown_buttons, without_buttons
from actions.salary import (
    SalaryQuestion,
    answer_in_one_currency,
    answer_none_covered,
    answer_role_pay,
    answer_salary,
    salary_record,
)
from actions.scope import employers_named, occupation_named, the_question_asked
from actions.sources import list_sources, source_named
from actions.state import (
    CAPABILITIES_INTENT,
    LEVEL_TOPICS,
    SOURCES_INTENT,
    SURE_OUT_OF_SCOPE,
    Plan,
    Reading,
    State,
    decide,
    figures_kept,
)
from actions.store import run_in_session, run_query
from actions.topics import (
    INTENT_TOPICS,
    TOPIC_NAMES,
    TopicQuestion,
    answer_topic,
    follow_up_intent,
    resolve_topic,
    role_of_field,
    topic_candidates,
)
from actions.wording import (
    COMPARES,
    HOW_MUCH_ALONE,
    POINTS_AT_THE_PART_BEFORE,
    THEY,
)
from gazetteer.countries import REGIONS, country_name
from knowledge import query
from knowledge.compose import DEFAULT_BUDGET
from knowledge.records import Salary
from nlu_components.questions import SEVERAL_INTENT, starts_as_question
from runtime.settings import current

# Questions of a long message that need no answer of their own ("hi", "thanks").
SMALL_TALK = frozenset({"greet", "thank", "goodbye", "bot_challenge", "ask_capabilities"})
# Characters of quoted text shared by the answers to one message's questions.
SEVERAL_BUDGET = 900
MIN_SHARE = 220
# No reply is longer than this (the cap); a message's heading, sources and buttons take
# up to FRAME_CHARS, pay figures for one country up to SALARY_CHARS, for every country (the
# overview) up to OVERVIEW_CHARS.
REPLY_CAP = 1200
# Below this confidence a topic guess is checked against what the question names.
UNSURE_TOPIC_BELOW = 0.5
FRAME_CHARS = 110
# "That's a lot for one message, so I'll stop here. Ask me this one on its own: "…""
QUESTION_LEFT_CHARS = 160
SALARY_CHARS = 520
OVERVIEW_CHARS = 900
# "which countries do you have salary data for?", "what countries are covered"
ASKS_WHICH_COUNTRIES = re.compile(
    r"\b(which|what) (countries|places|locations) (do|does|can|are|is|have)\b"
    r"|\bhow many countries\b|\blist( of)?( the)? countries\b|\bcountries (do )?you (have|cover)\b"
    r"|\bwhere (do|does) (you|your sources|it) (have|cover|give)\b",
    re.I,
)
COMPARES_TO = re.compile(r"\b(compared?|comparison|vs|versus|than|against|like for)\b", re.I)
# Roles a page may give pay for beside the ML engineer (gazetteer/entities.yml).
COMPARED_ROLES = frozenset(
    {"data_scientist", "data_engineer", "software_engineer", "mlops_engineer"}
)
# Pay questions the sources cannot answer, and what says so.
GAP_RESPONSES = {
    "pay_comparison": "utter_no_pay_comparison",
    "pay_by_employer": "utter_no_pay_by_employer",
}
# "which tools for that?", "how is it used": a question about what was just answered.
POINTS_AT_IT = re.compile(
    r"\b(that|it|this|those|them|there)\b|\b(pour|avec|à) (ça|ca|cela)\b", re.I
)
# How one question of several is refused: in a line naming it, the others answered around it.
REFUSED_PART = "utter_out_of_scope_part"
# Topics that are a subject a later question can point at ("tools for it" after MLOps).
SUBJECT_TOPICS = frozenset({"mlops", "cloud", "big_data"})
# A question this short after an answer is a follow-up to it ("quels outils ?").
FOLLOW_UP_WORDS = 3
# A span of years ("15 years", "3 yrs"): experience, perhaps in another field.
YEARS_SPAN = re.compile(r"\b\d+\s*\+?\s*(years?|yrs?|ans)\b", re.I)
# Readings of a message that only narrows the last answer ("and for seniors?").
FOLLOW_UP_INTENTS = frozenset({"inform", "nlu_fallback", "ask_about_answer"})
# Countries answered in one reply when a pay question names several.
MAX_COUNTRIES = 3
# What a long message says about the person carries into each of its questions. Not the
# level in years: "15 years in accounting" says nothing about seniority as an ML engineer
# (a level in words, "hiring a senior", does carry: see with_context).
PERSON_FIELDS = ("country", "city", "background", "background_text")


def with_context(
    reading: Reading, whole: Reading, asked_of: frozenset[str] = frozenset()
) -> Reading:
    """``reading`` with the person's place, level and background from the whole message.

    ``asked_of`` are the countries the message's questions name: "2) what languages 3) what's
    the pay in the uk" asks about the UK in one question, which says nothing of the person.
    """
    missing = {
        name: getattr(whole, name)
        for name in PERSON_FIELDS
        if getattr(reading, name) is None and getattr(whole, name) is not None
    }
    if whole.country in asked_of:
        missing.pop("country", None)
        missing.pop("city", None)
    if missing.get("city") and reading.country is not None:
        missing.pop("city")  # the question names its own country
    if reading.level is None and whole.level and not YEARS_SPAN.search(whole.text):
        # "we're hiring a senior ML engineer, what range is competitive?": a level named in
        # words is the role's; "15 years in accounting" says nothing of seniority in this one.
        missing["level"] = whole.level
    # "…never touched any ml framework. how do i break in": a part of a message about the
    # career is no stranger's question, though it names nothing of the field itself.
    about_career = reading.about_career or whole.about_career
    return dataclasses.replace(
        reading, **missing, about_career=about_career, said_before=whole.text
    )


def state_after(state: State, events: list[EventType]) -> State:
    """The state once ``events`` (slot settings) are applied."""
    names = {
        slots.TOPIC: "topic",
        slots.COUNTRY: "country",
        slots.LEVEL: "level",
        slots.ROLE: "role",
        slots.SPECIALISATION: "specialisation",
        slots.BACKGROUND: "background",
        slots.LAST_ANSWER: "last",
    }
    changes = {
        names[event["name"]]: event.get("value")
        for event in events
        if event.get("event") == "slot" and event.get("name") in names
    }
    if "last" in changes and not isinstance(changes["last"], dict):
        changes["last"] = {}
    return dataclasses.replace(state, **changes)


def _gives_figures_for(
    session: Session, source: str, country: str | None, level: str | None
) -> bool:
    """True when ``source`` gives figures for ``country`` (or, naming none, in its currency)."""
    if country is None:
        return True
    stated = query.salaries(session, country=country, level=level, limit=query.FIGURES_READ)
    if any(s.source.label == source for s in stated):
        return True
    currencies = {s.currency for s in stated}
    unstated = query.salaries(session, level=level, unstated_country=True, limit=query.FIGURES_READ)
    return any(s.source.label == source and s.currency in currencies for s in unstated)


def _one_record_of_several(events: list[EventType]) -> list[EventType]:
    """Several countries' answers remembered as one: "is that gross?" asks of all of them."""
    kept: list[EventType] = []
    records: list[dict[str, Any]] = []
    for event in events:
        is_record = event.get("event") == "slot" and event.get("name") == slots.LAST_ANSWER
        if is_record and isinstance(event.get("value"), dict):
            records.append(event["value"])
        elif not is_record:
            kept.append(event)
    if len(records) < 2:
        return events
    merged = {
        **records[-1],
        "country": None,
        "countries": [r.get("country") for r in records if r.get("country")],
        "sources": list(dict.fromkeys(s for r in records for s in r.get("sources") or [])),
    }
    return [*kept, SlotSet(slots.LAST_ANSWER, merged)]


def _source_kept(state: State, reading: Reading) -> str | None:
    """The page the last figures were asked of, when this message only narrows them.

    "and for mid-level profiles specifically?" after what Bluecoders gives: Bluecoders' again.
    """
    if state.last.get("kind") != "salary" or reading.country or reading.city:
        return None
    narrows = reading.intent in FOLLOW_UP_INTENTS and not reading.names_topic_filter
    source = state.last.get("source")
    return source if narrows and isinstance(source, str) else None


def _countries_of(record: dict[str, Any]) -> list[str]:
    """The countries whose figures ``record`` (a last answer) showed."""
    return [c for c in [record.get("country"), *(record.get("countries") or [])] if c]


async def _record_of_country(country: str, level: str | None) -> dict[str, Any]:
    """A last-answer record for ``country``'s figures, as if they had just been shown."""

    def fetch(session: Session) -> list[Salary]:
        return query.salaries(session, country=country, level=level, limit=query.FIGURES_READ)

    facts = await run_in_session(fetch)
    labels = list(dict.fromkeys(fact.source.label for fact in facts))
    return {"kind": "salary", "country": country, "level": level, "sources": labels}


async def carry_out(
    dispatcher: CollectingDispatcher,
    state: State,
    reading: Reading,
    budget: int = DEFAULT_BUDGET,
    refusal: str = OUT_OF_SCOPE,
) -> list[EventType]:
    """Answer one question (``reading``) in ``state``.

    ``refusal`` says the question is not about this career (in one line, for one question of
    several).
    """
    plan = decide(state, reading, INTENT_TOPICS)
    if plan.kind in ("topic", "search") and reading.brief:
        # "sum up mlops in one line" after another answer, "…keep it short pls": in a line
        # or two.
        budget = min(budget, SHORT_BUDGET)
    # The source the message names, read from the store at most once and only where it can
    # change the answer.
    named_source: str | None = None
    looked_up = False
    if state.last.get("kind") == "salary" and plan.kind in ("search", "out_of_scope"):
        named_source, looked_up = await source_named(reading.text), True
        if named_source:
            # "and bluecoders says what?" right after figures: that page's figures, same filters;
            # after a country it gives none for ("and the bluecoders figure?" after the US's),
            # its figures wherever it gives them.
            country = state.last.get("country")
            level = state.last.get("level")
            source = named_source
            if not await run_in_session(lambda s: _gives_figures_for(s, source, country, level)):
                country = None
            plan = Plan("salary", country=country, level=level)
    if (
        plan.kind == "topic"
        and plan.intent == "ask_salary_factors"
        and names_pay(reading.text)
        and not ASKS_WHAT_DRIVES_PAY.search(reading.text)
    ):
        named_source, looked_up = await source_named(reading.text), True
        if named_source:
            # "what does bluecoders say about ml engineer salaries": that page's figures.
            plan = Plan("salary", country=plan.country, level=plan.level)
    after_pay = state.last.get("kind") == "salary" and bool(COMPARES_TO.search(reading.text))
    role = reading.role
    # "which one earns more in the US?" after ML engineer vs data scientist: the role compared.
    role_of_the_pair = (
        role is None and state.role in COMPARED_ROLES and bool(PAY_COMPARISON.search(reading.text))
    )
    if role_of_the_pair:
        role = state.role
    if (
        role is not None
        and role in COMPARED_ROLES
        and (plan.kind in ("salary", "pay_comparison") or after_pay)
    ):
        if after_pay:  # "is that a lot compared with data scientists?" after figures
            plan = dataclasses.replace(
                plan,
                country=plan.country or state.last.get("country"),
                level=plan.level or state.last.get("level"),
            )
        # "what do data scientists earn in the UK?": that role's figures, where a page has them.
        answered = await answer_role_pay(
            dispatcher, role, plan.country or reading.country, plan.level or reading.level
        )
        if answered is not None:
            return answered
        if role_of_the_pair:
            plan = Plan("pay_comparison")  # no page gives that role's pay there: say so
        elif plan.kind == "salary" and not plan.parameters.get("specialisation"):
            # (an MLOps engineer's pay is said to be missing once, as a specialisation's)
            # "what do data scientists earn in the UK?" where no page gives their pay: say so
            # before the ML engineer's figures, rather than answer as if they were asked.
            dispatcher.utter_message(
                response="utter_topic_gap",
                subject=f"{role.replace('_', ' ')}s' pay",
                topic_name="ML engineers' pay",
            )
    if plan.kind == "salary":
        question = SalaryQuestion(
            country=plan.country,
            level=plan.level,
            city=plan.city,
            specialisation=plan.parameters.get("specialisation"),
            text=reading.rest or reading.text,
            source=(named_source if looked_up else await source_named(reading.text))
            or _source_kept(state, reading),
            compact=budget < DEFAULT_BUDGET,  # one answer of several
            weighed_against_last=bool(plan.city and plan.parameters.get("weighed")),
        )
        if plan.parameters.get("judged"):
            dispatcher.utter_message(response="utter_offer_not_judged")
        if plan.country is None and ASKS_WHICH_COUNTRIES.search(reading.text):
            covered = await run_in_session(query.salary_countries)
            dispatcher.utter_message(
                response="utter_salary_countries",
                count=len(covered),
                countries=and_list([country_name(code) for code in covered]),
            )
            return []
        # "whats mle pay in france and in the uk?": each country's figures, in the order named;
        # "compare that with Switzerland" after France's: both.
        countries = list(reading.countries)
        region = plan.parameters.get("region")
        if region:
            covered = await run_in_session(query.salary_countries)
            inside = [code for code in covered if code in REGIONS[region]]
            if inside:
                # "does the EU pay better than the US?": France's figures (the EU country the
                # pages cover) beside the US's, in one currency.
                dispatcher.utter_message(
                    response="utter_region_part",
                    region=region,
                    countries=and_list([country_name(code, in_sentence=True) for code in inside]),
                )
                countries = [*inside, *(code for code in countries if code not in inside)]
                plan = dataclasses.replace(plan, country=countries[0])
                question = dataclasses.replace(question, country=countries[0])
        last_country = state.last.get("country") if state.last.get("kind") == "salary" else None
        places = plan.parameters.get("places")
        if places == "all":
            # "which country pays the most?": no page ranks countries; each one's figures.
            covered = await run_in_session(query.salary_countries)
            countries, others = covered[:MAX_COUNTRIES], covered[MAX_COUNTRIES:]
            dispatcher.utter_message(
                # More countries than one reply holds: how many, and which to ask for by name.
                response="utter_salary_places_some" if others else "utter_salary_places_compared",
                countries=and_list([country_name(code, in_sentence=True) for code in countries]),
                count=len(covered),
                others=and_list([country_name(code, in_sentence=True) for code in others]),
            )
        elif (
            (COMPARES.search(reading.text) or places == "with_last")
            and last_country
            and last_country not in countries
        ):
            countries.insert(0, last_country)
        elif (
            not reading.countries
            and plan.country in (state.last.get("countries") or [])
            and plan.level
            and not plan.city
        ):
            # "what about seniors?" after several countries side by side: the same countries.
            countries = list(state.last["countries"])
        several = (plan.country or places == "all") and not plan.city and len(countries) > 1
        if several and await answer_none_covered(dispatcher, question, countries):
            # "what about portugal or italy?": one gap for both, not the same refusal twice.
            return [SlotSet(slots.LAST_ANSWER, salary_record(question, []))]
        events: list[EventType] = []
        for country in countries[:MAX_COUNTRIES] if several else [plan.country]:
            events += await answer_salary(
                dispatcher, dataclasses.replace(question, country=country, compared=bool(several))
            )
        if several:
            # "US vs France": the figures side by side in one currency, at a stated rate.
            events += await answer_in_one_currency(
                dispatcher, countries[:MAX_COUNTRIES], plan.level
            )
            events = _one_record_of_several(events)
        return events
    if plan.kind == "topic":
        if plan.search_text:  # steered by what the message said before its question
            reading = dataclasses.replace(reading, text=plan.search_text)
        return await _answer_topic(dispatcher, state, reading, plan, budget)
    if plan.kind == "more":
        return await answer_more(dispatcher, state.last)
    if plan.kind == "shorter":
        return await answer_shorter(dispatcher, state.last, reading.text)
    if plan.kind == "about":
        last = state.last
        aspect = aspect_of(reading.text)
        kept = figures_kept(last, aspect) if last.get("kind") != "salary" else None
        if kept and (
            aspect in PAY_ASPECTS
            # "how did they even work that number out?": where the figures come from.
            or (aspect in SOURCE_ASPECTS and NAMES_FIGURES.search(reading.text))
        ):
            last = kept  # "does that include bonus?" after figures and then another answer
        asks_basis = aspect == "basis" and bool(NAMES_PAY_FIGURES.search(reading.text))
        asks_mark = bool(ASKS_WHAT_A_MARK_MEANS.search(reading.text))
        if last.get("kind") != "salary" and (asks_basis or asks_mark):
            # "are these salary numbers up to date?" before any figures: every source's basis;
            # "what does the + on the senior range mean" after another answer: the figures for
            # that level (or every level) in the pages' own words.
            labels = await run_query(query.salary_source_labels)
            last = {"kind": "salary", "level": plan.level if asks_mark else None, "sources": labels}
        if last.get("kind") != "salary" and plan.level and aspect == "years":
            # "how many years till i'm mid level?" before any figures: every source's levels.
            labels = await run_query(query.source_labels)
            last = {"kind": "salary", "level": plan.level, "sources": labels}
        if (
            plan.country
            # ("which source is the french one" after France's and the US's figures: France's)
            and (plan.country not in _countries_of(last) or len(set(_countries_of(last))) > 1)
            # "is that in US dollars?" names a currency, not a place; "convert the UK midpoint
            # to euros" names both
            and (aspect != "currency" or reading.country == plan.country)
        ):
            # "where were the us numbers from again" after France's figures: the US figures'.
            last = await _record_of_country(plan.country, plan.level or last.get("level"))
        if last.get("kind") == "salary" and plan.level:
            last = {**last, "level": plan.level}  # "and mid-level is how many years?"
        asks_sources = plan.intent == SOURCES_INTENT
        events = await answer_about(dispatcher, last, reading.text, asks_sources)
        if not events and last is not state.last and last.get("kind") == "salary":
            # "where do your salary numbers come from" before any figures, then "and which of
            # them is the most reliable?": the figures the answer spoke of are the last answer.
            events = [SlotSet(slots.LAST_ANSWER, last)]
        return events
    if plan.kind == "sources":
        return await list_sources(dispatcher)
    if plan.kind in ("pay_comparison", "pay_by_employer"):
        covered = await run_in_session(query.salary_countries)
        dispatcher.utter_message(
            response=GAP_RESPONSES[plan.kind],
            countries=and_list([country_name(code, in_sentence=True) for code in covered]),
            employers=and_list(employers_named(reading.text)),
        )
        if plan.kind == "pay_by_employer" and (reading.country or reading.city or reading.level):
            # "what can an expert get in paris, like at a big tech company": the figures the
            # sources do give for that place and level follow.
            question = SalaryQuestion(reading.country, reading.level, reading.city)
            return await answer_salary(dispatcher, question)
        # ("and DeepMind in London?" next is still about pay)
        return [SlotSet(slots.TOPIC, "salary")] if plan.kind == "pay_by_employer" else []
    if plan.kind == "cost":
        topic_name = TOPIC_NAMES.get(state.topic or "", "these")
        dispatcher.utter_message(response="utter_no_cost", topic_name=topic_name)
        return []
    if plan.kind == "capabilities":
        dispatcher.utter_message(response="utter_capabilities")
        return []
    if plan.kind == "hiring":
        dispatcher.utter_message(response="utter_hiring")
        return []
    if plan.kind == "out_of_scope":
        dispatcher.utter_message(response=refusal, question=reading.text)
        return []
    leaned = plan.intent  # a search plan's intent: the topic an unsure reading leaned to

    async def leaned_topic() -> list[EventType]:
        topic_plan = Plan("topic", intent=leaned, parameters=plan.parameters)
        return await _answer_topic(dispatcher, state, reading, topic_plan, budget)

    return await answer_search(
        dispatcher,
        plan.search_text or the_question_asked(reading.text),
        budget=budget,
        avoid=frozenset(state.last.get("shown") or []),
        when_nothing=OUT_OF_SCOPE if plan.refuse_if_nothing else "utter_sources_silent",
        otherwise=leaned_topic if leaned else None,
        refusal=refusal,
        source=plan.source,
    )


async def _answer_topic(
    dispatcher: CollectingDispatcher,
    state: State,
    reading: Reading,
    plan: Plan,
    budget: int,
) -> list[EventType]:
    parameters: dict[str, str | None] = dict(plan.parameters)
    intent = plan.intent or follow_up_intent(state.topic, parameters)
    if intent is None:
        return await answer_search(dispatcher, reading.text, budget=budget)
    if intent == "compare_role" and not parameters.get("role"):
        # "isn't ML engineering just data science with extra steps?" names the other field.
        # "whats mlops, … and how is it different from ml engineering": the role named
        # earlier in the same message.
        parameters["role"] = (
            role_of_field(reading.text) or state.role or role_of_field(reading.said_before)
        )
    # Who is asking may be said around the question ("I've been a nurse for 15 years.").
    parameters["background_text"] = reading.background_text or (
        occupation_named(reading.said_before) if reading.said_before else None
    )
    topic = resolve_topic(intent, parameters)
    same_topic = state.last.get("kind") == "topic" and state.last.get("topic") == topic
    text = reading.text
    # The last answer was about it (a specialisation, or a subject such as MLOps: "whats mlops
    # and what tools do people use for it").
    just_answered = state.last.get("specialisation") or (
        state.last.get("topic") if state.last.get("topic") in SUBJECT_TOPICS else None
    )
    if (
        just_answered
        and not parameters.get("specialisation")
        and (POINTS_AT_IT.search(text) or len(text.split()) <= FOLLOW_UP_WORDS)
        and topic != "specialisations"
    ):
        # "which tools for that?", "quels outils ?" after what MLOps is: that specialisation's
        # tools rank first.
        text = f"{text} ({str(just_answered).replace('_', ' ')})"
    if plan.level and topic and topic not in LEVEL_TOPICS and not reading.said_before:
        # "does that change when you're senior?" after a typical day: no page tells it by level.
        dispatcher.utter_message(
            response="utter_topic_not_by_level",
            topic_name=TOPIC_NAMES.get(topic, topic.replace("_", " ")),
        )
    question = TopicQuestion(
        intent,
        parameters,
        text,
        budget,
        rest=reading.rest,
        shown_before=tuple(state.last.get("shown") or []) if same_topic else (),
        context=reading.said_before,
        # "whats mlops and what tools do people use for it": the MLOps tools line once.
        said_in_this_reply=tuple(state.last.get("shown") or []) if reading.said_before else (),
        source=await source_named(reading.text) or await _source_with_figures_for(plan.country),
    )
    if question.source and plan.country and not reading.said_before:
        # "and france?" after which sectors pay best: said to be that page's view alone.
        dispatcher.utter_message(
            response="utter_one_source_for_place",
            country_name=country_name(plan.country, in_sentence=True),
            source=question.source,
        )
    if intent == reading.intent and reading.confidence < UNSURE_TOPIC_BELOW and reading.text:
        # An unsure guess whose topic never speaks of what the question names, when other
        # pages do ("…care about ethics and bias?" guessed as the outlook): those pages answer
        # if they really do, else the topic.
        if topic and await _named_elsewhere(question, topic):

            async def as_guessed() -> list[EventType]:
                return await answer_topic(dispatcher, question)

            return await answer_search(
                dispatcher,
                reading.text,
                budget=budget,
                min_coverage=MIN_COVERAGE,
                otherwise=as_guessed,
            )
    events = await answer_topic(dispatcher, question)
    if reading.country:
        # "can i get a visa for the uk?" and then "what's the pay there": the place holds, and
        # "we're hiring in London. what should the ad ask for?" then "what salary band is
        # realistic": the answer remembers where the person is.
        events = _with_last_answer(events, place=reading.country)
        events.append(SlotSet(slots.COUNTRY, reading.country))
    return events


async def _source_with_figures_for(country: str | None) -> str | None:
    """The one page that gives pay figures for ``country``, if exactly one does."""
    if not country:
        return None
    labels = {fact.source.label for fact in await run_query(query.salaries, country=country)}
    return labels.pop() if len(labels) == 1 else None


MAX_SESSION_TURNS = current().MAX_SESSION_TURNS
"""After this many messages in one session the conversation goes on in a new one (context kept).

Rasa loads and sends a session's whole history every turn: a conversation grown to 2,500
events took 0.6-1.5 s a turn and slowed everyone else, and a session only ends after an idle
hour."""


def within_session_cap(tracker: Tracker, events: list[EventType]) -> list[EventType]:
    """``events``, then a new session carrying every slot when this one has grown too long."""
    turns = 0
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        turns += event.get("event") == "user"
    if turns < MAX_SESSION_TURNS:
        return events
    slots = {name: value for name, value in tracker.slots.items() if value is not None}
    for event in events:
        if event.get("event") == "slot":
            slots[event["name"]] = event.get("value")
    carried = [SlotSet(name, value) for name, value in slots.items() if value is not None]
    return [*events, SessionStarted(), *carried]


class ActionAnswer(Action):
    """Runs for every question about the career: reads it in context and answers it."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return within_session_cap(tracker, await self._answer(dispatcher, tracker))

    async def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        state = State.from_tracker(tracker)
        message = tracker.latest_message or {}
        whole = Reading.from_parse(message)
        if whole.intent != SEVERAL_INTENT:
            return _pay_kept(state, await carry_out(dispatcher, state, whole))
        metadata = message.get("metadata") or {}
        questions = [q for q in metadata.get("questions") or [] if isinstance(q, dict)]
        best = _best_single_reading(message, whole)
        if not questions or _surely_off_topic(message, best):
            # No channel readings (a channel that does not split), or a message that is off
            # topic as a whole ("my javascript function returns undefined, can you fix it?"):
            # the classifier's best guess for the whole message.
            return await carry_out(dispatcher, state, best)
        left = [str(q)[:200] for q in metadata.get("left") or [] if isinstance(q, str)]
        # "what do they do, what do they earn, what skills… and how do i start?": three are
        # answered, and the fourth is named rather than dropped without a word; its line is
        # kept room for, so the whole reply stays within REPLY_CAP.
        named = {"response": "utter_question_left", "question": left[0]} if left else None
        reserve = reply_length([named]) + 1 if named else 0
        asked_of = _countries_asked_of(questions) | _countries_in(message, left)
        events = await self._answer_each(
            dispatcher, state, whole, questions, reserve, asked_of=asked_of
        )
        if named and not _stopped_early(dispatcher):
            dispatcher.utter_message(**named)
        return events

    @staticmethod
    async def _answer_each(
        dispatcher: CollectingDispatcher,
        state: State,
        whole: Reading,
        questions: list[dict[str, Any]],
        reserve: int = 0,
        asked_of: frozenset[str] = frozenset(),
    ) -> list[EventType]:
        """Answer each question in order; ``reserve`` characters are kept for a closing line."""
        cap = REPLY_CAP - reserve
        questions = _alike_asked_once(state, whole, questions)
        # One question after some context gets a normal answer's length, not the whole budget.
        share = max(MIN_SHARE, min(DEFAULT_BUDGET, SEVERAL_BUDGET // len(questions)))
        events: list[EventType] = []
        planned: list[Plan] = []
        previous: Reading | None = None
        for parsed in questions:
            # Pay figures take the room they need; later answers get what is left of the budget.
            quoted = _quoted_chars(dispatcher)
            budget = max(MIN_SHARE, min(share, SEVERAL_BUDGET - quoted))
            reading = with_context(Reading.from_parse(parsed), whole, asked_of)
            named_before = (
                previous if previous and previous.specialisation and _names_them(reading) else None
            )
            if named_before is not None:
                # "whats an mlops engineer, …, and what tools do they use?": they, MLOps
                # engineers, as named in the part before.
                reading = dataclasses.replace(
                    reading,
                    specialisation=named_before.specialisation,
                    role=named_before.role,
                    text=f"{reading.text} ({named_before.specialisation})",
                )
            if reading.specialisation:
                previous = reading  # the last part that named one
            if _small_talk(state, reading):
                continue
            plan = decide(state, reading, INTENT_TOPICS)
            if _lost_without_the_rest(plan, reading, whole):
                # "I took 6 years off… before that I was a data analyst. Can I get back in as an
                # ML engineer? What should I refresh first?": parts that mean little alone (advice
                # at 0.32, nothing at 0.25) are what the whole message surely asks.
                reading = dataclasses.replace(
                    reading, intent=whole.runner_up or "", confidence=whole.runner_up_confidence
                )
                plan = decide(state, reading, INTENT_TOPICS)
            if named_before is not None and plan.kind == "topic" and plan.intent in ABOUT_THE_JOB:
                # "is there an ML job about images? what would it involve?": what that
                # specialisation involves is what its answer says.
                plan = Plan(
                    "topic",
                    intent="ask_specialisations",
                    parameters={"specialisation": reading.specialisation},
                )
            if (
                plan.kind in ("out_of_scope", "search")
                and aspect_of(reading.text) in PAY_ASPECTS
                and state.last.get("kind") != "salary"
                and _pay_asked_elsewhere(questions, parsed)
            ):
                # "is that in US dollars? what do mles earn in the us": a question about the
                # figures another part asks for; their answer says (currency, period, gross).
                continue
            if plan.kind == "out_of_scope":
                dispatcher.utter_message(response=REFUSED_PART, question=reading.text)
                continue
            if plan.kind in ("topic", "salary") and _same_answer(plan, planned):
                continue  # "which frameworks? tensorflow or pytorch?" is one question
            if (
                plan.kind == "topic"
                and _bare_fragment(reading.text)
                and any(other.kind == "topic" and other.intent == plan.intent for other in planned)
            ):
                continue  # "what schooling do you need? degree? masters?": answered just above
            if (
                plan.kind in ("search", "about")
                and planned
                and _asks_of_the_part_before(Reading.from_parse(parsed))
            ):
                # "…are online courses taken seriously, and which ones are mentioned": the
                # answer to the part before names them.
                continue
            if plan.kind == "shorter" and planned:
                continue  # "…and are they worth it?": the answer just given, said again
            if (
                any(other.intent == "compare_role" for other in planned)
                and WHICH_OF_THE_TWO.match(reading.text)
                and plan.kind in ("topic", "search", "about")
            ):
                # "what's the difference between an ML engineer and a data engineer? which one
                # do i need for building pipelines?": the comparison just given answers it.
                continue
            if (
                plan.kind == "about"
                and any(other.kind == "salary" for other in planned)
                and aspect_of(reading.text) in SOURCE_ASPECTS
            ):
                # "1) uk midpoint salary 2) where does the data come from 3) how recent is
                # it": the figures just given name the data behind them and its date.
                continue
            said = len(dispatcher.messages)
            # The reply so far, generously: its facts plus each message's frame.
            room = cap - quoted - FRAME_CHARS * (len(dispatcher.messages) + 1)
            # Perhaps too long for what is left: the least share (the UK's one line of figures
            # may fit). A part that finds nothing is refused in one line, not with the menu
            # ("what's the top of the ladder look like, where do people end up after a decade").
            share_here = MIN_SHARE if planned and room < _room_needed(plan) else min(budget, room)
            aside = CollectingDispatcher()
            answered = await carry_out(aside, state, reading, share_here, REFUSED_PART)
            if planned and _bare_fragment(reading.text) and _finds_nothing(aside.messages):
                # "where do they work? offices? labs?": a word that only gives an example of
                # the question before it is answered there, not refused on its own.
                continue
            # A later part may still be left, and the line that says so must fit too.
            left_line = QUESTION_LEFT_CHARS if parsed is not questions[-1] else 0
            together = [*dispatcher.messages, *aside.messages]
            # The earlier answers' buttons go first when the reply would run long.
            _within_cap(together, cap - left_line)
            if planned and reply_length(together) > cap - left_line:
                # The reply would run past what a chat reply can hold: ask it on its own.
                dispatcher.utter_message(response="utter_question_left", question=reading.text)
                break
            dispatcher.messages[:] = together
            planned.append(plan)
            # A part whose answer was already given in this reply is not said twice.
            new = dispatcher.messages[said:]
            dispatcher.messages[said:] = [
                m for m in new if not _repeats(m, dispatcher.messages[:said])
            ]
            if new and len(dispatcher.messages) == said:
                # ... nor remembered as the last answer: "keep going" then continues the answer
                # the person read, not a search whose one sentence it already quoted.
                answered = [e for e in answered if e.get("name") != slots.LAST_ANSWER]
            events.extend(answered)
            state = state_after(state, answered)
        if not dispatcher.messages:
            dispatcher.utter_message(response="utter_rephrase")  # only small talk was asked
        return _last_value_per_slot(events)


# A question of a word or two that asks nothing of its own ("offices?", "stanford?").
BARE_FRAGMENT_WORDS = 2
# What a part that found nothing is answered with.
NOTHING_FOUND = frozenset(
    {REFUSED_PART, "utter_no_passages", "utter_sources_silent", "utter_rephrase"}
)


def _bare_fragment(text: str) -> bool:
    """True for a part of a word or two with no question word ("offices?", "imperial?")."""
    words = text.strip(" ?!.").split()
    return len(words) <= BARE_FRAGMENT_WORDS and not starts_as_question(text)


def _finds_nothing(messages: list[dict[str, Any]]) -> bool:
    """True when an answer's messages only say nothing was found or the question is refused."""
    return bool(messages) and all(m.get("response") in NOTHING_FOUND for m in messages)


def _within_cap(messages: list[dict[str, Any]], cap: int) -> None:
    """Drop the earlier answers' buttons while the whole reply is longer than ``cap``.

    The parts' answers are measured as they are added; their buttons (follow-up topics) are
    what can go without losing a fact.
    """
    for position, message in enumerate(messages[:-1]):
        if reply_length(messages) <= cap:
            return
        if shown_buttons(message):
            messages[position] = without_buttons(message)


def _pay_asked_elsewhere(questions: list[dict[str, Any]], part: dict[str, Any]) -> bool:
    """True when a question of the message other than ``part`` asks for pay figures."""
    return any(
        other is not part
        and (
            (other.get("intent") or {}).get("name") == "ask_salary"
            or names_pay(str(other.get("text") or ""))
        )
        for other in questions
    )


def _names_them(reading: Reading) -> bool:
    """True for a question that says "they" and names no job or specialisation of its own."""
    return bool(THEY.search(reading.text)) and not (
        reading.specialisation or reading.role or reading.about_another_job
    )


# "which one do i need", "which of the two": one of the roles the part before compared.
WHICH_OF_THE_TWO = re.compile(
    r"^\W*(and |so |but )?which (one|of (the two|them|those|these|the 2|both))\b", re.I
)
# What a job involves: for a specialisation named just before, its own answer says.
ABOUT_THE_JOB = frozenset({"ask_duties", "ask_role", "ask_typical_day"})
SHORT_PART_WORDS = 6
"""A part this short that points back ("which ones are mentioned") is about the part before."""


def _asks_of_the_part_before(reading: Reading) -> bool:
    """True for a short part that points at what the part before asked and names nothing.

    "does a phd get you a higher salary than a masters? by how much": how much, of that.
    """
    return (
        len(reading.text.split()) <= SHORT_PART_WORDS
        and bool(
            POINTS_AT_THE_PART_BEFORE.search(reading.text) or HOW_MUCH_ALONE.match(reading.text)
        )
        and not (reading.names_a_filter or reading.names_topic_filter)
    )


def _repeats(message: dict[str, Any], earlier: list[dict[str, Any]]) -> bool:
    """True when every line ``message`` quotes is already in one of the ``earlier`` messages.

    "where can an ml eng go after a few yrs? whats the ladder look like": the second part's
    search finds the sentence the first part's answer just quoted.
    """
    if message in earlier:
        return True
    quoted = message.get("passages") or message.get("lines") or message.get("text")
    if not isinstance(quoted, str) or message.get("buttons"):
        return False
    said = "\n".join(str(value) for other in earlier for value in other.values() if value)
    lines = [line.strip(" •") for line in quoted.splitlines() if line.strip(" •")]
    return bool(lines) and all(line in said for line in lines)


def _countries_in(message: dict[str, Any], parts: list[str]) -> frozenset[str]:
    """The countries of ``message`` named inside one of ``parts`` of its text."""
    text = str(message.get("text") or "")
    spans = [(start, start + len(part)) for part in parts if (start := text.find(part)) >= 0]
    inside = [
        entity
        for entity in message.get("entities") or []
        if entity.get("entity") == "country"
        and any(low <= (entity.get("start") or -1) < high for low, high in spans)
    ]
    return frozenset(entity_values({**message, "entities": inside}, "country"))


def _countries_asked_of(questions: list[dict[str, Any]]) -> frozenset[str]:
    """The countries the questions themselves name (not the sentences about the person)."""
    return frozenset(
        country for parsed in questions for country in Reading.from_parse(parsed).countries
    )


def _small_talk(state: State, reading: Reading) -> bool:
    """True for a part of a message that needs no answer of its own ("hi", "thanks").

    "what would I earn here?" read as what the bot can do is a pay question all the same, and
    so is "what should I do first?" (0.46) after a pasted CV a question about getting in.
    """
    if reading.intent not in SMALL_TALK or names_pay_strongly(reading.text):
        return False
    if reading.intent == CAPABILITIES_INTENT:
        return decide(state, reading, INTENT_TOPICS).kind == "capabilities"
    return True


def _alike_asked_once(
    state: State, whole: Reading, questions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Questions that lead to the same topic answer, joined into one question.

    "why such a big range?? what pushes pay up" after pay figures asks twice what drives pay:
    one answer chosen for both questions' words, not one chosen for the first alone.
    """
    kept: list[tuple[Plan | None, dict[str, Any]]] = []
    for parsed in questions:
        reading = with_context(Reading.from_parse(parsed), whole)
        plan = None if _small_talk(state, reading) else decide(state, reading, INTENT_TOPICS)
        twin = next(
            (
                index
                for index, (earlier, _) in enumerate(kept)
                if plan is not None
                and plan.kind == "topic"
                and earlier is not None
                and _same_answer(plan, [earlier])
            ),
            None,
        )
        if twin is None:
            kept.append((plan, parsed))
            continue
        earlier_plan, earlier_parsed = kept[twin]
        joined = f"{earlier_parsed.get('text') or ''} {parsed.get('text') or ''}".strip()
        kept[twin] = (earlier_plan, {**earlier_parsed, "text": joined})
    return [parsed for _, parsed in kept]


def _room_needed(plan: Plan) -> int:
    """Characters an answer needs at least: the pay overview (no place) lists every country."""
    if plan.kind != "salary":
        return MIN_SHARE
    return SALARY_CHARS if plan.country or plan.city else OVERVIEW_CHARS


# A part read this unsurely, in a message surely about one topic, is read as that topic.
PART_LOST_BELOW = 0.4
WHOLE_SURE_FROM = 0.9
UNSURE_PART_INTENTS = frozenset({"nlu_fallback", "inform", "ask_advice", "out_of_scope"})


def _lost_without_the_rest(plan: Plan, reading: Reading, whole: Reading) -> bool:
    """True for a part searched from a mere guess when the whole message is surely one topic."""
    return (
        plan.kind == "search"
        and plan.search_text is None
        and reading.intent in UNSURE_PART_INTENTS
        and reading.confidence < PART_LOST_BELOW
        and whole.runner_up in INTENT_TOPICS
        and whole.runner_up_confidence >= WHOLE_SURE_FROM
    )


def _same_answer(plan: Plan, planned: list[Plan]) -> bool:
    """True when an earlier question of the message got this answer (same topic or figures).

    "Is it a good path for me with a maths degree? What should I learn alongside my degree?"
    must not get the degrees answer twice.
    """
    return any(
        (other.kind, other.intent, other.country, other.city, other.level)
        == (plan.kind, plan.intent, plan.country, plan.city, plan.level)
        # "is a master's required? also are online courses taken seriously": one topic,
        # two subjects of it (the degrees, the online courses), both answered
        and _subject(other) == _subject(plan)
        for other in planned
    )


def _subject(plan: Plan) -> tuple[Any, ...]:
    """What a topic plan is about within its topic: skill area, study route, specialisation."""
    return tuple(
        plan.parameters.get(name) for name in ("skill_area", "study_route", "specialisation")
    )


def _quoted_chars(dispatcher: CollectingDispatcher) -> int:
    """Characters of facts the dispatcher holds so far (lines of figures, quoted sentences)."""
    return sum(
        len(str(message.get(key) or ""))
        for message in dispatcher.messages
        for key in ("passages", "lines")
    )


def _surely_off_topic(message: dict[str, Any], best: Reading) -> bool:
    """True when the classifier is sure the message is off topic and it names no work."""
    ranking = message.get("intent_ranking") or []
    confidence = next(
        (r.get("confidence") or 0.0 for r in ranking if r.get("name") == best.intent), 0.0
    )
    return (
        best.intent == "out_of_scope" and confidence >= SURE_OUT_OF_SCOPE and not best.about_career
    )


async def _named_elsewhere(question: TopicQuestion, topic: str) -> bool:
    specialisation = question.parameters.get("specialisation")
    hits = await run_in_session(lambda session: topic_candidates(session, topic, specialisation))
    text = question.rest or question.text
    return bool(await spoken_of_elsewhere(text, hits, topic, question.intent))


def _best_single_reading(message: dict[str, Any], whole: Reading) -> Reading:
    ranking = message.get("intent_ranking") or []
    best = next((r.get("name") for r in ranking if r.get("name") != SEVERAL_INTENT), None)
    return dataclasses.replace(whole, intent=best or "nlu_fallback")


def _pay_kept(state: State, events: list[EventType]) -> list[EventType]:
    """Keep the last pay figures in a what-drives-pay answer that follows them.

    "Why is the range so wide?" and then "how did they even work that number out?": the
    number is still the figures, not the answer on what drives them.
    """
    pay = state.last if state.last.get("kind") == "salary" else state.last.get("pay")
    if not pay:
        return events
    events = _with_last_answer(events, only_topic="salary_factors", pay=pay)
    if state.last.get("kind") == "salary":
        # Any answer right after figures keeps them, for questions only figures answer
        # ("c'est brut ou net ?" after the salary and then the skills).
        events = _with_last_answer(events, only_missing="pay", pay={**pay, "kept": "briefly"})
    return events


def _with_last_answer(
    events: list[EventType],
    only_topic: str | None = None,
    only_missing: str | None = None,
    **details: Any,
) -> list[EventType]:
    """``events`` with ``details`` added to the last answer's record.

    Only a record on ``only_topic`` when given, and only one without ``only_missing`` yet.
    """
    amended: list[EventType] = []
    for event in events:
        value = event.get("value")
        if (
            event.get("event") == "slot"
            and event.get("name") == slots.LAST_ANSWER
            and isinstance(value, dict)
            and value.get("kind") != "salary"
            and (only_topic is None or value.get("topic") == only_topic)
            and (only_missing is None or only_missing not in value)
        ):
            event = SlotSet(slots.LAST_ANSWER, {**value, **details})
        amended.append(event)
    return amended


def _last_value_per_slot(events: list[EventType]) -> list[EventType]:
    """One SlotSet per slot (the last), so the tracker records the final state once.

    When pay figures were one of several answers but not the last, the last answer keeps them
    as ``pay``: "does that include bonus?" is about the figures, not the typical day after them.
    """
    final: dict[str, Any] = {}
    pay: dict[str, Any] | None = None
    for event in events:
        if event.get("event") == "slot":
            final[event["name"]] = event.get("value")
            value = event.get("value")
            if event["name"] == slots.LAST_ANSWER and isinstance(value, dict):
                pay = value if value.get("kind") == "salary" else pay
    last = final.get(slots.LAST_ANSWER)
    if pay is not None and isinstance(last, dict) and last.get("kind") != "salary":
        final[slots.LAST_ANSWER] = {**last, "pay": pay}
    return [SlotSet(name, value) for name, value in final.items()]


def _stopped_early(dispatcher: CollectingDispatcher) -> bool:
    """True when the reply already names a question left for its own message."""
    return any(m.get("response") == "utter_question_left" for m in dispatcher.messages)
