"""Two Rasa servers sharing a PostgreSQL tracker store and a Redis lock store, as Rasa scales out."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from knowledge.db import make_engine
from tests.slack.conftest import BOT_CHANNEL, BOT_TOKEN, SIGNING_SECRET
from tests.slack.fake_slack import BOT_USER, FakeSlackApi, event_callback, new_ts, post_event
from tests.support.bot import RunningBot, running_bot

pytestmark = [pytest.mark.bot, pytest.mark.postgres, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def tracker_db(postgres_url: str) -> str:
    """A database of its own on the test PostgreSQL server, for Rasa's tracker store."""
    name = "tracker_" + uuid.uuid4().hex[:8]
    engine = make_engine(postgres_url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    # The two servers start at the same moment: Rasa's tables made first spare them a race
    # over CREATE TABLE (each server creates them only when missing).
    from rasa.core.tracker_store import SQLTrackerStore

    tracker_engine = make_engine(url)
    SQLTrackerStore.Base.metadata.create_all(tracker_engine)
    tracker_engine.dispose()
    return url


@pytest.fixture(scope="module")
def two_servers(
    tracker_db: str, redis_url: str, slack_api: FakeSlackApi
) -> Iterator[tuple[RunningBot, str]]:
    env = {
        "TRACKER_DB_URL": tracker_db,
        "LOCK_STORE_URL": redis_url,
        "SLACK_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url,
        "SLACK_CHANNEL": BOT_CHANNEL,
        # Six turns of one conversation sent at once are answered one after another; on a
        # loaded machine the last waits longer than the default 20 s per message and would get
        # "having trouble" (seen in CI). These tests check ordering and delivery, not latency.
        "MESSAGE_TIMEOUT": "120",
    }
    with running_bot(extra_env=env, rasa_servers=2) as bot:
        yield bot, bot.urls["rasa-2"]


def _user_texts(tracker_db: str, sender: str) -> list[str]:
    engine = make_engine(tracker_db)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
            {"s": sender},
        ).all()
    engine.dispose()
    return [json.loads(row[0])["text"] for row in rows]


def test_one_conversation_alternating_between_two_servers(
    two_servers: tuple[RunningBot, str], tracker_db: str
) -> None:
    first, second_url = two_servers
    second = RunningBot(second_url, first.actions_url, first.log_dir)
    sender = f"scale-{uuid.uuid4().hex[:8]}"
    turns = [
        (first, "salary for ml engineers in france?", "€50,000"),
        (second, "and in the UK?", "£60,500"),
        (first, "what about seniors?", "£60,500"),
        (second, "same for the US", "$140,000"),
        (first, "and for juniors?", "$80,000"),
    ]
    for server, message, fact in turns:
        reply = server.say(sender, message)
        assert fact in reply, (message, reply)
    assert _user_texts(tracker_db, sender) == [message for _, message, _ in turns]


def test_concurrent_messages_to_both_servers_are_serialised(
    two_servers: tuple[RunningBot, str], tracker_db: str
) -> None:
    first, second_url = two_servers
    second = RunningBot(second_url, first.actions_url, first.log_dir)
    sender = f"race-{uuid.uuid4().hex[:8]}"
    messages = [f"what skills do I need {i}" for i in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(
            pool.map(
                lambda pair: pair[0].say(sender, pair[1]),
                [(first if i % 2 else second, m) for i, m in enumerate(messages)],
            )
        )
    assert all("Python" in reply for reply in replies), replies
    stored = _user_texts(tracker_db, sender)
    if sorted(stored) != sorted(messages):
        engine = make_engine(tracker_db)
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT id, type_name, intent_name, action_name, timestamp FROM events WHERE sender_id = :s ORDER BY id"
                ),
                {"s": sender},
            ).all()
        print("\n".join(map(str, rows)))
        print(first.log_dir)
    assert sorted(stored) == sorted(messages)  # every turn kept, none overwritten


def test_slack_copies_reaching_different_servers_are_answered_once(
    two_servers: tuple[RunningBot, str], slack_api: FakeSlackApi
) -> None:
    """A mention arrives as `app_mention` and as `message`; behind a load balancer the two
    copies (and a retry) can reach different servers, which share their record in Redis."""
    first, second_url = two_servers
    ts, text = new_ts(), f"<@{BOT_USER}> How much do ML engineers earn in France?"
    mention = event_callback(
        text, channel=BOT_CHANNEL, user="U0SCALE", ts=ts, event_type="app_mention"
    )
    message = event_callback(
        text, channel=BOT_CHANNEL, user="U0SCALE", ts=ts, channel_type="channel"
    )
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    for url, payload, headers in (
        (first.url, mention, {}),
        (second_url, message, {}),
        (second_url, mention, retry),
    ):
        status, _, _ = post_event(url, payload, secret=SIGNING_SECRET, headers=headers)
        assert status == 200
    slack_api.wait_for_text(BOT_CHANNEL, "€50,000")
    texts = [m["text"] for m in slack_api.settle(BOT_CHANNEL, quiet=5)]
    assert sum("€50,000" in t for t in texts) == 1, texts


def _rate(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{url}/webhooks/rest/feedback",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_a_rating_given_on_either_server_lands_once_in_the_shared_store(
    two_servers: tuple[RunningBot, str], tracker_db: str
) -> None:
    """Answered by one server, rated on the other, then on both at once: one rating, the last."""
    first, second_url = two_servers
    sender = f"rate-{uuid.uuid4().hex[:8]}"
    replies = first.send(sender, "What skills does an ML engineer need?")
    answer_id = [r for r in replies if "answer_id" in r][-1]["answer_id"]
    outcome = _rate(second_url, {"sender": sender, "rating": "down", "answer_id": answer_id})
    assert outcome["stored"] and outcome["reasons"]
    bodies = [
        (
            first.url,
            {"sender": sender, "rating": "down", "reason": "wrong", "answer_id": answer_id},
        ),
        (
            second_url,
            {"sender": sender, "rating": "down", "reason": "wrong", "answer_id": answer_id},
        ),
    ]
    with ThreadPoolExecutor(2) as pool:
        assert all(o["stored"] for o in pool.map(lambda b: _rate(*b), bodies))
    engine = make_engine(tracker_db)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT rating, reason, question FROM answer_feedback WHERE conversation_id = :s"),
            {"s": sender},
        ).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("down", "wrong", "What skills does an ML engineer need?")
    ]


async def _socket_turn(url: str, token: str | None, data: dict) -> tuple[str, list[dict]]:
    """One widget connection to ``url``: continue ``token``'s session, send ``data``, wait for
    its acknowledgement; the session token and the replies received."""
    import asyncio

    import socketio

    client = socketio.AsyncClient()
    replies: list[dict] = []
    confirmed: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    client.on("bot_uttered", replies.append)
    client.on("session_confirm", lambda t: confirmed.done() or confirmed.set_result(t))
    # Long polling: python-engineio's WebSocket client needs a newer aiohttp than Rasa pins.
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": token})
        token = await asyncio.wait_for(confirmed, 30)
        await client.call("user_uttered", data, timeout=120)
    finally:
        await client.disconnect()
    return token, replies


async def test_a_widget_message_re_sent_to_the_other_server_is_answered_once(
    two_servers: tuple[RunningBot, str], tracker_db: str
) -> None:
    """The link broke before the acknowledgement; the widget reconnects to the other server and
    sends the message again: answered there from the shared tracker store, not processed."""
    first, second_url = two_servers
    message_id = uuid.uuid4().hex[:16]
    data = {"message": "salary for ml engineers in france?", "message_id": message_id}
    token, answer = await _socket_turn(first.url, None, data)
    assert any("€50,000" in reply.get("text", "") for reply in answer), answer
    again_token, again = await _socket_turn(second_url, token, {**data, "resent": True})
    assert again_token == token  # the same conversation on the other server
    assert again == answer  # the same parts: the widget shows each once
    assert {reply["reply_to"] for reply in answer} == {message_id}
    engine = make_engine(tracker_db)
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM events WHERE type_name = 'user' AND data LIKE :id"),
            {"id": f"%{message_id}%"},
        ).scalar_one()
    engine.dispose()
    assert stored == 1
