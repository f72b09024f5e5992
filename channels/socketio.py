"""The website widget's socket.io channel (``/socket.io``), restricted to the widget's origins.

Rasa's stock ``SocketIOInput`` has three gaps this subclass fills:

* it builds its server with ``cors_allowed_origins=[]``, which turns python-engineio's origin
  check *off*: any web page could talk to the bot from a visitor's browser. Here only the
  origins listed in ``WEB_ALLOWED_ORIGINS`` are accepted (the widget page's by default);
* with ``session_persistence: true`` it calls ``sio.enter_room(...)`` without awaiting it. That
  is right for python-socketio 5.9 (pinned in requirements.txt), but from 5.10 on
  ``enter_room`` is a coroutine, the socket never joins its session's room and the widget never
  receives a reply (RasaHQ/rasa#13027). The handler below awaits it when it is a coroutine, so
  an upgrade cannot break replies silently;
* messages reach the NLU unchecked. Here they go through ``channels.guard`` like the REST
  channel's, and a message that produced no reply gets the "having trouble" reply.

Each widget message carries an id of the widget's (``message_id``): a copy of a message already
answered (re-sent after the link broke before its acknowledgement) is acknowledged and its answer
sent again, without being processed again (``channels.once``). Every part of an answer names its
message (``reply_to``) and its place in the answer (``part``), so the widget shows each once.

The engine.io server pings every ``PING_INTERVAL`` seconds and gives up on a client silent for
``PING_TIMEOUT`` more (python-engineio's defaults are 25 + 20 s; Rasa 3.6 has no setting for
them): a dead link is noticed within about ten seconds on both sides, since the socket.io
client applies the same sum from the handshake.

It also carries ratings: the last part of each content answer names it (``answer_id``, its bot
event's timestamp) and a ``feedback`` event (``{answer_id, rating, reason?}``, acknowledged with
``{stored, text, reasons?}``) rates it in the socket's own conversation (``channels.feedback``).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint

from channels import feedback, once
from channels.guard import valid_sender
from channels.limits import SLOW_DOWN, RateLimiter
from channels.processing import process_guarded
from channels.sessions import issue_web_session, web_conversation
from runtime.settings import environment_of

logger = logging.getLogger(__name__)

# A dead link is noticed within PING_INTERVAL + PING_TIMEOUT seconds (engine.io: 25 + 20).
PING_INTERVAL = 5.0
PING_TIMEOUT = 5.0


@dataclass(frozen=True)
class WidgetSettings:
    """What the socket.io channel reads from the environment.

    Attributes:
        allowed_origins: the web origins (``scheme://host[:port]``) whose pages may use the
            socket; ``("*",)`` allows any origin.
        message_timeout: seconds a message may take before the user is told there is trouble;
            ``MESSAGE_TIMEOUT``, as for the REST channel. Read here rather than imported from
            ``channels.rest``, which imports TensorFlow through Rasa's actions: this module
            stays importable in the light test processes.
    """

    allowed_origins: tuple[str, ...]
    message_timeout: float = 20.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> WidgetSettings:
        """Read ``WEB_ALLOWED_ORIGINS`` (comma-separated) or default to the widget page's origins.

        The default is the page ``make run`` serves: ``http://localhost:$WEB_PORT`` and
        ``http://127.0.0.1:$WEB_PORT`` (``WEB_PORT`` defaults to 8080).
        """
        settings = environment_of(environ)
        origins = parse_origins(settings.WEB_ALLOWED_ORIGINS or "")
        if not origins:
            port = settings.WEB_PORT
            origins = (f"http://localhost:{port}", f"http://127.0.0.1:{port}")
        return cls(allowed_origins=origins, message_timeout=settings.MESSAGE_TIMEOUT)


def parse_origins(value: str | Iterable[str]) -> tuple[str, ...]:
    """Split and normalise a list of origins (no trailing slash, no blanks, no duplicates)."""
    items = value.split(",") if isinstance(value, str) else value
    origins: list[str] = []
    for item in items:
        origin = str(item).strip().rstrip("/")
        if origin and origin not in origins:
            origins.append(origin)
    return tuple(origins)


def origin_checker(allowed: Iterable[str]) -> str | Callable[[str | None], bool]:
    """The ``cors_allowed_origins`` value for python-engineio.

    A callable rather than a list: engineio reads an *empty* list as "no origin check at all",
    so an empty configuration must never reach it as ``[]``; the callable refuses everything
    instead.
    """
    origins = frozenset(parse_origins(allowed))
    if "*" in origins:
        return "*"
    return lambda origin: origin in origins


def credentials_block(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Always enabled; the allowed origins come from the environment when the file is made."""
    settings = WidgetSettings.from_env(environ)
    return {
        "channels.socketio.SocketIOInput": {
            "user_message_evt": "user_uttered",
            "bot_message_evt": "bot_uttered",
            "session_persistence": True,
            "cors_allowed_origins": list(settings.allowed_origins),
        }
    }


def _client_address(sio: Any, sid: str) -> str | None:
    """The address a socket connected from (None when the server does not know it)."""
    try:
        environ = sio.get_environ(sid) or {}
    except (KeyError, AttributeError):
        return None
    return environ.get("REMOTE_ADDR") or None


class _CountingOutput(SocketIOOutput):
    """Rasa's socket.io output, remembering what was sent, naming rated answers.

    With a ``handling`` (``channels.once``), each part sent names the message it answers
    (``reply_to``) and its place (``part``), and is kept in the handling for a re-sent copy.
    """

    def __init__(
        self, *args: Any, message_id: str | None = None, handling: once.Handling | None = None
    ) -> None:
        super().__init__(*args)
        self.sent = 0
        self.message_id = message_id
        self.handling = handling
        self._held: feedback.HeldParts[tuple[str, Any]] = feedback.HeldParts()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Rasa's parts of one bot message; the last text part of an answer gets its id."""
        answer_id = feedback.rating_of(message)
        if answer_id is None:
            await super().send_response(recipient_id, message)
            return
        held = await self._held.collect(super().send_response(recipient_id, message))
        texts = [i for i, (_, part) in enumerate(held) if isinstance(part, dict) and "text" in part]
        if texts:
            held[texts[-1]][1]["answer_id"] = answer_id
        for socket_id, part in held:
            await self._send_message(socket_id, part)

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if self._held.hold((socket_id, response)):
            return
        if self.message_id is not None and isinstance(response, dict):
            response = {**response, "reply_to": self.message_id, "part": self.sent}
            if self.handling is not None and self.handling.replies is not None:
                self.handling.replies.append(response)
        self.sent += 1
        await super()._send_message(socket_id, response)


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io channel: origin allow-list, awaited ``enter_room``, guarded messages."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's name: the output channel and the trackers say ``socketio``."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Rasa's settings plus ``cors_allowed_origins`` (default: from the environment)."""
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        assert isinstance(channel, SocketIOInput)
        if credentials.get("cors_allowed_origins"):
            channel.allowed_origins = parse_origins(credentials["cors_allowed_origins"])
        return channel

    def __init__(self, *args: Any, allowed_origins: Iterable[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        settings = WidgetSettings.from_env()
        self.message_timeout = settings.message_timeout
        self.limiter = RateLimiter.from_env()
        self._sessions: dict[str, str] = {}
        """The conversation each connected socket is bound to (socket id -> session id)."""
        self.recent = once.RecentMessages()
        self.allowed_origins = (
            parse_origins(allowed_origins)
            if allowed_origins is not None
            else settings.allowed_origins
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint, with the origin check on, the guard and a new ``session_request``."""
        guarded = self._guarded(on_new_message)
        socketio_webhook = super().blueprint(guarded)
        sio = self.sio
        assert sio is not None
        # Read by engineio on every request (polling and the WebSocket upgrade alike); a
        # request from another origin gets "400 Not an accepted origin".
        sio.eio.cors_allowed_origins = origin_checker(self.allowed_origins)
        # Read by engineio at each handshake and in each socket's ping loop.
        sio.eio.ping_interval = PING_INTERVAL
        sio.eio.ping_timeout = PING_TIMEOUT
        logger.info("socket.io accepts the origins %s", ", ".join(self.allowed_origins))

        async def bind(sid: str, session_id: str) -> None:
            """Tie the socket to the conversation; its replies go to the conversation's room."""
            self._sessions[sid] = session_id
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):  # python-socketio >= 5.10
                    await entered

        # Registering a handler for the same event and namespace replaces Rasa's.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            # Only an id this server issued continues a conversation; any other gets a new one
            # (a visitor cannot choose, or guess, someone else's).
            token = requested if web_conversation(requested) else issue_web_session()
            session_id = web_conversation(token)
            assert session_id is not None
            await bind(sid, session_id)
            # The widget keeps the token (not the conversation id) to continue on reconnect.
            await sio.emit("session_confirm", token, room=sid, namespace=self.namespace)
            logger.debug("socket %s joined session %s", sid, session_id)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            # The conversation is the one bound to this socket: an id the message names is
            # ignored (it used to let one socket post into another visitor's conversation).
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                logger.warning("Ignored a socket.io message that is not {message: text}")
                return
            conversation = self._sessions.get(sid) or f"socket:{sid}"
            wait = self.limiter.retry_after(conversation, _client_address(sio, sid))
            if wait is not None:
                await sio.emit(
                    self.bot_message_evt,
                    {"text": SLOW_DOWN.format(seconds=wait)},
                    room=sid,
                    namespace=self.namespace,
                )
                return
            session_id = self._sessions.get(sid)
            if session_id is None:  # a message before any session_request: a new conversation
                session_id = web_conversation(issue_web_session())
                assert session_id is not None
                await bind(sid, session_id)
            message_id = once.message_id_of(data.get("message_id"))
            if message_id is not None and await self._answered_before(
                sid, session_id, message_id, resent=data.get("resent") is True
            ):
                return  # a copy: acknowledged, its answer sent again, not processed again
            message = UserMessage(
                data["message"],
                None,
                session_id,
                input_channel=self.name(),
                message_id=message_id,
                metadata=data.get(self.metadata_key),
            )
            await guarded(message, message_id)

        @sio.on("feedback", namespace=self.namespace)
        async def rate(sid: str, data: Any) -> dict[str, Any]:
            """A rating of an answer of this socket's conversation (never another's)."""
            session_id = self._sessions.get(sid)
            if not isinstance(data, dict) or session_id is None:
                return {"stored": False, "text": "No conversation to rate."}
            parsed = feedback.parse_rating(data.get("rating"), data.get("reason"))
            answer_id = data.get("answer_id")
            if parsed is None or not isinstance(answer_id, int | float):
                return {"stored": False, "text": "That rating was not understood."}
            wait = self.limiter.retry_after(session_id, _client_address(sio, sid))
            if wait is not None:  # ratings count against the same limits as messages
                return {"stored": False, "text": SLOW_DOWN.format(seconds=wait)}
            outcome = await feedback.rate(session_id, *parsed, float(answer_id))
            return {
                "stored": outcome.stored,
                "text": outcome.text,
                "ask_reason": outcome.ask_reason,
            }

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            self._sessions.pop(sid, None)

        @socketio_webhook.listener("before_server_stop")
        async def close_sockets(*_: Any) -> None:
            """Close the open sockets first: their long polls no longer hold the stop up.

            With none open, engine.io's ``disconnect()`` waits on an empty set and raises, so
            it is called only when there is a socket to close.
            """
            if sio.eio.sockets:
                await sio.eio.disconnect()
            await sio.eio.shutdown()

        @socketio_webhook.listener("after_server_stop")
        async def end_socket_tasks(*_: Any) -> None:
            """Let each socket's tasks (ping, queue reader) end, before the loop closes under them.

            Otherwise stopping Rasa with widgets open logs "Task was destroyed but it is pending".
            """
            current = asyncio.current_task()
            leftover = [task for task in asyncio.all_tasks() if task is not current]
            for task in leftover:
                task.cancel()
            if leftover:
                await asyncio.wait(leftover, timeout=5)

        return socketio_webhook

    async def _answered_before(
        self, sid: str, session_id: str, message_id: str, *, resent: bool
    ) -> bool:
        """Whether ``message_id`` was (or is being) answered; if so its answer goes to ``sid``.

        This server's memory first; for a copy marked as re-sent, or of a message this server
        answered but no longer keeps the answer of, then the tracker store.
        """
        assert self.sio is not None
        handling = self.recent.find(session_id, message_id)
        if handling is not None and handling.replies is not None:
            logger.info("A copy of message %s of %s: answered once", message_id, session_id)
            try:
                await asyncio.wait_for(handling.done.wait(), timeout=self.message_timeout + 5)
            except asyncio.TimeoutError:
                pass
            for part in list(handling.replies or ()):
                await self.sio.emit(self.bot_message_evt, part, room=sid, namespace=self.namespace)
            return True
        if not resent and handling is None:
            return False
        store = once.running_tracker_store()
        tracker = await store.retrieve(session_id) if store is not None else None
        answer = once.answer_in(tracker.events if tracker else [], message_id)
        if answer is None:
            return handling is not None  # answered here: acknowledged, nothing to send again
        logger.info("A copy of stored message %s of %s: answered once", message_id, session_id)
        output = _CountingOutput(self.sio, self.bot_message_evt, message_id=message_id)
        for event in answer:
            await output.send_response(sid, event.message())
        return True

    def _guarded(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Callable[..., Awaitable[None]]:
        """Check a message with ``channels.guard`` first; say so when no reply came.

        A message with the widget's id (``message_id``) is recorded as being answered, and its
        answer as it goes out (``channels.once``).
        """

        async def guarded(message: UserMessage, message_id: str | None = None) -> None:
            assert self.sio is not None
            if not valid_sender(message.sender_id):
                logger.warning("Ignored a socket.io message with an invalid session id")
                return
            handling = (
                self.recent.begin(message.sender_id, message_id) if message_id is not None else None
            )
            output = _CountingOutput(
                self.sio, self.bot_message_evt, message_id=message_id, handling=handling
            )
            message.output_channel = output
            try:
                await process_guarded(
                    message,
                    on_new_message,
                    reply=lambda answer: output.send_text_message(message.sender_id, answer),
                    replied=lambda: bool(output.sent),
                    timeout=self.message_timeout,
                )
            finally:
                if handling is not None:
                    handling.done.set()

        return guarded
