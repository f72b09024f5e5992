"""The list of sources the assistant answers from."""

from __future__ import annotations

import re

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import slots
from actions.formatting import source_description
from actions.store import run_query
from knowledge import query

# A store may hold thousands of documents; one message lists the first ones.
MAX_LISTED = 20


async def list_sources(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Name every source document (the first ``MAX_LISTED`` on a large store)."""
    sources = await run_query(query.sources)
    dispatcher.utter_message(
        response="utter_sources",
        count=len(sources),
        sources_list="\n".join(source_description(s) for s in sources[:MAX_LISTED]),
    )
    if len(sources) > MAX_LISTED:
        dispatcher.utter_message(response="utter_sources_more", count=len(sources) - MAX_LISTED)
    return [SlotSet(slots.TOPIC, "sources")]


# What a question that names a source says besides its name ("what does bluecoders say about
# salary", "bessand's numbers"): only such messages are checked against the store's labels.
NAMES_A_SOURCE_CUE = re.compile(
    r"\b(say|says|said|saying|according|source|site|website|page|guide|article|numbers?"
    # "and the bluecoders figure?"
    r"|figures?|ranges?|estimates?|ones?|version|take|claims?|wrote|writes|give|gives|giving"
    r"|list|lists|quote|quotes|show|shows)\b"
    r"|'s\b",
    re.I,
)
# A label word this rare in English names its source on its own ("cbt", "bessand").
DISTINCTIVE_ZIPF = 3.0


async def source_named(text: str) -> str | None:
    """The label of the source document ``text`` asks about by name, if any."""
    if not text or not NAMES_A_SOURCE_CUE.search(text):
        return None
    return named_label(text, await run_query(query.source_labels))


def named_label(text: str, labels: list[str]) -> str | None:
    """The first of ``labels`` that ``text`` names, whole or by its distinctive words."""
    from wordfreq import zipf_frequency

    lowered = text.lower()

    def says(phrase: str) -> bool:
        return bool(re.search(rf"\b{re.escape(phrase)}\b", lowered))

    for label in labels:
        if says(label.lower()):
            return label
    for label in labels:
        words = [
            w
            for w in re.findall(r"[a-z]+", label.lower())
            if zipf_frequency(w, "en") < DISTINCTIVE_ZIPF
        ]
        if words and all(says(word) for word in words):
            return label
    return None
