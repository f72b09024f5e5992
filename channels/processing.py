"""Process a user message behind the guard, the same way on every channel.

The message is checked (``channels.guard``) before NLU; processing is bounded in time; and a
message that produced no reply at all (action server down or too slow, an unexpected error)
gets a polite "having trouble" reply instead of silence.

A message that asks several questions (``nlu_components.questions``) has each question
classified on its own with the loaded model, and the readings attached to the message's
metadata as ``questions`` (with the other sentences as ``statements``): the answer action
answers each in turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic.exceptions import SanicException

from channels.guard import TROUBLE, bounded_metadata, check_message
from nlu_components.questions import SEVERAL_INTENT, split_message
from runtime.settings import current

logger = logging.getLogger(__name__)

MESSAGE_TIMEOUT = current().MESSAGE_TIMEOUT


async def process_guarded(
    message: UserMessage,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    reply: Callable[[str], Awaitable[None]],
    replied: Callable[[], bool],
    timeout: float = MESSAGE_TIMEOUT,
) -> None:
    """Check ``message``, hand it to Rasa, and make sure the user hears back.

    Args:
        message: the user's message; its text is replaced by the checked text.
        on_new_message: Rasa's handler.
        reply: sends a text to the user on the message's channel.
        replied: tells whether the bot has sent anything for this message.
        timeout: seconds before giving up on the reply.
    """
    checked = check_message(message.text)
    if checked.reply is not None:
        await reply(checked.reply)
        return
    message.text = checked.text
    message.metadata = bounded_metadata(message.metadata)
    await attach_questions(message)
    try:
        await asyncio.wait_for(on_new_message(message), timeout=timeout)
    except asyncio.TimeoutError:
        logger.error("Message of %s took longer than %ss", message.sender_id, timeout)
    except Exception:  # noqa: BLE001 - the user gets a reply, the log gets the trace
        logger.exception("Processing a message of %s failed", message.sender_id)
    if not replied():
        await reply(TROUBLE)


def _loaded_agent() -> Any | None:
    """The Rasa agent of this server process (None outside a server or before a model loads)."""
    from sanic import Sanic

    try:
        agent = Sanic.get_app().ctx.agent
    except (SanicException, AttributeError):
        return None
    return agent if agent is not None and agent.is_ready() else None


def _reading(parsed: dict[str, Any]) -> dict[str, Any]:
    """The part of a parse the actions use (intent, entities, text): small in the tracker.

    A question read with the sentence before it ("i'm a nurse… is that crazy?") is itself
    labelled as asking several things; its reading is the classifier's best real intent.
    """
    intent = parsed.get("intent") or {}
    if intent.get("name") == SEVERAL_INTENT:
        ranking = parsed.get("intent_ranking") or []
        intent = next((r for r in ranking if r.get("name") != SEVERAL_INTENT), {})
    return {
        "text": parsed.get("text"),
        "intent": {"name": intent.get("name"), "confidence": intent.get("confidence")},
        "entities": [
            {k: e.get(k) for k in ("entity", "value", "start", "end")}
            for e in parsed.get("entities") or []
        ],
    }


async def attach_questions(message: UserMessage, agent: Any | None = None) -> None:
    """Classify each question of a message that asks several; record them in its metadata."""
    text = message.text or ""
    if text.startswith("/"):
        return
    split = split_message(text)
    if not split.answered_apart:
        return
    agent = agent or _loaded_agent()
    if agent is None:
        return
    readings = [_reading(await agent.parse_message(question)) for question in split.questions]
    metadata = message.metadata if isinstance(message.metadata, dict) else {}
    message.metadata = {
        **metadata,
        "questions": readings,
        "statements": list(split.statements),
        "left": list(split.left),
    }
