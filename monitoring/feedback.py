"""Ratings of the bot's answers (👍 / 👎, an optional reason), in a table beside the tracker store.

A rating is tied to one answer: the conversation id and the timestamp of the answer's ``bot``
event in Rasa's tracker store (Rasa sends that timestamp with every message it hands to a
channel, so the channel can name the message it showed). With it the table keeps the answer's
text, the question it answered and the model that answered, so that the report can list rated
answers without replaying conversations. Nothing else about the person is stored: no address, no
name, no user id beyond the conversation id the tracker store already has. The table lives in
the tracker store's database (``TRACKER_DB_URL``), so every Rasa server of a deployment sees the
same ratings, and retention (``serving.retention``) deletes them with their conversations.

Which messages may be rated: content answers. Greetings, thanks, "I'm a bot", the capabilities
list and questions back to the person are not (``rateable``).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from knowledge.db import cached_engine

logger = logging.getLogger(__name__)

UP, DOWN = "up", "down"
RATINGS = (UP, DOWN)
REASONS: dict[str, str] = {
    "wrong": "Wrong",
    "not_asked": "Not what I asked",
    "too_long": "Too long",
    "outdated": "Outdated",
}
"""The reasons a 👎 may give (key stored, label shown), in the order they are offered."""

THANKS = "Thanks for the feedback!"
ASK_REASON = "Thanks for telling me. What was wrong? (optional)"
THANKS_REASON = "Thanks, that helps improve the answers."

NOT_RATED = frozenset(
    {
        "utter_greet",
        "utter_goodbye",
        "utter_thank",
        "utter_iamabot",
        "utter_capabilities",
        "utter_rephrase",
    }
)
"""Responses that are conversation, not content: no rating buttons under them."""

metadata_obj = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "pk": "pk_%(table_name)s",
    }
)

feedback_table = Table(
    "answer_feedback",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", String(255), nullable=False, index=True),
    # The rated answer: its bot event's timestamp in Rasa's events table, and its text.
    Column("answer_timestamp", Float, nullable=False),
    Column("answer", Text, nullable=False),
    # The person's message the answer followed (None when the answer opened the conversation).
    Column("question", Text),
    Column("question_timestamp", Float),
    # The Rasa model that answered (Rasa's model_id in the event's metadata).
    Column("model_id", String(64)),
    Column("rating", String(8), nullable=False),
    Column("reason", String(16)),
    Column("rated_at", Float, nullable=False, index=True),
    UniqueConstraint("conversation_id", "answer_timestamp", name="answer"),
    CheckConstraint("rating IN ('up', 'down')", name="rating"),
    CheckConstraint(
        "reason IS NULL OR reason IN ('wrong', 'not_asked', 'too_long', 'outdated')",
        name="reason",
    ),
)


@dataclass(frozen=True)
class RatedAnswer:
    """One answer of a conversation, as a rating names it."""

    conversation_id: str
    answer_timestamp: float
    answer: str
    question: str | None = None
    question_timestamp: float | None = None
    model_id: str | None = None


@dataclass(frozen=True)
class Rating:
    """A stored rating."""

    answer_timestamp: float
    rating: str
    reason: str | None


def rateable(utter_action: str | None, text: str | None) -> bool:
    """Whether a bot message is a content answer (one that gets 👍 / 👎)."""
    if not text or not utter_action:
        return False
    return utter_action not in NOT_RATED and not utter_action.startswith("utter_ask_")


def find_answer(
    conversation_id: str,
    events: Iterable[Mapping[str, Any]],
    answer_timestamp: float | None = None,
) -> RatedAnswer | None:
    """The answer a rating names, from a conversation's events (Rasa's event dicts).

    Args:
        conversation_id: the conversation.
        events: its events in order, as Rasa serialises them (``event``, ``timestamp``,
            ``text``, ``metadata``).
        answer_timestamp: the bot event's timestamp; None for the last content answer.
    """
    question: Mapping[str, Any] | None = None
    found: RatedAnswer | None = None
    for event in events:
        kind = event.get("event")
        if kind == "user":
            question = event
        elif kind == "bot":
            stamp = float(event.get("timestamp") or 0.0)
            meta = event.get("metadata") or {}
            if answer_timestamp is None:
                if not rateable(meta.get("utter_action"), event.get("text")):
                    continue
            elif abs(stamp - answer_timestamp) > 1e-6:
                continue
            found = RatedAnswer(
                conversation_id=conversation_id,
                answer_timestamp=stamp,
                answer=str(event.get("text") or ""),
                question=None if question is None else question.get("text"),
                question_timestamp=None if question is None else question.get("timestamp"),
                model_id=meta.get("model_id"),
            )
            if answer_timestamp is not None:
                return found
    return found


@functools.lru_cache(maxsize=8)
def _created(url: str) -> Engine:
    engine = cached_engine(url)
    ensure_table(engine)
    return engine


def engine_for(url: str) -> Engine:
    """The (cached) engine of the tracker store at ``url``, with the feedback table created."""
    return _created(url)


def ensure_table(engine: Engine) -> None:
    """Create the feedback table when it is missing (several servers may race: both win)."""
    try:
        metadata_obj.create_all(engine, checkfirst=True)
    except (OperationalError, ProgrammingError, IntegrityError):
        if not inspect(engine).has_table(feedback_table.name):
            raise


def record(
    engine: Engine,
    answer: RatedAnswer,
    rating: str,
    reason: str | None = None,
    now: float | None = None,
) -> None:
    """Store (or change) the rating of one answer; a reason only ever goes with a 👎."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
    if reason is not None and (reason not in REASONS or rating != DOWN):
        raise ValueError(f"reason must be one of {sorted(REASONS)} with a 👎, not {reason!r}")
    values = {"rating": rating, "reason": reason, "rated_at": time.time() if now is None else now}
    key = (
        feedback_table.c.conversation_id == answer.conversation_id,
        feedback_table.c.answer_timestamp == answer.answer_timestamp,
    )
    insert = feedback_table.insert().values(
        conversation_id=answer.conversation_id,
        answer_timestamp=answer.answer_timestamp,
        answer=answer.answer,
        question=answer.question,
        question_timestamp=answer.question_timestamp,
        model_id=answer.model_id,
        **values,
    )
    for attempt in range(2):
        try:
            with engine.begin() as connection:
                changed = connection.execute(update(feedback_table).where(*key).values(**values))
                if not changed.rowcount:
                    connection.execute(insert)
            return
        except IntegrityError:
            # The same answer's first rating stored by another server meanwhile: update it.
            if attempt:
                raise
            logger.info("A rating of the same answer came in at the same time; updating it")


def ratings(engine: Engine, conversation_id: str) -> list[Rating]:
    """The ratings given in one conversation, oldest answer first."""
    query = (
        select(
            feedback_table.c.answer_timestamp,
            feedback_table.c.rating,
            feedback_table.c.reason,
        )
        .where(feedback_table.c.conversation_id == conversation_id)
        .order_by(feedback_table.c.answer_timestamp)
    )
    with engine.connect() as connection:
        return [Rating(*row) for row in connection.execute(query)]


def counts(engine: Engine) -> dict[tuple[str, str | None], int]:
    """How many ratings there are, by (rating, reason)."""
    query = select(feedback_table.c.rating, feedback_table.c.reason, func.count()).group_by(
        feedback_table.c.rating, feedback_table.c.reason
    )
    with engine.connect() as connection:
        return {(rating, reason): n for rating, reason, n in connection.execute(query)}


def forget(connection: Connection, conversation_ids: list[str]) -> int:
    """Delete the ratings of these conversations, and of any conversation no longer stored.

    Called by ``serving.retention`` in the transaction that deletes the conversations' events;
    returns how many ratings were deleted (0 when the table does not exist yet).
    """
    if not inspect(connection).has_table(feedback_table.name):
        return 0
    deleted = 0
    statement = delete(feedback_table).where(
        feedback_table.c.conversation_id.in_(bindparam("ids", expanding=True))
    )
    for start in range(0, len(conversation_ids), 500):
        batch = conversation_ids[start : start + 500]
        deleted += connection.execute(statement, {"ids": batch}).rowcount
    if inspect(connection).has_table("events"):
        events = Table("events", MetaData(), Column("sender_id", String(255)))
        orphans = delete(feedback_table).where(
            ~select(events.c.sender_id)
            .where(events.c.sender_id == feedback_table.c.conversation_id)
            .exists()
        )
        deleted += connection.execute(orphans).rowcount
    return deleted
