"""The list of sources the assistant answers from."""

from __future__ import annotations

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
