"""Salary answers: ranges per level with currency and source, per country or for all."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.asking import unspoken_of
from actions.aspects import ANY_SPECIALISATION
from actions.currency import (
    can_convert,
    converted,
    converted_lines,
    plural_currency,
    rates_date,
    wanted_currency,
)
from actions.formatting import (
    BULLET,
    LEVEL_NAMES,
    and_list,
    basis_lines,
    composed_lines,
    level_label,
    money,
    or_list,
    period_phrase,
    salary_lines,
    salary_range,
    source_names,
    specialisation_name,
)
from actions.scope import the_question_asked
from actions.store import run_in_session
from gazetteer.countries import areas_of, country_name, same_city
from knowledge import query
from knowledge.compose import compose
from knowledge.query import Salary
from knowledge.records import ML_ENGINEER

# One message stays readable, and small, however many documents the store holds.
MAX_FIGURES = 12
# The figures of one country fit this many characters (replies stay under 1,200 in all).
FIGURES_BUDGET = 760
# Beside other countries (a comparison), each country shows this many figures.
COMPARED_FIGURES = 3
MAX_OVERVIEW_COUNTRIES = 6
# What a page says about pay in a city without figures of its own: a sentence, found by search.
CITY_SEARCH_HITS = 8
CITY_BUDGET = 450

# What every pay figure is shown with, so never a gap of a pay answer.
SHOWN_WITH_EVERY_FIGURE = re.compile(r"currenc|devise|monnaie", re.I)


@dataclass(frozen=True)
class SalaryQuestion:
    """A pay question: where (country, and the city if one was named), which level."""

    country: str | None
    level: str | None = None
    city: str | None = None
    specialisation: str | None = None
    text: str = ""
    """The person's words less the place and level: "do they get paid overtime?" asks more."""
    compared: bool = False
    """True when the country is one of several compared: a few representative figures each."""
    source: str | None = None
    """The source the person asked about by name ("what does bluecoders say about pay")."""
    compact: bool = False
    """True when the answer shares a reply with others: the overview in a line per country."""
    currency: str | None = None
    """The currency the figures were asked in ("in dollars"), when not said in ``text``."""
    weighed_against_last: bool = False
    """True for "is lyon less?" after the country's figures, or "is lyon less than paris?": a
    comparison of cities asked, which no page makes."""


def _level_phrase(level: str | None, salaries: list[Salary]) -> str:
    """The level in the heading, only when the figures really are for that level."""
    if level and any(s.level == level for s in salaries):
        return f" ({LEVEL_NAMES[level].lower()})"
    return ""


def _country_buttons(codes: list[str]) -> list[dict[str, str]]:
    return [
        {"title": country_name(code), "payload": f'/ask_salary{{"country": "{code}"}}'}
        for code in codes
    ]


def salary_record(question: SalaryQuestion, shown: list[Salary]) -> dict[str, object]:
    """The ``last_answer`` record of a salary answer: what it covered, from which sources."""
    return {
        "kind": "salary",
        "country": question.country,
        "level": question.level,
        "city": question.city,
        "sources": list(dict.fromkeys(s.source.label for s in shown)),
        "source": question.source,  # the page asked about by name, kept by a follow-up
    }


async def answer_salary(
    dispatcher: CollectingDispatcher, question: SalaryQuestion
) -> list[EventType]:
    """Say what the store holds for the question's country and level; return slot events."""
    country, level = question.country, question.level

    def fetch(session: Session) -> tuple[list[Salary], list[Salary], list[str], str]:
        if country is None:
            return [], [], [], ""  # the overview reads its own, bounded, selection below
        # A city's own figures may sit anywhere among the country's: read them all then.
        read = None if question.city else query.FIGURES_READ
        stated = query.salaries(session, country=country, level=level, limit=read)
        if question.city:
            # The city's own figures first, then the country's figures that name no city.
            city = question.city
            own = [s for s in stated if s.city and same_city(s.city, city)]
            if own:
                return own + [s for s in stated if s.city is None], [], [], ""
        unstated = (
            query.salaries(session, level=level, unstated_country=True, limit=query.FIGURES_READ)
            if country
            else []
        )
        if question.source:
            stated = [s for s in stated if s.source.label == question.source] or stated
            unstated = [s for s in unstated if s.source.label == question.source]
        said = city_pay_sentences(session, question.city) if question.city and stated else ""
        return stated, unstated, query.salary_countries(session), said

    stated, unstated, covered, said_of_city = await run_in_session(fetch)
    events: list[EventType] = [
        SlotSet(slots.TOPIC, "salary"),
        SlotSet(slots.COUNTRY, country),
        SlotSet(slots.LEVEL, level),
    ]
    # "which specialisation pays best", "what does an mlops engineer earn": the reply on pay by
    # specialisation says itself what no page covers (one gap, not two).
    asks_for_gap = question.text and not question.specialisation
    # "namaste from kathmandu." is no subject the pages should cover
    subject = the_question_asked(question.text)
    unspoken = await unspoken_of(subject, [], "salary", "ask_salary") if asks_for_gap else []
    # "what currencies are the figures in": every figure below is shown in its own currency.
    unspoken = [word for word in unspoken if not SHOWN_WITH_EVERY_FIGURE.match(word)]
    if unspoken:
        # "do ML engineers get paid overtime?": the figures, after saying what no page covers.
        dispatcher.utter_message(
            response="utter_topic_gap", subject=", ".join(unspoken[:3]), topic_name="pay"
        )
    if question.specialisation == ANY_SPECIALISATION:
        dispatcher.utter_message(response="utter_salary_no_specialisation_ranking")
    elif question.specialisation:
        dispatcher.utter_message(
            response="utter_salary_no_specialisation",
            specialisation=specialisation_name(question.specialisation),
        )
    if country is None:
        overview = await run_in_session(lambda session: _overview(session, question))
        shown, other_countries = overview.shown, overview.other_countries
        currency = question.currency or wanted_currency(question.text)
        shown, elsewhere = _in_currency(shown, currency)
        asked = asked_period(question.text)
        if asked and not any(s.period == asked for s in shown):
            # "what are day rates like": none of the figures is a day rate, and that comes first.
            dispatcher.utter_message(
                response="utter_salary_no_period",
                period=PERIOD_NAMES[asked],
                country_name="any country",
            )
        # In a line per country and source, each naming its source: no list of sources after.
        dispatcher.utter_message(
            response="utter_salary_spans" if question.compact else "utter_salary_overview",
            level_phrase=_level_phrase(level, shown),
            period_phrase=period_phrase(shown),
            lines=_span_lines(shown) if question.compact else _lines_by_country(shown),
            sources=source_names(shown),
        )
        if elsewhere and not question.compact:
            dispatcher.utter_message(response="utter_salary_other_currencies", **elsewhere)
        if other_countries:
            dispatcher.utter_message(
                response="utter_salary_more_countries",
                countries=", ".join(country_name(code) for code in other_countries),
            )
        if overview.total > len(shown) and not elsewhere:
            dispatcher.utter_message(
                response="utter_salary_more", count=overview.total - len(shown), scope=""
            )
        record = salary_record(question, shown)
        if elsewhere:
            record["currency"] = currency  # "shorter" keeps to the figures in it
        events.append(SlotSet(slots.LAST_ANSWER, record))
        return events
    name = country_name(country, in_sentence=True)
    if not stated and unspoken:
        # "is there a gender pay gap?" after a country with no figures: the gap, then what the
        # sources do give, not that country's refusal once more.
        dispatcher.utter_message(
            response="utter_salary_countries",
            count=len(covered),
            countries=and_list([country_name(code) for code in covered]),
            buttons=_country_buttons(covered),
        )
        events.append(SlotSet(slots.LAST_ANSWER, salary_record(question, [])))
        return events
    if not stated:
        dispatcher.utter_message(
            response="utter_salary_unknown_country",
            country_name=f"{question.city} ({country_name(country)})" if question.city else name,
            covered=", ".join(country_name(code) for code in covered),
            buttons=_country_buttons(covered),
        )
        events.append(SlotSet(slots.LAST_ANSWER, salary_record(question, [])))
        return events
    city_has_figures = bool(question.city) and any(
        s.city and same_city(s.city, question.city or "") for s in stated
    )
    if question.city and not city_has_figures and question.weighed_against_last:
        # "is lyon less?" after France's figures: no page sets one city against another or
        # against the country, and the same figures again would not answer it.
        dispatcher.utter_message(
            response="utter_salary_city_not_compared", city=question.city, country_name=name
        )
        if said_of_city:
            dispatcher.utter_message(
                response="utter_salary_city_said", city=question.city, passages=said_of_city
            )
        events.append(SlotSet(slots.LAST_ANSWER, salary_record(question, within_budget(stated))))
        return events
    if question.city and not city_has_figures:
        dispatcher.utter_message(
            response="utter_salary_city", city=question.city, country_name=name
        )
    if said_of_city:
        # "and in new york?": no figures of its own, but a page says pay is higher there.
        dispatcher.utter_message(
            response="utter_salary_city_said", city=question.city, passages=said_of_city
        )
    asked = asked_period(question.text)
    if asked and any(s.period == asked for s in stated):
        # "day rates in the UK?": those first.
        stated = sorted(stated, key=lambda s: s.period != asked)
    elif asked:
        dispatcher.utter_message(
            response="utter_salary_no_period",
            period=PERIOD_NAMES[asked],
            country_name=name,
        )
    shown = representative(stated) if question.compared else within_budget(stated)
    lines = salary_lines(shown)
    basis = basis_lines(shown)
    dispatcher.utter_message(
        response="utter_salary_country",
        country_name=name,
        level_phrase=_level_phrase(level, shown),
        period_phrase=period_phrase(shown),
        lines=lines + (f"\n{basis}" if basis else ""),
        sources=source_names(shown),
    )
    if not question.compared:
        _say_how_many_more(dispatcher, stated, shown, scope=f" for {name}")
    if level and all(s.level is None for s in stated):
        dispatcher.utter_message(
            response="utter_salary_no_level",
            source=source_names(stated),
            country_name=name,
            level=LEVEL_NAMES[level].lower(),
        )
    # Figures in the same currency whose source names no country may well be about this
    # country too (Bluecoders' euro figures beside Bessand's French ones): show them, flagged.
    currencies = {s.currency for s in stated}
    related = [s for s in unstated if s.currency in currencies][: max(0, MAX_FIGURES - len(shown))]
    if question.compared:
        related = []  # a comparison keeps to the countries compared
    if related:
        dispatcher.utter_message(
            response="utter_salary_related",
            source=source_names(related),
            currency=related[0].currency,
            lines=salary_lines(related, with_source=False),
        )
        if _differ(stated, related):
            dispatcher.utter_message(
                response="utter_salary_sources_differ", sources=source_names(stated + related)
            )
    wanted = question.currency or wanted_currency(question.text)
    in_wanted = (
        converted_lines(shown + related, wanted) if wanted and not question.compared else None
    )
    if in_wanted:
        # "the pay in the us for freshers, in rupees": the figures shown, then the same converted.
        dispatcher.utter_message(
            response="utter_about_salary", lines="\n".join(in_wanted), related=""
        )
    events.append(SlotSet(slots.LAST_ANSWER, salary_record(question, shown + related)))
    return events


MAX_ROLE_PAIRS = 6


async def answer_none_covered(
    dispatcher: CollectingDispatcher, question: SalaryQuestion, countries: list[str]
) -> bool:
    """Say in one reply that no page gives figures for any of ``countries``; False if one does."""
    covered = await run_in_session(query.salary_countries)
    if set(countries) & set(covered):
        return False
    dispatcher.utter_message(
        response="utter_salary_unknown_country",
        country_name=or_list([country_name(code, in_sentence=True) for code in countries]),
        covered=", ".join(country_name(code) for code in covered),
        buttons=_country_buttons(covered),
    )
    return True


async def answer_role_pay(
    dispatcher: CollectingDispatcher,
    role: str,
    country: str | None,
    level: str | None,
) -> list[EventType] | None:
    """Pay a source gives for another role ("what do data scientists earn in the UK?").

    Each of that role's figures is labelled as that role and set beside the ML engineer's figure
    the same source gives for the same place, level and period, so the comparison is like for
    like; None when no source gives that role's pay (the caller says so).
    """

    def fetch(session: Session) -> tuple[list[Salary], list[Salary]]:
        read = query.FIGURES_READ
        theirs = query.salaries(session, country=country, level=level, role=role, limit=read)
        labels = {s.source.label for s in theirs}
        ours = query.salaries(session, country=country, level=level, limit=read) if theirs else []
        return theirs, [s for s in ours if s.source.label in labels]

    theirs, ours = await run_in_session(fetch)
    if not theirs:
        return None
    pairs = [(their, _counterpart(their, ours)) for their in theirs]
    # Like-for-like pairs first (they answer "who earns more"), then that role's other figures.
    pairs.sort(key=lambda pair: pair[1] is None)
    shown = pairs[:MAX_ROLE_PAIRS]
    say_year = any(s.period != "year" for pair in shown for s in pair if s is not None)
    name = role.replace("_", " ")
    lines = []
    for their, our in shown:
        place = ", ".join(
            part
            for part in (country_name(their.country) if their.country else "", their.city)
            if part
        )
        label = level_label(dataclasses.replace(their, role=ML_ENGINEER, city=None))
        head = (
            f"{BULLET} {their.source.label}"
            + (f", {place}" if place else "")
            + f", {label[0].lower()}{label[1:]}"
        )
        their_pay = f"{name} {salary_range(their, say_year=say_year)}"
        our_pay = f" · ML engineer {salary_range(our, say_year=say_year)}" if our else ""
        lines.append(f"{head}: {their_pay}{our_pay}")
    where = f" in {country_name(country, in_sentence=True)}" if country else ""
    dispatcher.utter_message(
        response="utter_role_salary",
        role=f"{name}s",
        where=where,
        lines="\n".join(lines),
    )
    if len(pairs) > len(shown):
        dispatcher.utter_message(
            response="utter_salary_more", count=len(pairs) - len(shown), scope=where
        )
    figures = [s for pair in shown for s in pair if s is not None]
    record = {**salary_record(SalaryQuestion(country, level), figures), "role": role}
    return [SlotSet(slots.TOPIC, "salary"), SlotSet(slots.LAST_ANSWER, record)]


def _counterpart(their: Salary, ours: list[Salary]) -> Salary | None:
    """The ML engineer's figure from the same source for the same place, level, years, period."""

    def key(salary: Salary) -> tuple:
        return (
            salary.source.label,
            salary.country,
            salary.city,
            salary.level,
            salary.years_min,
            salary.years_max,
            salary.period,
        )

    return next((our for our in ours if key(our) == key(their)), None)


async def answer_in_one_currency(
    dispatcher: CollectingDispatcher, countries: list[str], level: str | None
) -> list[EventType]:
    """After figures for several countries in different currencies, the same in one currency.

    The later countries' figures are converted into the first one's currency at a stated ECB
    reference rate.
    """

    def fetch(session: Session) -> list[list[Salary]]:
        return [
            representative(
                query.salaries(session, country=c, level=level, limit=query.FIGURES_READ)
            )
            for c in countries
        ]

    groups = [group for group in await run_in_session(fetch) if group]
    if len(groups) < 2:
        return []
    into = groups[0][0].currency
    # Each later country's figures that can be converted (a rate for both currencies).
    later = [
        [s for s in group if s.currency != into and can_convert(s.currency) and can_convert(into)]
        for group in groups[1:]
    ]
    others = [s for group in later for s in group]
    if not others:
        return []
    on = rates_date({into, *(s.currency for s in others)})
    if len(groups) > 2:
        # Three countries or more: one line each, lowest to highest, to stay readable.
        lines = "\n".join(
            _span_line([converted(s, into, on) for s in group]) for group in later if group
        )
    else:
        lines = "\n".join(
            f"{BULLET} {country_name(s.country or '')}, {level_label(s)[0].lower()}"
            f"{level_label(s)[1:]}: ≈ {salary_range(converted(s, into, on))}"
            for s in others
        )
    dispatcher.utter_message(
        response="utter_salary_converted", currency=into, date=on.isoformat(), lines=lines
    )
    return []


SHORT_LEVEL_NAMES = {"junior": "junior", "mid": "mid-level", "senior": "senior"}


def _span_lines(salaries: list[Salary]) -> str:
    """The overview in one line per country and source: its lowest figure to its highest.

    A pay question among others ("what should he study, what does the job pay, and is it a
    safe career") gets the span of each source's figures, not every level of every one.
    """
    groups: dict[tuple[str | None, str], list[Salary]] = {}
    for salary in salaries:
        groups.setdefault((salary.country, salary.source.label), []).append(salary)
    lines = []
    for (code, _), group in groups.items():
        label = None if code else f"Country not stated ({group[0].currency})"
        # "gross" where the source says so of every figure the line spans (Bessand says it of
        # its junior range only, so its line says nothing either way).
        said = {s.gross for s in group}
        gross = ", gross" if said == {True} else ", net" if said == {False} else ""
        line = _span_line(group, label, approximate=False)
        lines.append(f"{line}{gross} — {source_names(group)}")
    return "\n".join(lines)


def _span_line(figures: list[Salary], label: str | None = None, approximate: bool = True) -> str:
    """One country's figures as one line: its lowest amount to its highest ("≈" if converted)."""
    country = label or country_name(figures[0].country or "")
    about = "≈ " if approximate else ""
    if len(figures) == 1:
        only = figures[0]
        return f"{BULLET} {country}, {level_label(only).lower()}: {about}{salary_range(only)}"

    def amounts(salary: Salary) -> list[int]:
        return [a for a in (salary.low, salary.value, salary.high) if a is not None]

    bottom = min(figures, key=lambda s: min(amounts(s)))
    top = max(figures, key=lambda s: max(amounts(s)))
    plus = "+" if top.open_ended else ""

    def level(salary: Salary) -> str:
        # (a span's ends name their level in one word: "€50,000 (junior) to €150,000+ (senior)")
        return SHORT_LEVEL_NAMES.get(salary.level or "", "all levels")

    currency = figures[0].currency
    return (
        f"{BULLET} {country}: {about}{money(min(amounts(bottom)), currency)} ({level(bottom)}) to "
        f"{money(max(amounts(top)), currency)}{plus} ({level(top)})"
    )


PERIOD_NAMES = {
    "day": "day rates",
    "hour": "hourly rates",
    "week": "weekly rates",
    "month": "monthly pay",
}
_ASKED_PERIODS = (
    ("day", re.compile(r"\b(day|daily) rates?\b|\bper day\b|\ba day\b|\bTJM\b", re.I)),
    ("hour", re.compile(r"\bhourly\b|\bper hour\b|\ban hour\b", re.I)),
    ("week", re.compile(r"\bweekly\b|\bper week\b", re.I)),
    ("month", re.compile(r"\bmonthly\b|\bper month\b|\ba month\b|\bpar mois\b", re.I)),
)


def asked_period(text: str) -> str | None:
    """The period a pay question asks for ("day rate" -> ``day``), or None (a salary)."""
    return next((period for period, pattern in _ASKED_PERIODS if pattern.search(text)), None)


def within_budget(stated: list[Salary], budget: int = FIGURES_BUDGET) -> list[Salary]:
    """The first figures whose lines fit ``budget`` characters (at most ``MAX_FIGURES``)."""
    shown: list[Salary] = []
    for salary in stated[:MAX_FIGURES]:
        if shown and len(salary_lines([*shown, salary])) > budget:
            break
        shown.append(salary)
    return shown


def representative(stated: list[Salary], count: int = COMPARED_FIGURES) -> list[Salary]:
    """A few figures that stand for a country: yearly pay, whole-country first, one per level."""
    ranked = sorted(
        stated,
        key=lambda s: (s.period != "year", s.city is not None, s.role != ML_ENGINEER),
    )
    chosen: list[Salary] = []
    for salary in ranked:
        if all(other.level != salary.level for other in chosen):
            chosen.append(salary)
    chosen += [s for s in ranked if s not in chosen]
    return sorted(chosen[:count], key=stated.index)


def city_pay_sentences(session: Session, city: str) -> str:
    """What the pages say about pay in ``city`` (one or two sentences), or ""."""
    for place in (city, *areas_of(city)):
        # "san francisco": no page names it, but one says pay is higher in Silicon Valley.
        naming = query.search_naming(session, place, also="salaries pay", limit=CITY_SEARCH_HITS)
        composition = compose(naming, f"{place} salaries", "salary_factors", budget=CITY_BUDGET)
        units = [unit for unit in composition.units if place.lower() in unit.text.lower()]
        if units:
            return composed_lines(units[:1])
    return ""


def _in_currency(
    shown: list[Salary], wanted: str | None
) -> tuple[list[Salary], dict[str, str] | None]:
    """The overview's figures in the currency the person asked for, when some are in it.

    "what do they make in dollars": the figures a page gives in dollars, and what to say of
    where the others are and how to see them converted (a country named, then "in dollars").
    """
    kept = [s for s in shown if s.currency == wanted]
    others = [s for s in shown if s.currency != wanted]
    if not (wanted and kept and others):
        return shown, None
    countries = dict.fromkeys(s.country for s in others if s.country)
    places = [country_name(code, in_sentence=True) for code in countries]
    return kept, {
        "currency": plural_currency(wanted),
        "currencies": and_list(list(dict.fromkeys(plural_currency(s.currency) for s in others))),
        "places": and_list(places) if places else "the other countries",
    }


def _overview(session: Session, question: SalaryQuestion) -> query.SalaryOverview:
    """The overview's figures: the named source's if it gives any, else every source's."""
    if question.source:
        own = query.salary_overview(
            session,
            level=question.level,
            source=question.source,
            max_countries=MAX_OVERVIEW_COUNTRIES,
            max_figures=MAX_FIGURES,
        )
        if own.total:
            return own
    return query.salary_overview(
        session,
        level=question.level,
        max_countries=MAX_OVERVIEW_COUNTRIES,
        max_figures=MAX_FIGURES,
    )


def _say_how_many_more(
    dispatcher: CollectingDispatcher, stated: list[Salary], shown: list[Salary], scope: str
) -> None:
    hidden = len(stated) - len(shown)
    if hidden > 0:
        dispatcher.utter_message(response="utter_salary_more", count=hidden, scope=scope)


def _differ(first: list[Salary], second: list[Salary]) -> bool:
    """True when two sources give different bounds for a level they both cover."""
    bounds = {s.level: (s.low, s.high) for s in first}
    return any(s.level in bounds and bounds[s.level] != (s.low, s.high) for s in second)


def _lines_by_country(salaries: list[Salary]) -> str:
    """Salary lines grouped under a heading per country (or 'country not stated')."""
    groups: dict[str | None, list[Salary]] = {}
    for salary in salaries:
        groups.setdefault(salary.country, []).append(salary)
    blocks = []
    say_year = period_phrase(salaries) == ""
    for code, group in groups.items():
        heading = country_name(code) if code else f"Country not stated ({group[0].currency})"
        blocks.append(f"{heading}:\n{salary_lines(group, say_year=say_year)}")
    return "\n".join(blocks)
