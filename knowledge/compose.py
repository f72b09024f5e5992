"""Compose a short answer from passages: rank sentences, not passages, and keep the few that answer.

A chat reply is read in about ten seconds. Topic passages come whole from the store (a section
of a guide is often 8-16 passages); this module splits them into sentences (a list item stays one
unit), drops what is about the page rather than the career (rules in ``rules/filler.yml``), ranks
what is left against the topic and the person's own words, and keeps the best few within a
character budget, preferring a second source over a third sentence from the first. What is left
out is returned too, ranked, so "tell me more" continues where the answer stopped.

Pure functions over ``PassageHit`` values: no database, no Rasa.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge import topics
from knowledge.filler import ASKS_WHERE_TO_LOOK, is_filler
from knowledge.query import PassageHit, Source
from knowledge.text import (
    APOSTROPHE_DROPPED,
    FRENCH_STOP_WORDS,
    MUTTERED,
    content_words,
    sentences,
)

SYNONYMS_FILE = Path(__file__).parent / "rules" / "synonyms.yml"
SUBJECTS_FILE = Path(__file__).parent / "rules" / "subjects.yml"
DEFAULT_BUDGET = 600
"""Characters of quoted text a default answer aims at (the reply adds a heading and sources)."""
MAX_BUDGET = 950
"""Quoted text never exceeds this, so a reply stays under 1,200 characters with its frame."""
LONG_UNIT = 360
"""A list item longer than this is cut to its first sentences (at a sentence boundary)."""
# Words every passage about the career shares, and words of any question ("need", "know"):
# matching them says nothing about relevance.
GENERIC_WORDS = frozenset(
    {"machine", "learning", "engineer", "engineering", "ml", "mle", "job", "role", "work", "ai"}
    | {"need", "want", "know", "tell", "like", "get", "become", "make", "good", "best", "thing"}
    | {"people", "someone", "really", "actually", "usually", "guys", "pls", "please", "think"}
    | {"wat", "wht", "whats", "plz", "gonna", "wanna", "kinda", "lol", "ok", "okay"}
    | {"eng", "engs", "rn", "tbh", "idk", "btw", "imo", "ngl", "u", "ur", "ya", "yeah"}
    | {"ppl", "thx", "bc", "cuz", "coz", "tho", "smth", "sth", "abt", "yep", "nope", "lemme"}
    | {"hi", "hello", "hey", "hola", "bonjour", "salut", "quick", "unrelated", "question"}
    | {"honestly", "seriously", "basically", "literally", "genuinely", "truly", "frankly"}
    | {"matter", "employ", "still", "even"}
    # "does hacking on random stuff count for anything": whether it helps, not a subject
    | {"random", "count", "counts", "anything"}
    # "what would one cost me in france, just as a benchmark": why it is asked, not what
    | {"benchmark", "ballpark", "roughly"}
    # "pharmacist here, just nosy": why they ask, not what
    | {"nosy", "curious", "wondering"}
    # "all that big data stuff": a word that stands for what the rest of the message names
    | {"stuff", "things", "whatnot", "bits"}
    | {"next", "week", "tomorrow", "soon"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"source", "sources", "mention", "mentions", "say", "says", "said", "talk", "wrote"}
    | {"page", "pages"}
    # "any particular platforms mentioned?": the platforms are asked about, not "particular"
    | {"particular", "specific", "mentioned", "named", "exact", "exactly"}
    # "that everyone keeps banging on about": what people talk about, not a subject
    | {"banging", "harping", "raving", "hyping", "dreaming"}
    # what a person mutters before the question ("hmm ok what about remote…") names nothing
    | MUTTERED
    | {"hw", "wht", "thy", "tht", "abt", "wud", "cud", "shud"}  # "hw much do thy mak"
)
# How much a sentence from a source already quoted is held back, per sentence already taken.
SAME_SOURCE_PENALTY = 0.45
# ... unless it is the next sentence of a paragraph already quoted: it completes that thought
# and is not held back, but gains nothing over a source not yet quoted ("prefer different
# sources": a third page's "AI CTO" before a second sentence from the first).
CONTINUATION_BONUS = 0.0
ANAPHORA_PENALTY = 0.8
COMPARISON_PREFIX = "compare_"
HEADING_WORD_WEIGHT = 1.0
PHRASE_WEIGHT = 1.0
MAX_PHRASES = 2
"""What a word of the question found in a sentence's heading (not the sentence) is worth; 2.0
in the sentence itself."""
# A list whose lead is another's negation ("This role may not suit you if…" beside "…may suit
# you if…") is the other side of the same answer: it joins it, even past the default budget.
NEGATION = re.compile(r"\s*\b(not|never|no longer)\b|n't\b", re.I)
# A unit scoring below this share of the best one does not answer the question.
RELATIVE_FLOOR = 0.45
# ... nor one scoring below this, however weak the best one (a continuation: below zero).
ABSOLUTE_FLOOR = 0.3
# A sentence that leans on the one before it ("Taken together, those responsibilities…") reads
# badly on its own.
ANAPHORA = re.compile(
    r"^(these|those|this|that|such|taken together)\b"
    r"|^(if|when|because of|given) (that|this|these|those|all this)\b"
    r"|^[^,.]{1,30},\s*(that|this|these|those)\s+(makes|means|is|are)\b",
    re.I,
)
# Weaker: "It tends to reward people who…" or "They may also work upstream…" read on from the
# sentence before, but a reader of a topic answer can still follow them.
LEANS_ON = re.compile(r"^it\b|^(\S+\s){0,4}(also|therefore|thus|moreover|furthermore)\b", re.I)
LEANS_ON_PENALTY = 0.35
# A span of time a sentence states: "2-3 years", "6 months", "often several years".
DURATION = re.compile(
    r"\b(?:\d+\s*(?:\+\s*)?(?:-|–|to)?\s*\d*|several|a few|a couple of|many)\s*"
    r"(?:years?|months?|weeks?)\b",
    re.I,
)
NUMBER = re.compile(r"\d")
# A question about where people come from, and a sentence that tells it ("Many begin as…").
# "what kinds of ML engineers are there", "which flavours exist": a question whose answer is
# a list of names, answered first by a list's names in one line.
ASKS_FOR_KINDS = re.compile(
    r"\b(types?|kinds?|sorts?|flavou?rs?|categories|varieties|names)\b|\blist (them|the)\b", re.I
)
KINDS_LINE_BONUS = 1.0
ASKS_ORIGIN = re.compile(
    r"\b(before|beforehand|previous(ly)?|prior|come from|came from|used to|originally)\b", re.I
)
TELLS_ORIGIN = re.compile(
    r"\b(begin|began|start(ed)? (out|their careers?|as)|come from|transition well)\b", re.I
)


@dataclass(frozen=True)
class Unit:
    """A sentence (or a whole list item) of a passage: the smallest thing an answer quotes."""

    key: str
    """``<passage id>.<sentence index>``: stable across rebuilds of an unchanged document."""
    text: str
    kind: str
    heading: str | None
    source: Source
    passage_id: int
    index: int
    topic_weight: float
    members: frozenset[int] = frozenset()
    """The list items a one-line list quotes in full (none for a list summed up by names)."""
    lead: str | None = None
    """What a list item reads on from: its list's lead-in sentence, or a heading ending in ":"."""

    @property
    def covers(self) -> frozenset[int]:
        """The list items this unit quotes: a list line and its items never share an answer."""
        if self.kind == "list_item":
            return frozenset({self.passage_id})
        return self.members


@dataclass(frozen=True)
class Composition:
    """The units an answer shows, in display order, and the ranked keys it left out."""

    units: tuple[Unit, ...]
    left_out: tuple[str, ...]

    @property
    def sources(self) -> list[Source]:
        """Distinct sources of the shown units, in display order."""
        seen: dict[str, Source] = {}
        for unit in self.units:
            seen.setdefault(unit.source.label, unit.source)
        return list(seen.values())


def _cut(text: str, limit: int) -> str:
    """The first whole sentences of ``text`` that fit in ``limit`` characters (at least one)."""
    kept: list[str] = []
    for sentence in _sentences(text):
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else text


INTRO_PENALTY = 0.5
"""How much a paragraph that introduces a list is held back: the list itself is the answer."""


def units_of(hits: Sequence[PassageHit], pointers_wanted: bool = False) -> list[Unit]:
    """Split passages into units: sentences of paragraphs, whole list items and table rows.

    ``pointers_wanted`` keeps pointers to other websites (see ``is_filler``).

    A paragraph followed by list items under the same heading introduces them ("most versions
    of the job revolve around a set of responsibilities"); its sentences keep a lower weight.
    """
    units: list[Unit] = []
    for position, hit in enumerate(hits):
        following = hits[position + 1] if position + 1 < len(hits) else None
        introduces_list = (
            hit.kind == "paragraph"
            and following is not None
            and following.kind == "list_item"
            and following.heading == hit.heading
            and following.source.label == hit.source.label
        )
        weight = hit.score - INTRO_PENALTY * 4 if introduces_list else hit.score
        if hit.kind == "paragraph" and hit.heading and NAMES_ONLY.match(hit.text):
            # "Lead Machine Learning Engineer, Head of Data Science, or AI CTO." says what it
            # is a list of only through its heading ("Possible career paths").
            parts = [_led(_lead(hit.heading, False), hit.text)]
        elif hit.kind == "paragraph":
            parts = list(_sentences(hit.text))
        else:
            parts = [_cut(hit.text, LONG_UNIT) if len(hit.text) > LONG_UNIT else hit.text]
        lead = _lead_of(hit)
        if lead and (hit.lead is None or not LIST_LABEL.match(parts[0])):
            # "They work with: Data Engineers (for pipeline…)"; a labelled item ("Languages:
            # Python, SQL") under a lead-in sentence reads alone (its list line has the lead).
            parts = [_led(_lead(lead, False), parts[0])]
        for index, part in enumerate(parts):
            if is_filler(part, pointers_wanted) and hit.kind == "paragraph":
                continue
            if hit.kind != "paragraph" and len(part.strip()) < 12:
                continue
            units.append(
                Unit(
                    key=f"{hit.id}.{index}",
                    text=part.strip(),
                    kind=hit.kind,
                    heading=hit.heading,
                    source=hit.source,
                    passage_id=hit.id,
                    index=index,
                    topic_weight=weight,
                    lead=lead,
                )
            )
    return units


def _lead_of(hit: PassageHit) -> str | None:
    """The words a list item reads on from: its lead-in sentence or a heading ending in ":"."""
    if hit.kind != "list_item":
        return None
    if hit.lead:
        return hit.lead
    if hit.heading and hit.heading.endswith(LEAD_IN_ENDINGS):
        return hit.heading
    return None


# A paragraph that is only names: "A B, C D, E, or F G."
_NAME = r"[A-Z][\w'&/-]*(?: [A-Z][\w'&/-]*| of| and| for| in)*"
NAMES_ONLY = re.compile(rf"^{_NAME}(?:, {_NAME})+,? (?:or|and) {_NAME}\.?$")
LIST_LABEL = re.compile(r"^([^:]{3,60}):\s+\S")
MIN_LISTED = 5
"""A list of this many "Name: description" items is summed up by its names in one line."""
MIN_GROUPED = 3
GROUP_CHARS = 480
"""A list of short items that fits in this many characters is also offered whole, as one line."""
PARTIAL_CHARS = 300
# Key suffixes of a list's shorter first line and of the line with the items it left out.
WHOLE_LIST = "list"
FIRST_OF_LIST = "first"
REST_OF_LIST = "rest"


def list_start_key(key: str) -> str | None:
    """The key of the shorter line of a list's first items, for the key of the whole list."""
    passage, _, part = key.rpartition(".")
    return f"{passage}.{FIRST_OF_LIST}" if part == WHOLE_LIST and passage else None


"""Its first items are offered in a line of at most this many characters."""
# A lead-in that ends on one of these words reads on into its items ("may suit you if you…").
SECTION_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\s*[–.)-]\s*")
LEAD_IN_ENDINGS = (":", "…", "...")
RUNS_ON = re.compile(r"\b(if|when|to|that|who|for|because|like)$", re.I)


def _lists(units: Sequence[Unit]) -> list[list[Unit]]:
    """Runs of list items of one source under one heading, in reading order."""
    lists: dict[tuple[str, str | None], list[Unit]] = {}
    for unit in units:
        if unit.kind == "list_item":
            lists.setdefault((unit.source.label, unit.heading), []).append(unit)
    return list(lists.values())


def without_lead(unit: Unit) -> str:
    """A list item's own words ("Data Engineers (for pipeline…)"), without its lead."""
    return _unled(unit.text, unit.lead)


def _unled(text: str, lead_in: str | None) -> str:
    """An item's own words, without the lead ``units_of`` gave it."""
    lead = _lead(lead_in, False)
    if lead and text.startswith(lead):
        text = text[len(lead) :].lstrip()
        return text[:1].upper() + text[1:]
    return text


def _lead(heading: str | None, labelled: bool) -> str:
    """The heading as the lead of a one-line list, or "" when it would not read as one.

    "This role may not suit you if…" leads its items; a question ("What Skills Do … Need?")
    does not, and a section title before "Name: description" items would stack two colons.
    """
    if not heading or heading.endswith("?"):
        return ""
    lead = SECTION_NUMBER.sub("", heading).rstrip(":.… ").strip()
    if labelled and not heading.endswith(LEAD_IN_ENDINGS):
        return ""
    return lead if RUNS_ON.search(lead) else f"{lead}:"


def _lowered(text: str) -> str:
    """``text`` read on from a lead ("…suit you if" + "you enjoy…"); a name ("AWS") stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _led(lead: str, item: str) -> str:
    """An item after its lead: "This role may not suit you if you dislike ambiguity…"."""
    if not lead:
        return item
    return f"{lead} {item if lead.endswith(':') else _lowered(item)}"


def _list_line(lead: str, texts: Sequence[str]) -> str:
    """Items joined into one line after their lead."""
    if lead and not lead.endswith(":"):
        texts = [_lowered(text) for text in texts]
    return _led(lead, "; ".join(texts) + ".")


def _line(items: Sequence[Unit], key: str, text: str, quoted: Sequence[Unit]) -> Unit:
    """A one-line unit for the list ``items``, quoting ``quoted`` of them in full."""
    first = items[0]
    return Unit(
        key=f"{first.passage_id}.{key}",
        text=text,
        kind="list",
        heading=first.heading,
        source=first.source,
        passage_id=first.passage_id,
        index=-1,
        topic_weight=max(item.topic_weight for item in items),
        members=frozenset(item.passage_id for item in quoted),
    )


def condensed_lists(units: Sequence[Unit]) -> list[Unit]:
    """Units for lists that a single line can carry, in the source's words.

    A long "Name: description" list is summed up by its names ("Types of Machine Learning
    Engineers: MLOps Engineer, Computer Vision Engineer, …" answers "what types are there?" in
    one line, where the items in full would fill three screens). A list of short items is
    offered whole, after the heading that introduces it ("This role may not suit you if you
    dislike ambiguity…; you find it frustrating…"): one line carries all its points, where its
    items alone would each lose what they are a list of. Its first items are offered as a
    shorter line too, for an answer with little room left or a list too long for one line.
    """
    condensed = []
    for items in _lists(units):
        own = [without_lead(item) for item in items]  # "Essential skills include:" is no label
        labels = [LIST_LABEL.match(text) for text in own]
        labelled = all(labels)
        first = items[0]
        introduced_by = first.lead or first.heading
        if labelled and len(items) >= MIN_LISTED:
            names = [label.group(1).strip() for label in labels if label]
            lead = _lead(introduced_by, False)
            text = f"{lead} {', '.join(names)}." if lead else f"{', '.join(names)}."
            condensed.append(_line(items, WHOLE_LIST, text, ()))  # the descriptions still add
            continue
        if len(items) < MIN_GROUPED:
            continue
        lead = _lead(introduced_by, labelled)
        texts = [text.rstrip(" .;") for text in own]
        whole = _list_line(lead, texts)
        if len(whole) <= GROUP_CHARS:
            condensed.append(_line(items, WHOLE_LIST, whole, items))
        shown = 2
        while shown < len(texts) and len(_list_line(lead, texts[: shown + 1])) <= PARTIAL_CHARS:
            shown += 1
        partial = _list_line(lead, texts[:shown])
        if shown < len(texts) and len(partial) <= PARTIAL_CHARS:
            condensed.append(_line(items, FIRST_OF_LIST, partial, items[:shown]))
            # What "tell me more" continues with after that shorter line: the items it left.
            rest = _list_line(lead, texts[shown:])
            rest = f"{lead} …{rest[len(lead) :]}" if lead else f"… {rest}"
            if len(rest) <= GROUP_CHARS:
                condensed.append(_line(items, REST_OF_LIST, rest, items[shown:]))
    return condensed


# Words that join others: no phrase is made of them. (spaCy's stop words are too many for
# this: "side projects" and "full time" are phrases.)
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for and or with by from about as so if not no only any some do "
    "does did is are was be been i you he she it we they me my your his her its our their this "
    "that these those what which who how can could should would will".split()
)


@functools.lru_cache(maxsize=16384)
def _stem_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The 5-letter stems of each two words side by side in ``text``, neither a function word."""
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(
        (a[:5], b[:5])
        for a, b in zip(words, words[1:], strict=False)
        if len(a) > 2 and len(b) > 2 and a not in FUNCTION_WORDS and b not in FUNCTION_WORDS
    )


def _stems(words: Iterable[str]) -> set[str]:
    return {word[:5] for word in words}


@functools.lru_cache(maxsize=16384)
def text_stems(text: str, limit: int = 200) -> frozenset[str]:
    """5-letter stems of a text's content words; "part-time" is one word, not "part" and "time".

    Cached: the store's sentences come back answer after answer.
    """
    lowered = text.lower()
    joined = re.sub(r"(?<=\w)-(?=\w)|\b(part|full|over|day)\s(?=time\b)", r"\1", lowered)
    # The long parts of a compound count on their own: "in-demand" answers "is demand growing".
    parts = re.findall(r"(?<=-)[a-z]{5,}\b", lowered)
    return frozenset(_stems(content_words(joined, limit=limit)) | _stems(parts))


@functools.lru_cache(maxsize=16384)
def _topic_weights(text: str) -> dict[str, float]:
    """The topics a sentence names by keyword (cached, see ``text_stems``)."""
    return topics.tag(text, None)


@functools.lru_cache(maxsize=4096)
def _heading_topics(heading: str) -> frozenset[str]:
    return frozenset(topics.tag("", heading))


@functools.lru_cache(maxsize=16384)
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(sentences(text))


@functools.lru_cache(maxsize=1)
def _synonym_words() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or {}
    return {str(w).lower(): tuple(str(o).lower() for o in others) for w, others in raw.items()}


@functools.lru_cache(maxsize=1)
def synonyms() -> dict[str, frozenset[str]]:
    """Stem -> stems that answer it too (``rules/synonyms.yml``: "switch" -> "chang", …)."""
    return {word[:5]: frozenset(_stems(others)) for word, others in _synonym_words().items()}


def with_synonyms(message: str) -> str:
    """``message`` and the other words for its words, for a search that must find either."""
    words = set(re.findall(r"[a-zà-ÿ]+", message.lower()))
    extra = [o for word, others in _synonym_words().items() if word in words for o in others]
    return " ".join([message, *extra])


def matched(wanted: Iterable[str], found: frozenset[str]) -> set[str]:
    """The wanted stems found, a short stem matching longer ones ("prep" -> "prepa").

    A plural counts as its singular ("teams" -> "team"). A stem also counts as found through
    a synonym ("switch careers" -> "career changers").
    """
    alternatives = synonyms()
    hits = set()
    for stem in wanted:
        if stem in found or (len(stem) == 4 and any(f.startswith(stem) for f in found)):
            hits.add(stem)
        elif len(stem) == 5 and stem.endswith("s") and stem[:4] in found:
            hits.add(stem)  # "teams" asked, "team" written
        elif alternatives.get(stem, frozenset()) & found:
            hits.add(stem)
    return hits


# "im stressing lol, what do they test": how the person feels, not what they ask about ("is it
# stressful?" asks about the job, and keeps its word).
SAYS_HOW_THEY_FEEL = re.compile(
    r"\b(i'?m|im|i am|i'?ve been|getting|feeling|feel)( so| a bit| kinda| really)?"
    r" (stressing|stressed|nervous|worried|anxious|scared|freaking out|excited|panicking"
    r"|terrified)( out)?\b",
    re.I,
)


def question_words(message: str) -> set[str]:
    """The distinctive words of a message, as 5-letter stems (generic career words removed)."""
    message = SAYS_HOW_THEY_FEEL.sub(" ", message)
    return set(text_stems(message, limit=32)) - _stems(GENERIC_WORDS)


ANOTHER_TOPIC_WEIGHT = 3.0
ANOTHER_TOPIC_PENALTY = 0.75
ABOUT_PAY_PENALTY = 1.0


def score(
    unit: Unit, topic: str | None, wanted: set[str], message: str, *, family: str | None = None
) -> float:
    """How well ``unit`` answers a question on ``topic`` worded as ``message``.

    Three parts: the passage's topic weight (a heading match or keywords), the sentence's own
    keywords for the topic (a sentence under a "Skills" heading that names no skill is weaker),
    and the share of the person's distinctive words it contains. A direct answer (a duration
    for "how long", a number for "how much") is preferred. ``family`` is the text of the list
    a list item belongs to.
    """
    value = min(unit.topic_weight, 4.0) / 4.0  # negative for a list's introduction
    text = _scoring_text(unit)
    if topic:
        weights = _topic_weights(text)
        own = weights.get(topic, 0.0)
        value += min(own, 2.0) / 2.0
        section_topics = _heading_topics(unit.heading) if unit.heading else frozenset()
        in_section = topic in section_topics
        shared_with = [t for t in section_topics if t != topic]
        # A list item's topic is its list's: the whole list when it is here, else its lead.
        if family and unit.kind == "list_item":
            kin = _topic_weights(family)
        else:
            kin = _topic_weights(f"{unit.lead} {text}") if unit.lead else weights
        if not kin.get(topic) and any(kin.get(t, 0.0) >= ANOTHER_TOPIC_WEIGHT for t in shared_with):
            # Under a heading two topics share ("Where does an ML engineer work?"), a sentence
            # whose own words are all the other topic's (a list of sectors) answers that one.
            value -= ANOTHER_TOPIC_PENALTY
        if in_section:
            value += 0.5  # the page's own section on the topic
        elif not own and topic.startswith(COMPARISON_PREFIX):
            value -= 2.0  # outside a comparison's section, a sentence must name the other role
        money = max((kin.get(t, 0.0) for t in topics.MONEY_TOPICS), default=0.0)
        about_pay = money > kin.get(topic, 0.0)
        if topic not in topics.MONEY_TOPICS and topics.MONEY.search(text):
            value -= 1.0  # a pay figure answers a pay question, not this one
        elif topic not in topics.MONEY_TOPICS and about_pay:
            # A sentence more about pay than the topic ("To maximize earnings: negotiate …
            # remote work") answers a pay question too.
            value -= ABOUT_PAY_PENALTY
    if wanted:
        in_text = matched(wanted, text_stems(text))
        value += 2.0 * len(in_text) / len(wanted)
        # Two of the person's words side by side, as they wrote them ("side projects", "data
        # prep"): the sentence names the thing asked about, not two of its words apart.
        together = _stem_pairs(message) & _stem_pairs(text)
        pairs = sum(1 for first, second in together if first in wanted or second in wanted)
        value += min(pairs, MAX_PHRASES) * PHRASE_WEIGHT
        if unit.heading:
            # A section titled with the person's own question ("Why do companies need this
            # role?") answers it, though its sentences need not repeat the words.
            in_heading = matched(wanted, text_stems(unit.heading)) - in_text
            value += HEADING_WORD_WEIGHT * len(in_heading) / len(wanted)
    lowered = message.lower()
    if "how long" in lowered and DURATION.search(unit.text):
        value += 1.0
    elif ASKS_ORIGIN.search(lowered) and TELLS_ORIGIN.search(unit.text):
        value += 1.0  # "what jobs do they have before": where people begin, not where they go
    elif re.search(r"\bhow (much|many)\b", lowered) and NUMBER.search(unit.text):
        value += 0.5
    if unit.index == 0:
        value += 0.1  # a paragraph's first sentence usually states its point
    if unit.kind == "list_item" and topic:
        # A list under a topic's heading is the page's own answer to it; a very short item
        # ("Main focus: building production ML systems.") is a table cell, unclear alone.
        value += 0.25 if len(text) >= 60 or "," in text else -0.3
    if unit.kind == "list":
        if not unit.members and ASKS_FOR_KINDS.search(message):
            # "what kinds are there?": the page's list of names is the answer itself.
            value += KINDS_LINE_BONUS
        elif re.search(r"\b(types?|kinds?|list|which|options|what are)\b", message, re.I):
            value += 0.3
        if unit.members:
            value += 0.45  # the whole list in one line: what each of its items is part of
    if unit.kind == "paragraph":
        value -= _leaning(unit.text)
    if len(unit.text) > 300 and not unit.members:
        value -= 0.2
    return value


def _scoring_text(unit: Unit) -> str:
    """The words a unit is judged on: a led item's own words, not its list's lead.

    The lead ("Essential skills include:") would lift every item of its list alike.
    """
    return without_lead(unit) if unit.lead and unit.lead != unit.heading else unit.text


def _leaning(text: str) -> float:
    """What a sentence loses for leaning on the one before it (given back when it follows it)."""
    if ANAPHORA.match(text):
        return ANAPHORA_PENALTY
    return LEANS_ON_PENALTY if LEANS_ON.match(text) else 0.0


def topic_question_words(message: str, topic: str | None) -> set[str]:
    """The message's distinctive words, less those that only name the topic asked about."""
    wanted = question_words(message)
    return wanted - _stems(topics.topic_words(topic)) if topic else wanted


def rank(units: Sequence[Unit], topic: str | None, message: str) -> list[Unit]:
    """Units best first (ties in reading order)."""
    return [unit for _, unit in _scored(units, topic, message)]


def _scored(units: Sequence[Unit], topic: str | None, message: str) -> list[tuple[float, Unit]]:
    wanted = topic_question_words(message, topic)
    # A list item is read with its list when asking which topic it is about: "Retail and
    # recommendation teams" alone names no sector twice, its list of employers does.
    family = {member: unit.text for unit in units if unit.kind == "list" for member in unit.members}
    scored = [
        (score(unit, topic, wanted, message, family=family.get(unit.passage_id)), unit)
        for unit in units
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1].passage_id, pair[1].index))
    return scored


def compose(
    hits: Sequence[PassageHit],
    message: str,
    topic: str | None,
    *,
    budget: int = DEFAULT_BUDGET,
    max_units: int | None = None,
    exclude: Iterable[str] = (),
    only: Iterable[str] | None = None,
    continuing: bool = False,
) -> Composition:
    """Choose the units that answer ``message`` on ``topic`` within ``budget`` characters.

    Args:
        hits: candidate passages (e.g. ``query.passages_by_topic``).
        message: the person's message (its words steer the ranking).
        topic: the store topic asked about, or None for a free question.
        budget: characters of quoted text to aim at; the best unit is always kept.
        max_units: at most this many units ("shorter" asks for one or two).
        exclude: unit keys already shown (for "tell me more").
        only: if given, choose among these unit keys alone ("shorter" keeps to what the last
            answer said), and return nothing rather than cut one that does not fit.
        continuing: "tell me more": what is left must answer the question as well as the
            answer's own floor asked of its sentences (a share of the best sentence of all,
            shown or not), not merely be the best of what is left.
    """
    skip = set(exclude)
    units = units_of(hits, pointers_wanted=bool(ASKS_WHERE_TO_LOOK.search(message)))
    units += condensed_lists(units)
    if only is not None:
        kept = set(only)
        units = [unit for unit in units if unit.key in kept]
    # "Tell me more" after a list line must not repeat its items, nor the line after an item.
    said = {item for unit in units if unit.key in skip for item in unit.covers}
    every = _scored(units, topic, message)
    floor = RELATIVE_FLOOR * every[0][0] if continuing and every else float("-inf")
    scored = [
        pair
        for pair in every
        if pair[1].key not in skip
        and not pair[1].covers & said
        and _offered(pair[1], skip)
        and pair[0] >= floor
    ]
    if any(_rest_of_shown(unit, skip) for _, unit in scored):
        # "Tell me more" after a list cut short goes on with that list first.
        top = scored[0][0]
        scored = [
            (top + 1.0 if _rest_of_shown(unit, skip) else value, unit) for value, unit in scored
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1].passage_id, pair[1].index))
    ranked = [unit for _, unit in scored]
    if not ranked:
        return Composition((), ())
    scores = {unit.key: value for value, unit in scored}
    chosen: list[Unit] = []
    used = 0
    per_source: dict[str, int] = {}
    # The person's own words each unit contains, and those the answer already covers: a unit
    # that answers a word of the question no chosen unit answers ("office vs remote?") is not
    # held back for its source.
    wanted = topic_question_words(message, topic)
    answers = {unit.key: matched(wanted, text_stems(_scoring_text(unit))) for unit in ranked}
    answered: set[str] = set()
    pool = list(ranked)
    quoted: set[int] = set()
    limit = min(max(budget, 1), MAX_BUDGET)
    taken: set[tuple[int, int]] = set()

    def value(unit: Unit) -> float:
        # A sentence that continues one already chosen ("A Data Scientist may spend more time on
        # analysis… A Machine Learning Engineer is often more product-facing…") completes its
        # thought: it is not held back as a second sentence from the same source.
        if _continues(unit, taken):
            # "It tends to reward people who…" leans on the sentence before it: here it has it.
            return scores[unit.key] + CONTINUATION_BONUS + _leaning(unit.text)
        if _counterpart(unit, chosen):
            return scores[unit.key] + CONTINUATION_BONUS
        if answers[unit.key] - answered:
            return scores[unit.key]
        return scores[unit.key] - SAME_SOURCE_PENALTY * per_source.get(unit.source.label, 0)

    while pool and (max_units is None or len(chosen) < max_units):
        best = max(pool, key=value)
        pool.remove(best)
        if best.covers & quoted:
            continue  # its list line, or one of its items, is already in the answer
        length = len(best.text) + 12
        other_side = _counterpart(best, chosen)
        room = MAX_BUDGET if other_side else limit
        if used + length > room and (chosen or best.kind == "list" or only is not None):
            continue  # a shorter unit further down may still fit
        follows = _continues(best, taken) or other_side
        if chosen and (
            scores[best.key] < (0.0 if follows else ABSOLUTE_FLOOR)
            or (not follows and scores[best.key] < RELATIVE_FLOOR * scores[chosen[0].key])
        ):
            continue  # does not answer this question (a stronger one may still be held back)
        chosen.append(best)
        taken.add((best.passage_id, best.index))
        quoted |= best.covers
        used += length
        per_source[best.source.label] = per_source.get(best.source.label, 0) + 1
        answered |= answers[best.key]
        if used >= budget * 0.85 and not any(_counterpart(unit, chosen) for unit in pool):
            break
    if not chosen and only is not None:
        return Composition((), tuple(unit.key for unit in ranked))
    if not chosen:  # the best unit alone is longer than the budget: cut it at a sentence
        first = ranked[0]
        chosen = [
            Unit(
                first.key,
                _cut(first.text, MAX_BUDGET),
                first.kind,
                first.heading,
                first.source,
                first.passage_id,
                first.index,
                first.topic_weight,
            )
        ]
    shown = {u.key for u in chosen}
    left_out = tuple(u.key for u in ranked if u.key not in shown)
    return Composition(tuple(_display_order(chosen)), left_out)


def _rest_of_shown(unit: Unit, shown: set[str]) -> bool:
    """True for the line that goes on with a list whose first items were shown."""
    head, _, suffix = unit.key.rpartition(".")
    return suffix == REST_OF_LIST and f"{head}.{FIRST_OF_LIST}" in shown


def _offered(unit: Unit, shown: set[str]) -> bool:
    """The rest of a list is offered only to go on from its first line; alone it reads badly."""
    return not unit.key.endswith(f".{REST_OF_LIST}") or _rest_of_shown(unit, shown)


def _continues(unit: Unit, taken: set[tuple[int, int]]) -> bool:
    """True for the sentence right after one already chosen (one such step per paragraph)."""
    place = (unit.passage_id, unit.index)
    return (
        unit.kind == "paragraph"
        and (place[0], place[1] - 1) in taken
        and (place[0], place[1] - 2) not in taken
    )


def _counterpart(unit: Unit, chosen: Sequence[Unit]) -> bool:
    """True for a list line whose lead negates (or is negated by) a chosen list line's lead."""
    if unit.kind != "list" or not unit.heading:
        return False
    side = _affirmed(unit.heading)
    return any(
        other.kind == "list"
        and other.heading
        and other.heading != unit.heading
        and other.source.label == unit.source.label
        and _affirmed(other.heading) == side
        for other in chosen
    )


@functools.lru_cache(maxsize=1024)
def _affirmed(heading: str) -> str:
    """A lead without its negation: "this role may suit you if…" for both sides."""
    return NEGATION.sub("", heading).casefold()


def _display_order(chosen: list[Unit]) -> list[Unit]:
    """Sources in order of their best unit, each in reading order; a lead sentence stays first.

    A list reads in its own order ("Morning…" before "End of day…"); a paragraph's sentence
    that answers best leads even when it came later in its source.
    """
    order: dict[str, int] = {}
    for unit in chosen:
        order.setdefault(unit.source.label, len(order))
    lead = chosen[0]
    if lead.kind != "paragraph":
        return sorted(chosen, key=lambda u: (order[u.source.label], u.passage_id, u.index))
    rest = sorted(chosen[1:], key=lambda u: (order[u.source.label], u.passage_id, u.index))
    return [lead, *rest]


def weighted_coverage(
    message: str, text: str, document_frequency: dict[str, int], total: int
) -> float:
    """Share of the message's distinctive words found in ``text``, rare words weighing more.

    ``document_frequency`` counts, for each stem, the candidate passages that contain it (of
    ``total``): "interviews" found in one passage says more than "prepare" found in eight. An
    everyday word weighs less whatever the candidates: a passage on "Big data" does not answer
    "why such a big range?", nor one where the workplace "can look different" "what should my
    portfolio look like?".
    """
    wanted = question_words(message)
    if not wanted:
        return 0.0
    everyday = _everyday_stems(message)
    weights = {
        w: math.log(1 + (total + 1) / (document_frequency.get(w, 0) + 0.5))
        * (EVERYDAY_WEIGHT if w in everyday else 1.0)
        for w in wanted
    }
    found = matched(wanted, text_stems(text, limit=400))
    return sum(weight for w, weight in weights.items() if w in found) / sum(weights.values())


EVERYDAY_ZIPF = 5.5
"""A word this frequent in English ("big", "look", "work", "good") says little about a subject."""
EVERYDAY_WEIGHT = 0.4


@functools.lru_cache(maxsize=4096)
def _everyday_stems(message: str) -> frozenset[str]:
    """Stems of the message's everyday words (wordfreq's Zipf scale, ``EVERYDAY_ZIPF``)."""
    from wordfreq import zipf_frequency

    return frozenset(
        word[:5] for word in content_words(message) if zipf_frequency(word, "en") >= EVERYDAY_ZIPF
    )


def document_frequencies(message: str, texts: Sequence[str]) -> dict[str, int]:
    """For each distinctive word of ``message``, how many of ``texts`` contain it."""
    wanted = question_words(message)
    counts = dict.fromkeys(wanted, 0)
    for text in texts:
        for stem in wanted & text_stems(text, limit=400):
            counts[stem] += 1
    return counts


SPECIFIC_ZIPF = (2.5, 4.0)
"""A word this frequent in English (wordfreq's Zipf scale) is specific enough to name a gap:
"overtime" (3.6), "relocation" (3.4), "freelance" (3.5) are; "kinds", "hiring" or "normal" are
everyday words a topic answer covers in its own words, and a typo ("enginers", 0) is not a word
at all."""

# A word about work ("visa", "portfolio", "kaggle") is a subject below this frequency, rare or
# not; "job" and "career" (above it) frame a question rather than name what it asks.
FIELD_WORD_ZIPF = 4.5


def _adverb(word: str) -> bool:
    """True for an adverb made from an adjective ("honestly", "realistically", "concretely")."""
    from wordfreq import zipf_frequency

    if not word.endswith("ly"):
        return False
    bases = (word[:-2], word[:-4], word[:-3] + "y", word[:-2] + "e")  # honest, basic, easy, ...
    return any(len(base) >= 4 and zipf_frequency(base, "en") >= 3.5 for base in bases)


@functools.lru_cache(maxsize=4096)
def _slip_of(word: str) -> bool:
    """True when ``word`` is one letter away from a much commoner word ("ned" for "need")."""
    from wordfreq import zipf_frequency

    if "-" in word or len(word) < 3:
        return False
    own = zipf_frequency(word, "en")
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    near = {a + b[1:] for a, b in splits if b}
    near |= {a + c + b[1:] for a, b in splits if b for c in letters}
    near |= {a + c + b for a, b in splits for c in letters}
    near |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    near.discard(word)
    return any(zipf_frequency(other, "en") >= max(EVERYDAY_ZIPF, own + 2.0) for other in near)


@functools.lru_cache(maxsize=1)
def _subjects() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the phrases of ``rules/subjects.yml``, and each phrase by its words.

    Longest first, so "gender pay gap" is found before "pay gap"; "work-life balance" and
    "work life balance" are one subject, named as the list spells it first.
    """
    raw = yaml.safe_load(SUBJECTS_FILE.read_text(encoding="utf-8")) or {}
    phrases = sorted((str(p).lower() for p in raw.get("subjects") or ()), key=len, reverse=True)
    alternatives = "|".join(
        re.escape(p).replace(r"\ ", " ").replace(" ", r"[\s-]+").replace(r"\-", r"[\s-]+")
        for p in phrases
    )
    canonical: dict[str, str] = {}
    for phrase in raw.get("subjects") or ():
        canonical.setdefault(_phrase_key(str(phrase)), str(phrase))
    # Bounded like \b, but "+" and "#" belong to a name ("C++", "C#"), so they bound it too.
    return re.compile(rf"(?<![\w+#])({alternatives})s?(?![\w+#])", re.I), canonical


def _phrase_key(phrase: str) -> str:
    return " ".join(re.findall(r"[a-z0-9+#]+", phrase.lower()))


def says_phrase(text: str, phrase: str) -> bool:
    """True if ``text`` holds ``phrase`` as whole words ("work life balance" = "work-life …")."""
    return f" {_phrase_key(phrase)} " in f" {_phrase_key(text)} "


def subject_phrases(message: str) -> list[str]:
    """The many-word subjects of ``rules/subjects.yml`` the message names, in message order."""
    pattern, canonical = _subjects()
    found = (canonical[_phrase_key(m.group(1))] for m in pattern.finditer(message))
    return list(dict.fromkeys(found))


def uncovered_words(
    message: str,
    hits: Sequence[PassageHit],
    topic: str | None,
    *,
    ways_of_asking: frozenset[str] = frozenset(),
    field_word: Callable[[str], bool] = lambda word: False,
    most_frequent: float = SPECIFIC_ZIPF[1],
) -> list[str]:
    """Specific words of the message that no candidate passage contains, in message order.

    "can I do this part-time?" answered from the passages on a typical day: none mentions
    part-time work, so the answer must say so before giving what the sources do say. Stems in
    ``ways_of_asking`` are how people ask about the topic ("must-have skills"), never a gap; a
    word ``field_word`` accepts ("kaggle") is specific however rare. ``most_frequent`` is the
    most frequent a word may be and still be specific (``SPECIFIC_ZIPF`` for a gap).
    """
    from wordfreq import zipf_frequency

    # "the cost of living": a phrase no candidate passage holds is a subject of its own, though
    # each of its words is too everyday to be one.
    said = " ".join(hit.text for hit in hits)
    phrases = [p for p in subject_phrases(message) if not says_phrase(said, p)]
    wanted = topic_question_words(message, topic) - ways_of_asking
    if not wanted:
        return phrases
    present: set[str] = set()
    for hit in hits:
        present |= text_stems(hit.text, limit=400)
    low, high = SPECIFIC_ZIPF[0], most_frequent
    words = re.findall(
        r"[a-z]+(?:-[a-z]+)?", re.sub(r"\b(part|full) time\b", r"\1-time", message.lower())
    )
    specific: list[str] = []
    rare: list[str] = []  # the rarest of them: one the sources use answers part of the question
    for word in words:
        stem = text_stems(word, limit=1)
        if not stem or not stem <= wanted or word in specific:
            continue
        if word in FRENCH_STOP_WORDS or zipf_frequency(word, "fr") > zipf_frequency(word, "en"):
            continue  # a French question's own words ("je suis") are not a subject
        if word in APOSTROPHE_DROPPED:
            continue  # "isnt all this ai stuff gonna…": a frame, not a subject
        parts = word.split("-")
        frequency = min(zipf_frequency(part, "en") for part in parts)
        if _adverb(word) or _slip_of(word):
            continue  # "honestly", "realistically" frame a question; "ned" is "need" mistyped
        if (
            len(parts) > 1
            or low <= frequency < SPECIFIC_ZIPF[1]
            or (frequency < low and field_word(word))
        ):
            specific.append(word)
            rare.append(word)
        elif low <= frequency < high or (frequency < FIELD_WORD_ZIPF and field_word(word)):
            specific.append(word)  # "visa", "ethics": a subject, but common enough to be shared
    if any(matched(text_stems(word, limit=1), frozenset(present)) for word in rare):
        return phrases  # the sources speak of part of it: the answer itself is the honest reply
    return phrases + [word for word in specific if not any(word in p for p in phrases)]
