"""Questions about the last answer: "is that gross?", "where does that come from?", ...

Answered from what the last answer covered (the ``last_answer`` slot: its country, level and
sources for pay) and from what the store records about those figures (gross or net, the data
behind them, a midpoint). What the sources do not say is said plainly, with the nearest thing
they do say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.aspects import (
    ASKS_WHAT_A_MARK_MEANS,
    MENTIONS_PAY,
    SOURCE_ASPECTS,
    asks_content,
    aspect_of,
    subject_of_source_question,
)
from actions.currency import converted_lines, plural_currency, wanted_currency
from actions.fallback import answer_search
from actions.formatting import (
    CURRENCY_SIGNS,
    LEVEL_NAMES,
    YEARS,
    and_list,
    basis_of,
    composed_lines,
    level_label,
    money,
    salary_lines,
    salary_range,
    source_description,
)
from actions.sources import list_sources
from actions.store import run_in_session, run_query
from actions.topics import topic_candidates
from actions.wording import (
    ASKS_WHERE_PAID,
    ASKS_WHY_THAT_ONE,
    POINTS_INTO_LAST_LIST,
    WEIGHS_THE_LAST_SUBJECT,
)
from knowledge import query
from knowledge.compose import (
    Unit,
    compose,
    condensed_lists,
    document_frequencies,
    question_words,
    rank,
    text_stems,
    units_of,
    weighted_coverage,
)
from knowledge.query import PassageHit, Salary

# A sentence that puts one thing above the others: on pay ("pay the most"), on demand ("most
# in-demand"), or in general ("Python (priority)").
DEMAND_QUESTION = re.compile(r"\b(demand|hiring|sought|wanted|jobs)\b", re.I)
SINGLES_OUT_PAY = re.compile(r"\b(pay the most|best[- ]paid|highest[- ]paid)\b", re.I)
SINGLES_OUT_DEMAND = re.compile(r"\b(most in[- ]demand|in high demand)\b", re.I)
COMMON_QUESTION = re.compile(r"\b(common|usual|typical|popular|frequent|most people)\b", re.I)
SINGLES_OUT_COMMON = re.compile(
    r"\b(most (hold|have|use|work|start|begin|come)|most commonly|commonly|usually|typically"
    r"|the most common)\b",
    re.I,
)
SINGLES_OUT = re.compile(
    r"\b(priority|most important|above all|essential|the most valuable)\b", re.I
)
# "which of those should i do first", "where do i start": a step a page puts first.
ORDER_QUESTION = re.compile(r"\b(first|start with|begin with|to start|before anything)\b", re.I)
SINGLES_OUT_FIRST = re.compile(
    r"\bfirst[.,;:]|^first\b|\bfirst step\b|\b(start|begin) (with|by)\b", re.I
)


SINGLED_OUT_UNITS = 2


def _singling_cue(text: str) -> re.Pattern[str]:
    """What a sentence must say to single something out for this question."""
    if MENTIONS_PAY.search(text):
        return SINGLES_OUT_PAY
    if DEMAND_QUESTION.search(text):
        return SINGLES_OUT_DEMAND
    if COMMON_QUESTION.search(text):
        return SINGLES_OUT_COMMON  # "which of those is the most common?": "Most hold a …"
    if ORDER_QUESTION.search(text):
        return SINGLES_OUT_FIRST  # "which should i do first?": "Build the core … base first"
    return SINGLES_OUT


RELATED_SEARCH = {
    "judgement": "pay the most higher salaries",
    "bonus": "bonuses stock options package base salary",
    # ("hubs": the sentence that names where pay is higher, "Silicon Valley, New York")
    "breakdown": "location higher salaries hubs industry sector pay",
}


ABOUT_FIGURES = 24
QUOTED_FIGURES = 6
"""Per source, the figures a question about an overview looks at."""


def _figures_of(session: Session, last: dict[str, Any]) -> list[Salary]:
    """The salary facts the last answer showed (same country, level and sources)."""
    country, level = last.get("country"), last.get("level")
    sources = list(last.get("sources") or [])
    if not country:
        # After an overview: the shown sources' figures, read source by source (bounded).
        return [
            fact
            for label in sources
            for fact in query.salaries(session, level=level, source=label, limit=ABOUT_FIGURES)
        ]
    facts = query.salaries(session, country=country, level=level, limit=query.FIGURES_READ)
    facts += query.salaries(session, level=level, unstated_country=True, limit=query.FIGURES_READ)
    return [f for f in facts if not sources or f.source.label in set(sources)]


def _by_source(facts: list[Salary]) -> dict[str, list[Salary]]:
    """The facts grouped by source label, sources in the order they first appear."""
    grouped: dict[str, list[Salary]] = {}
    for fact in facts:
        grouped.setdefault(fact.source.label, []).append(fact)
    return grouped


def _tax_lines(facts: list[Salary], every_level: Sequence[Salary] = ()) -> list[str]:
    """Gross or net, per source, as each states it; ``every_level`` holds its other figures."""
    lines: list[str] = []
    silent: list[str] = []
    for label, own in _by_source(facts).items():
        stated = [f for f in own if f.gross is not None]
        if not stated:
            elsewhere = [f for f in every_level if f.source.label == label and f.gross is not None]
            if elsewhere:
                # Bessand calls its junior figure gross, not its mid-level one: say both.
                fact = elsewhere[0]
                kind = "gross (before tax)" if fact.gross else "net (after tax)"
                lines.append(
                    f"{label} does not say it of these figures; it calls only its "
                    f"{level_label(fact).lower()} figure {kind}: “{_short_quote(fact)}”."
                )
                continue
            silent.append(label)
            continue
        for fact in stated:
            kind = "gross (before tax)" if fact.gross else "net (after tax)"
            lines.append(
                f"{label} calls its {level_label(fact).lower()} figure {kind}: "
                f"“{_short_quote(fact)}”."
            )
        if len(stated) < len(own):
            lines.append(f"{label}'s other figures don't say.")
    if silent:
        scope = "it for the rest" if lines else "that"
        lines.append(
            f"My sources don't cover {scope}: {and_list(silent)} "
            f"{'does' if len(silent) == 1 else 'do'} not say whether the figures are gross or "
            "net, so I won't guess."
        )
    return lines


def _short_quote(fact: Salary) -> str:
    quote = fact.quote.strip()
    return quote if len(quote) <= 140 else quote[:140].rsplit(" ", 1)[0] + "…"


def _words_lines(facts: list[Salary]) -> list[str]:
    """Each figure shown in its source's own words: all the pages say with these figures."""
    # One line of a page often gives several levels' figures: it is quoted once.
    quotes = list(dict.fromkeys(f"• “{_short_quote(f)}” ({f.source.label})" for f in facts))
    quotes = quotes[:QUOTED_FIGURES]
    return ["Here is all my sources say with these figures, in their own words:", *quotes]


def _basis_lines(facts: list[Salary]) -> list[str]:
    lines = []
    unnamed: list[str] = []
    for label, own in _by_source(facts).items():
        basis = next((b for b in (basis_of(f) for f in own) if b), None)
        source = own[0].source
        details = [d for d in (source.author and f"by {source.author}", source.published) if d]
        when = f" ({', page dated '.join(details)})" if details else ""
        if basis:
            lines.append(f"{label}{when}: {basis}.")
        else:
            unnamed.append(label)
    if unnamed:
        which = "the other figures come" if lines else "these figures come"
        lines.append(
            f"My sources don't cover where {which} from: "
            + _they_say(unnamed, "names", "name", "no survey or data behind them.")
        )
    return lines


def _they_say(labels: list[str], singular: str, plural: str, rest: str) -> str:
    """Sources, a verb agreeing with them, the rest: "Bessand and Bluecoders name no…"."""
    return f"{and_list(labels)} {singular if len(labels) == 1 else plural} {rest}"


def _years_lines(facts: list[Salary]) -> list[str]:
    """What each source's levels mean in years of experience, where the source says."""
    lines = []
    silent: list[str] = []
    for label, own in _by_source(facts).items():
        spans = [
            f"{LEVEL_NAMES.get(f.level or '', 'all levels').lower()} is {years.group(0)}"
            for f in own
            if (years := YEARS.search(f.level_label or ""))
        ]
        if spans:
            lines.append(f"{label}: {', '.join(dict.fromkeys(spans))} of experience.")
        else:
            silent.append(label)
    if silent:
        lines.append(
            _they_say(
                silent, "does", "do", "not say how many years of experience each level means."
            )
        )
    return lines


def _levels_lines(facts: list[Salary]) -> list[str]:
    """Which levels each source's figures cover, or that one range covers them all."""
    lines = []
    for label, own in _by_source(facts).items():
        levels = [f"{level_label(f).lower()} {salary_range(f)}" for f in own if f.level]
        if levels:
            lines.append(f"{label} gives one range per level: {'; '.join(levels)}.")
        else:
            lines.append(
                f"{label} gives a single range for every level; it does not break it down by "
                "seniority."
            )
    return lines


# How a source states the period of its figures ("gross/year", "per annum", "a month").
STATED_PERIOD = re.compile(
    r"(/ ?(year|yr|month|mo)\b|\bper (year|annum|month|week|day|hour)\b|\ba (year|month)\b"
    r"|\b(annual|annually|yearly|monthly)\b)",
    re.I,
)


def _currency_lines(facts: list[Salary], text: str = "") -> list[str]:
    """Which currency each source's figures are in, and where a page never says which dollar.

    "how much is that in euros": the figures converted, when they are in another currency.
    """
    wanted = wanted_currency(text)
    if wanted and PICKS_BY_CURRENCY.search(text):
        # "which of those are in dollars": the figures already in that currency, not all of
        # them converted.
        return _figures_in(facts, wanted)
    if wanted and (in_wanted := converted_lines(facts, wanted)):
        return in_wanted
    lines = []
    for label, own in _by_source(facts).items():
        codes = list(dict.fromkeys(f.currency for f in own))
        names = and_list([f"{plural_currency(c)} ({_code_and_sign(c)})" for c in codes])
        if any(f.currency_ambiguous for f in own):
            lines.append(
                f"{label} writes a bare “$” and never says which dollar, so I can't tell you "
                "the currency for sure (I show it as $)."
            )
        else:
            lines.append(f"{label} gives its figures in {names}.")
    return lines


# "which of them is the most reliable", "which one should i trust more"
WEIGHS_RELIABILITY = re.compile(
    r"\b(most|more|least|less) (reliable|trustworthy|accurate|credible)\b"
    r"|\bwhich\b[^?]{0,30}\b(trust|reliable|accurate|credible|believe)\b",
    re.I,
)
PICKS_BY_CURRENCY = re.compile(
    r"\bwhich (ones?|of (those|these|them|the figures|the numbers))\b[^?]*\bin\b"
    r"|\bthe ones in\b|\bonly the ones\b",
    re.I,
)


def _figures_in(facts: list[Salary], currency: str) -> list[str]:
    """The figures written in ``currency``, or that none of them is."""
    name = plural_currency(currency)
    own = [f for f in facts if f.currency == currency and not f.currency_ambiguous]
    if not own:
        return [f"None of these figures is in {name}."]
    return [f"In {name} ({_code_and_sign(currency)}):", salary_lines(own)]


def _code_and_sign(code: str) -> str:
    """The code, and the sign the figures are written with where it differs ("EUR, €")."""
    sign = CURRENCY_SIGNS.get(code, "").strip()
    return f"{code}, {sign}" if sign and sign != code else code


def _period_lines(facts: list[Salary]) -> list[str]:
    """Per what each source's figures are: as the source words it, or that it does not say."""
    lines = []
    silent: list[str] = []
    for label, own in _by_source(facts).items():
        stated = next((f for f in own if STATED_PERIOD.search(f.quote)), None)
        other_periods = [f for f in own if f.period != "year"]
        if other_periods:
            # "is that per year or per month?" when a page gives both: say which is which.
            yearly = len(own) - len(other_periods)
            shown = "; ".join(f"{level_label(f)}: {salary_range(f)}" for f in other_periods[:3])
            lines.append(
                f"{label}'s figures are per year except {len(other_periods)}: {shown}."
                if yearly
                else f"{label}'s figures are not yearly: {shown}."
            )
        elif stated:
            lines.append(f"{label}'s figures are per {stated.period}: “{_short_quote(stated)}”.")
        else:
            silent.append(label)
    if silent:
        periods = and_list(sorted({f"per {f.period}" for f in facts if f.source.label in silent}))
        lines.append(
            _they_say(silent, "doesn't", "don't", "state the period")
            + f"; figures of that size are yearly salaries, so I show them {periods}."
        )
    return lines


ASKS_LOWEST = re.compile(r"\b(lowest|least|smallest|worst[- ]paid|bottom)\b", re.I)
ASKS_HIGHEST = re.compile(r"\b(highest|most|biggest|largest|best[- ]paid|top|max\w*)\b", re.I)


def _extreme_lines(facts: list[Salary], text: str) -> list[str]:
    """The highest (or lowest) of the figures shown, per currency, as each source states it."""
    lowest = bool(ASKS_LOWEST.search(text))
    if not lowest and not ASKS_HIGHEST.search(text):
        return []
    which = "lowest" if lowest else "highest"
    lines = []
    for currency in dict.fromkeys(f.currency for f in facts):
        own = [f for f in facts if f.currency == currency and (f.low or f.high)]
        if not own:
            continue
        if lowest:
            fact = min(own, key=lambda f: f.low or f.high or 0)
        else:
            fact = max(own, key=lambda f: f.high or f.low or 0)
        lines.append(
            f"The {which} {currency} figure: {level_label(fact).lower()}, "
            f"{salary_range(fact)} ({fact.source.label})."
        )
    return lines


def _midpoint_lines(facts: list[Salary]) -> list[str]:
    with_midpoint = [f for f in facts if f.midpoint is not None]
    lines = [
        f"{f.source.label} gives a midpoint of {money(f.midpoint or 0, f.currency)} "
        f"({level_label(f).lower()})."
        for f in with_midpoint
    ]
    without = sorted({f.source.label for f in facts} - {f.source.label for f in with_midpoint})
    if without:
        verb = "gives" if len(without) == 1 else "give"
        lines.append(f"{and_list(without)} {verb} ranges only, no midpoint or median.")
    return lines


# "how old is that info?", "which one is more recent?": when the pages were written.
ASKS_AGE_OF_SOURCE = re.compile(
    r"\b(old|recent|newer|newest|older|oldest|dated?|when|up to date|outdated|current)\b", re.I
)


async def _name_sources(
    dispatcher: CollectingDispatcher, last: dict[str, Any], text: str = ""
) -> list[EventType]:
    """Say which pages the last answer came from, with what they state about themselves."""
    labels = list(last.get("sources") or [])
    sources = [s for s in await run_query(query.sources) if s.label in labels]
    # "how old is that info?": a page that gives no date says so, beside those that do.
    dated = bool(ASKS_AGE_OF_SOURCE.search(text))
    dispatcher.utter_message(
        response="utter_last_answer_sources",
        sources_list="\n".join(source_description(s, dated=dated) for s in sources),
    )
    return []


OPEN_ENDED_MEANS = (
    "A “+” or “or more” after a figure means that figure or more: the page sets no upper limit."
)
# Topics whose items are sectors or employers: a page may say which of them pays the most.
SECTOR_TOPICS = frozenset({"industries", "workplace"})
# What a page says when it singles out who pays best ("… companies pay the most for …").
PAYS_THE_MOST_SEARCH = "pay the most"
PAYS_THE_MOST_HITS = 5


def _pays_the_most(session: Session) -> list[PassageHit]:
    return query.search(session, PAYS_THE_MOST_SEARCH, limit=PAYS_THE_MOST_HITS)


async def _singled_out(
    dispatcher: CollectingDispatcher,
    last: dict[str, Any],
    text: str,
    hits: list[PassageHit],
) -> list[EventType] | None:
    """Say what the sources single out on the last answer's topic, if any of them does.

    "Which of those matters most?" after the skills: no page ranks them all, but Bessand marks
    Python as the priority; that is what the sources say, and said as such. The last answer is
    now that one ("which site says that?" names Bessand); None when no source singles out.
    """
    topic = last["topic"]
    cues = [_singling_cue(text)]
    if cues[0] is SINGLES_OUT_FIRST:
        # "which of those should i learn first?" after the frameworks: no page orders them,
        # but one that marks a priority ("Python (priority)") says what comes first.
        cues.append(SINGLES_OUT)
    units = []
    for cue in cues:
        singling = [hit for hit in hits if cue.search(hit.text)]
        units = [unit for unit in rank(units_of(singling), topic, text) if cue.search(unit.text)]
        units = units[:SINGLED_OUT_UNITS]
        if units:
            break
    if not units:
        return None
    dispatcher.utter_message(response="utter_singled_out", passages=composed_lines(units))
    record = {
        **last,
        "shown": [*(last.get("shown") or []), *(unit.key for unit in units)],
        "sources": list(dict.fromkeys(unit.source.label for unit in units)),
        "singled": [unit.key for unit in units],
    }
    return [SlotSet(slots.LAST_ANSWER, record)]


async def _why_singled_out(
    dispatcher: CollectingDispatcher, last: dict[str, Any], hits: list[PassageHit]
) -> list[EventType] | None:
    """Answer "why that one tho" after what the sources single out: the reason they give.

    The pages mark a choice ("Python (priority)") without arguing for it; saying so, with the
    line again, is the honest answer. None when the last answer singled nothing out.
    """
    keys = set(last.get("singled") or [])
    units = [unit for unit in units_of(hits) if unit.key in keys]
    if not units:
        return None
    sources = list(dict.fromkeys(unit.source.label for unit in units))
    dispatcher.utter_message(
        response="utter_no_reason_given",
        sources=and_list(sources),
        verb="gives" if len(sources) == 1 else "give",
        passages=composed_lines(units),
    )
    return []


# "who wrote these guides?", "how old are your sources": every page, not the last answer's.
EVERY_SOURCE = re.compile(
    r"\b(these|your|the|all( the)?|all your) (guides|pages|sources|sites|websites|articles"
    r"|documents|docs)\b",
    re.I,
)
POINTS_BACK = re.compile(r"\b(that|this|it|those figures|these figures)\b", re.I)
RECALLED_COVERAGE = 0.4
"""Share of a question's distinctive words a sentence of the last answer must hold to answer it
(lower than a search's bar: these sentences are already on the subject asked about)."""
# Words that carry the conversation, not the question ("wait so which of the two…").
CHATTER = re.compile(r"\b(wait|so|ok|okay|then|again|hmm|hm|um|right|well|oh|ah)\b", re.I)
RECALLED_UNITS = 2
# An item of the list just shown is described in other words ("keeping models running" for
# "maintaining models in production"): a lower share of its words is enough.
ITEM_COVERAGE = 0.3
LABEL_CHARS = 60
WEIGHED_HITS = 12
# Words of a question about an item that do not name the item ("what does X mean", "the X one").
ITEM_WORDS = re.compile(
    r"\b(one|ones|mean|means|meant|stand for|exactly|again|more|mostly|most)\b", re.I
)


async def _recalled(
    dispatcher: CollectingDispatcher,
    last: dict[str, Any],
    text: str,
    hits: list[PassageHit],
    item: bool = False,
) -> list[EventType] | None:
    """Answer from the sentences the last answer showed, when one of them answers ``text``.

    "Which of the two writes more code?" after ML engineers set beside data scientists: the
    comparison just quoted says which ("more code and integration focused"); a new search
    would skip it as already shown. None when no shown sentence holds the question's words.
    ``item`` when the question asks about an item of the last answer ("the applied one in that
    list"): any sentence of the topic may explain it, shown or not.
    """
    shown = set(last.get("shown") or [])
    text = CHATTER.sub(" ", text)
    if not question_words(text):
        return None
    every = units_of(hits)
    # A list shown as one line ("Main focus: …; Typical work style: …") showed its items.
    quoted = {
        member for line in condensed_lists(every) if line.key in shown for member in line.members
    }
    units = [unit for unit in every if item or unit.key in shown or unit.passage_id in quoted]
    # Words weigh by their rarity among the topic's sentences, not among the few shown.
    frequencies = document_frequencies(text, [unit.text for unit in every])
    answering = [
        unit
        for unit in rank(units, last["topic"], text)
        if weighted_coverage(text, unit.text, frequencies, len(every))
        >= (ITEM_COVERAGE if item else RECALLED_COVERAGE)
    ]
    if item:
        # The unit whose label names the item ("Applied Machine Learning Engineer: …") alone.
        wanted = question_words(text)
        labelled = [unit for unit in answering if wanted <= text_stems(_label(unit))]
        answering = labelled[:1] or answering
    answering = answering[:RECALLED_UNITS]
    if not answering:
        return None
    response = "utter_search_answer" if item else "utter_from_last_answer"
    dispatcher.utter_message(response=response, passages=composed_lines(answering))
    return []


async def _weighed_again(
    dispatcher: CollectingDispatcher, last: dict[str, Any], text: str
) -> list[EventType] | None:
    """The sentence of the last search's answer that best answers a question weighing it.

    "so its not just coding questions?" after what interviews test: the sentence just quoted
    ("…how you reason, how you communicate… as much as what tools you know") answers it, in
    the words it was quoted in; a new search for the question's words would not find it.
    """
    shown = set(last.get("shown") or [])
    hits = await run_query(query.search, last["query"], limit=WEIGHED_HITS)
    units = [unit for unit in units_of(hits) if unit.key in shown]
    if not units:
        return None
    best = rank(units, None, f"{text} {last['query']}")[:1]
    dispatcher.utter_message(response="utter_from_last_answer", passages=composed_lines(best))
    return []


def _label(unit: Unit) -> str:
    """What a unit is about by its own words: the label before its colon, else its start."""
    head, colon, _ = unit.text.partition(":")
    return head if colon and len(head) <= LABEL_CHARS else unit.text[:LABEL_CHARS]


async def answer_about(
    dispatcher: CollectingDispatcher,
    last: dict[str, Any],
    text: str,
    asks_sources: bool = False,
) -> list[EventType]:
    """Answer a question about the last answer (``last`` is the ``last_answer`` record).

    ``asks_sources`` when the message asks where the last answer comes from in words no
    aspect names ("where's this info from").
    """
    if last.get("kind") == "search" and last.get("query") and WEIGHS_THE_LAST_SUBJECT.search(text):
        answered = await _weighed_again(dispatcher, last, text)
        if answered is not None:
            return answered
    aspect = aspect_of(text)
    if aspect == "ranking" and POINTS_INTO_LAST_LIST.search(text):
        aspect = None  # "which one of those is more about production": an item, no ranking
    if asks_sources and aspect not in SOURCE_ASPECTS:
        aspect = "basis"
    if aspect in SOURCE_ASPECTS and last.get("kind") != "salary":
        if not asks_sources and asks_content(text):
            # "which site mentioned head of ai?": the sentences on head of AI, with sources.
            return await answer_search(dispatcher, subject_of_source_question(text))
        if EVERY_SOURCE.search(text) and not POINTS_BACK.search(text):
            return await list_sources(dispatcher)  # "who wrote these guides?": all of them
        if last.get("sources"):
            return await _name_sources(dispatcher, last, text)
    if last.get("kind") == "topic" and last.get("topic") and aspect not in SOURCE_ASPECTS:
        # What the sources say on the last answer's topic, read once for both steps below.
        hits = await run_in_session(
            lambda session: topic_candidates(session, last["topic"], last.get("specialisation"))
        )
        answered = None
        if last.get("singled") and ASKS_WHY_THAT_ONE.search(text):
            answered = await _why_singled_out(dispatcher, last, hits)
        elif aspect == "ranking":
            if MENTIONS_PAY.search(text) and last["topic"] in SECTOR_TOPICS:
                # "which of them pays best" after the industries: where a page says who pays
                # the most, though it says so among what drives pay.
                hits = [*hits, *await run_in_session(_pays_the_most)]
            answered = await _singled_out(dispatcher, last, text, hits)
        item = bool(POINTS_INTO_LAST_LIST.search(text))
        if item:
            # "whats the applied one in that list": the item ("applied"), not the list.
            text = ITEM_WORDS.sub(" ", POINTS_INTO_LAST_LIST.sub(" ", text))
        if answered is None:
            answered = await _recalled(dispatcher, last, text, hits, item=item)
        if answered is not None:
            return answered
    if last.get("kind") == "search" and last.get("query") and POINTS_BACK.search(text):
        # "how do i prep for that then" after what interviews test: asked of that subject.
        text = f"{text} ({last['query']})"
    if last.get("kind") == "salary" and (
        ASKS_WHERE_PAID.search(text)
        or ASKS_WHAT_A_MARK_MEANS.search(text)
        or (aspect is None and POINTS_BACK.search(text))
    ):
        # "where would that be" after Bessand's €150,000: what the source says with the
        # figure ("especially in large Tech companies or internationally").
        aspect = "words"
    if last.get("kind") != "salary" or aspect is None:
        return await answer_search(
            dispatcher,
            text,
            avoid=frozenset(last.get("shown") or []),
            when_nothing="utter_no_ranking" if aspect == "ranking" else "utter_sources_silent",
            # A ranking needs a sentence that ranks, not one that shares a word.
            min_coverage=0.75 if aspect == "ranking" else None,
            about_last=True,
        )

    def fetch(session: Session) -> tuple[list[Salary], list[Salary], list[PassageHit]]:
        words = RELATED_SEARCH.get(aspect)
        related = query.search(session, words, limit=5) if words else []
        # "is that for everyone?" after seniors' figures: every level the sources give there.
        shown = {**last, "level": None} if aspect == "levels" else last
        # "is that gross?" after mid-level figures: what the same sources say of other levels.
        every_level = _figures_of(session, {**last, "level": None}) if aspect == "tax" else []
        return _figures_of(session, shown), every_level, related

    facts, every_level, related_hits = await run_in_session(fetch)
    if not facts or not last.get("sources"):
        dispatcher.utter_message(response="utter_about_no_figures")
        return []
    lines: list[str]
    if aspect == "tax":
        lines = _tax_lines(facts, every_level)
    elif aspect in ("basis", "author"):
        lines = _basis_lines(facts)
        if WEIGHS_RELIABILITY.search(text):
            # "which of them is the most reliable?": no page rates itself, or the others.
            lines.insert(
                0, "None of my sources says which of them is most reliable; what each rests on:"
            )
    elif aspect == "midpoint":
        lines = _midpoint_lines(facts)
    elif aspect == "years":
        lines = _years_lines(facts)
    elif aspect == "levels":
        lines = _levels_lines(facts)
    elif aspect == "period":
        lines = _period_lines(facts)
    elif aspect == "currency":
        lines = _currency_lines(facts, text)
    elif aspect == "judgement":
        lines = [
            "My sources don't cover whether these figures are high or low: none compares them "
            "with other jobs or with the cost of living."
        ]
    elif aspect == "bonus":
        lines = ["My sources don't cover whether these figures include bonuses or equity."]
    elif aspect == "breakdown":
        lines = [
            "My sources don't cover pay broken down that way: they give figures by country "
            "and level only."
        ]
    elif aspect == "words":
        lines = _words_lines(facts)
        if ASKS_WHAT_A_MARK_MEANS.search(text) and any(s.open_ended for s in facts):
            # "what does the + at the end mean": that figure or more, as the page writes it.
            lines.insert(0, OPEN_ENDED_MEANS)
    elif aspect == "ranking" and (extremes := _extreme_lines(facts, text)):
        lines = extremes
    else:
        lines = ["My sources don't cover a ranking of these figures."]
    related = compose(
        related_hits, RELATED_SEARCH.get(aspect, text), "salary_factors", budget=260, max_units=1
    )
    dispatcher.utter_message(
        response="utter_about_salary",
        lines="\n".join(lines),
        related=f"\nRelated: {composed_lines(related.units)[2:]}" if related.units else "",
    )
    return []
