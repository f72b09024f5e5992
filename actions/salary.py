"""Salary answers: ranges per level with currency and source, per country or for all."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.entities import entity_value
from actions.formatting import LEVEL_NAMES, salary_lines, source_names
from actions.store import run_in_session
from gazetteer.countries import country_name
from knowledge import query
from knowledge.query import Salary

# One message stays readable, and small, however many documents the store holds.
MAX_FIGURES = 12
MAX_OVERVIEW_COUNTRIES = 6


def _level_phrase(level: str | None) -> str:
    return f" ({LEVEL_NAMES[level].lower()})" if level else ""


def _country_buttons(codes: list[str]) -> list[dict[str, str]]:
    return [
        {"title": country_name(code), "payload": f'/ask_salary{{"country": "{code}"}}'}
        for code in codes
    ]


async def answer_salary(
    dispatcher: CollectingDispatcher, country: str | None, level: str | None
) -> list[EventType]:
    """Say what the store holds for ``country`` (ISO code) and ``level``; return slot events."""

    def fetch(session: Session) -> tuple[list[Salary], list[Salary], list[str]]:
        stated = query.salaries(session, country=country, level=level)
        unstated = query.salaries(session, level=level, unstated_country=True) if country else []
        return stated, unstated, query.salary_countries(session)

    stated, unstated, covered = await run_in_session(fetch)
    events: list[EventType] = [
        SlotSet(slots.TOPIC, "salary"),
        SlotSet(slots.COUNTRY, country),
        SlotSet(slots.LEVEL, level),
    ]
    if country is None:
        shown, other_countries = _overview_selection(stated)
        dispatcher.utter_message(
            response="utter_salary_overview",
            level_phrase=_level_phrase(level),
            lines=_lines_by_country(shown),
            sources=source_names(shown),
        )
        if other_countries:
            dispatcher.utter_message(
                response="utter_salary_more_countries",
                countries=", ".join(country_name(code) for code in other_countries),
            )
        _say_how_many_more(dispatcher, stated, shown, scope="")
        return events
    name = country_name(country, in_sentence=True)
    if not stated:
        dispatcher.utter_message(
            response="utter_salary_unknown_country",
            country_name=name,
            covered=", ".join(country_name(code) for code in covered),
            buttons=_country_buttons(covered),
        )
        return events
    shown = stated[:MAX_FIGURES]
    dispatcher.utter_message(
        response="utter_salary_country",
        country_name=name,
        level_phrase=_level_phrase(level),
        lines=salary_lines(shown),
        sources=source_names(shown),
    )
    _say_how_many_more(dispatcher, stated, shown, scope=f" for {name}")
    if level and all(s.level is None for s in stated):
        dispatcher.utter_message(
            response="utter_salary_no_level", source=source_names(stated), country_name=name
        )
    # Figures in the same currency whose source names no country may well be about this
    # country too (Bluecoders' euro figures beside Bessand's French ones): show them, flagged.
    currencies = {s.currency for s in stated}
    related = [s for s in unstated if s.currency in currencies][: max(0, MAX_FIGURES - len(shown))]
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
    return events


def _overview_selection(stated: list[Salary]) -> tuple[list[Salary], list[str]]:
    """The figures one overview shows (whole countries, in order) and the countries left out."""
    countries = list(dict.fromkeys(s.country for s in stated))
    kept = set(countries[:MAX_OVERVIEW_COUNTRIES])
    shown = [s for s in stated if s.country in kept][:MAX_FIGURES]
    shown_countries = {s.country for s in shown}
    return shown, [c for c in countries if c is not None and c not in shown_countries]


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
    for code, group in groups.items():
        heading = country_name(code) if code else f"Country not stated ({group[0].currency})"
        blocks.append(f"{heading}:\n{salary_lines(group)}")
    return "\n".join(blocks)


class ActionAnswerSalary(Action):
    """Runs for salary questions: figures per level for the asked country, or every country."""

    def name(self) -> str:
        return "action_answer_salary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        country = entity_value(tracker, "country")
        level = entity_value(tracker, "level")
        previous_topic = tracker.get_slot(slots.TOPIC)
        if country is None and level is not None and previous_topic == "salary":
            # "what do seniors make?" right after a country's figures: same country.
            country = tracker.get_slot(slots.COUNTRY)
        return await answer_salary(dispatcher, country, level)
