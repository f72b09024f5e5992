"""Questions with no topic of their own: the store's best sentences if they answer, else a gap.

Used for in-domain questions that name no topic ("how should I prepare for interviews?") and
for messages NLU was unsure about. The sentences come from full-text search and are composed
like topic answers; when none covers enough of the question's own words the bot says plainly
that its sources don't cover it and offers what they do cover, rather than a catch-all list.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import slots
from actions.formatting import composed_lines, source_names
from actions.scope import about_career, occupation_named
from actions.sources import source_named
from actions.store import run_in_session, run_query
from actions.topics import remembered
from channels.guard import MAX_MESSAGE_CHARS  # one limit for what a message may hold
from gazetteer.countries import country_code
from knowledge import query
from knowledge.compose import (
    DEFAULT_BUDGET,
    EVERYDAY_ZIPF,
    Composition,
    Unit,
    compose,
    document_frequencies,
    question_words,
    says_phrase,
    subject_phrases,
    text_stems,
    weighted_coverage,
    with_synonyms,
)
from knowledge.query import PassageHit
from knowledge.text import FRENCH_STOP_WORDS, content_words
from nlu_components.questions import is_question
from runtime.settings import current

# Share of the message's distinctive words the best sentence must contain to be shown.
MIN_COVERAGE = current().FALLBACK_MIN_COVERAGE
SEARCH_HITS = 12
# The refusal of a question that is not about this career.
OUT_OF_SCOPE = "utter_out_of_scope"
# How many more hits a search for one page's sentences reads, to keep that page's best.
SOURCE_WIDENING = 4


def gap_words(message: str) -> list[str]:
    """The message's distinctive real words, in its own spelling and order.

    Only real words (in wordfreq's English or French lists): "asdfgh qwerty" names no subject,
    and gets a request to rephrase rather than "my sources don't cover asdfgh". Places are
    filters, not subjects; "gonna" is one word, not the tokenizer's "gon" and "na".
    """
    wanted = question_words(message)
    # "i'm a nurse. could i do this part time?": who is asking is no subject of the question.
    occupation = occupation_named(message)
    if occupation:
        wanted -= question_words(occupation)
    # "parental leave" is the subject, not "parental": a phrase of rules/subjects.yml first.
    phrases = subject_phrases(message)
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", message.lower())
    found = [
        w
        for w in words
        if (w[:5] in wanted or "-" in w)
        and _is_word(w)
        and country_code(w) is None
        and w not in FRENCH_STOP_WORDS  # "une", "ça": a French question's frame
        and not any(w in phrase.split() for phrase in phrases)
    ]
    return list(dict.fromkeys(phrases + found))


def _said(word: str, text: str, stems: frozenset[str] | set[str]) -> bool:
    """True if ``text`` (whose stems are ``stems``) says ``word``; a phrase only as a whole."""
    if " " in word:
        return says_phrase(text, word)
    return text_stems(word, limit=1) <= stems


def _is_word(word: str) -> bool:
    """A real word: in wordfreq's lists, or a word of the field ("leetcode", "kaggle")."""
    from wordfreq import zipf_frequency

    if about_career(word):
        return True
    parts = word.split("-")
    return all(max(zipf_frequency(p, "en"), zipf_frequency(p, "fr")) >= 3.0 for p in parts)


# Words that judge rather than name ("is kaggle useful?"): sharing one does not make a
# sentence near ("Useful features can make a model…").
JUDGEMENT_WORDS = frozenset(
    {"useful", "worth", "worthwhile", "helpful", "important", "necessary", "needed", "relevant"}
    | {"valuable", "essential", "hard", "easy", "difficult", "good", "better", "best", "bad"}
)

NEAREST_COVERAGE = 0.14
"""A sentence covering this much of the question (rare words weighing more) is offered as the
nearest thing the sources say, after saying plainly what they don't cover."""


def _nearest(
    text: str,
    hits: list[PassageHit],
    covers: Callable[[str], float],
    avoid: frozenset[str],
) -> Unit | None:
    """The best sentence that covers part of the question through a specific word, if any.

    "How do I show impact on my CV?": no page speaks of CVs, but "Highlight your impact
    (projects, performance, ROI)" is the nearest they come. A place name alone ("London") or a
    common word does not make a sentence near.
    """
    from wordfreq import zipf_frequency

    # The nearest covers most of the question, rare words weighing more: "Interviews often
    # test how you reason" for "how do i prepare for the technical interview", not a
    # sentence that only says "prepare"; the first that shares a telling word wins.
    partial = sorted(
        (h for h in hits if covers(h.text) >= NEAREST_COVERAGE),
        key=lambda h: -covers(h.text),
    )
    for hit in partial:
        composition = compose([hit], text, None, budget=300, max_units=1, exclude=avoid)
        if not composition.units:
            continue
        unit = composition.units[0]
        in_both = question_words(text) & text_stems(unit.text, 400)
        shared = [
            w
            for w in content_words(text)
            if w[:5] in in_both
            and zipf_frequency(w, "en") < 5.0
            and country_code(w) is None
            and w not in JUDGEMENT_WORDS
        ]
        if shared and covers(unit.text) >= NEAREST_COVERAGE:
            return unit
    return None


def _telling(words: list[str]) -> list[str]:
    """The words that say what a message is about: not everyday ones, if it has others."""
    from wordfreq import zipf_frequency

    # "is kaggle worth doing": the subject is kaggle, "worth" only judges it.
    words = [w for w in words if w not in JUDGEMENT_WORDS] or words
    rare = [w for w in words if zipf_frequency(w.split("-")[0], "en") < EVERYDAY_ZIPF]
    return rare or words


def _silence(text: str, real: list[str], words: list[str], unspoken: list[str]) -> str:
    """The reply when nothing in the store answers a question the classifier could not place.

    A message of real words none of whose telling words any page uses, and which names nothing
    about work ("whats bitcoin going to do this year"), is not about this career: the bot says
    what it covers. A word no page uses is the honest subject of the gap ("visa", "kaggle");
    when every word is used somewhere, the pages just don't answer it, and naming a word they
    use would be false. Without a word to name ("asdfgh qwerty") the person is asked to rephrase.
    """
    if not words:
        return "utter_rephrase"
    # The subjects of rules/subjects.yml ("parental leave") are about work, however unspoken.
    if (
        real
        and set(_telling(real)) <= set(unspoken)
        and not about_career(text)
        and not subject_phrases(text)
    ):
        return OUT_OF_SCOPE
    return "utter_sources_silent" if unspoken else "utter_no_passages"


def _rescored(hit: PassageHit, hits: list[PassageHit]) -> PassageHit:
    """``hit`` with its search score on the 0-4 scale of topic weights (best hit = 4)."""
    best = max(h.score for h in hits) or 1.0
    return dataclasses.replace(hit, score=4.0 * hit.score / best)


# A question of this many distinctive words or fewer ("which platforms") after an answer is
# first read as a question about that answer.
SHORT_FOLLOW_UP = 2


async def answer_search(
    dispatcher: CollectingDispatcher,
    text: str,
    *,
    budget: int = DEFAULT_BUDGET,
    avoid: frozenset[str] = frozenset(),
    when_nothing: str = "utter_sources_silent",
    min_coverage: float | None = None,
    otherwise: Callable[[], Awaitable[list[EventType]]] | None = None,
    refusal: str = OUT_OF_SCOPE,
    source: str | None = None,
    about_last: bool = False,
) -> list[EventType]:
    """Answer a free question from the store's best sentences, or say the sources are silent.

    ``avoid`` holds the keys of the sentences the last answer showed: the same reply is never
    sent twice in a row. ``when_nothing`` is the response sent when nothing answers (the
    refusal for a question the classifier leaned to out of scope, "no ranking" for "which of
    those is best?"); ``otherwise``, when given, answers instead of a gap (the topic an unsure
    reading leaned to). ``refusal`` is how a refusal is said (in one line, for one question of
    several). ``source`` keeps to one page; else a page the question names, if any.
    ``about_last`` when the question is about the last answer ("is that true in every
    country?"): never refused as off-topic, since it points at what was just said.
    """
    text = text[:MAX_MESSAGE_CHARS]
    question = text
    named_page = await source_named(text) if source is None else None
    if named_page:
        # "what does the cbt nuggets guide say about getting started": that page's sentences
        # on the rest of the question (a page's name is not what it says).
        text = re.sub(re.escape(named_page), " ", text, flags=re.I)
        text = re.sub(r"\b(guide|page|site|website|article)\b", " ", text, flags=re.I)
        text = " ".join(w for w in text.split() if w.lower() not in named_page.lower().split())
    source = source or named_page

    def fetch(session: Session) -> list[PassageHit]:
        if not source:
            return query.search(session, with_synonyms(text), limit=SEARCH_HITS)
        found = query.search(session, with_synonyms(text), limit=SEARCH_HITS * SOURCE_WIDENING)
        return [hit for hit in found if hit.source.label == source][:SEARCH_HITS]

    hits = await run_in_session(fetch)
    frequencies = document_frequencies(text, [hit.text for hit in hits])

    def covers(passage: str) -> float:
        return weighted_coverage(text, passage, frequencies, len(hits))

    threshold = MIN_COVERAGE if min_coverage is None else min_coverage
    relevant = [_rescored(hit, hits) for hit in hits if covers(hit.text) >= threshold]
    composition = (
        compose(relevant, text, None, budget=budget, exclude=avoid)
        if relevant
        else Composition((), ())
    )
    answered = [u for u in composition.units if covers(u.text) >= threshold]
    if avoid and relevant:
        # "any particular platforms mentioned?", "which platforms": the one sentence of the last
        # answer that answers it ("…online courses (Coursera, OpenClassrooms, edX)…"), quoted
        # again alone, when nothing new answers, when the question is short (about the last
        # answer before anything else), or when it answers better than anything new does.
        again = compose(relevant, text, None, budget=budget, max_units=1, only=avoid)
        quoted = [u for u in again.units if covers(u.text) >= threshold]
        best_new = max((covers(u.text) for u in answered), default=0.0)
        short = len(question_words(text)) <= SHORT_FOLLOW_UP
        if quoted and (not answered or short or covers(quoted[0].text) > best_new):
            answered = quoted
    if not answered:
        # A message that leans off-topic and names nothing about work ("write me a query that
        # joins two tables") is not brought near by one shared word ("user behaviour").
        may_be_near = min_coverage is None and when_nothing != OUT_OF_SCOPE
        nearest = _nearest(text, hits, covers, avoid) if may_be_near else None
        if nearest is not None:
            near = text_stems(nearest.text, 400)
            missing = [w for w in gap_words(text) if not _said(w, nearest.text, near)] or [
                w for w in content_words(text) if w[:5] not in near
            ]
            dispatcher.utter_message(
                response="utter_sources_partial",
                subject=", ".join(_telling(missing)[:3]),
                passages=composed_lines([nearest]),
            )
            record = remembered("search", Composition((nearest,), ()), query=text[:300])
            return [SlotSet(slots.LAST_ANSWER, record)]
        if otherwise is not None:
            return await otherwise()
        # "should i do kaggle comps?": words too rare for wordfreq are still the question's
        # subject when it is a question; "asdfgh qwerty" alone gets a request to rephrase.
        real = gap_words(text)
        wanted = question_words(text)  # "honestly" or "quick" names no subject
        named = [w for w in content_words(text) if w[:5] in wanted and w not in FRENCH_STOP_WORDS]
        words = real or (named[:3] if is_question(text) else [])
        spoken_of = await run_query(query.mentioned, words) if words else set()
        unspoken = [w for w in words if w not in spoken_of]
        if when_nothing == "utter_sources_silent":
            when_nothing = _silence(text, real, words, unspoken)
        if about_last and unspoken and when_nothing in (OUT_OF_SCOPE, "utter_sources_silent"):
            # "is calculus in there too?" after the maths: no page names it, said as such.
            when_nothing = "utter_unnamed_in_last"
        elif about_last and when_nothing in (OUT_OF_SCOPE, "utter_rephrase"):
            when_nothing = "utter_nothing_more_on_last"
        subject = ", ".join(_telling(unspoken)[:4])
        response = refusal if when_nothing == OUT_OF_SCOPE else when_nothing
        dispatcher.utter_message(response=response, subject=subject, question=question)
        return []  # "more" after a gap still continues the last real answer
    shown = Composition(tuple(answered), composition.left_out)
    dispatcher.utter_message(
        response="utter_search_answer",
        passages=composed_lines(shown.units),
        sources=source_names(shown.sources),
    )
    return [SlotSet(slots.LAST_ANSWER, remembered("search", shown, query=text[:300]))]
