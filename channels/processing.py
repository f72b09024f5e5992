"""Process a user message behind the guard, the same way on every channel.

The message is checked (``channels.guard``) before NLU; processing is bounded in time; and a
message that produced no reply at all (action server down or too slow, an unexpected error)
gets a polite "having trouble" reply instead of silence.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from channels.guard import TROUBLE, check_message

logger = logging.getLogger(__name__)

MESSAGE_TIMEOUT = float(os.environ.get("MESSAGE_TIMEOUT", "20"))


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
    try:
        await asyncio.wait_for(on_new_message(message), timeout=timeout)
    except asyncio.TimeoutError:
        logger.error("Message of %s took longer than %ss", message.sender_id, timeout)
    except Exception:  # noqa: BLE001 - the user gets a reply, the log gets the trace
        logger.exception("Processing a message of %s failed", message.sender_id)
    if not replied():
        await reply(TROUBLE)
