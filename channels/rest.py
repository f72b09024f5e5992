"""The REST channel (``/webhooks/rest/webhook``), with its edges guarded.

Stock Rasa answers a JSON list body with a 500, a body without ``message`` with a silent
``200 []`` and puts every body without ``sender`` into one shared ``default`` conversation. Here
a malformed request gets a 400 with the error and how to fix it; a well-formed one goes through
``channels.guard`` first; and a message that produced no reply at all (the action server down or
too slow) gets a polite "having trouble" reply instead of silence.

Each content answer in a reply carries ``answer_id`` (its bot event's timestamp), and
``POST /webhooks/rest/feedback`` rates it: ``{"sender", "rating": "up"|"down", "reason"?,
"answer_id"?}`` (no ``answer_id``: the conversation's last answer). See ``channels.feedback``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import feedback
from channels.guard import valid_sender
from channels.limits import RateLimiter
from channels.processing import process_guarded
from channels.sessions import reserved
from monitoring.feedback import REASONS

logger = logging.getLogger(__name__)


def _error(status: int, error: str, fix: str) -> HTTPResponse:
    return response.json({"error": error, "fix": fix}, status=status)


class _RatedCollector(CollectingOutputChannel):
    """Rasa's collecting output, naming each content answer (``answer_id``) for a rating."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        before = len(self.messages)
        answer_id = feedback.rating_of(message)
        await super().send_response(recipient_id, message)
        if answer_id is not None and len(self.messages) > before:
            self.messages[-1]["answer_id"] = answer_id


class GuardedRestInput(RestInput):
    """REST channel that validates requests and never leaves a user without an answer."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        super().__init__()
        self.limiter = RateLimiter.from_env()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body or b"")
            except (ValueError, RecursionError):  # bad JSON or UTF-8, 10,000-deep nesting,
                # a 5,000-digit number: a 400, not a 500 with a traceback
                return _error(
                    400,
                    "the request body is not valid JSON (UTF-8)",
                    'send {"sender": "<conversation id>", "message": "<text>"}',
                )
            if not isinstance(body, dict):
                return _error(
                    400,
                    "the request body must be a JSON object",
                    'send {"sender": "<conversation id>", "message": "<text>"}',
                )
            sender, text = body.get("sender"), body.get("message")
            if not valid_sender(sender):
                return _error(
                    400,
                    "'sender' is missing or invalid",
                    "give each conversation its own id: a string of 1-128 printable characters",
                )
            if isinstance(sender, str) and reserved(sender):
                return _error(
                    400,
                    "'sender' may not start with web- or slack-: those name widget and Slack "
                    "conversations",
                    "choose another id for this conversation",
                )
            if "message" not in body or not isinstance(text, str):
                return _error(
                    400, "'message' is missing or not a string", 'put the user\'s text in "message"'
                )
            wait = self.limiter.retry_after(str(sender), request.ip)
            if wait is not None:
                answer = _error(
                    429,
                    "too many messages from this conversation or address",
                    f"wait {wait} seconds before sending again",
                )
                answer.headers["Retry-After"] = str(wait)
                return answer
            metadata = body.get("metadata")
            if metadata is not None and not isinstance(metadata, dict):
                return _error(400, "'metadata' must be a JSON object", "omit it or send an object")
            collector = _RatedCollector()
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            await process_guarded(
                message,
                on_new_message,
                reply=lambda answer: collector.send_text_message(sender, answer),
                replied=lambda: bool(collector.messages),
            )
            return response.json(collector.messages)

        @webhook.route("/feedback", methods=["POST"])
        async def rate(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body or b"")
            except (ValueError, RecursionError):
                body = None
            how = 'send {"sender": "<id>", "rating": "up" or "down", "reason"?, "answer_id"?}'
            if not isinstance(body, dict) or not valid_sender(body.get("sender")):
                return _error(400, "the body must be a JSON object with a valid 'sender'", how)
            sender = str(body["sender"])
            if reserved(sender):
                return _error(400, "'sender' may not start with web- or slack-", how)
            parsed = feedback.parse_rating(body.get("rating"), body.get("reason"))
            answer_id = body.get("answer_id")
            if parsed is None or not (
                answer_id is None or isinstance(answer_id, int | float) and answer_id > 0
            ):
                reasons = ", ".join(sorted(REASONS))
                return _error(
                    400,
                    "'rating' must be up or down; 'reason' (with down only) one of " + reasons,
                    how,
                )
            wait = self.limiter.retry_after(sender, request.ip)
            if wait is not None:  # ratings count against the same limits as messages
                answer = _error(429, "too many requests", f"wait {wait} seconds")
                answer.headers["Retry-After"] = str(wait)
                return answer
            outcome = await feedback.rate(
                sender, *parsed, None if answer_id is None else float(answer_id)
            )
            return response.json(
                {
                    "stored": outcome.stored,
                    "text": outcome.text,
                    "answer_id": outcome.answer_timestamp,
                    "reasons": REASONS if outcome.ask_reason else None,
                },
                status=200 if outcome.stored else 404,
            )

        return webhook
