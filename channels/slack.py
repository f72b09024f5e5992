"""The Slack channel: Rasa's ``SlackInput`` fitted to how Slack delivers events and shows text.

Enabled only when ``SLACK_TOKEN`` and ``SLACK_SIGNING_SECRET`` are set (see ``credentials_block``).
It keeps Rasa's helpers (signature check, mention stripping, button clicks, conversation ids)
but replaces its webhook route, whose order of checks cannot be changed from outside, so that it:

* answers every event exactly once: Slack re-sends an event it thinks we missed (a *retry*,
  ``X-Slack-Retry-Num``), and a mention in a channel the bot reads arrives twice (``app_mention``
  and ``message``, same channel and ``ts``, different ``event_id``). A record of the events and
  messages already handled drops the second copy: in this process, or in the Redis of
  ``LOCK_STORE_URL`` when several Rasa servers share one (``channels/seen.py``);
* rejects unsigned, badly signed and stale (over 5 minutes) requests with 401, before any
  parsing, so nothing of theirs is processed;
* writes the bot's text as Slack *mrkdwn* (``to_mrkdwn``), one Slack message per bot message;
* shows at most 5 buttons (Slack's limit for an ``actions`` block; Rasa drops *every* button
  above it) and lists the other options as bullets the user can type;
* replies in the thread of a message written in a thread (``SLACK_USE_THREADS=true``: always
  in a thread);
* talks to ``SLACK_API_URL`` (default ``https://slack.com/api/``), so tests use a fake Slack;
* puts 👍 / 👎 buttons (an ``actions`` block, ``block_id`` ``feedback``) under each content answer;
  a click stores the rating (``channels.feedback``) and the person alone is thanked (an
  ephemeral message); a 👎 is asked, once, what was wrong, with the reasons as buttons.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, cast

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels import feedback
from channels.limits import SLOW_DOWN, RateLimiter
from channels.processing import process_guarded
from channels.seen import seen_keys
from channels.sessions import slack_conversation
from monitoring.feedback import REASONS
from runtime.settings import current, environment_of

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
MAX_BUTTONS = 5  # per `actions` block, as Rasa's SlackBot assumes
MAX_BUTTON_TITLE = 75  # characters of a button's plain_text label
MAX_SECTION_TEXT = 3000  # characters of a section block's text (we use it for plain messages too)
BULLET = "•"
# Message subtypes that are still a person writing to the bot (joins, edits, deletions are not).
USER_SUBTYPES = {None, "thread_broadcast", "file_share"}


# --- Configuration -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlackSettings:
    """The Slack channel's settings, from the process's settings (``runtime.settings``)."""

    token: str
    signing_secret: str
    channel: str | None = None
    use_threads: bool = False
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SlackSettings | None:
        """The settings, or ``None`` when ``SLACK_TOKEN`` or ``SLACK_SIGNING_SECRET`` is unset."""
        settings = environment_of(environ)
        token, secret = settings.SLACK_TOKEN, settings.SLACK_SIGNING_SECRET
        if not token or not secret:
            return None
        return cls(
            token=token,
            signing_secret=secret,
            channel=settings.SLACK_CHANNEL,
            use_threads=settings.SLACK_USE_THREADS,
            api_url=settings.SLACK_API_URL or DEFAULT_API_URL,
        )


def credentials_block(environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The Slack entry of Rasa's credentials file, or ``None`` when Slack is not configured.

    The secrets are written as ``${VAR}`` references that Rasa resolves from its own
    environment when it reads the file, so they never reach the disk.
    """
    settings = SlackSettings.from_env(environ)
    if settings is None:
        return None
    block: dict[str, Any] = {
        "slack_token": "${SLACK_TOKEN}",
        "slack_signing_secret": "${SLACK_SIGNING_SECRET}",
        "use_threads": settings.use_threads,
        "slack_api_url": settings.api_url,
    }
    if settings.channel:
        block["slack_channel"] = settings.channel
    return {f"{__name__}.SlackInput": block}


# --- Text: Markdown-ish bot text -> Slack mrkdwn ------------------------------------------------

_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
# Already Slack-formatted tokens: <@U123>, <#C123>, <https://x|label>, <mailto:a@b>. Special
# mentions (<!here>, <!channel>) are escaped like any other text: no answer should ping a channel.
_SLACK_TOKEN = re.compile(r"<(?:[@#][^<>\s]+|(?:https?|mailto):[^<>\s|]+(?:\|[^<>]*)?)>")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?|mailto):[^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)
_QUOTE = re.compile(r"^&gt;(?=\s)", re.MULTILINE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_BOLD_MARK = "\x01"  # stands for Slack's bold `*` until italics are converted


def escape(text: str) -> str:
    """Escape the three characters Slack reserves for its own markup (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(text: str) -> str:
    """Turn the bot's text (plain, "•" bullets, a little Markdown) into Slack mrkdwn.

    ``**bold**``/``__bold__`` → ``*bold*``, ``*italic*`` → ``_italic_``, ``~~x~~`` → ``~x~``,
    ``[text](url)`` → ``<url|text>``, ``# Heading`` → ``*Heading*``, ``- item`` → ``• item``;
    ``&``, ``<`` and ``>`` are escaped everywhere except in Slack's own ``<…>`` tokens; code
    spans are escaped but otherwise left alone.
    """
    kept: list[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return f"\x00{len(kept) - 1}\x00"

    text = _CODE.sub(lambda m: keep(escape(m.group(0))), text)
    text = _SLACK_TOKEN.sub(lambda m: keep(m.group(0)), text)
    text = _MD_LINK.sub(
        lambda m: keep(f"<{escape(m.group(2))}|{escape(m.group(1)).replace('|', '/')}>"), text
    )
    text = escape(text)
    text = _QUOTE.sub(">", text)  # a Markdown quote is a Slack quote
    text = _HEADING.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", text)
    text = _LIST_ITEM.sub(lambda m: f"{m.group(1)}{BULLET} ", text)
    text = _BOLD.sub(lambda m: f"{_BOLD_MARK}{m.group(1) or m.group(2)}{_BOLD_MARK}", text)
    text = _ITALIC.sub(r"_\1_", text)
    text = _STRIKE.sub(r"~\1~", text)
    text = text.replace(_BOLD_MARK, "*")
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def split_text(text: str, limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at line breaks where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single overlong line: cut it at a space
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    if current.strip():
        pieces.append(current)
    return pieces or [""]


# --- Output: what the bot sends to Slack ---------------------------------------------------------


class SlackOutput(SlackBot):
    """Rasa's Slack output, sending mrkdwn and never losing buttons."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token=token, base_url=api_url, proxy=proxy)
        self.messages_sent = 0
        self._held: feedback.HeldParts[dict[str, Any]] = feedback.HeldParts()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Rasa's messages; the last Slack message of a content answer gets 👍 / 👎."""
        answer_id = feedback.rating_of(message)
        if answer_id is None:
            await super().send_response(recipient_id, message)
            return
        held = await self._held.collect(super().send_response(recipient_id, message))
        if held:
            last = held[-1]
            blocks = last.get("blocks") or [
                {"type": "section", "text": {"type": "mrkdwn", "text": last.get("text", "")}}
            ]
            last["blocks"] = [*blocks, rating_block(answer_id)]
        for kwargs in held:
            await self._post_message(**kwargs)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        """Post, counting: a message that got no reply at all is told there is trouble."""
        if self._held.hold({"channel": channel, **kwargs}):
            return
        self.messages_sent += 1
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """One Slack message per bot message (Rasa's split at blank lines scatters answers)."""
        for part in split_text(to_mrkdwn(text.strip())):
            await self._post_message(
                channel=self.slack_channel or recipient_id, text=part, mrkdwn=True
            )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """The text, up to 5 buttons, and any further options as bullets under the text.

        The bullets carry no wording of their own: all wording is the domain's, and the
        response's sentence already introduces its options.
        """
        shown, extra = buttons[:MAX_BUTTONS], buttons[MAX_BUTTONS:]
        body = to_mrkdwn(text.strip())
        if extra:
            body += "".join(f"\n{BULLET} {escape(str(b.get('title', '')))}" for b in extra)
        *first, last = split_text(body)
        channel = self.slack_channel or recipient_id
        for part in first:
            await self._post_message(channel=channel, text=part, mrkdwn=True)
        blocks: list[dict[str, Any]] = [
            {"type": "section", "text": {"type": "mrkdwn", "text": last}}
        ]
        if shown:
            blocks.append(
                {"type": "actions", "elements": [_button(b, i) for i, b in enumerate(shown)]}
            )
        await self._post_message(channel=channel, text=last, blocks=blocks)


def _button(button: Mapping[str, Any], index: int) -> dict[str, Any]:
    title = str(button.get("title", ""))
    if len(title) > MAX_BUTTON_TITLE:
        title = title[: MAX_BUTTON_TITLE - 1] + "…"
    element: dict[str, Any] = {
        "type": "button",
        "action_id": f"rasa_button_{index}",  # unique within the block, as Slack requires
        "text": {"type": "plain_text", "text": title, "emoji": True},
    }
    if button.get("url"):
        element["url"] = button["url"]
    if button.get("payload") is not None:
        element["value"] = str(button["payload"])
    return element


FEEDBACK_ACTION = "feedback_"
"""``action_id`` prefix of the rating buttons: ``feedback_up``, ``feedback_down``,
``feedback_reason_<reason>``; their ``value`` is the answer id."""


def _rate_button(action: str, text: str, label: str, answer_id: float) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": f"{FEEDBACK_ACTION}{action}",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "value": repr(answer_id),
        "accessibility_label": label,
    }


def rating_block(answer_id: float) -> dict[str, Any]:
    """The 👍 / 👎 buttons under an answer."""
    return {
        "type": "actions",
        "block_id": "feedback",
        "elements": [
            _rate_button("up", "👍", "Helpful", answer_id),
            _rate_button("down", "👎", "Not helpful", answer_id),
        ],
    }


def reasons_blocks(text: str, answer_id: float) -> list[dict[str, Any]]:
    """The question after a 👎, with each reason as a button."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(text)}},
        {
            "type": "actions",
            "block_id": "feedback_reasons",
            "elements": [
                _rate_button(f"reason_{key}", label, label, answer_id)
                for key, label in REASONS.items()
            ],
        },
    ]


def parse_rating_click(action: Mapping[str, Any]) -> tuple[str, str | None, float] | None:
    """(rating, reason, answer id) of a click on a rating button, else None."""
    action_id = str(action.get("action_id") or "")
    if not action_id.startswith(FEEDBACK_ACTION):
        return None
    kind = action_id[len(FEEDBACK_ACTION) :]
    try:
        answer_id = float(action.get("value") or "")
    except ValueError:
        return None
    if kind in ("up", "down"):
        return kind, None, answer_id
    reason = kind.removeprefix("reason_")
    if kind.startswith("reason_") and reason in REASONS:
        return "down", reason, answer_id
    return None


# --- Input: what Slack posts to /webhooks/slack/webhook ------------------------------------------


def _ack(*, no_retry: bool = False) -> HTTPResponse:
    """Slack only needs a quick 200; ``X-Slack-No-Retry`` stops further retries."""
    return response.text(
        "", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"} if no_retry else None
    )


class SlackInput(RasaSlackInput):
    """Rasa's Slack input channel, answering each Slack message once (see the module docstring)."""

    def _get_conversation_id(
        self, sender_id: str | None, channel_id: str | None, thread_id: str | None
    ) -> str | None:
        """Rasa's id for the conversation, prefixed: it can never meet a widget or REST id."""
        return slack_conversation(super()._get_conversation_id(sender_id, channel_id, thread_id))

    def __init__(self, *args: Any, api_url: str = DEFAULT_API_URL, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_url = api_url
        self.handled = seen_keys(current().LOCK_STORE_URL)
        self.limiter = RateLimiter.from_env()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Rasa's settings, plus ``slack_api_url``."""
        channel = cast(SlackInput, super().from_credentials(credentials))
        channel.api_url = (credentials or {}).get("slack_api_url") or DEFAULT_API_URL
        return channel

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        """A ``SlackOutput`` for ``channel``, replying in ``thread_id`` if given."""
        return SlackOutput(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url
        )

    def is_request_from_slack_authentic(self, request: Request) -> bool:
        """Rasa's check: HMAC-SHA256 signature of the raw body, timestamp within 5 minutes."""
        authentic = super().is_request_from_slack_authentic(request)
        if not authentic:
            logger.warning("Rejected a Slack request: bad, missing or stale signature")
        return authentic

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """``GET /`` (health) and ``POST /webhook`` (events and button clicks)."""
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text("Invalid Slack signature.", status=HTTPStatus.UNAUTHORIZED)
            content_type = request.headers.get("content-type")
            if content_type == "application/json":
                return self._on_event(request, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                return self._on_interaction(request, on_new_message)
            return response.text(
                "Unsupported content type.", status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE
            )

        return slack_webhook

    def _on_event(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        """An Events API request: the URL check, or a message to answer (once)."""
        payload = request.json or {}
        if payload.get("type") == "url_verification":
            return response.json({"challenge": payload.get("challenge", "")})

        event = payload.get("event") or {}
        event_key = f"event:{payload['event_id']}" if payload.get("event_id") else None
        retry = request.headers.get(self.retry_num_header)
        if retry is not None:
            reason = request.headers.get(self.retry_reason_header)
            # An `http_timeout` retry means the first copy did reach us; any other retry of an
            # event we have not handled is its only copy (we were down or failed): answer it.
            if reason in self.errors_ignore_retry or event_key in self.handled:
                logger.info("Ignoring Slack retry #%s (%s) of %s", retry, reason, event_key)
                return _ack(no_retry=True)

        if not self._is_user_message(payload) or event.get("subtype") not in USER_SUBTYPES:
            return _ack()
        metadata = self.get_metadata(request)
        if not self._is_supported_channel(payload, metadata):
            logger.debug("Ignoring a message in channel %s", metadata.get("out_channel"))
            return _ack()

        message_key = f"message:{event.get('channel')}:{event.get('ts')}"
        if not self.handled.add_if_new(key for key in (event_key, message_key) if key):
            logger.info("Ignoring a second copy of %s (%s)", message_key, event.get("type"))
            return _ack(no_retry=retry is not None)

        thread = event.get("thread_ts") or (event.get("ts") if self.use_threads else None)
        sender = self._get_conversation_id(
            event.get("user", ""), metadata.get("out_channel"), metadata.get("thread_id")
        )
        text = self._sanitize_user_message(event.get("text", ""), metadata.get("users"))
        person = f"{payload.get('team_id', '')}:{event.get('user', '')}"
        self._dispatch(on_new_message, text, sender, metadata, thread, person)
        return _ack()

    def _on_interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        """A click on one of the bot's buttons (or another interactive element)."""
        try:
            payload = json.loads(request.form.get("payload") or "{}")
        except (ValueError, RecursionError):
            return response.text("Malformed payload.", status=HTTPStatus.BAD_REQUEST)
        if not isinstance(payload, dict) or not self._is_interactive_message(payload):
            return _ack()
        # A click delivered twice (a retry, a replayed request) is answered once.
        action = payload["actions"][0] if isinstance(payload["actions"][0], dict) else {}
        click = action.get("action_ts") or payload.get("trigger_id")
        if click and not self.handled.add_if_new([f"click:{click}"]):
            logger.info("Ignoring a second copy of click %s", click)
            return _ack()
        rating = parse_rating_click(action)
        if rating is not None:
            return self._on_rating(request, payload, rating)
        text = self._get_interactive_response(payload["actions"][0])
        if text is None:  # e.g. a link button: Slack opens the link, nothing to answer
            return _ack()
        metadata = self.get_metadata(request)
        message = payload.get("message") or {}
        thread = message.get("thread_ts") or (message.get("ts") if self.use_threads else None)
        sender = self._get_conversation_id(
            (payload.get("user") or {}).get("id", ""),
            metadata.get("out_channel"),
            metadata.get("thread_id"),
        )
        team, user = payload.get("team") or {}, payload.get("user") or {}
        person = f"{team.get('id', '')}:{user.get('id', '')}"
        self._dispatch(on_new_message, text, sender, metadata, thread, person)
        return _ack()

    def _on_rating(
        self,
        request: Request,
        payload: dict[str, Any],
        rating: tuple[str, str | None, float],
    ) -> HTTPResponse:
        """A click on 👍 / 👎 or a reason: store it, thank the person (only they see it)."""
        metadata = self.get_metadata(request)
        user = str((payload.get("user") or {}).get("id", ""))
        sender = self._get_conversation_id(
            user, metadata.get("out_channel"), metadata.get("thread_id")
        )
        if not sender:
            return _ack()
        team = str((payload.get("team") or {}).get("id", ""))
        if self.limiter.retry_after(f"slack:{team}:{user}", None) is not None:
            return _ack()  # ratings count against the person's limit like their messages
        message = payload.get("message") or {}
        output = cast(SlackOutput, self.get_output_channel(metadata.get("out_channel")))
        channel = output.slack_channel or str((payload.get("channel") or {}).get("id", ""))
        thread = message.get("thread_ts")

        async def store_and_thank() -> None:
            outcome = await feedback.rate(sender, *rating)
            extra: dict[str, Any] = {"thread_ts": thread} if thread else {}
            if outcome.ask_reason:
                extra["blocks"] = reasons_blocks(outcome.text, rating[2])
            await output.client.chat_postEphemeral(
                channel=channel, user=user, text=outcome.text, **extra
            )

        task = asyncio.ensure_future(store_and_thank())
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
        return _ack()

    def _dispatch(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str | None,
        metadata: dict[str, Any],
        thread: str | None,
        person: str = "",
    ) -> None:
        """Hand the message to Rasa in the background: Slack wants its 200 within 3 seconds.

        ``person`` is the workspace and user the rate limit counts against.
        """
        user_message = UserMessage(
            text,
            self.get_output_channel(metadata.get("out_channel"), thread),
            sender_id,
            input_channel=self.name(),
            metadata=metadata,
        )
        output = user_message.output_channel
        wait = self.limiter.retry_after(f"slack:{person}", None)
        if wait is not None:
            work: Awaitable[Any] = output.send_text_message(
                sender_id or "", SLOW_DOWN.format(seconds=wait)
            )
        else:
            work = process_guarded(
                user_message,
                on_new_message,
                reply=lambda answer: output.send_text_message(sender_id or "", answer),
                replied=lambda: getattr(output, "messages_sent", 1) > 0,
            )
        task = asyncio.ensure_future(work)
        self._background_tasks.add(task)  # keep a reference until it is done
        task.add_done_callback(self._background_tasks.discard)
