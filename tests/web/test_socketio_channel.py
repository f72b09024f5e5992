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
