"""Continue or condense the last answer: "tell me more" and "shorter".

"More" composes again from the same candidates, leaving out what was already shown, so it
continues where the answer stopped; when nothing is left it says so. "Shorter" keeps the one or
two best sentences of the same answer.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.formatting import and_list, composed_lines, period_phrase, salary_lines, source_names
from actions.salary import SalaryQuestion, answer_salary
from actions.store import run_in_session, run_query
from actions.topics import TOPIC_NAMES, remembered, topic_candidates
from gazetteer.countries import country_name
from gazetteer.levels import WORD_NUMBERS
from knowledge import query
from knowledge.compose import Composition, compose, condensed_lists, list_start_key, units_of
from knowledge.query import PassageHit, Salary

SHORT_BUDGET = 320
# What "more" after pay figures looks for: what moves pay within a range.
FIGURES_CONTEXT = "where someone lands in the salary range depends on location experience sector"
FIGURES_CONTEXT_BUDGET = 500
SHORT_UNITS = 2


def _candidates(session: Session, last: dict[str, Any]) -> list[PassageHit]:
    if last.get("kind") == "topic" and last.get("topic"):
        return topic_candidates(session, last["topic"], last.get("specialisation"))
    return query.search(session, last.get("query") or "", limit=12)


def _subject(last: dict[str, Any]) -> str:
    return last.get("subject") or TOPIC_NAMES.get(last.get("topic") or "", "that")


async def answer_more(dispatcher: CollectingDispatcher, last: dict[str, Any]) -> list[EventType]:
    """Continue the last answer with what it left out."""
    kind = last.get("kind")
    if kind == "salary":
        return await _more_on_figures(dispatcher, last)
    if kind not in ("topic", "search"):
        dispatcher.utter_message(response="utter_nothing_to_continue")
        return []
    hits = await run_in_session(lambda session: _candidates(session, last))
    shown = list(last.get("shown") or [])
    composition = compose(
        hits, last.get("query") or "", last.get("topic"), exclude=shown, continuing=True
    )
    specialisation = last.get("specialisation")
    if not composition.units and specialisation:
        # "tell me more about that" after MLOps: its own passages are spent, but other pages
        # speak of MLOps too (its tools, the tasks that involve it).
        name = specialisation.replace("_", " ")
        naming = await run_query(query.search_naming, name, limit=12)
        composition = compose(naming, name, None, exclude=shown)
    if not composition.units:
        dispatcher.utter_message(response="utter_no_more", subject=_subject(last))
        return []
    dispatcher.utter_message(
        response="utter_answer_more",
        subject=_subject(last),
        passages=composed_lines(composition.units),
        sources=source_names(composition.sources),
    )
    record = {
        **last,
        "shown": shown + [u.key for u in composition.units],
        "left": list(composition.left_out[:40]),
        "continued": True,
    }
    return [SlotSet(slots.LAST_ANSWER, record)]


async def _more_on_figures(
    dispatcher: CollectingDispatcher, last: dict[str, Any]
) -> list[EventType]:
    """After pay figures, "more" is what the sources say moves pay within them.

    The figures themselves were all shown; "give me a bit more context on that figure" wants
    what places someone low or high in the range, and a second "more" continues with the rest.
    """
    shown = list(last.get("shown") or [])
    hits = await run_in_session(lambda session: topic_candidates(session, "salary_factors", None))
    composition = compose(
        hits, FIGURES_CONTEXT, "salary_factors", budget=FIGURES_CONTEXT_BUDGET, exclude=shown
    )
    if not composition.units:
        dispatcher.utter_message(response="utter_salary_all_shown")
        return []
    dispatcher.utter_message(
        response="utter_salary_context",
        passages=composed_lines(composition.units),
        **_figures_shown(last),
    )
    record = {**last, "shown": shown + [u.key for u in composition.units]}
    return [SlotSet(slots.LAST_ANSWER, record)]


def _figures_shown(last: dict[str, Any]) -> dict[str, str]:
    """Whose figures the last answer gave, and where: "go on" after them names both again."""
    sources = [str(label) for label in last.get("sources") or []]
    whose = f"{and_list(sources)} give{'s' if len(sources) == 1 else ''}" if sources else ""
    country = last.get("country")
    return {
        "whose": whose or "my sources give",
        "place": country_name(country, in_sentence=True) if country else "the countries they cover",
    }


# "give me 3 bullet points", "in two sentences": the number of points asked for.
POINTS_WANTED = re.compile(
    # ("in 2-3 lines": the fewer)
    r"(?P<under>\b(under|less than|fewer than|below|moins de)\s+)?"
    r"\b(?P<count>\d|two|three|four|five|deux|trois)(?:\s*(?:-|–|or|to|ou)\s*(?:\d|two|three|four|five"
    r"|deux|trois))?\s+(?P<unit>bullet\s*points?|bullets|points|lines|sentences"
    r"|things|key points|phrases)\b",
    re.I,
)
_NUMBERS = {**WORD_NUMBERS, **{str(n): n for n in range(1, 10)}, "deux": 2, "trois": 3}
MAX_POINTS = 5
POINT_BUDGET = 260
"""Characters each point past two adds: a point is a sentence of the answer, not a paragraph."""
LINE_BUDGET = 130
"""Characters per line asked for ("in 3 lines"): a line on a screen, not a bullet point."""
# Counted in lines as read on a screen, or in sentences, not in points of the answer ("sum it
# up in like 3 sentences": three sentences, not three paragraphs).
_LINES = re.compile(r"^(lines|phrases|sentences)$", re.I)


# "in one line", "résume en une phrase": one sentence, however short the last answer already was.
ONE_SENTENCE = re.compile(
    r"\b(one|a|1|single) (line|sentence)\b|\bune (seule )?(phrase|ligne)\b|\bone[- ]liner\b", re.I
)


# "just the names, no descriptions": a list's names in one line, where the page gives one.
NAMES_ONLY = re.compile(
    r"\b(just|only) the (names|titles)\b|\b(names|titles) only\b|\bno descriptions?\b"
    r"|\bwithout (the )?descriptions?\b",
    re.I,
)


def _names_lines(hits: list[PassageHit]) -> list[str]:
    """The keys of the lines that sum a list up by its items' names."""
    return [unit.key for unit in condensed_lists(units_of(hits)) if not unit.members]


async def answer_shorter(
    dispatcher: CollectingDispatcher, last: dict[str, Any], text: str = ""
) -> list[EventType]:
    """The last answer in one or two sentences (one when ``text`` asks for one line)."""
    single = bool(ONE_SENTENCE.search(text))
    counted = POINTS_WANTED.search(text)
    # "too long, give me 3 bullet points": that many of its best sentences.
    wanted = min(_NUMBERS.get(counted.group("count").lower(), 0), MAX_POINTS) if counted else 0
    if counted and counted.group("under"):
        wanted = max(1, wanted - 1)  # "in under 4 lines": three at most
    in_lines = bool(counted and _LINES.match(counted.group("unit")))
    kind = last.get("kind")
    if kind == "salary":
        return await _shorter_salary(dispatcher, last)
    if kind not in ("topic", "search"):
        dispatcher.utter_message(response="utter_nothing_to_continue")
        return []
    hits = await run_in_session(lambda session: _candidates(session, last))

    def condensed(only: list[str] | None) -> Composition:
        return compose(
            hits,
            last.get("query") or "",
            last.get("topic"),
            # "even shorter": an answer already in short comes down to one shorter sentence.
            budget=(
                max(SHORT_BUDGET, LINE_BUDGET * wanted)
                if in_lines and wanted > SHORT_UNITS
                # two points are a short answer's two sentences; each point past two adds one
                else SHORT_BUDGET + POINT_BUDGET * (wanted - SHORT_UNITS)
                if wanted > SHORT_UNITS
                else SHORT_BUDGET // 2
                if last.get("short")
                else SHORT_BUDGET
            ),
            max_units=wanted or (1 if last.get("short") or single else SHORT_UNITS),
            only=only,
        )

    # The best of what the answer said, when a sentence of it fits ("tl;dr" after the duties:
    # Bessand's one-sentence list of tasks, not an item torn from a list it quoted whole).
    # After "more" the person has read the topic at length: its best sentences, as they come.
    keep_to_shown = last.get("shown") and not last.get("continued")
    composition = None
    if NAMES_ONLY.search(text) and (names := _names_lines(hits)):
        composition = condensed(names)
    elif keep_to_shown:
        composition = condensed(_shown_or_their_starts(last["shown"]))
    if composition is None or not composition.units:
        composition = condensed(None)
    if not composition.units:
        dispatcher.utter_message(response="utter_nothing_to_continue")
        return []
    dispatcher.utter_message(
        response="utter_answer_shorter", passages=composed_lines(composition.units)
    )
    record = remembered(
        kind,
        composition,
        topic=last.get("topic"),
        query=last.get("query"),
        specialisation=last.get("specialisation"),
        short=True,
    )
    return [SlotSet(slots.LAST_ANSWER, record)]


def _shown_or_their_starts(shown: list[str]) -> list[str]:
    """The units shown, and the first items of each list shown whole (a shorter line of it).

    "shorter" after a typical day quoted as one long list: its first items ("Morning: …;
    Midday: …") rather than a lesser sentence that happened to be short.
    """
    return [*shown, *(start for key in shown if (start := list_start_key(key)))]


async def _shorter_salary(
    dispatcher: CollectingDispatcher, last: dict[str, Any]
) -> list[EventType]:
    country, level = last.get("country"), last.get("level")
    if country is None:
        # The overview, one line per country and source: its lowest figure to its highest.
        return await answer_salary(
            dispatcher, SalaryQuestion(None, level, compact=True, currency=last.get("currency"))
        )

    def fetch(session: Session) -> list[Salary]:
        return query.salaries(session, country=country, level=level, limit=query.FIGURES_READ)

    facts = await run_in_session(fetch)
    if not facts:
        return await answer_salary(dispatcher, SalaryQuestion(country, level))
    dispatcher.utter_message(
        response="utter_salary_short",
        country_name=country_name(country, in_sentence=True),
        lines=salary_lines(facts[:4]),
        period_phrase=period_phrase(facts[:4]),
        sources=source_names(facts[:4]),
    )
    return []
