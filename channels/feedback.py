"""Ratings from the channels (widget, Slack, REST, shell), stored beside the tracker store.

Every channel names the rated answer the same way: its conversation (which the channel knows,
never the client) and the timestamp of the answer's ``bot`` event, which Rasa hands the output
channel with the message (``rating_of`` turns it into the few fields a client gets). The rating
is checked against the conversation as the tracker store has it (another Rasa server may have
answered) and stored by ``monitoring.feedback``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from monitoring import feedback
from monitoring.stores import tracker_url

logger = logging.getLogger(__name__)

SAVE_WAIT = 3.0
"""Seconds to wait for an answer to reach the tracker store: Rasa sends a reply before it saves
the conversation, and a quick click can arrive in between."""


@dataclass(frozen=True)
class Outcome:
    """What became of a rating: stored or not, and what to tell the person."""

    stored: bool
    text: str
    answer_timestamp: float | None = None
    ask_reason: bool = False


Part = TypeVar("Part")


class HeldParts(Generic[Part]):
    """What one bot message sends, held back so its last part can carry the rating buttons.

    An output channel sends each part through one low-level method; while ``collect`` runs,
    that method ``hold``s the part instead of sending it, and the channel sends them after
    tagging the last (the widget's ``answer_id``, Slack's 👍 / 👎 block).
    """

    def __init__(self) -> None:
        self._parts: list[Part] | None = None

    def hold(self, part: Part) -> bool:
        """Keep ``part`` while collecting; False when not collecting (send it now)."""
        if self._parts is None:
            return False
        self._parts.append(part)
        return True

    async def collect(self, sending: Awaitable[None]) -> list[Part]:
        """Await ``sending`` with every part it sends held; those parts, in order."""
        self._parts = []
        try:
            await sending
            return self._parts
        finally:
            self._parts = None


def rating_of(message: Mapping[str, Any]) -> float | None:
    """The answer id (its bot event's timestamp) a channel shows rating buttons for, or None.

    ``message`` is what Rasa passes to ``OutputChannel.send_response``: the bot event's data,
    text, timestamp and metadata (``utter_action``).
    """
    stamp = message.get("timestamp")
    if not isinstance(stamp, int | float):
        return None
    if not feedback.rateable(message.get("utter_action"), message.get("text")):
        return None
    return float(stamp)


def parse_rating(rating: object, reason: object) -> tuple[str, str | None] | None:
    """A valid (rating, reason) pair from a client's values, or None."""
    if rating not in feedback.RATINGS:
        return None
    if reason in (None, ""):
        return str(rating), None
    if rating == feedback.DOWN and reason in feedback.REASONS:
        return str(rating), str(reason)
    return None


def _tracker_store() -> Any | None:
    from sanic import Sanic
    from sanic.exceptions import SanicException

    try:
        agent = Sanic.get_app().ctx.agent
    except (SanicException, AttributeError):
        return None
    return getattr(agent, "tracker_store", None)


async def rate(
    conversation_id: str,
    rating: str,
    reason: str | None = None,
    answer_timestamp: float | None = None,
    *,
    tracker_store: Any | None = None,
    url: str | None = None,
    wait: float = SAVE_WAIT,
) -> Outcome:
    """Store a rating of an answer of ``conversation_id`` (None: its last content answer).

    Args:
        conversation_id: the conversation, as the channel knows it.
        rating: ``up`` or ``down``.
        reason: with a ``down``, one of ``monitoring.feedback.REASONS``.
        answer_timestamp: the rated answer's bot event timestamp; None for the last answer.
        tracker_store: Rasa's tracker store (default: the running server's).
        url: the database for ratings (default: the tracker store's, ``TRACKER_DB_URL``).
        wait: seconds to wait for the answer to be saved.
    """
    store = tracker_store or _tracker_store()
    if store is None:
        return Outcome(False, "Ratings are not available here.")
    # Only an answer sent moments ago may still be on its way to the store: a made-up or old
    # id is refused at once (each look costs a load of the conversation).
    recent = answer_timestamp is not None and abs(time.time() - answer_timestamp) < 60
    deadline = time.monotonic() + (wait if recent else 0.0)
    while True:
        tracker = await store.retrieve_full_tracker(conversation_id)
        events = [event.as_dict() for event in tracker.events] if tracker else []
        answer = feedback.find_answer(conversation_id, events, answer_timestamp)
        if answer is not None or time.monotonic() >= deadline:
            break
        await asyncio.sleep(0.2)
    if answer is None:
        return Outcome(False, "There is no answer to rate yet.")
    engine = feedback.engine_for(url or tracker_url())
    await asyncio.to_thread(feedback.record, engine, answer, rating, reason)
    logger.info("Stored a %s rating (%s)", rating, reason or "no reason")
    if rating == feedback.UP:
        return Outcome(True, feedback.THANKS, answer.answer_timestamp)
    if reason is None:
        return Outcome(True, feedback.ASK_REASON, answer.answer_timestamp, ask_reason=True)
    return Outcome(True, feedback.THANKS_REASON, answer.answer_timestamp)


async def ratings(conversation_id: str, url: str | None = None) -> list[feedback.Rating]:
    """The ratings of one conversation (for a client to show them again)."""
    engine = feedback.engine_for(url or tracker_url())
    return await asyncio.to_thread(feedback.ratings, engine, conversation_id)
