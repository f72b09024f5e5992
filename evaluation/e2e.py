"""End-to-end: replay every held-out conversation through the real bot's REST channel."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from evaluation.answers import AnswerOutcome, judge
from evaluation.heldout import Conversation
from serving.local import MODEL, RunningBot, running_bot

logger = logging.getLogger(__name__)


def replay(bot: RunningBot, conversations: list[Conversation]) -> list[AnswerOutcome]:
    """Send each conversation's turns in order, one fresh sender id per conversation."""
    run = uuid.uuid4().hex[:8]
    outcomes = []
    for number, conversation in enumerate(conversations, 1):
        sender = f"eval-{run}-{conversation.id}"
        for turn in conversation.turns:
            try:
                reply, error = bot.say(sender, turn.text), None
            except Exception as exc:  # noqa: BLE001 - a failed turn is a result, not a crash
                reply, error = "", f"{type(exc).__name__}: {exc}"
            outcomes.append(judge(turn, reply, error))
        if number % 20 == 0 or number == len(conversations):
            logger.info("  e2e: %d/%d conversations replayed", number, len(conversations))
    return outcomes


def run(conversations: list[Conversation], model: Path = MODEL) -> list[AnswerOutcome]:
    """Start the bot and its action server on free ports, replay, stop them."""
    logger.info("Starting the bot (%s) and its action server", model.name)
    with running_bot(model=model) as bot:
        logger.info("Bot up on %s; replaying %d conversations", bot.url, len(conversations))
        return replay(bot, conversations)
