"""Dialogue state: what the conversation is about, and what the next message asks for.

The state is the current topic, its filters (country, level, role, specialisation, background)
and a short record of the last answer (what it showed and what it left out). A message is read
as a ``Reading`` (its intent and the filters it names). ``decide`` turns (state, reading) into a
``Plan``: which kind of answer to give, with which filters. It is a pure function, tested as a
table of (state, message) -> (plan) in ``tests/actions/test_state.py``.

The rules, in order:
* "more" / "shorter" / a question about the last answer act on the last answer;
* a message with its own topic starts that topic; filters that still make sense carry over
  (a country and level for pay, not a specialisation for a degree question);
* a message that only adds or changes a filter applies it to the current topic: a place or a
  level after pay is about pay; a specialisation, skill area, study route or role starts the
  topic that filter belongs to, even right after a salary answer;
* a message with nothing to go on is searched for in the store.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker

from actions import slots
from actions.aspects import (
    ANY_SPECIALISATION,
    ASKS_ABOUT_AGE,
    ASKS_AMOUNT,
    ASKS_BEST_PAID_PLACE,
    ASKS_BEST_PAID_SPECIALISATION,
    ASKS_DURATION,
    ASKS_FIGURES,
    ASKS_IF_ADVERTISED,
    ASKS_IF_FACTOR_MATTERS,
    ASKS_ORIGIN,
    ASKS_PAY_GROWTH,
    ASKS_PLACES_COVERED,
    ASKS_WHAT_A_MARK_MEANS,
    ASKS_WHAT_DRIVES_PAY,
    ASKS_WHAT_MOVES_PAY,
    ASKS_WHICH_PAYS_MORE,
    ASKS_WHY_PAY_VARIES,
    CHANGES_CAREER,
    DURATION_WORDS,
    FIGURES_OR_ONES,
    NAMES_FIGURES,
    NAMES_PAY_FIGURES,
    NAMES_THE_FIELD_ONLY,
    OTHER_THAN,
    PAY_ASPECTS,
    PAY_COMPARISON,
    PAY_WORDS,
    SECTORS_PAYING_MOST,
    SOURCE_ASPECTS,
    STATES_AGE,
    WANTS_TO_BECOME,
    asks_content,
    aspect_of,
    judges_an_amount,
    names_pay,
    names_pay_strongly,
    subject_of_source_question,
)
from actions.currency import wanted_currency
from actions.entities import entities_of, entity_text, entity_value, entity_values
from actions.scope import about_another_job, about_career, employers_named, occupation_named
from actions.wording import (
    ACCORDING_TO,
    ADDRESSES_THE_BOT,
    AFTER_SHIPPING,
    APPLIES_THERE_TOO,
    ASKS_ABOUT_DOCS,
    ASKS_ABOUT_ENTRY_ROUTES,
    ASKS_ABOUT_ETHICS,
    ASKS_ABOUT_INTERVIEWS,
    ASKS_ABOUT_PROJECTS,
    ASKS_AGAIN,
    ASKS_BARE_SOURCE,
    ASKS_BEYOND_BASE_PAY,
    ASKS_BRIEFLY,
    ASKS_CHEAP_WAYS_TO_LEARN,
    ASKS_COST,
    ASKS_FOR_RESOURCES,
    ASKS_HOW_HARD,
    ASKS_HOW_TO_RISE,
    ASKS_HOW_TO_STAND_OUT,
    ASKS_IF_BACKGROUND_COUNTS,
    ASKS_IF_IN_THE_LAST,
    ASKS_IF_IT_HELPS,
    ASKS_IF_REALISTIC,
    ASKS_IF_SEPARATE_JOB,
    ASKS_IF_VALUED,
    ASKS_JOB_TITLES,
    ASKS_KINDS_OF_THE_JOB,
    ASKS_MARKET_NUMBERS,
    ASKS_PAY_DIFFERENCE,
    ASKS_RATES,
    ASKS_STABILITY,
    ASKS_STUDIES_FR,
    ASKS_WHAT_IS_MISSING,
    ASKS_WHAT_IT_PAYS,
    ASKS_WHAT_THEY_OWN,
    ASKS_WHAT_TO_ASK_FOR,
    ASKS_WHAT_TO_LEARN_NEXT,
    ASKS_WHAT_TO_STUDY,
    ASKS_WHERE_IT_LEADS,
    ASKS_WHERE_PAID,
    ASKS_WHERE_TO_BEGIN,
    ASKS_WHERE_TO_START,
    ASKS_WHICH_JOBS_TO_APPLY,
    ASKS_WHICH_PROJECTS,
    ASKS_WHO_COSTS_LESS,
    ASKS_WHO_IT_SUITS,
    ASKS_WHO_THEY_WORK_WITH,
    BACKGROUND_COUNTS,
    BARE_US,
    BECOMES_ONE,
    CAN_I_APPLY,
    CAREER_PATH_FR,
    CHOOSES_BETWEEN_THEM,
    CLOSEST_TO,
    COMPARES,
    COMPARES_TWO,
    CONVERTS,
    COUNTS_WHEN_APPLYING,
    CURRENCY_UNIT,
    DAY_PARTS,
    DIFFERENCE,
    DOES_WITHOUT_IT,
    EXPECTS_THE_FIGURE,
    FIGURE_PROMISED,
    FIRST_STEP,
    FOR_SOMEONE,
    FOUNDS_A_COMPANY,
    GETS_IN,
    HAS_FIGURES_FOR,
    HIGHEST_PAY,
    HIRES_THERE,
    HOLDS_THE_ROLE,
    IN_A_LANGUAGE,
    JUST_ANOTHER_NAME,
    LIVES_OR_MOVES,
    NAMES_A_PAY_FACTOR,
    NAMES_AN_AREA,
    NEGOTIATES,
    NO_DEGREE_FOR_ME,
    OPENS_AS_FOLLOW_UP,
    PAY_GAP,
    POINTS_AT_LAST_ANSWER,
    POINTS_AT_LAST_ANSWER_FR,
    POINTS_AT_PLACE,
    POINTS_INTO_LAST_LIST,
    PORTFOLIO,
    PORTFOLIO_QUESTION,
    PREPARES,
    PROGRAMMING,
    ROUND_OF_INTERVIEWS,
    SAME_EVERYWHERE,
    SAYS_HIRING,
    SOURCES_DIFFER,
    SPEAKS_OF_SOURCES,
    STARTS_OWN_COMPANY,
    SUMS_UP,
    TOPIC_WORDS,
    VARIES_BY_EMPLOYER,
    WEIGHS_PAY,
    WEIGHS_THE_LAST_SUBJECT,
    WHAT_DECIDES_PAY,
    WHAT_TO_FOCUS_ON,
    WHO_HIRES,
    WHY_COMPANIES_NEED,
    WHY_LISTED,
    WITHOUT_A_DEGREE,
    WORKS_FROM_HOME,
)
from gazetteer.countries import area_name, city_vocabulary, region_named
from gazetteer.entities import values_named
from knowledge.compose import question_words, text_stems
from knowledge.filler import ASKS_WHERE_TO_LOOK
from knowledge.text import FRENCH_STOP_WORDS, MUTTERED, content_words
from nlu_components.commands import command_intent
from nlu_components.questions import is_question, starts_as_question, without_asides

# Topics whose answers a level refines themselves ("career path" -> "and for seniors?").
LEVEL_TOPICS = frozenset({"career_path", "getting_started", "education", "skills"})
TOPIC_PARAMETERS = ("skill_area", "study_route", "role", "specialisation", "background")
MORE_INTENT = "ask_more"
SHORTER_INTENT = "ask_shorter"
ABOUT_INTENT = "ask_about_answer"
FREE_INTENTS = frozenset({"nlu_fallback", "ask_advice"})
RULED_OUT_SMALL_TALK = frozenset({"greet", "thank", "goodbye"})
PAY_OVERRIDE_BELOW = 0.6
MERE_GUESS = 0.3
# What "who do they work with" is asked as, whatever words or language the person used (the
# kinds of colleague named, so that the sentences naming them rank first).
WORKS_WITH = (
    "who they work with: colleagues, teams, data scientists, data engineers, product managers"
)
# A question this short that points back ("where would that be") is about the last answer.
POINTED_QUESTION_WORDS = 6
"""A topic guessed below this ("which of the two writes more code", the duties at 0.26) is
read as unsure: what the message asks of the last answer comes first."""
UNSURE_COMMAND = 0.5
RUNNER_UP_MIN = 0.2
SOURCES_INTENT = "ask_sources"
CAPABILITIES_INTENT = "ask_capabilities"
# Below this, a reading as "what can you do?" of a message about work or the last answer is
# doubted ("what interview questions do your sources suggest?" at 0.57).
SURE_CAPABILITIES = 0.6
GETTING_STARTED_INTENT = "ask_getting_started"

# Topics whose subject has a price ("are they expensive?" after certifications).
COSTED_TOPICS = frozenset({"education", "no_degree", "online_courses", "certifications"})
# The topics a person can ask about doing without, and the entity that says so.
DOING_WITHOUT = {"education": ("study_route", "no_degree")}
NEIGHBOUR_ROLES = {"scien": "data_scientist", "engin": "data_engineer"}
# "context: data scientist at a fintech": a neighbouring job named in what the person says.
NAMES_A_NEIGHBOUR_ROLE = re.compile(r"\bdata (scien|engin)", re.I)
# Questions about what a job is or involves, and the roles the sources describe as a
# specialisation of ML engineering (role entity -> specialisation entity).
ABOUT_THE_JOB_INTENTS = frozenset({"ask_typical_day", "ask_duties", "ask_role"})
ROLES_THAT_SPECIALISE = {"mlops_engineer": "mlops"}
# Topics whose answer a workplace's kind changes ("is that the same everywhere?").
ABOUT_THE_JOB_TOPICS = frozenset({"typical_day", "duties", "workplace", "role", "tools"})
# Guesses about the job itself that a doubt about its future outweighs when unsure.
UNSURE_ABOUT_THE_JOB = frozenset({"ask_workplace", "ask_role", "ask_duties", "ask_industries"})


@dataclass(frozen=True)
class State:
    """What the conversation is about before the message (from the slots)."""

    topic: str | None = None
    country: str | None = None
    level: str | None = None
    role: str | None = None
    specialisation: str | None = None
    background: str | None = None
    last: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> State:
        """The state held in the tracker's slots."""
        last = tracker.get_slot(slots.LAST_ANSWER)
        return cls(
            topic=tracker.get_slot(slots.TOPIC),
            country=tracker.get_slot(slots.COUNTRY),
            level=tracker.get_slot(slots.LEVEL),
            role=tracker.get_slot(slots.ROLE),
            specialisation=tracker.get_slot(slots.SPECIALISATION),
            background=tracker.get_slot(slots.BACKGROUND),
            last=last if isinstance(last, dict) else {},
        )


@dataclass(frozen=True)
class Reading:
    """What the latest message says: its intent and the filters it names (normalised)."""

    intent: str
    text: str = ""
    country: str | None = None
    city: str | None = None
    level: str | None = None
    skill_area: str | None = None
    study_route: str | None = None
    role: str | None = None
    specialisation: str | None = None
    background: str | None = None
    background_text: str | None = None
    confidence: float = 1.0
    leaning: str | None = None
    """The classifier's best intent other than ``nlu_fallback``: what an unsure reading leans to."""
    doubts_scope: bool = False
    """True when ``out_of_scope`` is among the classifier's three best intents."""
    about_career: bool = False
    """True when the message names work, hiring or the field (``actions.scope``)."""
    about_another_job: bool = False
    """True when the message names another occupation ("how do I become a nurse")."""
    runner_up: str | None = None
    """The classifier's second intent when it is a fair guess (confidence ≥ RUNNER_UP_MIN)."""
    runner_up_confidence: float = 0.0
    """The runner-up's confidence (0 when there is none)."""
    rest: str = ""
    """The message without its entities ("and what about the weather in" for "… in toronto")."""
    countries: tuple[str, ...] = ()
    """Every country the message names ("pay in france and in the uk?"), in its order."""
    places_named: int = 0
    """How many places the message names, two cities of one country counted twice."""
    brief: bool = False
    """True when the message asks for a short answer ("keep it short pls", "in a nutshell")."""
    said_before: str = ""
    """For one question of a longer message, the whole message: what the person said of
    themselves around it ("5 yrs backend dev… want to move into ml. what should i focus on?")."""

    @classmethod
    def from_parse(cls, message: dict[str, Any]) -> Reading:
        """The reading of a parsed message (Rasa's parse data)."""
        # "explain like im not technical" says how to answer: no word of it is the subject.
        text = without_asides(str(message.get("text") or ""))
        intent = message.get("intent") or {}
        ranking = [r.get("name") for r in message.get("intent_ranking") or [] if r.get("name")]
        scored = [r for r in message.get("intent_ranking") or [] if r.get("name")]
        if (intent.get("name") or "") == "nlu_fallback":
            # Small talk the guard ruled out ("une journée type…" read as goodbye) is no guess
            # to lean to: the next intent is.
            scored = [r for r in scored if r.get("name") not in RULED_OUT_SMALL_TALK]
        leaning = next((r["name"] for r in scored if r["name"] != "nlu_fallback"), None)
        second = scored[1] if len(scored) > 1 else {}
        runner_up = second.get("name") if (second.get("confidence") or 0) >= RUNNER_UP_MIN else None
        levels = set(entity_values(message, "level"))
        said = str(message.get("text") or "")  # the entities' offsets are into this text
        if IN_A_LANGUAGE.search(said):
            # "ok in english then, what about spain": a language, not the United Kingdom.
            message = {**message, "entities": _without_language_entity(message, said)}
        if CURRENCY_UNIT.search(said):
            # "is that in US dollars?": a currency, not the United States.
            message = {**message, "entities": _without_currency_country(message, said)}
        if len(set(entity_values(message, "country"))) > 1:
            # "founder in berlin, hiring. what would … cost me in france": the place asked about.
            message = {**message, "entities": _without_place_said_before(message, said)}
        if len(set(entity_values(message, "skill_area"))) > 1 and OTHER_THAN.search(said):
            # "besides coding what kind of people skills do they want": the people skills.
            message = {**message, "entities": _without_skills_set_aside(message, said)}
        return cls(
            intent=intent.get("name") or "",
            confidence=float(intent.get("confidence") or 0.0),
            leaning=leaning,
            doubts_scope="out_of_scope" in ranking[:3],
            runner_up=runner_up,
            runner_up_confidence=float(second.get("confidence") or 0.0) if runner_up else 0.0,
            about_career=about_career(text),
            about_another_job=about_another_job(text),
            rest=_without_entities(text, message.get("entities") or []),
            # A button's payload ("/ask_skills") is not the person's words.
            text="" if text.startswith("/") else text,
            country=entity_value(message, "country"),
            countries=tuple(entity_values(message, "country")),
            places_named=sum(1 for e in entities_of(message) if e.get("entity") == "country"),
            city=_city_named(message, text),
            # "junior vs senior in france": both levels, so every level's figures
            level=entity_value(message, "level") if len(levels) <= 1 else None,
            skill_area=entity_value(message, "skill_area"),
            study_route=entity_value(message, "study_route"),
            role=entity_value(message, "role"),
            specialisation=entity_value(message, "specialisation"),
            background=entity_value(message, "background"),
            background_text=entity_text(message, "background") or entity_text(message, "role"),
            # (said as an aside, which the text read above leaves out)
            brief=bool(SUMS_UP.search(said) or ASKS_BRIEFLY.search(said)),
        )

    def topic_parameters(self) -> dict[str, str | None]:
        """The filters that refine a topic (not a place or a level)."""
        return {name: getattr(self, name) for name in TOPIC_PARAMETERS}

    @property
    def names_a_filter(self) -> bool:
        """True when the message names a place or a level (what pay figures are narrowed by)."""
        return bool(self.country or self.city or self.level)

    @property
    def names_topic_filter(self) -> bool:
        """True when the message names a specialisation, skill area, study route, role..."""
        return any(self.topic_parameters().values())


def _without_language_entity(message: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The entities of ``message`` less a country read from the name of a language."""
    languages = {match.group(2).lower() for match in IN_A_LANGUAGE.finditer(text)}
    return [
        entity
        for entity in message.get("entities") or []
        if not (
            entity.get("entity") == "country"
            and str(text[entity.get("start", 0) : entity.get("end", 0)]).lower() in languages
        )
    ]


def _without_currency_country(message: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The entities of ``message`` less a country named as part of a currency ("US dollars")."""
    return [
        entity
        for entity in message.get("entities") or []
        if not (
            entity.get("entity") == "country"
            and CURRENCY_UNIT.match(text[int(entity.get("end") or 0) :])
        )
    ]


SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=\S)")
# The words just before a place that say the person is there ("student in", "based in").
WHERE_I_AM = re.compile(
    r"\b(student|students|studying|based|living|live|lives|working|work|i'?m|im|i am|we'?re"
    r"|we are|here|founder|startup|company|firm)( \w+)? (in|at|from)\s*$",
    re.I,
)


def _without_place_said_before(message: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The entities less the places of the sentences before the last one that names a place.

    "founder in berlin, hiring. what would a mid-level ML engineer cost me in france": the
    place asked about, not where the person is.
    """
    entities = message.get("entities") or []
    places = [e for e in entities if e.get("entity") == "country"]
    # "student in geneva, just curious how much seniors get in the states": where they are.
    located = [e for e in places if WHERE_I_AM.search(text[: int(e.get("start") or 0)])]
    if located and len(located) < len(places):
        return [e for e in entities if e not in located]
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text)]
    last_start = max(
        (b for b in breaks if any(int(e.get("start") or 0) >= b for e in places)), default=0
    )
    if not last_start or all(int(e.get("start") or 0) >= last_start for e in places):
        return list(entities)
    return [
        e
        for e in entities
        if not (e.get("entity") == "country" and int(e.get("start") or 0) < last_start)
    ]


def _skill_named_after_study(text: str) -> bool:
    """True when a skill area is named in the words after "what should i study"."""
    asked = ASKS_WHAT_TO_STUDY.search(text)
    return bool(asked and values_named("skill_area", text[asked.start() :]))


def _skills_set_aside(text: str) -> set[str]:
    """The skill areas named in the few words after "besides", "other than" or "beyond"."""
    return {
        value
        for match in OTHER_THAN.finditer(text)
        for value in values_named("skill_area", " ".join(text[match.end() :].split()[:3]))
    }


def _without_skills_set_aside(message: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The entities of ``message`` less a skill area named right after "besides", "apart from"."""
    aside = [match.end() for match in OTHER_THAN.finditer(text)]
    return [
        entity
        for entity in message.get("entities") or []
        if not (
            entity.get("entity") == "skill_area"
            and any(0 <= int(entity.get("start") or 0) - end <= 5 for end in aside)
        )
    ]


def _without_entities(text: str, entities: list[dict[str, Any]]) -> str:
    """``text`` with the spans of its entities blanked out."""
    chars = list(text)
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(chars):
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def _last_sentence(text: str) -> str:
    """The message's last sentence (its question, after what it says about the person)."""
    parts = [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part.strip()]
    return parts[-1] if parts else text


def _city_named(message: dict[str, Any], text: str) -> str | None:
    """The city of the message's first place, or of one named in the same sentence after it.

    "does the uk guide say london pays more": London; "final year student in pune. what does an
    ml engineer earn in india?": no city (where the person is, not what is asked about).
    """
    places = [e for e in entities_of(message) if e.get("entity") == "country"]
    if not places:
        return None
    first = city_of(str(places[0].get("value") or ""))
    if first:
        return first
    start = int(places[0].get("end") or 0)
    for place in places[1:]:
        begins = int(place.get("start") or 0)
        if begins < start or re.search(r"[.?!]", text[start:begins]):
            continue  # named before the place asked about, or in another sentence
        if city := city_of(str(place.get("value") or "")):
            return city
    return None


def city_of(place: str | None) -> str | None:
    """The city's name when ``place`` is a city rather than a country ("Madrid"), else None."""
    if not place:
        return None
    key = " ".join(place.lower().replace(".", " ").split())
    if key in city_vocabulary():
        return place.strip().title()
    return area_name(place)  # "nyc", read as the US


@dataclass(frozen=True)
class Plan:
    """The answer to give: its kind and the filters it uses.

    ``kind`` is one of ``salary``, ``topic``, ``more``, ``shorter``, ``about``, ``sources``,
    ``pay_comparison``, ``pay_by_employer``, ``search``, ``out_of_scope``, ``capabilities``,
    ``cost`` (what the last answer's subject costs, which no page says), ``hiring`` (what the
    bot can tell someone hiring, who said so and asked nothing yet). A
    ``search`` that finds nothing says the sources don't cover it, or, with
    ``refuse_if_nothing``, that the question is not about this career, or, with an ``intent``,
    answers that topic (what an unsure reading leaned to).
    """

    kind: str
    refuse_if_nothing: bool = False
    intent: str | None = None
    country: str | None = None
    city: str | None = None
    level: str | None = None
    parameters: dict[str, str | None] = field(default_factory=dict)
    search_text: str | None = None
    """What a ``search`` looks for when not the whole message ("… according to your sources")."""
    source: str | None = None
    """The one page a ``search`` keeps to (the page whose figures were just shown)."""


# Intents that do not know better than the context: a message read as one of these that asks
# about an aspect of pay figures ("what's the midpoint?") right after pay figures is about them.
# Out of scope is decided by the classifier only when it is sure; an unsure refusal first
# searches the store ("how do I show impact on my CV" is answered from its sources).
SURE_OUT_OF_SCOPE = 0.6
# A pay plan for a city weighed against its country or another city ("is lyon less?"): the
# answer says no page compares them rather than repeat the country's figures.
WEIGHED: dict[str, str | None] = {"weighed": "city"}
# A runner-up this close to an unsure out-of-scope guess (as a share of it) is taken instead.
CLOSE_RUNNER_UP = 0.6
# What a pay question right after pay figures asks about them rather than for new figures.
TAX_OR_BONUS = frozenset({"tax", "bonus"})
# Topics after which "does the city matter?" asks what moves pay.
PAY_TOPICS = frozenset({"salary", "salary_factors"})
UNSURE_INTENTS = frozenset(
    {"out_of_scope", "nlu_fallback", "inform", "ask_advice", "greet", "thank", "goodbye"}
)


def decide(state: State, reading: Reading, intent_topics: dict[str, str]) -> Plan:
    """The plan for ``reading`` in ``state``; ``intent_topics`` maps topic intents to topics."""
    if (
        not reading.country
        and BARE_US.match(reading.text)
        and (state.topic == "salary" or state.last.get("kind") == "salary")
    ):
        # "us" alone right after pay figures (the entity ruler leaves the pronoun alone).
        reading = dataclasses.replace(reading, intent="inform", country="US", countries=("US",))
    intent = reading.intent
    aspect = aspect_of(reading.text)  # what it asks of the last answer, if anything
    if (
        aspect in SOURCE_ASPECTS
        and reading.country
        and not reading.city
        and intent != "ask_salary"  # ("uk pay range and what's it based on" asks for both)
        and ASKS_ORIGIN.search(reading.text)  # ("which uk figure would you cite" asks for it)
        and (names_pay(reading.text) or FIGURES_OR_ONES.search(reading.text))
    ):
        # "are the french ones dated at all?", "where do the us numbers come from": the data
        # behind that country's figures (or that a page names none), asked before or after them.
        return Plan("about", intent=SOURCES_INTENT, country=reading.country, level=reading.level)
    if WHAT_DECIDES_PAY.search(reading.text) and not reading.about_another_job:
        # "what affects how much an ml engineer earns in the us", "for the french salaries,
        # what decides where you land": what drives pay, wherever asked.
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if (
        ASKS_CHEAP_WAYS_TO_LEARN.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job)
        and not _asks_cost(state, reading)  # ("which of those is the cheapest route": a price)
        and reading.confidence < SURE_INTERVIEW_TOPIC
    ):
        # "what are the cheapest ways to learn then" (the career path at 0.41): the courses.
        return Plan("topic", intent="ask_education", parameters={"study_route": "online_courses"})
    if (
        ASKS_WHAT_TO_LEARN_NEXT.search(reading.text)
        and state.last.get("kind") == "topic"
        and intent in UNSURE_INTENTS | {ABOUT_INTENT}
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "ok and after that what do i learn" after Python first (a follow-up at 0.51): the
        # steps the pages give, ranked for what to learn.
        return Plan(
            "topic", intent=GETTING_STARTED_INTENT, parameters={}, search_text=WHAT_TO_LEARN
        )
    if (
        ASKS_ABOUT_ENTRY_ROUTES.search(reading.text)
        and intent not in {GETTING_STARTED_INTENT, "ask_salary", "ask_salary_factors"}
        # ("and apprentices, alternance?": a follow-up at 0.99 is no sure topic)
        and (reading.confidence < SURE_INTERVIEW_TOPIC or intent == "inform")
        and not (names_pay(reading.text) or reading.about_another_job)
        and not (reading.country or reading.city)  # ("junior jobs" names a level, no more)
    ):
        # "would an internship help or should i just spam applications" (a degree at 0.5), "et
        # quels premiers postes viser ?": the routes in that the pages name.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters={})
    if (
        ASKS_ABOUT_ETHICS.search(reading.text)
        and intent
        in {"ask_duties", "ask_role", "ask_workplace", "ask_outlook", "ask_skills", ABOUT_INTENT}
        | UNSURE_INTENTS
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "do these engineers have to worry about their models being unfair to people" (the
        # duties): the sentences on ethics, wherever they are.
        return Plan("search", refuse_if_nothing=False, search_text=ETHICS_SEARCH)
    if (
        ASKS_IF_IT_HELPS.search(reading.text)
        and WANTS_TO_BECOME.search(reading.text)
        and reading.said_before
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "je fais du dev de jeux vidéo en C++ depuis 5 ans. est-ce que ça aide pour devenir
        # ML engineer ?" (a degree at 0.27): how people move in from elsewhere.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        reading.city
        and state.last.get("kind") == "salary"
        and reading.country == state.last.get("country")
        and WEIGHS_PAY.search(reading.text)
        and not reading.about_another_job
    ):
        # "does toulouse pay more?" after France's figures: that city weighed against them
        # (read as what drives pay at 0.9), which no page does.
        return Plan(
            "salary",
            country=reading.country,
            city=reading.city,
            level=state.level,
            parameters=dict(WEIGHED),
        )
    if _weighs_two_cities(reading):
        # "is lyon less than paris for ml engineers?": no page sets one city against another.
        return Plan(
            "salary",
            country=reading.country,
            city=reading.city,
            level=reading.level,
            parameters=dict(WEIGHED),
        )
    if (
        state.last.get("kind") == "salary"
        and ASKS_WHERE_PAID.search(reading.text)
        and not (reading.country or reading.city or reading.about_another_job)
    ):
        # "where do the best paid seniors end up working" after the senior figures: what the
        # sources say with those figures.
        return Plan("about")
    if (
        ASKS_WHERE_TO_LOOK.search(reading.text)
        and ASKS_FOR_RESOURCES.search(reading.text)
        and intent not in {"ask_salary", "ask_salary_factors", SOURCES_INTENT}
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "what other uk career resources do the pages point to" (the career path at 0.5):
        # the pointers a page gives, searched.
        return Plan("search", refuse_if_nothing=False)
    if CAREER_PATH_FR.search(reading.text) and not names_pay(reading.text):
        # "et au bout de quelques années, il évolue vers quoi ?" after pay (a level named):
        # where the career leads, not that level's pay.
        return Plan("topic", intent="ask_career_path", parameters={})
    if (
        state.last.get("kind") == "salary"
        and state.last.get("sources") == []
        and ASKS_FOR_THE_NEAREST.search(reading.text)
        and not (reading.names_a_filter or reading.about_another_job)
    ):
        # "ok then whats the closest thing you have" after a country without figures: every
        # country's figures the pages do give.
        return Plan("salary", level=state.level)
    if (
        reading.level
        and intent in ("ask_salary_factors", "ask_career_path", ABOUT_INTENT, *UNSURE_INTENTS)
        and reading.confidence < UNSURE_LEVEL_FOLLOW_UP_BELOW
        and state.last.get("kind") == "topic"
        and state.topic not in (None, "salary", "salary_factors", *LEVEL_TOPICS)
        and CHANGES_WITH_LEVEL.search(reading.text)
        and not names_pay(reading.text)
    ):
        # "does that change when you get more senior" after a typical day (what drives pay at
        # 0.64): no page tells that topic by level, and the answer on it says so first.
        return Plan("topic", intent=None, parameters={}, level=reading.level)
    if (
        LEANS_ON_THE_LAST.search(reading.text)
        and state.last.get("kind") in ("topic", "search")
        and intent in UNSURE_INTENTS | {"out_of_scope", CAPABILITIES_INTENT, ABOUT_INTENT}
        and len(reading.text.split()) <= FOLLOW_ON_WORDS
        and not (reading.names_a_filter or reading.about_another_job)
    ):
        # "what should i emphasise about myself when i do" after how to negotiate (what the
        # bot can do at 0.59), "do write-ups count": asked of the answer just given.
        return Plan("about")
    if (
        ASKS_IF_IN_THE_LAST.search(reading.text)
        and (intent in UNSURE_INTENTS | {ABOUT_INTENT} or reading.confidence < UNSURE_SWITCH_BELOW)
        and not (reading.names_a_filter or reading.about_another_job)
    ):
        # "is calculus in there too?" after the maths (the outlook at 0.27): whether the answer
        # just given holds it; after a reply that ended on pay, whether any page names it.
        if state.last.get("kind") in ("topic", "search"):
            return Plan("about")
        return Plan("search", refuse_if_nothing=False)
    if (
        ASKS_WHY_PAY_VARIES.search(reading.text)
        and _figures_before(state, aspect)
        and intent in ("ask_outlook", "ask_career_path", *UNSURE_INTENTS)
        and reading.confidence < UNSURE_SWITCH_BELOW
        and not (reading.names_a_filter or reading.about_another_job)
    ):
        # "why is there such a big range between jobs" after pay figures (the outlook at
        # 0.31): what drives pay.
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if (
        aspect == "ranking"
        and intent == "ask_salary_factors"
        and state.last.get("kind") == "topic"
        and not names_pay(reading.text)
    ):
        # "which of those differences matters most for getting hired" after a comparison (what
        # drives pay at 0.67, no pay word): a question about the answer just given.
        return Plan("about")
    if ASKS_WHAT_A_MARK_MEANS.search(reading.text) and (
        _figures_before(state, None) or names_pay(reading.text) or reading.level
    ):
        # "what does the + at the end mean" after the US figures: the page's own words.
        return Plan("about", level=reading.level)
    if (
        aspect == "midpoint"
        and _figures_before(state, aspect)
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (reading.names_a_filter or reading.names_topic_filter or reading.about_another_job)
    ):
        # "so whats the typical one, like the middle?" after the UK figures (a typical day at
        # 0.58): the middle of those figures.
        return Plan("about", level=reading.level)
    if (
        ASKS_WHAT_TO_ASK_FOR.search(reading.text)
        and (reading.city or reading.country or reading.level)
        and not reading.about_another_job
    ):
        # "toulouse, 4 yrs exp, what should i be asking for as an ml engineer": pay there.
        return Plan("salary", country=reading.country, city=reading.city, level=reading.level)
    if (
        HIGHEST_PAY.search(reading.text)
        and _figures_before(state, aspect)
        and state.last.get("kind") == "salary"
        # ("what pushes someone towards the top of that range" asks what drives pay)
        and not ASKS_WHAT_DRIVES_PAY.search(reading.text)
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not reading.about_another_job
    ):
        # "and if we want someone senior, whats the top of the market there" after the UK's
        # figures (the career path at 0.73): the figures' top, that level's.
        return Plan(
            "salary",
            country=reading.country or state.last.get("country"),
            level=reading.level or "senior",
        )
    if (
        aspect == "currency"
        and reading.country
        and not reading.city
        and CONVERTS.search(reading.text)
        and _figures_before(state, aspect)
    ):
        # "convert the UK midpoint to euros for me" after the US figures: the UK's, converted.
        return Plan("about", country=reading.country, level=reading.level)
    if _refines_pay(state, reading):
        # "what about the senior ones over there" (the career path at 0.63), "ok then france,
        # it's next door" right after pay: the same pay question for that place or level.
        return _pay_follow_up(state, reading)
    compared = state.last.get("countries") or []
    range_end = _range_end_asked(reading.text)
    if (
        _figures_before(state, aspect)
        and state.last.get("kind") == "salary"
        and range_end
        and aspect != "ranking"  # "which of those is the highest" names the highest shown
        # ("what pushes someone towards the top of that range" asks what drives pay)
        and not ASKS_WHAT_DRIVES_PAY.search(reading.text)
        and not (reading.country or reading.city or reading.level or reading.about_another_job)
        and not names_pay_strongly(reading.text)
    ):
        # "whats the top end in each" after France beside the UK: the same countries, at the
        # level whose figures are that end of the range ("the top end?" after one country's:
        # its seniors').
        where = compared[0] if len(compared) > 1 else state.last.get("country")
        return Plan("salary", country=where, level=range_end)
    if (
        SUMS_UP.search(reading.text)
        # ("summarise the duties" after the skills asks for the duties; "now squeeze all that
        # into something tiny" read as nothing at all)
        and (
            intent in {SHORTER_INTENT, "inform", "nlu_fallback"}
            or intent_topics.get(intent) == state.topic
        )
        and _names_only_the_last_answer(state, reading)
    ):
        # "k now sum up mlops in one line" after MLOps: "shorter", for what was just said.
        return Plan("shorter")
    if (
        ASKS_ABOUT_AGE.search(reading.text)
        and (
            (intent in UNSURE_INTENTS | AGE_MISREAD_AS and reading.confidence < PAY_OVERRIDE_BELOW)
            # "welder, 44, self-taught in python. is it too late" (the skills at 0.61): the
            # python is who is asking, the question is their age.
            or (TOO_LATE.search(reading.text) and reading.confidence < SURE_INTERVIEW_TOPIC)
        )
        and not (names_pay(reading.text) or reading.country or reading.city)
        # a nurse who gives her age is changing careers; "how old are most nurses" is no
        # question about this one
        and (STATES_AGE.search(reading.text) or not reading.about_another_job)
    ):
        # "I've been a nurse for 20 years… is it mad to think about ML engineering at 45?" (a
        # follow-up at 0.31, the 20 years read as a level): how to get in, which says first
        # that no page speaks of age.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        reading.role
        and intent in ABOUT_THE_JOB_INTENTS | {"ask_skills"}
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (reading.country or reading.city or reading.level or names_pay(reading.text))
    ):
        # "ok so what do they do that a data scientist doesnt" (the duties at 0.54): another
        # job named beside the question is a comparison with it.
        return Plan("topic", intent="compare_role", parameters=reading.topic_parameters())
    if (
        ASKS_HOW_TO_STAND_OUT.search(reading.text)
        and intent not in {"ask_salary", "ask_salary_factors", GETTING_STARTED_INTENT}
        # ("inform" is sure of a follow-up that names nothing to follow up with)
        and (reading.confidence < SURE_INTERVIEW_TOPIC or intent in UNSURE_INTENTS)
        and not (names_pay(reading.text) or reading.about_another_job)
        and not (reading.country or reading.city)
    ):
        # "what makes someone stand out to hiring managers for these roles" (the career path):
        # what to show employers, searched as a portfolio question; how to get in if nothing
        # is found.
        return Plan(
            "search",
            intent=GETTING_STARTED_INTENT,
            refuse_if_nothing=False,
            search_text=PORTFOLIO_QUESTION,
        )
    if (
        PORTFOLIO.search(reading.text)
        and intent not in {"ask_salary", "ask_salary_factors"}
        # ("je mets quoi dans mon portfolio ?", sure of how to get in, names it)
        and (
            reading.confidence < SURE_INTERVIEW_TOPIC
            or re.search(r"\b(portfolio|github)\b", reading.text, re.I)
        )
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "what should my portfolio have?" (the skills at 0.5), "what should i show to get
        # hired": what the pages say employers like to see ("case studies, dashboards, GitHub
        # work…"), searched as one portfolio question (the person's own words find career
        # prospects and "projects" in every sense); how to get in if nothing is found.
        return Plan(
            "search",
            intent=GETTING_STARTED_INTENT,
            refuse_if_nothing=False,
            search_text=PORTFOLIO_QUESTION,
        )
    if SAYS_HIRING.search(reading.text) and not is_question(reading.text) and not state.last:
        # "we're hiring our first ML engineer." and nothing asked yet: what can help them.
        return Plan("hiring")
    if (
        ASKS_KINDS_OF_THE_JOB.search(reading.text)
        and intent != "ask_specialisations"
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.names_a_filter)
    ):
        # "are there diff kinds of ml engineers or is it one job" (the outlook at 0.5)
        return Plan("topic", intent="ask_specialisations", parameters={})
    if (
        STARTS_OWN_COMPANY.search(reading.text)
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.names_a_filter)
    ):
        # "could i start my own company later if i work as an mle first": where it leads.
        return Plan("topic", intent="ask_career_path", parameters={})
    if (
        reading.skill_area
        and intent == "ask_typical_day"
        and not (reading.names_a_filter or names_pay(reading.text))
    ):
        # "what soft skills do ml engineers actually need day to day": the skills, every day.
        return Plan("topic", intent="ask_skills", parameters=reading.topic_parameters())
    if (
        ASKS_JOB_TITLES.search(reading.text)
        and (intent in UNSURE_INTENTS or reading.confidence < SURE_INTERVIEW_TOPIC)
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "what titles do ml engineers usually go by" (the career path at 0.27, the outlook at
        # 0.6): the titles the pages name are the roles the career leads to.
        return Plan("topic", intent="ask_career_path", parameters={})
    if (
        WHO_HIRES.search(reading.text)
        and (intent in UNSURE_INTENTS or reading.confidence < PAY_OVERRIDE_BELOW)
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "who hires them" (unsure, "hi" in "hires" leaning to a greeting): the employers.
        return Plan("topic", intent="ask_industries", parameters={})
    listed = WHY_LISTED.search(reading.text)
    if (
        listed
        and (
            intent in UNSURE_INTENTS | {ABOUT_INTENT, SOURCES_INTENT, CAPABILITIES_INTENT}
            or reading.confidence < PAY_OVERRIDE_BELOW
        )
        and not (names_pay(reading.text) or reading.names_a_filter)
    ):
        # "why is communication on there" after the soft skills (read as the sources at 0.6):
        # what the pages say of that item, found by search with the topic named.
        topic_words = (state.topic or "").replace("_", " ")
        item = " ".join(listed.group("item").split())
        if " ".join(w for w in item.lower().split() if w not in FILLERS) in PRONOUNS:
            # "why would that matter so much" after what the pages say of documentation: why
            # the subject of the last answer matters.
            item = f"why {state.last.get('query') or ''} matters"
        return Plan("search", refuse_if_nothing=False, search_text=f"{item} {topic_words}".strip())
    of_topic = [i for i, topic in intent_topics.items() if topic == state.topic]
    if (
        FOR_SOMEONE.match(reading.text)
        and of_topic
        and state.topic not in ("salary", "getting_started")
        and state.last.get("kind") == "topic"
        and not (reading.names_a_filter or reading.names_topic_filter or names_pay(reading.text))
    ):
        # "for career changers?" after the degrees: the degrees, read for career changers
        # ("…online courses…, especially for professionals changing careers").
        return Plan("topic", intent=of_topic[0], parameters={}, search_text=reading.text)
    near = CLOSEST_TO.search(reading.text)
    if near and state.last.get("shown") and not (names_pay(reading.text) or reading.country):
        # "which of those is closest to devops" after the specialisations: not a ranking the
        # pages would have to make, but which of the topic's sentences speak in those terms.
        item = " ".join(near.group("item").split())
        if of_topic:
            return Plan("topic", intent=of_topic[0], parameters={}, search_text=item)
        return Plan("search", refuse_if_nothing=False, search_text=item)
    if intent in (MORE_INTENT, SHORTER_INTENT) and _question_not_command(reading):
        # "do dashboards count too or just code" (shorter at 0.82): a question, which the
        # words of a command ("just", "too") do not make one.
        reading = dataclasses.replace(reading, intent="nlu_fallback")
        intent = reading.intent
    if _unsure_command(reading) and (not state.last or starts_as_question(reading.text)):
        # "we're a 20 person startup, first ml hire. what should they own?" read as "more" at
        # 0.28: no answer to go on with, or a question of its own; read as an unsure guess.
        reading = dataclasses.replace(reading, intent="nlu_fallback")
        intent = reading.intent
    if (
        aspect == "basis"
        and state.last.get("kind") == "salary"
        and SOURCES_DIFFER.search(reading.text)
        and not (reading.country or reading.city or reading.level)
    ):
        # "why are they different" right after two sources' figures: what each rests on (no
        # page explains the other's), not what drives pay in general.
        return Plan("about")
    if (
        ASKS_BEYOND_BASE_PAY.search(reading.text)
        and intent in {CAPABILITIES_INTENT, "ask_salary", "ask_salary_factors", *UNSURE_INTENTS}
        and not (reading.country or reading.city or reading.level or reading.about_another_job)
    ):
        # "what can i ask for apart from base pay" (read as what the bot can do at 0.52): what
        # the sources say a package holds besides the salary.
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if intent == CAPABILITIES_INTENT:
        # "what interview questions do your sources suggest?" asks what the sources say.
        speaks_to_bot = bool(ADDRESSES_THE_BOT.search(reading.text)) and not ACCORDING_TO.search(
            reading.text
        )
        unsure_of_subject = not (reading.about_career or (aspect and state.last))
        if speaks_to_bot and (reading.confidence >= SURE_CAPABILITIES or unsure_of_subject):
            return Plan("capabilities")
        # "what interview questions do your sources suggest?" (0.57), "over what time period"
        # after the data behind figures (0.33): a question, read as one the classifier doubts.
        misread = dataclasses.replace(reading, intent="nlu_fallback")
        plan = decide(state, misread, intent_topics)
        if plan.kind == "search" and not plan.search_text:
            plan = dataclasses.replace(plan, search_text=subject_of_source_question(reading.text))
        return plan
    if intent in UNSURE_INTENTS and NAMES_THE_FIELD_ONLY.match(reading.text):
        return Plan("topic", intent="ask_role")
    if (
        reading.specialisation
        and intent in UNSURE_INTENTS | {"ask_specialisations"}
        and OTHER_THAN.search(reading.text)
    ):
        return Plan("topic", intent="ask_specialisations", parameters={})
    if (
        reading.skill_area
        and intent in ("ask_skills", *UNSURE_INTENTS)
        and reading.skill_area in _skills_set_aside(reading.text)
        and not reading.specialisation
    ):
        # "what should we look for in candidates beyond python?": the other skills.
        parameters = {**reading.topic_parameters(), "skill_area": None}
        return Plan("topic", intent="ask_skills", parameters=parameters)
    if employers_named(reading.text) and (
        names_pay(reading.text)
        or ASKS_AMOUNT.search(reading.text)
        or PAY_COMPARISON.search(reading.text)
        # "and DeepMind in London?" after what Google or Meta pay
        or (
            state.topic == "salary"
            and intent in UNSURE_INTENTS | {ABOUT_INTENT}
            and bool(WHAT_ABOUT.search(reading.text))
        )
    ):
        # "how much does google pay its ml engineers?": no page gives pay by employer.
        return Plan("pay_by_employer")
    region = region_named(reading.text)
    asks_pay = names_pay(reading.text) or intent == "ask_salary"
    if region and asks_pay and not (reading.about_another_job or reading.city):
        # "does the eu have better pay than the us?": no page gives a region's figures; those of
        # its countries they cover, beside any country named.
        parameters = {"region": region}
        return Plan("salary", country=reading.country, level=reading.level, parameters=parameters)
    if ASKS_BEST_PAID_SPECIALISATION.search(reading.text) and not reading.about_another_job:
        parameters = {"specialisation": ANY_SPECIALISATION}
        return Plan("salary", country=reading.country, level=reading.level, parameters=parameters)
    specialisation = reading.specialisation or (
        state.last.get("specialisation") if _POINTS_BACK.search(reading.text) else None
    )
    if (
        specialisation
        and names_pay(reading.text)
        and intent in ("ask_specialisations", "ask_salary", "ask_salary_factors", *UNSURE_INTENTS)
        and not (reading.about_another_job or ASKS_WHAT_DRIVES_PAY.search(reading.text))
    ):
        # "what does a computer vision engineer earn" (the specialisations at 0.76), "any salary
        # info for that specifically?" after one: no page gives pay by specialisation; say so,
        # then the figures they give.
        parameters = {"specialisation": specialisation}
        return Plan("salary", country=reading.country, level=reading.level, parameters=parameters)
    if (
        judges_an_amount(reading.text)
        and not (reading.about_another_job or _figures_before(state, "judgement"))
        and not (intent == "out_of_scope" and reading.confidence >= SURE_OUT_OF_SCOPE)
    ):
        # "is 70k good for a junior in france?": no page judges an offer; the figures they
        # give for that place and level, to set it beside.
        return Plan(
            "salary",
            country=reading.country,
            city=reading.city,
            level=reading.level,
            parameters={"judged": "amount"},
        )
    if (
        HIGHEST_PAY.search(reading.text)
        and not (reading.about_another_job or reading.level or reading.city)
        and not ASKS_BEST_PAID_PLACE.search(reading.text)
    ):
        # "whats the highest salary an ml engineer can get" (what drives pay at 0.7): the top
        # of every range, the seniors' figures (a place named narrows them).
        return Plan("salary", country=reading.country, level="senior")
    if ASKS_BEST_PAID_PLACE.search(reading.text) and not reading.about_another_job:
        if reading.country and not reading.city and len(reading.countries) <= 1:
            # "where do mles get paid the most in the us": where within it, which the pages
            # tell among what drives pay ("higher salaries in Silicon Valley, New York…").
            return Plan("topic", intent="ask_salary_factors", parameters={})
        # "which country pays the most?": every country's figures side by side.
        return Plan("salary", level=reading.level, parameters={"places": "all"})
    last_country = state.last.get("country") if state.last.get("kind") == "salary" else None
    compared_with_last = bool(COMPARES.search(reading.text)) and reading.country not in (
        None,
        last_country,
    )
    if (
        (ASKS_WHICH_PAYS_MORE.search(reading.text) or compared_with_last)
        and reading.country
        and (len(reading.countries) > 1 or last_country)
        and not reading.about_another_job
    ):
        # "which is higher, that or the US?", "how does that compare to the US in pounds?" after
        # the UK's figures: both, the later in the first one's currency.
        level = reading.level or (state.last.get("level") if last_country else None)
        return Plan(
            "salary", country=reading.country, level=level, parameters={"places": "with_last"}
        )
    if ASKS_RATES.search(reading.text) and not reading.about_another_job:
        # "do ml engineers freelance? what are day rates like": pay by the day, where given.
        return Plan("salary", country=reading.country, city=reading.city, level=reading.level)
    if (
        (ASKS_PAY_DIFFERENCE.search(reading.text) or ASKS_WHO_COSTS_LESS.search(reading.text))
        and (state.role or reading.role)
        and not (reading.country or reading.city or reading.level)
    ):
        # "pay difference?" right after the ML engineer was set beside another job.
        return Plan("pay_comparison")
    if (
        state.last.get("kind") == "salary"
        and COMPARES_TWO.search(reading.text)
        and occupation_named(reading.text)
        and not (reading.role or reading.country or reading.city or reading.level)
    ):
        # "how do those numbers compare to a doctor" after figures: no page gives that job's
        # pay, so no page can say who earns more (the figures again would not answer).
        return Plan("pay_comparison")
    if (
        PAY_COMPARISON.search(reading.text)
        and state.role is not None
        and reading.country
        and len(reading.countries) <= 1
        and not (reading.level or reading.role)
    ):
        # "which one earns more in the US?" right after two roles were compared (what drives
        # pay at 0.5): no page gives the other role's pay, in that country or any.
        return Plan("pay_comparison")
    if PAY_GAP.search(reading.text) and intent not in ("ask_salary", "ask_salary_factors"):
        # "is there a gender pay gap in this field?" (the outlook): a pay question, whose answer
        # says no page speaks of it, then the figures they give.
        return decide(state, dataclasses.replace(reading, intent="ask_salary"), intent_topics)
    if (
        PAY_COMPARISON.search(reading.text)
        # "lequel est le mieux payé ?" (out of scope) right after two roles were compared
        and (intent != "out_of_scope" or state.role is not None)
        and not (reading.country or reading.city or reading.level)
    ):
        # "who earns more, an ML engineer or a data scientist?" ("more" is not a command here);
        # seniors against juniors, or one country against another, the figures do answer.
        return Plan("pay_comparison")
    if intent in (MORE_INTENT, SHORTER_INTENT) and (
        reading.country or reading.city or reading.level or reading.names_topic_filter
    ):
        intent = "inform"  # "en allemagne c'est combien ?", "big data too?" are not commands
        reading = dataclasses.replace(reading, intent=intent)
    if ASKS_IF_ADVERTISED.search(reading.text) and _figures_before(state, "basis"):
        # "so its advertised pay, not what people actually get paid?" after the UK figures:
        # what the data behind them measures (the classifier hears what drives pay).
        return Plan("about")
    if (
        aspect == "basis"
        and NAMES_PAY_FIGURES.search(reading.text)
        and not ASKS_PLACES_COVERED.search(reading.text)  # "which countries have you data for"
        and not _figures_before(state, aspect)
        and not (reading.country or reading.city or reading.level)
    ):
        # "are these salary numbers even up to date?" with no figures shown yet: what every
        # source's figures are based on, and when.
        return Plan("about")
    if (
        reading.country
        and LIVES_OR_MOVES.search(reading.text)
        and intent in UNSURE_INTENTS | {ABOUT_INTENT}
        and state.topic not in (None, *PAY_TOPICS)
        and state.last.get("kind") in ("topic", "search")
        and not (reading.level or names_pay(reading.text) or reading.about_another_job)
    ):
        # "for context i live in manchester", "and if I moved to Lyon next year?" after where
        # to find advice on training routes: that topic as the page for that country tells it.
        return Plan("topic", intent=None, parameters={}, country=reading.country)
    if (
        aspect in PAY_ASPECTS
        and reading.country
        and not reading.city
        and intent in UNSURE_INTENTS | {ABOUT_INTENT}
        and _figures_before(state, aspect)
        and not reading.level
    ):
        # "and the UK ones, gross?" after whether the US and French figures are gross: asked of
        # that country's figures.
        return Plan("about", country=reading.country)
    if (
        APPLIES_THERE_TOO.search(reading.text)
        and reading.country
        and state.topic not in (None, *PAY_TOPICS)
        and state.last.get("kind") == "topic"
        and not (reading.level or names_pay(reading.text) or reading.about_another_job)
    ):
        # "does that apply in france too?" after the industries (read as "shorter" at 0.64):
        # that topic as the page for that country tells it.
        return Plan("topic", intent=None, parameters={}, country=reading.country)
    if (
        intent in UNSURE_INTENTS or _unsure_command(reading) or reading.confidence < MERE_GUESS
    ) and not (reading.country or reading.city or reading.names_topic_filter):
        # ("per month or year?" after figures, read as "more" at 0.31, asks about them too)
        if aspect in PAY_ASPECTS and _figures_before(state, aspect):
            return Plan("about", level=reading.level)
        if aspect == "ranking" and state.last.get("shown") and not _asks_cost(state, reading):
            return Plan("about")  # "which of those matters most?" ("…is cheapest" is a price)
        if state.last.get("sources") and aspect in SOURCE_ASPECTS:
            # "where does it say that?", "who wrote that?", "which site mentioned head of ai?"
            return Plan("about")
    if (
        aspect in SOURCE_ASPECTS
        and _has_sources(state)
        and reading.confidence < PAY_OVERRIDE_BELOW
        and _POINTS_BACK.search(reading.text)
        and not (reading.country or reading.city or reading.level or reading.names_topic_filter)
        and not reading.about_another_job
    ):
        # "how did they work it out" after the UK figures (the workplace at 0.4): what the
        # last answer's sources rest on, however the classifier read it.
        return Plan("about")
    if (
        EXPECTS_THE_FIGURE.search(reading.text)
        and _figures_before(state, aspect)
        and not (reading.level or reading.about_another_job or reading.city)
        and (reading.confidence < PAY_OVERRIDE_BELOW or intent == ABOUT_INTENT)
    ):
        # "so if i apply anywhere in the uk ill get that?" after its figures: whether a figure
        # is promised, which a page may say ("That midpoint is not a guarantee…").
        # Asked of the page whose figures were shown, not of another's.
        shown_by = state.last.get("sources") or []
        return Plan(
            "search",
            refuse_if_nothing=False,
            search_text=FIGURE_PROMISED,
            source=shown_by[0] if len(shown_by) == 1 else None,
        )
    if (
        (aspect == "currency" or wanted_currency(reading.text))
        and NAMES_PAY_FIGURES.search(reading.text)
        and not _figures_before(state, aspect)
        and not (reading.country or reading.city or reading.about_another_job)
    ):
        # "do you have any figures in dollars" (out of scope at 0.44) before any figures: the
        # overview, whose countries carry their own currencies.
        return Plan("salary", level=reading.level)
    if aspect == "years" and reading.level and not _figures_before(state, aspect):
        # "how many years till i'm mid level?" with no figures before: the sources' levels say
        # (in any country: "…, and what does that pay in the us" lends the part its place).
        return Plan("about", level=reading.level)
    if (
        _figures_before(state, aspect)
        and aspect in ("years", "levels")
        # ("is there a breakdown by seniority for the uk?" after the UK's figures: those)
        and not (reading.country not in (None, state.last.get("country")) or reading.city)
    ):
        # "how many yoe counts as entry level there?" after pay figures ("and mid-level is how
        # many years?" asks it of that level); "is that for juniors or seniors?" asks which
        # levels the figures shown cover, whatever level it names.
        level = reading.level if aspect == "years" else None
        return Plan("about", level=level)
    if (
        intent == "ask_salary"
        and state.last.get("kind") == "salary"
        and aspect in TAX_OR_BONUS
        and not (reading.country or reading.city or reading.level)
    ):
        return Plan("about")  # "how much tax would i pay on that?" asks about the figures shown
    if (
        (
            intent in UNSURE_INTENTS | {ABOUT_INTENT}
            # "how long would all that take" ("shorter" at 0.6): no command asks how long
            or (
                intent in (MORE_INTENT, SHORTER_INTENT)
                and reading.confidence < SURE_INTERVIEW_TOPIC
            )
        )
        and state.topic not in (None, "salary")
        and ASKS_DURATION.search(reading.text)
        and not _names_something_else(
            dataclasses.replace(reading, rest=DURATION_WORDS.sub("", reading.rest))
        )
    ):
        # "how long would it take me" after how to get started: that topic, which says first
        # that no source gives a duration.
        return Plan("topic", intent=None, parameters={})
    if (
        ASKS_HOW_HARD.search(reading.text)
        and intent in UNSURE_INTENTS | {ABOUT_INTENT, "ask_suitability"}
        and state.topic in HARD_ASKED_OF
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "is it hard" after what the job is, or what to study for it: no page rates it, and
        # who it suits is the nearest they come (not the last answer again in short).
        return Plan("topic", intent="ask_suitability", parameters={})
    if (
        intent in UNSURE_INTENTS | {ABOUT_INTENT}
        and state.topic not in (None, "salary")
        and _judges_the_last_topic(reading)
        # "which one is the most important" asks which, not whether it is
        and aspect != "ranking"
    ):
        # "are they worth it?" after certifications: what the last answer said, in short (its
        # best sentences), not the same reply again nor a search for "worth".
        return Plan("shorter")
    if state.topic == "salary" and intent in UNSURE_INTENTS | {ABOUT_INTENT}:
        # ... and "does where in the us matter much?" (a place, but no follow-up for it)
        if ASKS_WHY_PAY_VARIES.search(reading.text) or ASKS_IF_FACTOR_MATTERS.search(reading.text):
            # "what decides where you land in that range?" after pay figures: what drives pay.
            return Plan("topic", intent="ask_salary_factors", parameters={})
        if (reading.country or reading.city) and not _asks_beyond_filters(reading):
            # "the real figures for madrid?" however classified: the place narrows the figures.
            return _follow_up(state, reading)
    if (
        ASKS_PLACES_COVERED.search(reading.text)
        and (
            intent in UNSURE_INTENTS | {SOURCES_INTENT, ABOUT_INTENT, "ask_salary"}
            # "ok which countries do you actually have numbers for" (the skills at 0.4); not
            # "which places pay the most", a question of what moves pay
            or HAS_FIGURES_FOR.search(reading.text)
        )
        and not (reading.country or reading.city or reading.about_another_job)
    ):
        return Plan("salary")  # "which countries do you have figures for?": the overview
    if SECTORS_PAYING_MOST.search(reading.text) and not reading.about_another_job:
        # "which industries pay ml engineers best in the us": the sectors the pages say pay
        # most, wherever asked (no page gives figures by sector).
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if (
        intent == "ask_salary_factors"
        and (reading.country or reading.city or reading.level or ASKS_FIGURES.search(reading.text))
        and not ASKS_WHAT_MOVES_PAY.search(reading.text)
    ):
        # "ml engineer salaries in france please", "what salary range should we advertise?":
        # figures, not what drives them.
        return decide(state, dataclasses.replace(reading, intent="ask_salary"), intent_topics)
    if _asks_figures_for_filter(state, reading, aspect):
        # "ok whats the uk range anyway", "and seniors can go up to how much": a place or level
        # with a word for the figures is a pay question, however it was classified.
        return decide(state, dataclasses.replace(reading, intent="ask_salary"), intent_topics)
    if (
        intent == "ask_salary_factors"
        and reading.confidence < PAY_OVERRIDE_BELOW
        and ASKS_WHAT_IT_PAYS.search(reading.text)
        and not (ASKS_WHAT_DRIVES_PAY.search(reading.text) or reading.about_another_job)
    ):
        # "what does the job pay" (what drives pay at 0.34): the figures themselves.
        return decide(state, dataclasses.replace(reading, intent="ask_salary"), intent_topics)
    if _pay_word_wins(intent, reading):
        # "what does an mle earn here" read as a question about the role: the pay word wins.
        return decide(state, dataclasses.replace(reading, intent="ask_salary"), intent_topics)
    if _asks_what_moves_pay(state, reading):
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if (
        intent in UNSURE_INTENTS | {"ask_career_path"}
        # (the career path is where the job leads: "could i be one one day" at 0.65 is not)
        and reading.confidence
        < (SURE_INTERVIEW_TOPIC if intent == "ask_career_path" else PAY_OVERRIDE_BELOW)
        and BECOMES_ONE.search(reading.text)
        and not (reading.level or reading.about_another_job or reading.names_a_filter)
    ):
        # "fair enough. how do i become an ml engineer then" (career path at 0.43)
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        (
            intent in {"ask_career_path", "ask_suitability", *UNSURE_INTENTS}
            # "honestly is it a real job or a fad" (the workplace at 0.47), "honestly, is ML
            # engineering just hype?" (what the job is at 0.65)
            or (intent in UNSURE_ABOUT_THE_JOB and reading.confidence < UNSURE_ABOUT_LASTING_BELOW)
        )
        and ASKS_STABILITY.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
        and not (intent == "out_of_scope" and reading.confidence >= SURE_OUT_OF_SCOPE)
    ):
        # "is it a stable career?" (the career path at 0.5): what the sources say of demand.
        return Plan("topic", intent="ask_outlook", parameters=reading.topic_parameters())
    if (
        intent == "ask_education"
        and ASKS_STABILITY.search(_last_sentence(reading.text))
        and not ASKS_WHAT_TO_STUDY.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "my daughter is finishing her masters in physics… is it a real, stable job?" (the
        # degrees at 0.8, from the masters): the question asks whether the job lasts.
        return Plan("topic", intent="ask_outlook", parameters={})
    if (
        NAMES_SCHOOL_EXAMS.search(reading.text)
        and intent not in ("ask_salary", "ask_salary_factors")
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "and what gcses/a levels matter" (a follow-up at 0.5; "levels" is no pay level):
        # the studies the pages name, which say first that school exams are not among them.
        return Plan("topic", intent="ask_education", parameters={})
    if (
        ASKS_WHAT_CARRIES_OVER.search(reading.text)
        and intent in UNSURE_INTENTS | {"ask_skills", "ask_getting_started", ABOUT_INTENT}
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.names_a_filter)
    ):
        # "what skills from the army would transfer": who moves in well, and what they prove.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters={}, search_text=CARRIES_OVER)
    if (
        ASKS_ABOUT_FACING_PEOPLE.search(reading.text)
        # ("is it a bad idea to go into ml if i kinda hate talking to people": who it suits)
        and not WEIGHS_IF_IT_SUITS.search(reading.text)
        and intent in UNSURE_INTENTS | {"ask_getting_started", "ask_career_path", "ask_workplace"}
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "do ML engineers have to present to people a lot? i'm really shy" (getting started at
        # 0.57): the people skills the pages ask for, ranked for explaining to others.
        return Plan(
            "topic",
            intent="ask_skills",
            parameters={"skill_area": "soft_skills"},
            search_text=FACING_PEOPLE_SEARCH,
        )
    if (
        intent in UNSURE_INTENTS | {"ask_outlook", "ask_education", "ask_getting_started"}
        and WITHOUT_A_DEGREE.search(reading.text)
        # ("how hard is it to get an ML job without a CS degree?": getting started at 0.9)
        and (reading.confidence < SURE_INTERVIEW_TOPIC or intent != "ask_outlook")
        # (a firefighter asking is who asks, not another job asked about)
        and not names_pay(reading.text)
    ):
        # "will employers even look at me for mle roles without a cs degree" (the outlook at
        # 0.5): getting in without a degree.
        return Plan("topic", intent="ask_education", parameters={"study_route": "no_degree"})
    if (
        intent in UNSURE_INTENTS | {ABOUT_INTENT}
        and (
            VARIES_BY_EMPLOYER.search(reading.text)
            or (SAME_EVERYWHERE.search(reading.text) and state.topic in ABOUT_THE_JOB_TOPICS)
        )
        and not (names_pay(reading.text) or reading.names_a_filter or reading.country)
        and state.topic not in PAY_TOPICS
    ):
        # "is that the same at big companies and startups?": the workplace, which "can look
        # different depending on the industry, company, and projects".
        return Plan("topic", intent="ask_workplace", parameters={})
    if (
        reading.background
        and BACKGROUND_COUNTS.search(reading.text)
        and not (names_pay(reading.text) or reading.names_a_filter)
    ):
        # "i also did customer support for years before teaching, does that count for
        # anything": how people move in from that background.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    counts = ASKS_IF_BACKGROUND_COUNTS.search(reading.text)
    if (
        counts
        and not (reading.study_route or reading.background or names_pay(reading.text))
        and intent in {"ask_education", "ask_industries", "ask_career_path", *UNSURE_INTENTS}
    ):
        # "would my healthcare background count for anything" (education at 0.49): what the
        # pages say of that field as a sector to work in (a field they know is a background).
        field_words = counts.group("field").strip()
        return Plan(
            "search", refuse_if_nothing=False, search_text=f"{field_words} sector industries"
        )
    if (
        reading.study_route
        and intent in {"ask_industries", "ask_workplace", "ask_career_path", *UNSURE_INTENTS}
        and ASKS_IF_VALUED.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "finishing a PhD in computational biology. would industry roles value that?" (read as
        # the industries at 0.93): what the sources say of that route.
        return Plan("topic", intent="ask_education", parameters=reading.topic_parameters())
    if (
        intent in {"ask_skills", GETTING_STARTED_INTENT, *UNSURE_INTENTS}
        and ASKS_WHAT_THEY_OWN.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "we're hiring our first ML engineer. what should I expect them to own?": the duties.
        return Plan("topic", intent="ask_duties", parameters={})
    if (
        (
            intent
            in {GETTING_STARTED_INTENT, "ask_skills", "ask_career_path", "ask_specialisations"}
            | UNSURE_INTENTS
            # "im in year 12, what should i study at uni" (pay at 0.56: the number)
            or (intent == "ask_salary" and reading.confidence < PAY_OVERRIDE_BELOW)
        )
        and ASKS_WHAT_TO_STUDY.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job)
        # ("my daughter loves coding, what should she study": the coding is who she is;
        # "what should i study for the maths" asks about the maths)
        and not (reading.skill_area and _skill_named_after_study(reading.text))
        and not reading.specialisation
    ):
        # "im in year 12, what should i study at uni if i want to be an ml engineer" (getting
        # started at 0.87): which studies the sources name.
        return Plan("topic", intent="ask_education", parameters=reading.topic_parameters())
    if (
        (
            intent
            in {ABOUT_INTENT, "ask_duties", "ask_career_path", "ask_skills", "ask_specialisations"}
            | {"ask_role", "ask_workplace"}
            | UNSURE_INTENTS
            # "is it a bad idea to go into ml eng if i kinda hate talking to people" (at 0.39)
            or (intent == GETTING_STARTED_INTENT and reading.confidence < PAY_OVERRIDE_BELOW)
        )
        and ASKS_WHO_IT_SUITS.search(reading.text)
        and not reading.specialisation
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "what sort of person does well in it then" (a question about the last answer at 0.5):
        # who the job suits.
        return Plan("topic", intent="ask_suitability", parameters={})
    if (
        ASKS_STUDIES_FR.search(reading.text)
        and intent in {"out_of_scope", "nlu_fallback", *UNSURE_INTENTS}
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "quel niveau d'études faut-il ? un bac+5 c'est obligatoire ?": the degrees.
        return Plan("topic", intent="ask_education", parameters=reading.topic_parameters())
    if (
        reading.skill_area
        and intent in {"ask_duties", "ask_role", "ask_workplace", "ask_suitability"}
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "what mathematics does ML rely on" (the duties at 0.5): the skill it names.
        return Plan("topic", intent=None, parameters=reading.topic_parameters())
    if (
        ASKS_WHERE_IT_LEADS.search(reading.text)
        and intent in {GETTING_STARTED_INTENT, "ask_education", "ask_role", *UNSURE_INTENTS}
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "if i start as an ML engineer where can that go in 5-10 yrs, whats the ladder look
        # like" (getting started): where the career leads.
        return Plan("topic", intent="ask_career_path", parameters={})
    if (
        WORKS_FROM_HOME.search(reading.text)
        and intent not in {"ask_workplace", "ask_salary", "ask_salary_factors"}
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "can u do ml engineering from home?" (the career path): the workplace, remote work.
        return Plan("topic", intent="ask_workplace", parameters={})
    if JUST_ANOTHER_NAME.search(reading.text) and not names_pay(reading.text):
        # "isnt ML engineering just a fancy name for data science": the two side by side (the
        # answer reads which field was named); "just a rebranded software engineer job": that
        # role, as named.
        parameters = {"role": reading.role} if reading.role else {}
        return Plan("topic", intent="compare_role", parameters=parameters)
    if (
        ASKS_ABOUT_DOCS.search(reading.text)
        and intent in {"ask_duties", "ask_workplace", "ask_role", *UNSURE_INTENTS}
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "do ml engineers have to write docs or is that someone elses problem" (the duties):
        # what the pages say of documentation.
        return Plan("search", refuse_if_nothing=False, search_text=DOCS_SEARCH)
    if (
        PREPARES.search(reading.text)
        and "interview" in str(state.last.get("query") or "").lower()
        and not (names_pay(reading.text) or reading.names_a_filter)
    ):
        # "any tips to prep" after what interviews test: preparing for them.
        return Plan("search", refuse_if_nothing=False, search_text="prepare for interviews test")
    if COUNTS_WHEN_APPLYING.search(reading.text) and not (
        names_pay(reading.text) or reading.names_a_filter
    ):
        # "would my mood tagging app count for anything when applying": what the pages say
        # employers like seeing.
        return Plan("search", refuse_if_nothing=False, search_text=PORTFOLIO_QUESTION)
    if (
        AFTER_SHIPPING.search(reading.text)
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "once a model is shipped is the mle done with it?" (the outlook): the duties that
        # come after deployment.
        said = "monitor and maintain models in production after deployment"
        return Plan("topic", intent="ask_duties", parameters={}, search_text=said)
    if (
        WHY_COMPANIES_NEED.search(reading.text)
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "why do companies even need them if they already have data scientists": why the role
        # exists, as the pages say what it adds beside data scientists.
        return Plan(
            "topic", intent="ask_role", parameters={}, search_text=f"{reading.text} companies"
        )
    if NO_DEGREE_FOR_ME.search(reading.text) and not (
        names_pay(reading.text) or reading.about_another_job
    ):
        # "and if im already working full time? no way im doing a masters": other routes in.
        return Plan("topic", intent="ask_education", parameters={"study_route": "no_degree"})
    if (
        reading.study_route
        and intent not in {"ask_education", GETTING_STARTED_INTENT, "ask_certifications"}
        # ("are those 12 week bootcamps a legit way in or a scam": off topic at 0.91)
        and (reading.confidence < PAY_OVERRIDE_BELOW or intent == "out_of_scope")
        and not (names_pay(reading.text) or reading.about_another_job)
        # ("45, bus driver, no degree. is it realistic to switch into ML?" asks how to move in)
        and not (CHANGES_CAREER.search(reading.text) and intent != "out_of_scope")
    ):
        # "r those online course thingies legit for this career" (who it suits at 0.53): what
        # the pages say of that way of studying.
        return Plan("topic", intent="ask_education", parameters=reading.topic_parameters())
    if (
        FOUNDS_A_COMPANY.search(reading.text)
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "could i start my own thing eventually" (getting started at 0.6): the career path,
        # where the pages name founding a startup.
        return Plan(
            "topic",
            intent="ask_career_path",
            parameters={},
            search_text=f"{reading.text} (own startup)",
        )
    if (
        ASKS_ABOUT_INTERVIEWS.search(f"{reading.text} {reading.said_before}")
        and intent
        in {
            "ask_duties",
            "ask_skills",
            "ask_career_path",
            # "got a final round next thursday, what r they gonna poke at" (a day at 0.85)
            "ask_typical_day",
            GETTING_STARTED_INTENT,
            *UNSURE_INTENTS,
        }
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "got my first ml engineer interview next week, what do they usually test" (the duties):
        # what the pages say interviews look at, found by search with the interview named.
        said = " ".join(f"{reading.said_before} {reading.text}".split())
        # "a final round" is an interview in the pages' word, and what one asks of it a test
        said = ROUND_OF_INTERVIEWS.sub("interview", said)
        if "interview" not in said.lower():
            said = f"{said} interviews"
        return Plan("search", refuse_if_nothing=False, search_text=said)
    if (
        intent in {"ask_skills", "ask_education", "ask_career_path", *UNSURE_INTENTS}
        and reading.confidence < PAY_OVERRIDE_BELOW
        and ASKS_WHICH_JOBS_TO_APPLY.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "what jobs should i apply for" after a bootcamp: the entry routes into the career.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        ASKS_ABOUT_PROJECTS.search(reading.text)
        and (intent in UNSURE_INTENTS | {CAPABILITIES_INTENT, "ask_skills"})
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (names_pay(reading.text) or reading.about_another_job or reading.names_a_filter)
    ):
        # "whats a good first project to build" (out of scope at 0.55): what to build and show,
        # searched as a portfolio question (a search for the words finds "building" in every
        # sense), how to get in if nothing is found; "do side projects count" is how to get in.
        if not ASKS_WHICH_PROJECTS.search(reading.text):
            return Plan("topic", intent=GETTING_STARTED_INTENT, parameters={})
        return Plan(
            "search",
            intent=GETTING_STARTED_INTENT,
            refuse_if_nothing=False,
            search_text=f"{PORTFOLIO_QUESTION}, projects",
        )
    if intent in UNSURE_INTENTS and ASKS_BARE_SOURCE.match(reading.text) and _has_sources(state):
        # "src" (read as nothing at all) right after an answer: that answer's sources.
        return Plan("about", intent=SOURCES_INTENT)
    if (
        intent in UNSURE_INTENTS
        and (GETS_IN.search(reading.text) or FIRST_STEP.search(reading.text))
        and not (reading.about_another_job or reading.names_a_filter)
        and not (intent == "out_of_scope" and reading.confidence >= SURE_OUT_OF_SCOPE)
    ):
        # "how do i break in", "how do i get my foot in the door", "what would the first step
        # be": how to get started.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        intent in ("ask_education", "ask_certifications", *UNSURE_INTENTS)
        and CAN_I_APPLY.search(reading.text)
        and not (reading.country or reading.city or reading.level or reading.about_another_job)
        # "can i get an ml job with just a masters?" asks whether that degree is enough
        and reading.study_route not in ("degree", "no_degree")
    ):
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        intent == "ask_specialisations"
        and WHAT_TO_FOCUS_ON.search(reading.text)
        and not (reading.specialisation or NAMES_AN_AREA.search(reading.text))
    ):
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        intent in UNSURE_INTENTS
        and state.topic in DOING_WITHOUT
        and not reading.names_topic_filter
        and DOES_WITHOUT_IT.search(reading.text)
    ):
        # "and if i don't have one?" after what degree it takes: the route without one.
        entity, value = DOING_WITHOUT[state.topic]
        return Plan("topic", intent=None, parameters={entity: value})
    if (intent in UNSURE_INTENTS | {ABOUT_INTENT} or _unsure_command(reading)) and _asks_cost(
        state, reading
    ):
        # "are they expensive?" after certifications: no page gives a price (not "more").
        return Plan("cost")
    if (
        intent in UNSURE_INTENTS | {ABOUT_INTENT, GETTING_STARTED_INTENT}
        and ASKS_HOW_TO_RISE.search(reading.text)
        and (state.level or state.last.get("level") or _figures_before(state, None))
        and not (reading.country or reading.city or names_pay(reading.text))
    ):
        # "and what does it take to get there" after a senior's pay: how people move up.
        return Plan("topic", intent="ask_career_path", parameters={})
    if (
        state.topic
        and state.topic.startswith("compare_")
        and state.role
        and intent in {*ABOUT_THE_JOB_INTENTS, ABOUT_INTENT, *UNSURE_INTENTS}
        and DIFFERENCE.search(reading.text)
        and not (reading.role or reading.names_a_filter or names_pay(reading.text))
    ):
        # "what's the difference in what they do" right after ML engineer vs data scientist:
        # the same comparison, not the ML engineer's duties alone.
        return Plan("topic", intent="compare_role", parameters={"role": state.role})
    if (
        state.topic
        and state.topic.startswith("compare_")
        and state.role
        and CHOOSES_BETWEEN_THEM.search(reading.text)
        and not (reading.role or reading.names_a_filter or names_pay(reading.text))
    ):
        # "which one should i aim for if i mainly like building the models" after ML engineer
        # vs MLOps engineer (who it suits at 0.84): the comparison, ranked for what they like.
        return Plan("topic", intent="compare_role", parameters={"role": state.role})
    if (
        aspect == "ranking"
        and intent in UNSURE_INTENTS
        and state.last.get("shown")
        and not (reading.country or reading.city or reading.level or reading.names_topic_filter)
        and not names_pay(reading.text)
    ):
        # "and the most fun?" (a follow-up at 0.91) after the duties: which of what was just
        # said, which the pages may single out or not.
        return Plan("about")
    if intent in (MORE_INTENT, SHORTER_INTENT) and aspect == "ranking":
        # "which one is more fun?" is no request for more: which of those is best.
        return Plan("about") if state.last.get("shown") else Plan("search")
    if (
        intent in (MORE_INTENT, SHORTER_INTENT)
        and reading.confidence < UNSURE_COMMAND
        and _names_rare_subject(reading)
    ):
        # "should my projects go on github" (more at 0.42): a question of its own, searched.
        return Plan("search", refuse_if_nothing=False)
    if intent == MORE_INTENT:
        return Plan("more")
    if intent == SHORTER_INTENT:
        return Plan("shorter")
    if intent == ABOUT_INTENT and (reading.country or reading.city) and names_pay(reading.text):
        # "what does that pay in the us": figures for that place, whatever came before.
        return decide(state, dataclasses.replace(reading, intent="ask_salary"), intent_topics)
    if intent == ABOUT_INTENT and reading.names_topic_filter and aspect is None:
        # "which tools for that?" after what MLOps is: the tools, for what was just answered.
        return _follow_up(state, reading)
    if (
        intent == ABOUT_INTENT
        and state.last.get("kind") == "salary"
        and aspect is None
        and COMPARES.search(reading.text)
    ):
        # "how does that compare with bessand's numbers?": the figures again, for comparison
        # (the page named, if any, is kept to by the answer).
        return Plan("salary", country=state.country, level=state.level)
    specialised = state.specialisation or state.last.get("specialisation")
    # ("quels outils on utilise pour ça" after what MLOps is was asked of MLOps)
    on_mlops = state.topic == "mlops" or "mlops" in str(state.last.get("query") or "").lower()
    if (on_mlops or specialised) and ASKS_IF_SEPARATE_JOB.search(reading.text):
        # "c'est un métier à part ?" after what MLOps is: the MLOps engineer beside this job.
        if on_mlops or specialised == "mlops":
            return Plan("topic", intent="compare_role", parameters={"role": "mlops_engineer"})
        return Plan(
            "topic", intent="ask_specialisations", parameters={"specialisation": specialised}
        )
    if intent == ABOUT_INTENT and not state.last and state.topic is None:
        # A question "about the last answer" with no answer before it ("what does the cbt
        # nuggets guide say about getting started" at 0.35): the store is searched.
        return Plan("search", refuse_if_nothing=False)
    if intent == ABOUT_INTENT:
        return Plan("about", country=reading.country, level=reading.level)
    on_salary = state.topic == "salary"
    if intent == SOURCES_INTENT and ACCORDING_TO.search(reading.text):
        # "ok what do certs do for you then, according to your sources": the question is the
        # subject; the sources are named with the answer anyway.
        subject = ACCORDING_TO.sub(" ", reading.text)
        if (reading.country or reading.city) and not _asks_beyond_filters(
            dataclasses.replace(reading, rest=ACCORDING_TO.sub(" ", reading.rest))
        ):
            # "what do your sources say about germany at all": what they have for that place.
            return _follow_up(state, reading)
        earlier = reading.said_before.replace(reading.text, " ").strip()
        if earlier and _POINTS_BACK.search(subject) and question_words(earlier):
            # "here's a job ad: 'python, spark, aws…'. which of those do your sources say
            # matter?": what the sources say of what the message named before the question.
            said = " ".join(earlier.split())
            if len(values_named("skill_area", said)) > 1:
                return Plan("topic", intent="ask_skills", parameters={}, search_text=said)
            return Plan("search", refuse_if_nothing=False, search_text=said)
        if asks_content(subject):
            leaned = reading.runner_up if reading.runner_up in intent_topics else None
            if reading.names_topic_filter:
                # "according to your sources, is a phd worth it": the topic of what it names.
                return Plan("topic", intent=leaned, parameters=reading.topic_parameters())
            return Plan(
                "search",
                intent=leaned,
                parameters=reading.topic_parameters(),
                search_text=" ".join(subject.split()),
            )
    if (
        intent == SOURCES_INTENT
        and reading.doubts_scope
        and reading.confidence < PAY_OVERRIDE_BELOW
        and not (SPEAKS_OF_SOURCES.search(reading.text) or reading.about_career)
    ):
        # "cool. who won the super bowl this year" (the sources at 0.56, off topic next): no
        # word of where anything comes from, and nothing about the career.
        return Plan("out_of_scope")
    if (
        intent == SOURCES_INTENT
        and reading.study_route
        # ("are there online courses you'd trust" asks of courses, not of the last answer)
        and not _POINTS_BACK.search(reading.text)
    ):
        # "any free resources you'd recommend?": resources to learn from, not the bot's sources.
        return Plan("topic", intent="ask_education", parameters=reading.topic_parameters())
    if intent == SOURCES_INTENT and aspect in PAY_ASPECTS and _figures_before(state, aspect):
        # "what currency is that in, sorry not from there" after the UK figures (the sources at
        # 0.65): that aspect of the figures, not where they come from.
        return Plan("about", level=reading.level)
    if intent == SOURCES_INTENT and _asks_what_moves_pay(state, reading):
        # "does where you are in the uk change it much" after its figures (the sources at 0.61)
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if intent == SOURCES_INTENT:
        pointed = _has_sources(state) and bool(
            POINTS_AT_LAST_ANSWER.search(reading.text)
            or ASKS_BARE_SOURCE.match(reading.text)
            or POINTS_AT_LAST_ANSWER_FR.search(reading.text)
            # "based on what data tho" right after figures: the data behind them
            or (aspect == "basis" and _figures_before(state, aspect))
            # "which source is the french one" after France's and the US's figures
            or (bool(reading.country) and _figures_before(state, aspect))
        )
        if not pointed:
            return Plan("sources")
        return Plan("about", intent=SOURCES_INTENT, country=reading.country)
    if (
        intent == "ask_salary"
        and ASKS_WHAT_DRIVES_PAY.search(reading.text)
        and not (reading.country or reading.city or reading.level)
    ):
        # "what affects how much an ML engineer gets paid" read as the figures themselves.
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if intent == "ask_salary" and _place_without_pay(reading):
        # "ok whats the weather like in london this week": a place, no pay word, an unsure guess.
        return Plan("search", refuse_if_nothing=not reading.about_career)
    if intent == "ask_salary" and _no_sign_of_pay(reading):
        # "what should a good ML engineer CV show?" guessed as pay at 0.32: no pay word, place
        # or level says so; the store is searched, and if it has nothing, a question of where
        # to start ("what's the first thing I should learn") is answered by getting started.
        leaned = GETTING_STARTED_INTENT if ASKS_WHERE_TO_START.search(reading.text) else None
        home = _home_intent(reading)
        if home and not leaned:
            # "and for a general mle, which languages" (pay at 0.51): the languages.
            return Plan("topic", intent=home, parameters=reading.topic_parameters())
        return Plan("search", intent=leaned, parameters=reading.topic_parameters())
    if (
        intent == "ask_salary_factors"
        and reading.confidence < UNSURE_COMMAND
        and _no_sign_of_pay(reading)
        and not ASKS_WHAT_MOVES_PAY.search(reading.text)
        and not ASKS_WHY_PAY_VARIES.search(reading.text)
    ):
        # "what does the cbt nuggets guide say about getting started" (what drives pay at 0.4):
        # nothing of pay in it; the store is searched.
        return Plan("search", parameters=reading.topic_parameters())
    if (
        intent == "compare_role"
        and not (reading.role or state.role)
        and reading.confidence < UNSURE_COMMAND
        and not (COMPARES.search(reading.text) or DIFFERENCE.search(reading.text))
    ):
        # "do ml engineers have to care about bias or is that someone elses job" (a comparison
        # at 0.31 that names no other job): the question itself, searched.
        return Plan("search", refuse_if_nothing=False)
    if intent == "ask_salary":
        # A pay question is a fresh question: it keeps the place only when it narrows the last
        # pay answer by level ("what do seniors make?" right after France's figures); "how much
        # do they earn?" (or the Salaries button) asks for the overview again.
        country = (
            reading.country
            or (
                state.country
                if (on_salary and reading.level) or POINTS_AT_PLACE.search(reading.text)
                else None
            )
            or state.last.get("place")  # where the person said they are, just before
        )
        return Plan(
            "salary",
            country=country,
            city=reading.city,
            level=reading.level,
            parameters=reading.topic_parameters(),
        )
    held = _neighbour_role_held(reading)
    if held and _changes_career(reading) and not reading.about_another_job:
        # "3 years as a data scientist … what gaps should I fill to become an ML engineer?":
        # from a job the sources set beside this one, the comparison is what differs.
        return Plan("topic", intent="compare_role", parameters={"role": held})
    if (
        intent in intent_topics
        and intent != GETTING_STARTED_INTENT
        # "I'm 44, a nurse for 20 years. … Could I realistically become an ML engineer?"
        and (
            reading.background or reading.about_another_job or occupation_named(reading.said_before)
        )
        and _changes_career(reading)
        # "im a 2nd year cs student, what degree should i aim for": which studies, not how to
        # move in
        and not (intent == "ask_education" and ASKS_WHAT_TO_STUDY.search(reading.text))
    ) or (
        # "I'm 41, a maths teacher for 15 years. Thinking about retraining. Realistic?" (read
        # as a follow-up): who is asking was said around it ("how do i become a nurse" is not
        # a move into this career).
        intent in UNSURE_INTENTS
        and not (reading.names_a_filter or reading.about_another_job)
        and (reading.background or occupation_named(reading.said_before))
        and _changes_career(reading)
    ):
        # "je suis comptable, une reconversion c'est possible ?" read as the career path, "i'm
        # a nurse thinking about switching into ml" as the role: a person changing careers
        # asks how people move in from where they are.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    named_before = NAMES_A_NEIGHBOUR_ROLE.search(reading.said_before or "")
    if intent == "compare_role" and not reading.role and (reading.background or named_before):
        held = _neighbour_role_held(reading) or (
            NEIGHBOUR_ROLES[named_before.group(1).lower()] if named_before else None
        )
        if held:
            # "data scientist at a fintech… how is mle different from what i do": that job.
            return Plan("topic", intent="compare_role", parameters={"role": held})
        # "data analyst here… whats the difference between what i do and an mle": no page
        # sets that job beside this one; how people move in from it does.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    asks_what_it_is = intent in ABOUT_THE_JOB_INTENTS or (
        # "what does a mlops engineer do" read as a comparison, with nothing compared
        intent == "compare_role" and not COMPARES_TWO.search(reading.text)
    )
    if asks_what_it_is and reading.role in ROLES_THAT_SPECIALISE:
        # "what does an mlops engineer do day to day": the sources describe that job as a
        # specialisation of this one.
        parameters = {**reading.topic_parameters(), "role": None}
        parameters["specialisation"] = ROLES_THAT_SPECIALISE[reading.role]
        return Plan("topic", intent="ask_specialisations", parameters=parameters)
    if (
        reading.specialisation
        and not reading.skill_area  # ("mlops tooling" asks for the tools)
        and (
            (
                intent in ("ask_outlook", "ask_role", "ask_industries")
                and reading.confidence < UNSURE_SPECIALISATION_BELOW
            )
            or (
                intent in ("ask_outlook", "ask_role", "ask_industries", *UNSURE_INTENTS)
                and ASKS_IF_A_JOB_EXISTS.search(reading.text)
            )
        )
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "is there an ML job that's about images?" (the outlook at 0.51): that specialisation.
        return Plan("topic", intent="ask_specialisations", parameters=reading.topic_parameters())
    if (
        reading.skill_area == "languages"
        and not PROGRAMMING.search(reading.text)
        and intent in ("ask_outlook", "ask_role", "ask_industries", "ask_skills", *UNSURE_INTENTS)
        and ASKS_IF_A_JOB_EXISTS.search(reading.text)
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "i studied linguistics. is there an ML job that deals with language?" (the outlook at
        # 0.77): the one that works on human language, not programming languages.
        return Plan("topic", intent="ask_specialisations", parameters={"specialisation": "nlp"})
    if ASKS_MARKET_NUMBERS.search(reading.text) and not (
        names_pay(reading.text) or reading.about_another_job
    ):
        # "what's the growth rate in %" (out of scope at 0.9): the outlook, which says first
        # that the pages give no such number.
        return Plan("topic", intent="ask_outlook", parameters={})
    part_of_day = next((name for pattern, name in DAY_PARTS if pattern.search(reading.text)), None)
    if (
        part_of_day
        and state.topic == "typical_day"
        and intent not in intent_topics.keys() - {"ask_typical_day"}
        and not (reading.names_a_filter or names_pay(reading.text))
    ):
        # "et en fin de journée ?" after a typical day: that part of it, as the pages name it.
        return Plan(
            "search", intent="ask_typical_day", refuse_if_nothing=False, search_text=part_of_day
        )
    if ASKS_WHERE_TO_BEGIN.search(reading.text) and not (
        names_pay(reading.text) or reading.about_another_job
    ):
        # "par où commencer ?" (a follow-up at 0.35), "where do i even start": how to get in.
        return Plan("topic", intent=GETTING_STARTED_INTENT, parameters=reading.topic_parameters())
    if (
        (state.last.get("kind") == "salary" or state.topic in PAY_TOPICS)
        and ASKS_AGAIN.search(reading.text)
        and NAMES_FIGURES.search(reading.text)
        and not (reading.names_a_filter or reading.about_another_job)
    ):
        # "and remind me of the range itself" after what moves pay within it: the figures.
        return Plan("salary", country=state.country, level=state.level)
    if (
        state.last.get("kind") == "search"
        and state.last.get("query")
        and WEIGHS_THE_LAST_SUBJECT.search(reading.text)
        and not (reading.names_a_filter or names_pay(reading.text) or reading.about_another_job)
        # ("do side projects count" is how to get in, below)
        and not ASKS_ABOUT_PROJECTS.search(reading.text)
    ):
        # "do write-ups or dashboards count or only code" after what to put on github (out of
        # scope at 0.8): asked of that answer (or, if it says nothing on it, of its subject).
        return Plan("about")
    if (
        ASKS_WHAT_IS_MISSING.search(reading.text)
        and intent not in {"ask_skills", "ask_salary"}
        and reading.confidence < SURE_INTERVIEW_TOPIC
        and not (names_pay(reading.text) or reading.about_another_job)
    ):
        # "what would i be missing?" after a pasted background (the duties at 0.4): the skills
        # the job asks for, to set beside what the person has.
        return Plan("topic", intent="ask_skills", parameters=reading.topic_parameters())
    if (
        ASKS_WHO_THEY_WORK_WITH.search(reading.text)
        # ("who would i be working with" read as the workplace is ranked for who, too)
        and intent != "compare_role"
        # ("and who are all those meetings with": the fallback, sure of nothing, at 1.0)
        and (reading.confidence < SURE_INTERVIEW_TOPIC or intent in FREE_INTENTS)
        and not (reading.names_a_filter or names_pay(reading.text) or reading.about_another_job)
    ):
        # "et ils bossent avec qui en général ?" (a follow-up at 0.34), "who are those meetings
        # with": the workplace, ranked for who they work with whatever the language.
        return Plan("topic", intent="ask_workplace", parameters={}, search_text=WORKS_WITH)
    if (
        POINTS_INTO_LAST_LIST.search(reading.text)
        and state.last.get("kind") in ("topic", "search")
        and not (reading.names_a_filter or names_pay(reading.text))
    ):
        # "what does feature engineering in that list mean?", "whats the applied one in that
        # list": an item of the last answer, explained from the sources.
        return Plan("about")
    if (
        intent in intent_topics
        and reading.confidence < UNSURE_SWITCH_BELOW
        and state.last.get("kind") == "topic"
        and state.last.get("topic") != intent_topics[intent]
        and (
            intent_topics.get(reading.runner_up or "") == state.last.get("topic")
            # "which of those should i learn first" (skills at 0.49, about the answer next)
            or (reading.runner_up == ABOUT_INTENT and aspect is not None)
        )
        and not (reading.names_a_filter or reading.names_topic_filter or names_pay(reading.text))
    ):
        # "at the end of the day where do they deploy stuff to?" after a typical day (the duties
        # at 0.45, a typical day next): a doubt between a new topic and the one just answered
        # is read as a question about the answer just given.
        return Plan("about")
    if intent in intent_topics:
        return Plan("topic", intent=intent, parameters=reading.topic_parameters())
    if intent == "inform":
        plan = _follow_up(state, reading)
        if (
            plan.kind == "search"
            and not plan.refuse_if_nothing
            and not (reading.country or reading.city)  # "and the weather in toronto?"
            and reading.runner_up in intent_topics
        ):
            # Not a follow-up after all ("and what should i learn first" after pay figures):
            # the classifier's next guess names the topic.
            return Plan("topic", intent=reading.runner_up, parameters=reading.topic_parameters())
        return plan
    if intent == "out_of_scope":
        # A question about work or the field that the classifier has not learnt ("should I
        # practise leetcode?") is answered from the sources, or told what they don't cover.
        sure = reading.confidence >= SURE_OUT_OF_SCOPE
        if (sure and not reading.about_career) or reading.about_another_job:
            return Plan("out_of_scope")
        leaned = reading.runner_up if reading.runner_up in intent_topics else None
        close = reading.runner_up_confidence >= CLOSE_RUNNER_UP * reading.confidence
        if leaned and close and not sure and _names_topic(reading.text, intent_topics[leaned]):
            # "what's the career path" (out of scope 0.47, career path 0.35): a question that
            # names the topic of a close second guess is that topic ("what should my portfolio
            # look like", skills a close second, is searched: it names no skill).
            return Plan("topic", intent=leaned, parameters=reading.topic_parameters())
        if reading.names_topic_filter and not sure:
            # "et on peut se former en ligne sans repasser par la fac ?" (out of scope at 0.36):
            # a study route, skill or specialisation the gazetteer knows is the subject; "am i
            # screwed if i was bad at math in school" (a degree next): the maths it names.
            if reading.skill_area and leaned != "ask_skills":
                leaned = None
            return Plan("topic", intent=leaned, parameters=reading.topic_parameters())
        # Nothing found and the next guess a topic ("what's the top of the ladder look like",
        # the career path at 0.34): that topic rather than a refusal.
        return Plan(
            "search",
            intent=leaned if reading.about_career else None,
            refuse_if_nothing=not reading.about_career,
        )
    if (
        intent in {"nlu_fallback", "out_of_scope"}
        and reading.confidence < SURE_OUT_OF_SCOPE
        and state.last.get("kind") == "salary"
        and len(reading.text.split()) <= POINTED_QUESTION_WORDS
        and _POINTS_BACK.search(reading.text)
        and not (reading.names_a_filter or reading.about_another_job)
    ):
        # "where would that be" right after a figure: asked of the figures just shown.
        return Plan("about")
    if intent == "nlu_fallback":
        if (reading.country or reading.city or reading.level) and not _asks_beyond_filters(reading):
            return _follow_up(state, reading)  # "in nyc" after pay figures: a follow-up
        if reading.background and not _asks_beyond_filters(reading):
            # "i'm a data analyst rn if that matters": who is asking, for the current topic (or
            # how people move in from there).
            return _follow_up(state, reading)
        # "whats the weather like in barcelona this week": a place and no word about work.
        doubted = reading.doubts_scope or bool(reading.country or reading.city)
        names_subject = any(
            value for name, value in reading.topic_parameters().items() if name != "background"
        )
        # A doubt about scope weighs less than a skill the gazetteer knows, in a question.
        sure_of_subject = is_question(reading.text) and not (reading.country or reading.city)
        if names_subject and not reading.about_another_job and (sure_of_subject or not doubted):
            # "is R worth learning too?", "is sql worth it": the skill, tool or route it names
            # is the subject ("write me a sql query" is no question about it).
            guess = reading.runner_up if reading.runner_up in intent_topics else None
            home = _home_intent(reading)
            if home and guess not in (home, GETTING_STARTED_INTENT):
                # "is R fine instead or nah" (the workplace a second guess at 0.22): a skill's
                # own topic, not the guess.
                guess = None
            return Plan("topic", intent=guess, parameters=reading.topic_parameters())
        if not doubted and reading.runner_up in intent_topics:
            # "what kind of person is suited to it" (suitability 0.24, just under the
            # threshold): what the sources say on that topic rather than a gap.
            return Plan("search", intent=reading.runner_up, parameters=reading.topic_parameters())
        return Plan("search", refuse_if_nothing=doubted and not reading.about_career)
    return Plan("search")


# Words a filter-only follow-up is made of besides its place or level ("and the figures for
# Madrid?", "what about seniors then").
_FOLLOW_UP_WORDS = frozenset(
    {"figure", "figures", "number", "numbers", "range", "ranges", "real", "actual", "then"}
    | {"instead", "same", "over", "there", "here", "city", "country", "level", "people", "ones"}
    | {"pay", "salary", "salaries", "money", "earn", "make", "much", "rate", "rates", "stats"}
    | {"alors", "pour", "chiffres", "salaire", "combien", "compare", "compared", "like", "look"}
    | {"fine", "right", "well", "sure", "cool", "great", "nice", "hmm", "yes", "yeah", "ah", "ok"}
    | {"okay", "k", "so", "vs", "versus"}
    # "ok merci. and in france?": thanks said on the way
    | {"thanks", "thank", "thx", "ty", "cheers", "merci", "super", "parfait", "d'accord"}
    # "ok then france as a benchmark", "what about france, my partner is french", "roughly in
    # france then since i speak french": why that place, not another question
    | {"benchmark", "comparison", "since", "because", "speak", "partner", "wife", "husband"}
    | {"french", "roughly", "specifically", "approximately", "ballpark", "précisément"}
    | {"exactly", "precisely", "exactement", "plutôt", "environ"}
    # "and the low and high end", "what's the top end?": a part of the range shown
    | {"low", "high", "lowest", "highest", "end", "ends", "top", "bottom", "upper", "lower"}
    | {"max", "maximum", "min", "minimum", "bracket", "band"}
    # "what if he moved to the states", "and if i lived in lyon": the place is the filter.
    | {"moved", "move", "moves", "moving", "went", "lived", "relocated", "relocating", "worked"}
    | {"just", "generally", "general", "overall", "only", "also", "now", "please", "pls"}
    | {"specifically", "exactly", "precisely", "though", "instead", "too", "either", "about"}
    # "ugh ok france then": what a person sighs or mutters says nothing about the subject
    | MUTTERED
    | {"lol", "wait", "bon", "d'accord", "dac", "tant", "pis"}
    # "is canada covered at all?", "any data for germany?": whether the place has figures
    | {"cover", "covered", "covers", "covering", "include", "included", "includes", "data"}
    | {"info", "information", "anything", "any", "all"}
    # "what about in euros for france then": the currency the figures are wanted in
    | {"euros", "euro", "dollars", "dollar", "pounds", "pound", "sterling", "usd", "eur", "gbp"}
    | {"currency", "local"}
    # "the difference in percent between junior and senior in the us": the figures set side by side
    | {"difference", "percent", "percentage", "between", "gap", "scale", "basis"}
    # "and for a senior based in paris?"
    | {"based", "living", "located", "working", "live", "work", "someone", "person", "one"}
)


# What a question can ask of pay figures shown two answers ago ("c'est brut ou net ?").
BRIEFLY_KEPT_ASPECTS = frozenset({"tax", "bonus", "currency"})


def figures_kept(last: dict[str, Any], aspect: str | None) -> dict[str, Any] | None:
    """The pay figures that the ``last`` answer kept, for a question like ``aspect``, or None.

    Figures kept briefly (shown two answers ago) answer only ``BRIEFLY_KEPT_ASPECTS``.
    """
    pay = last.get("pay")
    if not pay or (pay.get("kept") == "briefly" and aspect not in BRIEFLY_KEPT_ASPECTS):
        return None
    return dict(pay)


def _gave_figures_too(state: State) -> bool:
    """True when the last reply gave pay figures beside its topic ("france pay and a degree?")."""
    pay = state.last.get("pay")
    return isinstance(pay, dict) and "kept" not in pay


def _figures_before(state: State, aspect: str | None) -> bool:
    """True when the last answer was pay figures, or kept them for a question like ``aspect``.

    A pay answer that named no source gave no figures ("nothing for Bangalore; my sources cover
    France, the UK and the US"): "the dollar figures then" asks for some.
    """
    gave_figures = state.last.get("kind") == "salary" and state.last.get("sources") != []
    return gave_figures or figures_kept(state.last, aspect) is not None


def _has_sources(state: State) -> bool:
    """True when the last answer has sources to point at (figures always do)."""
    return state.last.get("kind") == "salary" or bool(state.last.get("sources"))


def _neighbour_role_held(reading: Reading) -> str | None:
    """The neighbouring job the person says they hold, in the question or around it."""
    for text in (reading.text, reading.said_before):
        held = HOLDS_THE_ROLE.search(text)
        if held:
            return NEIGHBOUR_ROLES[held.group(3).lower()]
    return None


def _asks_cost(state: State, reading: Reading) -> bool:
    """True for "are they expensive?", "which is cheapest?" after a subject that has a price."""
    return (
        state.topic in COSTED_TOPICS
        and bool(ASKS_COST.search(reading.text))
        and not (names_pay(reading.text) or reading.names_a_filter)
    )


# Topics an age question ("too late at 45?") is guessed as when unsure.
AGE_MISREAD_AS = frozenset({"ask_role", "ask_suitability", "ask_outlook", "ask_career_path"})
# "is it too late", "am i too old": a question about age, whatever else the message names.
TOO_LATE = re.compile(r"\btoo (late|old)\b|\btrop (tard|vieux|vieille)\b", re.I)


def _names_only_the_last_answer(state: State, reading: Reading) -> bool:
    """True when what ``reading`` names is what the last composed answer was about, if any."""
    if state.last.get("kind") not in ("topic", "search"):
        return False
    if reading.country or reading.city or reading.level or reading.role:
        return False
    answered = {state.last.get("topic"), state.last.get("specialisation")} - {None}
    named = {reading.specialisation, reading.skill_area} - {None}
    return named <= answered


def _question_not_command(reading: Reading) -> bool:
    """True for a yes/no or wh- question of its own that the command lexicon does not read."""
    return (
        starts_as_question(reading.text)
        and command_intent(reading.text) is None
        and len(question_words(reading.text)) >= 2
    )


def _unsure_command(reading: Reading) -> bool:
    """True for "more" or "shorter" guessed at low confidence ("how long would that take")."""
    return reading.intent in (MORE_INTENT, SHORTER_INTENT) and reading.confidence < UNSURE_COMMAND


def _changes_career(reading: Reading) -> bool:
    """True when the person says they are changing careers, in the question or around it."""

    def says_so(text: str) -> bool:
        return bool(CHANGES_CAREER.search(text) or WANTS_TO_BECOME.search(text))

    if ASKS_IF_REALISTIC.search(reading.text) and (
        reading.background or occupation_named(reading.said_before)
    ):
        # "8 years a chemistry teacher … is ML engineering realistic for me?": a move in.
        return True

    # "…want to move into ml engineering. what should i focus on first?": where to start, for
    # them; "…what does a typical day look like?" keeps its own topic.
    return says_so(reading.text) or bool(
        ASKS_WHERE_TO_START.search(reading.text) and says_so(reading.said_before)
    )


def _pay_word_wins(intent: str, reading: Reading) -> bool:
    """True when a pay word makes an unsure reading a pay question.

    Also when the classifier calls it out of scope or a follow-up but the message names a place
    or a level ("what would I make starting out in the uk?"), unless it names another job.
    """
    if intent in ("ask_salary", "ask_salary_factors", "ask_about_answer"):
        return False
    if not names_pay(reading.text):
        return False
    if reading.country or reading.city or reading.level:
        # "ok and roughly what would i make starting out in the uk?" after another topic, or
        # "i live in toronto, what would an mle make here?" read as getting started.
        return not reading.about_another_job
    if intent in ("inform", "out_of_scope") and names_pay_strongly(reading.text):
        # "and what would i earn at the start", "what salary band is realistic" (out of scope
        # at 0.41): a pay word no other job claims
        sure_off_topic = intent == "out_of_scope" and reading.confidence >= SURE_OUT_OF_SCOPE
        return not reading.about_another_job and not sure_off_topic
    return intent not in ("out_of_scope", "inform") and reading.confidence < PAY_OVERRIDE_BELOW


# Words for the figures themselves (those of NAMES_FIGURES and a few more); "how much" alone
# counts only right after pay figures ("how much maths does a junior need" is no pay question).
_FIGURES_WORDS = re.compile(
    NAMES_FIGURES.pattern
    + r"|\b(bracket|band|ballpark|package|go(es)? up to|top out|tops out|max out|top end"
    + r"|upper end|going rate|midpoint|median|budget|percent|percentage)\b",
    re.I,
)


# "the top end", "the lowest": an end of the range, which is the seniors' or the juniors' figures.
_TOP_END = re.compile(
    r"\b(top|upper|high) end\b|\bhighest\b|\bthe max(imum)?\b|\btops? out\b|\bceiling\b"
    r"|\btop of (the|that|this) (range|scale|band)\b",
    re.I,
)
_BOTTOM_END = re.compile(
    r"\b(bottom|lower|low) end\b|\blowest\b|\bthe min(imum)?\b|\bstarting (pay|salar\w+)\b"
    r"|\bfloor\b|\bbottom of (the|that|this) (range|scale|band)\b",
    re.I,
)


_BOTH_ENDS = re.compile(r"\b(low|bottom|lower)\b.*\b(high|top|upper)\b|\b(high|top)\b.*\blow", re.I)


def _range_end_asked(text: str) -> str | None:
    """``senior`` for the top end of a range asked about, ``junior`` for its bottom, or None."""
    top, bottom = bool(_TOP_END.search(text)), bool(_BOTTOM_END.search(text))
    if top == bottom or _BOTH_ENDS.search(text):
        return None  # neither, or both ("and the low and high end": the whole range)
    return "senior" if top else "junior"


def _asks_figures_for_filter(state: State, reading: Reading, aspect: str | None) -> bool:
    """True for an unsure reading that asks for figures of a place or level."""
    if not (reading.country or reading.city or reading.level) or reading.about_another_job:
        return False
    if reading.intent in ("ask_salary", "ask_salary_factors"):
        return False
    unsure = reading.intent in UNSURE_INTENTS | {ABOUT_INTENT}
    # A place named with a word for the figures asks for figures however sure the classifier
    # is ("top end for senior ml engineers in the us", the career path at 0.69): pay is the only
    # thing the pages give by country.
    placed = bool(reading.country or reading.city)
    on_salary = state.topic == "salary" or state.last.get("kind") == "salary"
    # ... and so does a level right after figures ("what's the senior range nationally then",
    # the career path at 0.73)
    if not (unsure or placed or on_salary) and reading.confidence >= PAY_OVERRIDE_BELOW:
        return False
    if aspect in PAY_ASPECTS | SOURCE_ASPECTS and _figures_before(state, aspect):
        return False  # "is the uk figure gross?" about the figures shown
    if ASKS_WHY_PAY_VARIES.search(reading.text):
        return False  # "why is the uk range so wide?"
    if ASKS_IF_FACTOR_MATTERS.search(reading.text):
        return False
    return bool(
        _FIGURES_WORDS.search(reading.text) or (on_salary and ASKS_AMOUNT.search(reading.text))
    )


def _unsure_without_pay_words(reading: Reading) -> bool:
    """True for an unsure pay reading of a message with no word about pay or an amount."""
    return (
        reading.confidence < PAY_OVERRIDE_BELOW
        and not names_pay(reading.text)
        and not ASKS_AMOUNT.search(reading.text)
    )


def _no_sign_of_pay(reading: Reading) -> bool:
    """True for an unsure pay reading of a message that names no pay, place or level."""
    return (
        _unsure_without_pay_words(reading)
        and bool(reading.text)  # a button's payload ("/ask_salary") is not the person's words
        and not (reading.country or reading.city or reading.level)
    )


def _place_without_pay(reading: Reading) -> bool:
    """True for an unsure pay reading that names a place and a subject but no pay word."""
    return (
        _unsure_without_pay_words(reading)
        and not reading.about_career  # "what do ml engineers in san francisco take home"
        and bool(reading.country or reading.city)
        and _asks_beyond_filters(reading)
    )


# The follow-up words and their singulars ("figures" and "figure").
_FOLLOW_UP_FORMS = _FOLLOW_UP_WORDS | {word.rstrip("s") for word in _FOLLOW_UP_WORDS}


def _asks_beyond_filters(reading: Reading) -> bool:
    """True when a message with a place or level also asks about something else."""
    words = [w for w in re.findall(r"[\w'-]+", reading.rest.lower()) if w not in FRENCH_STOP_WORDS]
    return bool(question_words(" ".join(words)) - {w[:5] for w in _FOLLOW_UP_WORDS})


# "Are they worth it?", "is that really necessary?": a judgement on what was just answered.
_POINTS_BACK = re.compile(r"\b(they|them|those|these|it|that|this|one|ones)\b", re.I)
_JUDGEMENT_WORDS = frozenset(
    {"worth", "useful", "important", "necessary", "needed", "required", "mandatory", "essential"}
    | {"valuable", "relevant", "helpful", "enough", "hard", "difficult", "easy", "recognised"}
    | {"recognized", "respected", "legit", "good", "bad", "really", "actually", "still", "even"}
)


def _judges_the_last_topic(reading: Reading) -> bool:
    """True for a judgement on the last answer's subject that names nothing else."""
    words = set(content_words(reading.text.lower()))
    return (
        bool(_POINTS_BACK.search(reading.text))
        and bool(words & _JUDGEMENT_WORDS)
        and not words - _JUDGEMENT_WORDS - _FOLLOW_UP_FORMS
    )


def _names_something_else(reading: Reading) -> bool:
    """True when a message without a filter names more than follow-up words ("learn first")."""
    return bool(set(content_words(reading.rest.lower())) - _FOLLOW_UP_FORMS)


# What a documentation question is searched as: the words the pages use for it.
DOCS_SEARCH = "documentation: testing, code review, documentation, maintainability, documented"
# What an ethics question is searched as: the words the pages use for it.
ETHICS_SEARCH = "ethics: ensure fairness, reduce bias, follow ethical standards"


def _weighs_two_cities(reading: Reading) -> bool:
    """True for "is lyon less than paris?": two places of one country, their pay weighed."""
    return bool(
        reading.city
        and reading.places_named > 1
        and len(set(reading.countries)) == 1
        and WEIGHS_PAY.search(reading.text)
        and WEIGHED_AGAINST.search(reading.text)
    )


WEIGHED_AGAINST = re.compile(r"\b(than|vs\.?|versus|compared( to| with)?|or)\b", re.I)
# What "why would that matter" points at: the last answer's subject.
PRONOUNS = frozenset({"that", "it", "this", "they", "those", "these", "them"})
FILLERS = frozenset({"even", "really", "actually", "so", "all"})


def _follow_up(state: State, reading: Reading) -> Plan:
    """A message that only adds or changes a filter."""
    on_salary = state.topic == "salary"
    if state.topic == "salary_factors" and NAMES_A_PAY_FACTOR.search(reading.text):
        # "what about location, in the us" after which industries pay most: location as
        # what drives pay (the US figures are a click away).
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if (
        state.topic == "salary_factors"
        and reading.country
        and SECTORS_PAYING_MOST.search(str(state.last.get("query") or ""))
        and not _asks_beyond_filters(reading)
    ):
        # "and france, how does that look?" after which industries pay best in the us: the
        # sectors that pay most as the page with that country's figures tells them.
        return Plan("topic", intent="ask_salary_factors", parameters={}, country=reading.country)
    if (
        (reading.country or reading.city)
        and reading.names_topic_filter
        and not on_salary
        and not names_pay(reading.text)
    ):
        # "what about france, any online courses mentioned?" after the qualifications: the
        # courses, not France's pay.
        return Plan("topic", intent=None, parameters=reading.topic_parameters())
    if (
        reading.country
        and not reading.city
        and state.topic not in (None, *PAY_TOPICS)
        and state.last.get("kind") == "topic"
        and not _gave_figures_too(state)
        and not (reading.level or names_pay(reading.text) or _asks_beyond_filters(reading))
    ):
        # "and in the uk?" after a typical day, "what about for the uk" after whether a
        # master's is needed: that topic as the page for that country tells it (the pay is
        # one question away), not the country's pay unasked.
        return Plan("topic", intent=None, parameters={}, country=reading.country)
    if (reading.country or reading.city) and not _asks_beyond_filters(reading):
        level = reading.level or (state.level if on_salary else None)
        return Plan("salary", country=reading.country, city=reading.city, level=level)
    if reading.country or reading.city:
        # "and what about the weather in toronto": a place, but not a filter-only follow-up.
        return Plan("search", refuse_if_nothing=not reading.about_career)
    if (
        state.topic == "specialisations"
        and reading.skill_area == "languages"
        and not PROGRAMMING.search(reading.text)
    ):
        # "and language stuff?" after the kinds of ML engineer: the one that works on language.
        return Plan("topic", intent="ask_specialisations", parameters={"specialisation": "nlp"})
    if reading.names_topic_filter:
        # "which languages?" right after a salary answer is a new topic, not pay again.
        return Plan("topic", intent=None, parameters=reading.topic_parameters())
    if (
        names_pay(reading.text)
        and not (on_salary or reading.level)
        and not _names_something_else(
            dataclasses.replace(reading, rest=PAY_WORDS.sub(" ", reading.rest))
        )
    ):
        # "and pay?" after the tools: the figures (after a specialisation, that no page gives
        # its pay apart).
        kept: dict[str, str | None] = {"specialisation": state.specialisation}
        return Plan("salary", country=state.country, parameters=kept)
    named = next((intent for intent, words in TOPIC_WORDS if words.search(reading.text)), None)
    if named and not reading.level:
        # "ok and what about education" after the skills: that topic.
        return Plan("topic", intent=named, parameters={})
    if reading.level and not on_salary and _gave_figures_too(state):
        # "ok and seniors?" after juniors' pay in France and a degree, answered in one reply:
        # the figures, for that level (a pay record not merely kept from the reply before).
        return Plan("salary", country=state.last["pay"].get("country"), level=reading.level)
    if (
        reading.level
        and not on_salary
        and state.topic is not None
        and _POINTS_BACK.search(reading.text)
        and not names_pay(reading.text)
    ):
        # "is that for juniors too" after a typical day: no page tells that topic by level, and
        # the answer on it says so first (not pay, nor passages on juniors' pay).
        return Plan("topic", intent=None, parameters={})
    if reading.level and (on_salary or state.topic not in LEVEL_TOPICS):
        return Plan("salary", country=state.country if on_salary else None, level=reading.level)
    if reading.level and state.topic and not on_salary:
        return Plan("topic", intent=None, parameters={}, level=reading.level)
    if on_salary and ASKS_WHY_PAY_VARIES.search(reading.text):
        # "why such a big range?", "what pushes pay up" after pay figures: what drives pay.
        return Plan("topic", intent="ask_salary_factors", parameters={})
    if on_salary and not reading.level and _names_something_else(reading):
        # "and what should i learn first" after pay figures names no filter: a new question.
        return Plan("search", refuse_if_nothing=reading.doubts_scope and not reading.about_career)
    if on_salary:
        return Plan("salary", country=state.country, level=reading.level or state.level)
    if state.last.get("kind") in ("topic", "search") and WHAT_ABOUT.search(reading.text):
        # "what about for games" after whether they use C++: asked of that answer, so a
        # subject no page names is said to be missing from it, not refused as off-topic.
        return Plan("about")
    return Plan("search")


def _asks_what_moves_pay(state: State, reading: Reading) -> bool:
    """True for a question about what drives pay rather than for figures.

    "does location matter much for ml salaries in the us", "does where i live change that
    much?" after figures, and "does that go up a lot after a few years?" after figures (read as
    the career path): what moves pay, experience among it.
    """
    factor_matters = bool(ASKS_IF_FACTOR_MATTERS.search(reading.text)) and (
        reading.intent in ("ask_salary", "ask_salary_factors")
        # "does it depend where in the country you are" after figures (the sources at 0.75)
        or (
            state.topic in PAY_TOPICS
            and reading.intent in UNSURE_INTENTS | {ABOUT_INTENT, SOURCES_INTENT}
        )
    )
    pay_grows = (
        state.topic == "salary"
        and bool(ASKS_PAY_GROWTH.search(reading.text))
        and not (reading.country or reading.city)
    )
    # "how do i push it higher" right after figures (out of scope at 0.44)
    # ... and "what else moves you up or down inside that range" (a question about the last
    # answer at 0.64), "so what decides where you land in it" (the sources at 0.87)
    raising = (
        (state.topic in PAY_TOPICS or state.last.get("kind") == "salary")
        and reading.intent in UNSURE_INTENTS | {ABOUT_INTENT, SOURCES_INTENT}
        and bool(ASKS_WHAT_DRIVES_PAY.search(reading.text))
        and not (reading.about_another_job or reading.names_a_filter)
    )
    # "what perks could i negotiate then" (the career path at 0.54): the page that says what to
    # negotiate is on what drives pay
    negotiates = (
        bool(NEGOTIATES.search(reading.text))
        and reading.intent not in ("ask_salary", ABOUT_INTENT)
        # ("and if they come back with a lowball number?": a follow-up at 0.99)
        and (reading.confidence < SURE_INTERVIEW_TOPIC or reading.intent in UNSURE_INTENTS)
        and not reading.about_another_job
    )
    return factor_matters or pay_grows or raising or negotiates


def _names_topic(text: str, topic: str) -> bool:
    """True when ``text`` names ``topic`` in its own words ("career path" for career_path)."""
    return {part[:5] for part in topic.split("_")} <= text_stems(text)


# The intent a named filter belongs to, when nothing else says what is asked.
PARAMETER_INTENTS = (
    ("skill_area", "ask_skills"),
    ("study_route", "ask_education"),
    ("specialisation", "ask_specialisations"),
)
# Below this, a duties or skills guess for a question about interviews is searched instead.
SURE_INTERVIEW_TOPIC = 0.9


def _home_intent(reading: Reading) -> str | None:
    parameters = reading.topic_parameters()
    return next((intent for name, intent in PARAMETER_INTENTS if parameters.get(name)), None)


def _refines_pay(state: State, reading: Reading) -> bool:
    """True for a message that only sets a place or level for the pay just discussed.

    "what about the senior ones over there" opens as a follow-up and asks nothing else; "ok then
    france, it's next door" names a place in passing and asks no question of its own.
    """
    if state.topic != "salary" or reading.about_another_job or reading.names_topic_filter:
        return False
    if not (reading.country or reading.city or reading.level):
        return False
    if reading.intent in (MORE_INTENT, SHORTER_INTENT, SOURCES_INTENT, CAPABILITIES_INTENT):
        return False
    if reading.intent == ABOUT_INTENT or names_pay(reading.text):
        return False  # the pay rules read those themselves
    if (reading.country or reading.city) and HIRES_THERE.search(reading.text):
        # "and if we went remote and hired someone in the uk instead?" after a budget
        return True
    if reading.level and MOVES_UP_TO_LEVEL.search(reading.text):
        # "and if i move up to senior there" (the career path at 0.9) after mid-level pay
        return True
    if OPENS_AS_FOLLOW_UP.search(reading.text) and not _asks_beyond_filters(reading):
        return reading.confidence < SURE_OF_ANOTHER_TOPIC or reading.intent in UNSURE_INTENTS
    if (
        OPENS_AS_FOLLOW_UP.search(reading.text)
        and (reading.country or reading.city)
        and reading.intent not in UNSURE_INTENTS
        and reading.confidence < SURE_OF_ANOTHER_TOPIC
    ):
        # "what about in the uk then, for someone like me with no industry experience" (getting
        # started at 0.65) after a country without figures: the pay there.
        return True
    return (
        bool(reading.country or reading.city)
        and reading.intent in UNSURE_INTENTS
        and not is_question(reading.text)
        # "ok thx. whats the capital of australia" after pay figures asks of the place itself
        and not (reading.intent == "out_of_scope" and _asks_beyond_filters(reading))
    )


# "once i get to senior", "if i'm promoted to lead": reaching a level, whose pay follows pay.
MOVES_UP_TO_LEVEL = re.compile(
    r"\b(move|moving|step|stepping|get|getting|go|going|make it|promoted|climb\w*|jump\w*)"
    r"( up)? (to|into) (a |an )?(senior|mid|mid-level|lead|junior|principal|staff|expert)\b",
    re.I,
)
# "is there an ML job about images?", "are there roles that only do text": a kind of this job.
ASKS_IF_A_JOB_EXISTS = re.compile(
    r"\b(is there|are there|do they have) (an? |any |some )?(\w+ ){0,2}(jobs?|roles?|kinds?|types?"
    r"|versions?|branch(es)?|specialisms?|specialisations?|specializations?|positions?)\b",
    re.I,
)
# "what gcses / a levels matter", "quel bac": school exams, which no page names.
NAMES_SCHOOL_EXAMS = re.compile(
    r"\b(gcses?|a[- ]levels?|igcses?|baccalaur\w*|school subjects?)\b",
    re.I,
)
# "what skills from the army would transfer", "does my experience carry over".
ASKS_WHAT_CARRIES_OVER = re.compile(
    r"\b(transfer|transfers|transferable|transferrable|carry over|carries over)\b",
    re.I,
)
# What a question about what carries over is ranked for among the ways in.
CARRIES_OVER = "people from other fields transition well when they prove analytical impact"
# "do they have to present a lot? i'm shy": how much of the job is facing people.
ASKS_ABOUT_FACING_PEOPLE = re.compile(
    r"\b(shy|introvert\w*|present(ing)? to|presentations?|public speaking|people person"
    r"|talk(ing)? to (people|clients|stakeholders|customers))\b",
    re.I,
)
# "is it a bad idea for me", "would i be a good fit": whether the job suits the person.
WEIGHS_IF_IT_SUITS = re.compile(
    r"\b(bad|good|smart|dumb) idea\b|\bsuits?\b|\b(good |right )?fit\b|\bright for me\b"
    r"|\bcut out\b",
    re.I,
)
# What a question about facing people is ranked for among the people skills.
FACING_PEOPLE_SEARCH = "explain findings in plain language, stakeholder interaction, communication"
# "what about for games", "and for startups?": the last answer, asked of something else.
WHAT_ABOUT = re.compile(
    r"(?i:^\W*(and |so |ok )?(what|how) about\b|^\W*and (for|in|with|at)\b)"
    # "and DeepMind in London?": a name, capitalised
    r"|^\W*[Aa]nd [A-Z]\w+\b"
)
# What "after that what do i learn" is ranked for among the steps to get started.
WHAT_TO_LEARN = "what to learn next: learning skills, models, programming, maths"
# "whats the closest thing you have", "anything nearby?": the nearest the pages come.
ASKS_FOR_THE_NEAREST = re.compile(
    r"\b(closest|nearest|next best|anything (close|similar|nearby)|whatever you (have|got)"
    r"|what (do|can) you (have|give me|offer)|what have you got"
    # "roughly though? just a ballpark": no page gives one; the figures they do give
    r"|roughly|ballpark|ball park|rough (idea|guess|figure|number)|best guess)\b",
    re.I,
)
# "does that change when you get more senior", "is it different for juniors": the last answer,
# asked of a level.
CHANGES_WITH_LEVEL = re.compile(
    r"\b(that|it|this|things?)\b[^?]{0,20}\b(change|changes|different|differ|same)\b", re.I
)
UNSURE_LEVEL_FOLLOW_UP_BELOW = 0.8
FOLLOW_ON_WORDS = 16
# "…when i do", "do write-ups count": a question that can only lean on the answer just given.
LEANS_ON_THE_LAST = re.compile(
    r"\bwhen (i|you|we|they) do\b|\b(do|does|would|will) [\w' -]{1,30} (count|matter)\b", re.I
)
# Topics after which "is it hard" asks about the career itself.
HARD_ASKED_OF = frozenset(
    {None, "role", "duties", "typical_day", "suitability", "outlook", "education"}
    | {"getting_started", "career_path"}
)
# Below this, a question about the job that names a specialisation asks about that one.
UNSURE_SPECIALISATION_BELOW = 0.6
# Below this, a topic guess whose runner-up is the topic just answered stays on that answer.
UNSURE_SWITCH_BELOW = 0.5
# Below this, a question about the job that asks whether it lasts is about the outlook.
UNSURE_ABOUT_LASTING_BELOW = 0.75
# A topic guess this sure keeps its topic, whatever filter the message opens with.
SURE_OF_ANOTHER_TOPIC = 0.8


def _pay_follow_up(state: State, reading: Reading) -> Plan:
    """The pay question again with the place or level ``reading`` sets."""
    country = reading.country or (None if reading.city else state.country)
    return Plan("salary", country=country, city=reading.city, level=reading.level or state.level)


# A word this rare in English names a subject of its own ("github" 3.2, "kaggle" 1.7), never a
# way of asking for more.
RARE_SUBJECT_ZIPF = 3.5


def _names_rare_subject(reading: Reading) -> bool:
    """True when the message names a rare word of its own (no command is made of one)."""
    from wordfreq import zipf_frequency

    return any(
        max(zipf_frequency(word, "en"), zipf_frequency(word, "fr")) < RARE_SUBJECT_ZIPF
        for word in content_words(reading.rest or reading.text)
        if len(word) > 3 and word not in _FOLLOW_UP_FORMS and word not in COMMAND_WORDS
    )


# Rare words that do ask for more or less of the last answer.
COMMAND_WORDS = frozenset(
    {"tldr", "tl;dr", "moar", "condense", "nutshell", "shorten", "summarise", "summarize"}
    | {"elaborate", "expand", "gist", "recap"}
)
