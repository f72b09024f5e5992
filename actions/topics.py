"""Answers to the topic questions (role, duties, skills, education, comparisons, ...).

The store gives the passages on a topic; ``knowledge.compose`` picks the few sentences that
answer this message; the domain's ``utter_answer_<topic>`` frames them. What was shown and
what was left out is kept in the ``last_answer`` slot, so "more" and "shorter" can follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session
from wordfreq import zipf_frequency

from actions import slots
from actions.asking import unspoken_of
from actions.aspects import (
    ASKS_ABOUT_AGE,
    ASKS_DURATION,
    ASKS_WHICH_IS_BEST,
    CHANGES_CAREER,
    DURATION_WORDS,
    MENTIONS_PAY,
    SECTORS_PAYING_MOST,
    STATES_AGE,
    WANTS_TO_BECOME,
)
from actions.formatting import and_list, composed_lines, source_names
from actions.scope import occupation_named, the_question_asked
from actions.store import run_in_session
from actions.wording import ASKS_MARKET_NUMBERS
from gazetteer.entities import vocabulary
from knowledge import query
from knowledge.compose import (
    DEFAULT_BUDGET,
    DURATION,
    Composition,
    Unit,
    compose,
    matched,
    question_words,
    rank,
    text_stems,
    units_of,
    with_synonyms,
)
from knowledge.query import PassageHit
from knowledge.text import FRENCH_STOP_WORDS, content_words
from knowledge.topics import MONEY, MONEY_TOPICS

INTENT_TOPICS = {
    "ask_role": "role",
    "ask_duties": "duties",
    "ask_typical_day": "typical_day",
    "ask_skills": "skills",
    "ask_education": "education",
    "ask_certifications": "certifications",
    "ask_salary_factors": "salary_factors",
    "ask_career_path": "career_path",
    "ask_specialisations": "specialisations",
    "compare_role": "compare",
    "ask_getting_started": "getting_started",
    "ask_industries": "industries",
    "ask_workplace": "workplace",
    "ask_outlook": "outlook",
    "ask_suitability": "suitability",
}
STUDY_ROUTE_TOPICS = {
    "degree": "education",
    "no_degree": "no_degree",
    "online_courses": "online_courses",
}
COMPARE_TOPICS = {
    "data_scientist": "compare_data_scientist",
    "software_engineer": "compare_software_engineer",
    "mlops_engineer": "compare_mlops_engineer",
    "data_engineer": "compare_data_engineer",
}
SKILL_TOPICS = ("soft_skills", "maths", "languages", "tools", "mlops", "cloud", "big_data")
SUBTOPIC_OF = {
    **{topic: "ask_skills" for topic in SKILL_TOPICS},
    "no_degree": "ask_education",
    "online_courses": "ask_education",
    **{topic: "compare_role" for topic in COMPARE_TOPICS.values()},
}
# The question that leads back to each topic, for follow-ups ("and soft skills?").
TOPIC_INTENTS = {
    **{topic: intent for intent, topic in INTENT_TOPICS.items() if topic != "compare"},
    **SUBTOPIC_OF,
}
# How a topic is named in "that's all my sources say about …".
TOPIC_NAMES = {
    "role": "the role",
    "duties": "the duties",
    "typical_day": "a typical day",
    "skills": "skills",
    "soft_skills": "soft skills",
    "maths": "maths",
    "languages": "programming languages",
    "tools": "tools and frameworks",
    "mlops": "MLOps",
    "cloud": "cloud skills",
    "big_data": "big data",
    "education": "education",
    "no_degree": "getting in without a degree",
    "online_courses": "online courses",
    "certifications": "certifications",
    "salary_factors": "what drives pay",
    "career_path": "the career path",
    "specialisations": "specialisations",
    "compare_data_scientist": "ML engineers vs data scientists",
    "compare_software_engineer": "ML engineers vs software engineers",
    "compare_mlops_engineer": "ML engineers vs MLOps engineers",
    "compare_data_engineer": "ML engineers vs data engineers",
    "getting_started": "getting started",
    "industries": "industries",
    "workplace": "the workplace",
    "outlook": "the job outlook",
    "suitability": "who the career suits",
}
# Candidate passages per answer: enough sentences to choose from, bounded on a large store.
CANDIDATES_PER_SOURCE = 40
CANDIDATE_SOURCES = 5
CANDIDATE_LIMIT = 150
MAX_REMEMBERED = 40


_ROLE_NAMED = re.compile(
    r"\b((?:[a-z]+\s+)?(?:engineer|scientist|analyst|developer|architect|researcher|manager"
    r"|consultant|statistician|programmer))s?\b",
    re.I,
)
_THIS_ROLE = re.compile(r"^(ml|mle|machine learning|the|an?|ml ops|mlops)?\s*engineer$", re.I)
_ACRONYMS = {"ai", "ml", "bi", "ui", "ux", "qa", "it"}


def other_role_named(text: str) -> str | None:
    """A role other than the ML engineer that ``text`` names ("an AI engineer"), if any."""
    for match in _ROLE_NAMED.finditer(text):
        role = match.group(1).lower()
        if _THIS_ROLE.match(role) or role.startswith(("learning ", "machine ")):
            continue
        return " ".join(w.upper() if w in _ACRONYMS else w for w in role.split())
    return None


# Fields of study or work as people name them ("AI", "deep learning"), in the form said back.
_FIELDS = (
    (re.compile(r"\b(ai|a\.i\.|artificial intelligence)\b", re.I), "AI"),
    (re.compile(r"\b(machine learning|ml)\b(?! engineer)", re.I), "machine learning"),
    (re.compile(r"\bdeep learning\b", re.I), "deep learning"),
    (re.compile(r"\bdata science\b", re.I), "data science"),
    (re.compile(r"\bstatistics\b", re.I), "statistics"),
    (re.compile(r"\bdata analytics\b", re.I), "data analytics"),
)


def fields_named(text: str) -> list[str]:
    """The fields ``text`` names, in the order of ``_FIELDS``."""
    return [name for pattern, name in _FIELDS if pattern.search(text)]


# A field named instead of its role ("just data science with extra steps?").
_FIELD_ROLES = (
    (re.compile(r"\bdata scien(ce|tists?)\b", re.I), "data_scientist"),
    (re.compile(r"\bsoftware (engineering|development|dev)\b", re.I), "software_engineer"),
    (re.compile(r"\bdata engineering\b", re.I), "data_engineer"),
    (re.compile(r"\bmlops\b", re.I), "mlops_engineer"),
)


def role_of_field(text: str) -> str | None:
    """The role of the first field ``text`` names, for a comparison that names no role."""
    found = []
    for pattern, role in _FIELD_ROLES:
        match = pattern.search(text)
        if match:
            found.append((match.start(), role))
    return min(found)[1] if found else None


def resolve_topic(intent: str | None, parameters: dict[str, str | None]) -> str | None:
    """The store topic for an intent refined by its parameters; None when a role must be asked."""
    topic = INTENT_TOPICS.get(intent or "")
    if topic == "skills" and parameters.get("skill_area") in SKILL_TOPICS:
        return parameters["skill_area"]
    if topic == "education" and parameters.get("study_route"):
        return STUDY_ROUTE_TOPICS.get(parameters["study_route"] or "", "education")
    if topic == "compare":
        return COMPARE_TOPICS.get(parameters.get("role") or "")
    if topic == "role" and parameters.get("specialisation"):
        return "specialisations"  # "c'est quoi le mlops ?" asks what the specialisation is
    if topic in ("typical_day", "duties", "workplace") and parameters.get("skill_area") == "tools":
        return "tools"  # "which tools n frameworks do they use day to day"
    if (
        topic == "specialisations"
        and not parameters.get("specialisation")
        and parameters.get("skill_area") in ("languages", "tools", "maths", "cloud")
    ):
        return parameters["skill_area"]  # "which programming languages should i focus on"
    return topic


def follow_up_intent(topic: str | None, parameters: dict[str, str | None]) -> str | None:
    """Which question a filter-only follow-up continues, given the topic and what it names."""
    topic = topic or ""
    if topic.startswith("compare") and parameters.get("role"):
        return "compare_role"
    if topic in ("specialisations", "mlops") and parameters.get("specialisation"):
        return "ask_specialisations"
    for parameter, intent in (
        ("skill_area", "ask_skills"),
        ("study_route", "ask_education"),
        ("specialisation", "ask_specialisations"),
        ("background", "ask_getting_started"),
        ("role", "compare_role"),
    ):
        if parameters.get(parameter):
            return intent
    return TOPIC_INTENTS.get(topic)


def _mentions(text: str, phrases: Iterable[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(phrase.lower() in lowered for phrase in phrases if len(phrase) > 2)


def specialisation_passages(session: Session, specialisation: str) -> list[PassageHit]:
    """Passages about one specialisation: the topic's passages that name it, else a search."""
    phrases = vocabulary()["specialisation"].get(specialisation, [])
    hits = query.passages_by_topic(
        session, "specialisations", per_source=50, max_sources=10, limit=200
    )
    named = [hit for hit in hits if _mentions(hit.text, phrases)]
    if named:
        return named
    return [
        hit
        for hit in query.search(session, " ".join(phrases), limit=20)
        if _mentions(hit.text, phrases)
    ]


# A passage about people moving in names the move, not only the field ("Tech, finance, and
# healthcare companies pay the most" names finance but says nothing to someone leaving it).
MOVING_IN = re.compile(
    r"\b(transition\w*|career[- ]changers?|chang\w+ careers?|mov(e|es|ed|ing) (in|into|to|from)"
    r"|switch\w*|come from|coming from|people from|background\w*|entry routes?|pivot\w*"
    # "Many begin their careers as: … Software engineers: …" (a list item under that lead)
    r"|begin (their|your) careers? as|start (their|your) careers? as)\b",
    re.I,
)


def background_passages(session: Session, background: str | None) -> list[PassageHit]:
    """Passages that speak about people moving in from ``background`` (from anywhere if None)."""
    words = [background] + vocabulary()["background"].get(background, []) if background else []
    hits = query.search(session, f"{' '.join(words)} career changers transition move", limit=20)
    return [
        hit
        for hit in hits
        if (not words or _mentions(hit.text, words))
        and (MOVING_IN.search(hit.text) or MOVING_IN.search(hit.lead or ""))
    ]


def topic_candidates(session: Session, topic: str, specialisation: str | None) -> list[PassageHit]:
    """The passages an answer on ``topic`` chooses its sentences from."""
    if specialisation:
        return specialisation_passages(session, specialisation)
    return query.passages_by_topic(
        session,
        topic,
        per_source=CANDIDATES_PER_SOURCE,
        max_sources=CANDIDATE_SOURCES,
        limit=CANDIDATE_LIMIT,
    )


# A question whose full answer would repeat the last reply gets its best sentences only.
REPEAT_BUDGET = 320
REPEAT_UNITS = 2


@dataclass(frozen=True)
class TopicQuestion:
    """A topic question: the intent, its parameters and the person's own words."""

    intent: str | None
    parameters: dict[str, str | None]
    text: str
    budget: int = DEFAULT_BUDGET
    rest: str = ""
    """The message without its entities: a background or a place is not a gap's subject."""
    shown_before: tuple[str, ...] = ()
    """The sentences the last answer showed, when it was on the same topic."""
    context: str = ""
    """What the person said around the question in the same message ("I'm 41, a teacher.")."""
    source: str | None = None
    """The source the person asked about by name ("what does the cbt nuggets guide say…")."""
    said_in_this_reply: tuple[str, ...] = ()
    """Sentences an earlier question of the same message already quoted: not quoted twice."""


def remembered(kind: str, composition: Composition, **details: Any) -> dict[str, Any]:
    """The ``last_answer`` record of a composed answer (keys of what was shown and left out)."""
    return {
        "kind": kind,
        "shown": [unit.key for unit in composition.units],
        "left": list(composition.left_out[:MAX_REMEMBERED]),
        "sources": [source.label for source in composition.sources],
        **details,
    }


async def answer_topic(
    dispatcher: CollectingDispatcher, question: TopicQuestion
) -> list[EventType]:
    """Answer a topic question from the store; return the slot events."""
    parameters = question.parameters
    topic = resolve_topic(question.intent, parameters)
    if topic is None:
        other = other_role_named(question.text)
        fields = fields_named(question.text)
        if other:
            # "ml engineer vs ai engineer": a role the sources never set beside this one.
            dispatcher.utter_message(response="utter_no_comparison", role=other)
        elif len(fields) >= 2:
            # "what's the difference between AI and machine learning?": fields, not roles.
            dispatcher.utter_message(response="utter_no_field_comparison", fields=and_list(fields))
        else:
            dispatcher.utter_message(response="utter_ask_compare_role")
        return [SlotSet(slots.TOPIC, "compare")]
    specialisation = parameters.get("specialisation") if topic == "specialisations" else None
    background = parameters.get("background") if topic == "getting_started" else None
    # "i'm a nurse thinking about switching into ml": a change of career from a field the
    # gazetteer does not know still gets what the sources say about moving in from elsewhere.
    changing = topic == "getting_started" and bool(
        CHANGES_CAREER.search(question.text)
        # "I've been a nurse for 15 years. could someone like me become an ML engineer?"
        or (parameters.get("background_text") and WANTS_TO_BECOME.search(question.text))
    )

    asks_duration = bool(ASKS_DURATION.search(question.text))

    def fetch(session: Session) -> tuple[list[PassageHit], list[PassageHit], list[PassageHit]]:
        main = topic_candidates(session, topic, specialisation)
        extra = background_passages(session, background) if background or changing else []
        # "how long does it take?": a sentence stating a span of time may sit under another
        # topic ("…build experience over time, often several years" on the career path).
        timing = _duration_hits(session, question.text, topic) if asks_duration else []
        more = _hits_naming_more(session, question.text, main)
        if topic not in MONEY_TOPICS:
            # "is that for juniors too" after a typical day: juniors' pay is no part of that.
            more = [hit for hit in more if not MONEY.search(hit.text)]
        return main + more, extra, timing

    hits, background_hits, timing_hits = await run_in_session(fetch)
    if question.source:
        # What one page says, when the person asks for that page (all pages if it says nothing).
        hits = [hit for hit in hits if hit.source.label == question.source] or hits
    events: list[EventType] = [SlotSet(slots.TOPIC, topic)]
    if specialisation:
        events.append(SlotSet(slots.SPECIALISATION, specialisation))
    if background:
        events.append(SlotSet(slots.BACKGROUND, background))
    if topic.startswith("compare_"):
        events.append(SlotSet(slots.ROLE, topic.removeprefix("compare_")))
    if not hits:
        dispatcher.utter_message(response="utter_no_passages")
        return events
    budget = question.budget
    told = None
    if background_hits:
        # The person's background first, briefly; the topic answer shares the budget.
        told = compose(background_hits, question.text, "getting_started", budget=budget // 2)
        budget -= sum(len(u.text) for u in told.units)
        hits = [h for h in hits if h.id not in {u.passage_id for u in told.units}]
    composition = compose(
        hits, question.text, topic, budget=max(budget, 200), exclude=question.said_in_this_reply
    )
    if question.shown_before and [u.key for u in composition.units] == list(question.shown_before):
        # "does she need to go to university?" then "what would she study": the same reply
        # twice in a row helps no one; its one or two sentences that best answer this question
        # do ("tell me more" still gives the rest).
        composition = compose(
            hits, question.text, topic, budget=REPEAT_BUDGET, max_units=REPEAT_UNITS
        )
    topic_name = TOPIC_NAMES.get(topic, topic.replace("_", " "))
    asked = _without_occupation(the_question_asked(question.rest or question.text))
    if topic == "getting_started":
        # "physics phd, bailing out of academia": how they leave is no subject to look up.
        asked = CHANGES_CAREER.sub(" ", asked)
    missing = await unspoken_of(asked, hits, topic, question.intent)
    if ASKS_ABOUT_AGE.search(question.text):
        # "welder, 44, self-taught in python. is it too late": the gap is their age, said below,
        # not the words they describe themselves with.
        missing = []
    if topic == "outlook" and ASKS_MARKET_NUMBERS.search(question.text):
        # "how many jobs are open, what's the growth rate": no page counts them.
        missing = ["job counts or growth rates"]
    if missing:
        dispatcher.utter_message(
            response="utter_topic_gap", subject=", ".join(missing[:3]), topic_name=topic_name
        )
    elif asks_duration and not any(DURATION.search(unit.text) for unit in composition.units):
        # "how long does it take?": no page gives a set time, and the answer says so first,
        # with the nearest span of time a page does state.
        rough = rank(_stating_durations(timing_hits, question.text), topic, question.text)
        if rough:
            dispatcher.utter_message(
                response="utter_duration_rough",
                passage=composed_lines(rough[:1]),
                topic_name=topic_name,
            )
        else:
            dispatcher.utter_message(response="utter_no_duration", topic_name=topic_name)
    elif ASKS_ABOUT_AGE.search(question.text) or (
        changing and STATES_AGE.search(question.context or question.text)
    ):
        # "i'm 40, is it too late to switch?": no page speaks of age, and that comes first.
        dispatcher.utter_message(response="utter_no_age", topic_name=topic_name)
    elif (
        ASKS_WHICH_IS_BEST.search(question.text)
        # "which certification is best": its answer says first that no page names one
        and topic not in NAMES_NONE
        # "which industries pay best": the pages single those out among what drives pay
        and not (topic == "salary_factors" and SECTORS_PAYING_MOST.search(question.text))
    ) or (
        # "what specialisation pays best": no page gives pay by specialisation
        topic == "specialisations" and MENTIONS_PAY.search(question.text)
    ):
        # "which specialisation has the best future?": no page ranks them, and saying so comes
        # before what the pages do say.
        dispatcher.utter_message(response="utter_topic_no_ranking", topic_name=topic_name)
    if told is not None:
        shown = (
            parameters.get("background_text")
            or (background or "").replace("_", " ")
            or occupation_named(question.text)
        )
        if shown:
            dispatcher.utter_message(
                response="utter_answer_background",
                background=shown,
                passages=composed_lines(told.units),
            )
        else:
            dispatcher.utter_message(
                response="utter_answer_changing_field", passages=composed_lines(told.units)
            )
    name = None
    if specialisation:
        first = composition.units[0].text if composition.units else ""
        name = (
            first.split(":")[0] if ":" in first[:60] else specialisation.replace("_", " ").title()
        )
        dispatcher.utter_message(
            response="utter_answer_specialisation",
            name=name,
            passages=composed_lines(composition.units),
            sources=source_names(composition.sources),
        )
    else:
        dispatcher.utter_message(
            response=f"utter_answer_{topic}",
            passages=composed_lines(composition.units),
            sources=source_names(composition.sources),
        )
    record = remembered(
        "topic",
        composition,
        topic=topic,
        specialisation=specialisation,
        subject=name,  # "More on MLOps Engineer", not "more on specialisations"
        query=question.text[:300],
    )
    events.append(SlotSet(slots.LAST_ANSWER, record))
    return events


# Words a duration sentence is looked up by besides the question's own: how long it takes to
# get into the job is told as experience built over time.
DURATION_SEARCH = "years months experience time"
DURATION_HITS = 8
# Topics whose answer opens by saying the pages name none of what is asked about, so "which
# is best" needs no line of its own (domain.yml, utter_answer_certifications).
NAMES_NONE = frozenset({"certifications"})
# Passages beyond the topic's read for a rare word of the question they do not say.
BEYOND_TOPIC_HITS = 4
# ... a word rarer than this ("github" 3.2, "kaggle" 1.7; not "progression" 3.9, a word the topic
# speaks of in others, nor "hire" 4.4).
BEYOND_TOPIC_ZIPF = 3.5


def _hits_naming_more(session: Session, text: str, hits: list[PassageHit]) -> list[PassageHit]:
    """Passages beyond the topic's that say a rare word of ``text`` none of ``hits`` says.

    "what projects should i put on github to get hired" (getting started): the sentence on the
    GitHub work employers like sits under another heading; offered to the ranking, which still
    weighs the topic.
    """
    said = frozenset().union(*(text_stems(hit.text) for hit in hits))
    rare = [
        word
        for word in content_words(text)
        if word[:5] not in said
        and not word.endswith("ly")  # "could i realistically…" names no subject
        and word[:5] in question_words(word)
        and zipf_frequency(word, "en") < BEYOND_TOPIC_ZIPF
    ]
    if not rare:
        return []
    known = {hit.id for hit in hits}
    wanted = {word[:5] for word in rare}
    found = query.search(session, " ".join(rare), limit=BEYOND_TOPIC_HITS)
    return [hit for hit in found if hit.id not in known and text_stems(hit.text) & wanted]


def _duration_hits(session: Session, text: str, topic: str) -> list[PassageHit]:
    """Passages of any topic that may state how long what ``text`` asks about takes."""
    wanted = f"{with_synonyms(text)} {topic.replace('_', ' ')} {DURATION_SEARCH}"
    return query.search(session, wanted, limit=DURATION_HITS)


def _stating_durations(hits: list[PassageHit], text: str) -> list[Unit]:
    """The sentences of ``hits`` that state a span of time about what ``text`` asks.

    "How long to learn Python?" is not answered by how long experience takes to build: a
    sentence must share the question's own subject, when it names one.
    """
    asked = DURATION_WORDS.sub(" ", text)
    subject = question_words(asked) - {word[:5] for word in FRENCH_STOP_WORDS}
    return [
        unit
        for unit in units_of(hits)
        if DURATION.search(unit.text) and (not subject or matched(subject, text_stems(unit.text)))
    ]


def _without_occupation(text: str) -> str:
    """``text`` less the occupation it names and the words just before it ("an ICU nurse").

    Who is asking is no subject the sources should cover: "I work as an ICU nurse in Lyon" is
    not a question about ICUs.
    """
    occupation = occupation_named(text)
    if not occupation:
        return text
    return re.sub(rf"(\S+\s+){{0,2}}{re.escape(occupation)}\w*", " ", text, count=1, flags=re.I)
