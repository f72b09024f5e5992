"""The socket.io channel on its own: settings, origin check, session rooms and the guard."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage

from channels.guard import TROUBLE
from channels.sessions import web_conversation
from channels.socketio import (
    SocketIOInput,
    WidgetSettings,
    credentials_block,
    origin_checker,
    parse_origins,
)
from runtime.settings import reset

pytestmark = pytest.mark.web


def test_default_origins_are_the_widget_page() -> None:
    assert WidgetSettings.from_env({}).allowed_origins == (
        "http://localhost:8080",
        "http://127.0.0.1:8080",
    )
    assert WidgetSettings.from_env({"WEB_PORT": "9000"}).allowed_origins == (
        "http://localhost:9000",
        "http://127.0.0.1:9000",
    )


def test_origins_from_the_environment_are_normalised() -> None:
    settings = WidgetSettings.from_env(
        {
            "WEB_ALLOWED_ORIGINS": " https://careers.example/ ,http://localhost:3000,,https://careers.example"
        }
    )
    assert settings.allowed_origins == ("https://careers.example", "http://localhost:3000")
    assert parse_origins(["a", " a/ ", ""]) == ("a",)


def test_credentials_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_ALLOWED_ORIGINS", "https://careers.example")
    reset()
    block = credentials_block()["channels.socketio.SocketIOInput"]
    assert block == {
        "user_message_evt": "user_uttered",
        "bot_message_evt": "bot_uttered",
        "session_persistence": True,
        "cors_allowed_origins": ["https://careers.example"],
    }
    channel = SocketIOInput.from_credentials(block)
    assert isinstance(channel, SocketIOInput)
    assert channel.allowed_origins == ("https://careers.example",)
    assert channel.session_persistence is True
    assert channel.name() == "socketio"


def test_an_empty_allow_list_refuses_every_origin() -> None:
    # engineio reads [] as "no check at all": the checker must never be an empty list.
    checker = origin_checker([])
    assert callable(checker)
    assert not checker("http://evil.example")
    allowed = origin_checker(["http://127.0.0.1:8080"])
    assert callable(allowed)
    assert allowed("http://127.0.0.1:8080") and not allowed("http://evil.example")
    assert origin_checker(["*"]) == "*"


def test_the_server_checks_origins() -> None:
    channel = SocketIOInput(allowed_origins=["http://127.0.0.1:8080"])

    async def on_new_message(message: UserMessage) -> None:
        pass

    channel.blueprint(on_new_message)
    assert channel.sio is not None
    # engineio reads this on every request, polling and WebSocket alike (see test_widget.py
    # for the real requests).
    checker = channel.sio.eio.cors_allowed_origins
    assert callable(checker)
    assert checker("http://127.0.0.1:8080") and not checker("http://evil.example")


class FakeServer:
    """Records what the channel does with python-socketio's server."""

    def __init__(self, *, async_enter_room: bool) -> None:
        self.async_enter_room = async_enter_room
        self.rooms: list[tuple[str, str]] = []
        self.emitted: list[tuple[str, Any, str | None]] = []

    def enter_room(self, sid: str, room: str, namespace: str | None = None) -> Any:
        if not self.async_enter_room:  # python-socketio 5.9
            self.rooms.append((sid, room))
            return None

        async def enter() -> None:  # python-socketio >= 5.10: a coroutine
            self.rooms.append((sid, room))

        return enter()

    async def emit(self, event: str, data: Any = None, room: str | None = None, **_: Any) -> None:
        self.emitted.append((event, data, room))


def _wired(
    channel: SocketIOInput, fake: FakeServer, received: list[UserMessage] | None = None
) -> dict[str, Any]:
    """The channel's socket.io handlers; the messages Rasa would get are put in ``received``."""

    async def on_new_message(message: UserMessage) -> None:
        if received is not None:
            received.append(message)

    channel.blueprint(on_new_message)
    assert channel.sio is not None
    # The handlers reach the server through the channel: swap in the recording double.
    channel.sio.enter_room = fake.enter_room  # type: ignore[method-assign]
    channel.sio.emit = fake.emit  # type: ignore[method-assign]
    return channel.sio.handlers["/"]


def _session_request_handler(channel: SocketIOInput, fake: FakeServer) -> Any:
    return _wired(channel, fake)["session_request"]


@pytest.mark.parametrize("async_enter_room", [False, True], ids=["socketio-5.9", "socketio-5.10+"])
async def test_a_session_continues_only_with_a_token_the_server_issued(
    async_enter_room: bool,
) -> None:
    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=async_enter_room)
    handler = _session_request_handler(channel, fake)
    await handler("sid-1", {"session_id": None})
    [(_, token, room)] = fake.emitted
    conversation = web_conversation(token)
    assert room == "sid-1" and conversation and token != conversation
    assert fake.rooms == [("sid-1", conversation)]
    # A reconnect with the token continues the conversation.
    await handler("sid-2", {"session_id": token})
    assert fake.rooms[-1] == ("sid-2", conversation)
    # A chosen id, the bare conversation id (seen in a log) or an altered token do not.
    for chosen in ("abc123", conversation, token[:-1] + ("0" if token[-1] != "0" else "1")):
        await handler("sid-3", {"session_id": chosen})
        assert fake.rooms[-1][1] != conversation and fake.rooms[-1][1] != chosen


async def test_session_request_makes_a_new_id_for_a_missing_or_bad_one() -> None:
    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=True)
    handler = _session_request_handler(channel, fake)
    for data in (
        None,
        {},
        {"session_id": None},
        {"session_id": {"x": 1}},
        {"session_id": "x" * 500},
    ):
        await handler("sid-1", data)
    tokens = [data for _, data, _ in fake.emitted]
    assert len(set(tokens)) == 5
    assert [room for _, room in fake.rooms] == [web_conversation(t) for t in tokens]


async def test_a_message_goes_to_the_sockets_own_conversation_whatever_id_it_names() -> None:
    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=True)
    messages: list[UserMessage] = []
    handlers = _wired(channel, fake, messages)
    await handlers["session_request"]("victim-socket", {"session_id": None})
    await handlers["session_request"]("attacker-socket", {"session_id": None})
    victim = web_conversation(fake.emitted[0][1])
    attacker = web_conversation(fake.emitted[1][1])
    await handlers["user_uttered"](
        "attacker-socket", {"message": "hello", "session_id": victim, "customData": {"x": 1}}
    )
    assert [message.sender_id for message in messages] == [attacker]
    for payload in (["hello"], "hello", {"message": 42}, None):
        await handlers["user_uttered"]("attacker-socket", payload)  # ignored, no error
    assert len(messages) == 1


class RecordingServer:
    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str | None]] = []

    async def emit(self, event: str, data: Any = None, room: str | None = None, **_: Any) -> None:
        self.emitted.append((event, data, room))


async def test_messages_go_through_the_guard() -> None:
    channel = SocketIOInput(session_persistence=True)
    server = RecordingServer()
    channel.sio = server  # type: ignore[assignment]
    received: list[str] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "an answer")

    guarded = channel._guarded(on_new_message)
    await guarded(UserMessage("x" * 5000, None, "session-1"))
    assert received == []
    assert server.emitted[0][0] == "bot_uttered"
    assert "too long" in server.emitted[0][1]["text"]
    assert server.emitted[0][2] == "session-1"

    server.emitted.clear()
    await guarded(UserMessage("/restart", None, "session-1"))
    assert received == ["restart"]  # internal intents are not reachable as shortcuts

    await guarded(UserMessage("hello", None, "bad id\n"))
    assert received == ["restart"]  # an invalid session id is ignored


async def test_no_reply_gets_the_trouble_message() -> None:
    channel = SocketIOInput(session_persistence=True)
    server = RecordingServer()
    channel.sio = server  # type: ignore[assignment]

    async def failing(message: UserMessage) -> None:
        raise RuntimeError("action server down")

    await channel._guarded(failing)(UserMessage("hello", None, "session-1"))
    assert server.emitted == [("bot_uttered", {"text": TROUBLE}, "session-1")]


async def test_a_socket_over_its_limit_is_asked_to_slow_down() -> None:
    from channels.limits import Limits, LocalCounter, RateLimiter

    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=True)
    messages: list[UserMessage] = []
    handlers = _wired(channel, fake, messages)
    channel.limiter = RateLimiter(Limits(per_sender=2, per_address=0), LocalCounter())
    await handlers["session_request"]("sid-1", {"session_id": None})
    for text in ("one", "two", "three"):
        await handlers["user_uttered"]("sid-1", {"message": text})
    assert [message.text for message in messages] == ["one", "two"]
    event, data, room = fake.emitted[-1]
    assert event == "bot_uttered" and room == "sid-1" and "faster than I can answer" in data["text"]


async def test_a_message_before_any_session_request_gets_a_conversation_it_hears() -> None:
    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=True)
    messages: list[UserMessage] = []
    await _wired(channel, fake, messages)["user_uttered"]("sid-early", {"message": "hello"})
    [sender] = [message.sender_id for message in messages]
    assert sender.startswith("web-") and fake.rooms == [("sid-early", sender)]


def test_the_server_pings_often_enough_to_notice_a_dead_link_in_seconds() -> None:
    channel = SocketIOInput(allowed_origins=["http://127.0.0.1:8080"])

    async def on_new_message(message: UserMessage) -> None:
        pass

    channel.blueprint(on_new_message)
    assert channel.sio is not None
    # python-engineio's defaults are 25 + 20 s; the client reads the sum from the handshake.
    assert channel.sio.eio.ping_interval + channel.sio.eio.ping_timeout <= 10


async def test_a_copy_of_a_message_is_answered_again_not_processed_again() -> None:
    import asyncio

    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=True)
    received: list[UserMessage] = []
    release = asyncio.Event()

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)
        await message.output_channel.send_text_message(message.sender_id, "first\n\nsecond")
        await release.wait()

    channel.blueprint(on_new_message)
    assert channel.sio is not None
    channel.sio.enter_room = fake.enter_room  # type: ignore[method-assign]
    channel.sio.emit = fake.emit  # type: ignore[method-assign]
    handlers = channel.sio.handlers["/"]
    await handlers["session_request"]("sid-1", {"session_id": None})
    token = fake.emitted[0][1]
    conversation = web_conversation(token)
    data = {"message": "salary in france", "message_id": "m-0123456789"}

    first = asyncio.create_task(handlers["user_uttered"]("sid-1", data))
    await asyncio.sleep(0.05)
    # The link broke, the widget reconnected (another socket) and sent the message again while
    # the first copy is still being answered: the copy waits for it, and is not processed.
    await handlers["session_request"]("sid-2", {"session_id": token})
    copy = asyncio.create_task(handlers["user_uttered"]("sid-2", {**data, "resent": True}))
    await asyncio.sleep(0.05)
    assert not copy.done()
    release.set()
    await asyncio.gather(first, copy)
    assert [m.text for m in received] == ["salary in france"]
    assert received[0].message_id == "m-0123456789"
    replies = [(data, room) for event, data, room in fake.emitted if event == "bot_uttered"]
    parts = [
        {"text": "first", "reply_to": "m-0123456789", "part": 0},
        {"text": "second", "reply_to": "m-0123456789", "part": 1},
    ]
    # To the conversation's room as it was answered, then again to the socket that re-sent it.
    assert replies == [(p, conversation) for p in parts] + [(p, "sid-2") for p in parts]

    # A later copy too; a new message (another id) is processed, and so is one without a valid
    # id (it cannot be recognised as a copy).
    await handlers["user_uttered"]("sid-2", {**data, "resent": True})
    assert len(received) == 1
    await handlers["user_uttered"](
        "sid-2", {"message": "and in the UK?", "message_id": "m-2222222"}
    )
    await handlers["user_uttered"]("sid-2", {"message": "and in the UK?", "message_id": "m-1"})
    assert [m.text for m in received] == ["salary in france", "and in the UK?", "and in the UK?"]
    assert received[2].message_id != "m-1"


async def test_a_copy_unknown_here_is_answered_from_the_tracker_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another server answered it (or this one before a restart): the stored answer is sent."""
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from channels import once

    channel = SocketIOInput(session_persistence=True)
    fake = FakeServer(async_enter_room=True)
    received: list[UserMessage] = []
    handlers = _wired(channel, fake, received)
    await handlers["session_request"]("sid-1", {"session_id": None})
    conversation = web_conversation(fake.emitted[0][1])
    assert conversation is not None
    tracker = DialogueStateTracker.from_events(
        conversation,
        [
            UserUttered("salary in france", message_id="m-0123456789"),
            BotUttered("In France: €50,000", {"buttons": None}),
            UserUttered("and in the UK?", message_id="m-9876543210"),
            BotUttered("In the UK: £60,500"),
        ],
    )

    class Store:
        async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
            return tracker if sender_id == conversation else None

    monkeypatch.setattr(once, "running_tracker_store", Store)
    base = {"message": "salary in france", "message_id": "m-0123456789"}
    # Not marked as re-sent: not looked up (a first copy costs no tracker load) and processed.
    await handlers["user_uttered"]("sid-1", {**base, "message_id": "m-5555555555"})
    assert len(received) == 1
    await handlers["user_uttered"]("sid-1", {**base, "resent": True})
    assert len(received) == 1
    event, data, room = fake.emitted[-1]
    assert room == "sid-1" and data["text"] == "In France: €50,000"
    assert data["reply_to"] == "m-0123456789" and data["part"] == 0
    # A re-sent message the store does not have is processed.
    await handlers["user_uttered"]("sid-1", {**base, "message_id": "m-7777777777", "resent": True})
    assert len(received) == 2


def test_the_record_of_messages_is_bounded() -> None:
    from channels.once import RecentMessages

    recent = RecentMessages(per_conversation=3, conversations=2)
    for n in range(5):
        recent.begin("a", f"message-{n}")
    assert recent.find("a", "message-1") is None and recent.find("a", "message-4") is not None
    recent.begin("b", "message-0")
    recent.begin("c", "message-0")
    assert recent.find("a", "message-4") is None and recent.find("c", "message-0") is not None


def test_only_the_last_answers_are_kept_in_memory() -> None:
    from channels.once import RecentMessages

    recent = RecentMessages(per_conversation=10, keep_answers=2)
    for n in range(4):
        recent.begin("a", f"message-{n}").done.set()
    in_flight = recent.begin("a", "message-4")  # still being answered: its answer is kept
    recent.begin("a", "message-5")
    recent.begin("a", "message-6")
    kept = [recent.find("a", f"message-{n}") for n in range(7)]
    assert all(handling is not None for handling in kept)
    assert [h.replies is not None for h in kept if h] == [False] * 4 + [True] * 3
    assert in_flight.replies == []
