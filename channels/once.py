"""Each widget message is answered once, however often the widget sends it.

The widget gives every message an id of its own (``message_id``) and re-sends a message whose
acknowledgement never came (the link broke after Rasa got it, or while the answer was on its
way). A copy of a message already handled, or still being handled, is not processed again:
its answer is sent once more to the socket that asked (the widget shows each part of an answer
once, by ``reply_to`` and ``part``) and the copy is acknowledged.

Two records, looked up in this order:

* this server's memory: per conversation the last ``PER_CONVERSATION`` ids, the answer sent
  for the last ``KEEP_ANSWERS`` of them, and an event set once an answer is complete (a copy
  arriving while the first is still being answered waits for it). At most ``CONVERSATIONS``
  conversations are kept (a few MB at most); a copy of an older message is looked up in the
  tracker store;
* for a copy the widget marks as re-sent (``resent``) and this server does not know, the
  tracker store: Rasa keeps the id as the user event's ``message_id``, so a copy reaching
  another server of a deployment sharing the tracker store, or this one after a restart, is
  answered from the events stored after it. A message is stored once Rasa has finished with
  it: a copy reaching another server *while* the first server is still answering (seconds, at
  most ``MESSAGE_TIMEOUT``) is answered again there.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import BotUttered, Event, UserUttered

PER_CONVERSATION = 50
KEEP_ANSWERS = 5
CONVERSATIONS = 2_000
_MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def running_tracker_store() -> Any | None:
    """The tracker store of this Rasa server (None outside one, or before its agent exists)."""
    from sanic import Sanic
    from sanic.exceptions import SanicException

    try:
        agent = Sanic.get_app().ctx.agent
    except (SanicException, AttributeError):
        return None
    return getattr(agent, "tracker_store", None)


def message_id_of(value: object) -> str | None:
    """A client's message id if it is one (8 to 64 letters, digits, ``-`` or ``_``), else None."""
    if isinstance(value, str) and _MESSAGE_ID.fullmatch(value):
        return value
    return None


@dataclass
class Handling:
    """One message being answered, or answered.

    Attributes:
        replies: the parts sent for it; None once no longer kept (see the tracker store).
        done: set once its answer is complete.
    """

    replies: list[dict[str, Any]] | None = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class RecentMessages:
    """The messages this server handled lately, per conversation, oldest forgotten first."""

    def __init__(
        self,
        per_conversation: int = PER_CONVERSATION,
        conversations: int = CONVERSATIONS,
        keep_answers: int = KEEP_ANSWERS,
    ) -> None:
        self.per_conversation = per_conversation
        self.keep_answers = keep_answers
        self.conversations = conversations
        self._seen: OrderedDict[str, OrderedDict[str, Handling]] = OrderedDict()

    def find(self, conversation: str, message_id: str) -> Handling | None:
        """The handling of ``message_id`` in ``conversation``, if this server remembers it."""
        messages = self._seen.get(conversation)
        return messages.get(message_id) if messages is not None else None

    def begin(self, conversation: str, message_id: str) -> Handling:
        """Record that ``message_id`` is being answered now."""
        messages = self._seen.setdefault(conversation, OrderedDict())
        self._seen.move_to_end(conversation)
        handling = messages[message_id] = Handling()
        while len(messages) > self.per_conversation:
            messages.popitem(last=False)
        for older in list(messages.values())[: -self.keep_answers or None]:
            if older.done.is_set():
                older.replies = None
        while len(self._seen) > self.conversations:
            self._seen.popitem(last=False)
        return handling


def answer_in(events: Iterable[Event], message_id: str) -> list[BotUttered] | None:
    """The bot messages that answered the user message ``message_id``; None if it is not there."""
    answer: list[BotUttered] = []
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            if event.message_id == message_id:
                answer.reverse()
                return answer
            answer = []
        elif isinstance(event, BotUttered):
            answer.append(event)
    return None
