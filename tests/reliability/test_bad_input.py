"""Bad input against the running bot: clear answers, no 500, nothing lost, the store unchanged."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest

from knowledge.config import load_settings
from tests.support.bot import RunningBot

pytestmark = pytest.mark.bot

HOSTILE_MESSAGES = {
    "empty": "",
    "whitespace": "   \n\t  ",
    "100 KB": "salary " * 15000,
    "binary garbage": "".join(chr(c) for c in range(0, 256)) * 3,
    "lone surrogates and controls": "\udc80\udcff\x00\x07 hello \x1b[31m",
    "emoji only": "🤖🔥💰🚀",
    "sql injection": "'; DROP TABLE passage; -- what is the salary in france",
    "sql injection 2": '" OR 1=1; DELETE FROM salary_fact; --',
    "html/js injection": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "other language": "¿Cuánto gana un ingeniero de aprendizaje automático en España?",
    "chinese": "机器学习工程师的工资是多少",
    "internal intent": "/restart",
    "session start": "/session_start",
    "unknown intent": "/nonexistent_intent",
    "slot setting attempt": '/ask_salary{"country": "FR", "requested_slot": "x", "topic": "evil"}',
    "malformed shortcut": '/ask_salary{"country": ',
}


def _store_fingerprint() -> str:
    path = load_settings().db_url.split(":///", 1)[1]
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@pytest.mark.parametrize("name", sorted(HOSTILE_MESSAGES))
def test_hostile_message_gets_a_clear_answer_and_the_conversation_goes_on(
    bot: RunningBot, name: str
) -> None:
    before = _store_fingerprint()
    sender = f"bad-{uuid.uuid4().hex[:10]}"
    status, replies = bot.post_raw(
        json.dumps({"sender": sender, "message": HOSTILE_MESSAGES[name]}).encode()
    )
    assert status == 200, replies
    assert isinstance(replies, list) and replies, replies
    texts = " ".join(r.get("text") or "" for r in replies)
    assert texts.strip(), replies
    assert "Traceback" not in texts and "Error" not in texts
    follow = bot.say(sender, "how much do ml engineers earn in france?")
    assert "€50,000" in follow and "Bessand" in follow
    assert _store_fingerprint() == before


def test_long_message_is_explained_not_parsed(bot: RunningBot) -> None:
    replies = bot.send(f"long-{uuid.uuid4().hex[:8]}", "x" * 48_000, timeout=10)
    assert "too long" in replies[0]["text"]
    assert "48,000" in replies[0]["text"]


@pytest.mark.parametrize(
    "typed",
    [
        "/restart",
        "/restart@1",
        "/restart {}",
        "\u200b/restart@1",
        "/session_start@0.9",
        "/back@1",
        "//restart",
    ],
)
def test_internal_intents_and_slots_cannot_be_reached(bot: RunningBot, typed: str) -> None:
    sender = f"slots-{uuid.uuid4().hex[:8]}"
    bot.say(sender, "salary in france")
    reply = bot.say(sender, typed)
    assert "having trouble" not in reply  # read as text, not as a reset or a rewind
    follow = bot.say(sender, "and for seniors?")
    assert "€150,000" in follow  # context (France) survived


@pytest.mark.parametrize(
    "body,fragment",
    [
        (b"not json at all", "not valid JSON"),
        (b'{"sender": "a", "message": "hi"', "not valid JSON"),
        (b"\xff\xfe\xfa", "not valid JSON"),
        (b'["sender", "message"]', "must be a JSON object"),
        (b'"just a string"', "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b'{"message": "hi"}', "'sender'"),
        (b'{"sender": "", "message": "hi"}', "'sender'"),
        (b'{"sender": 42, "message": "hi"}', "'sender'"),
        (b'{"sender": "' + b"s" * 500 + b'", "message": "hi"}', "'sender'"),
        (b'{"sender": "a"}', "'message'"),
        (b'{"sender": "a", "message": ["hi"]}', "'message'"),
        (b'{"sender": "a", "message": null}', "'message'"),
        (b'{"sender": "a", "message": "hi", "metadata": [1]}', "'metadata'"),
        (b'{"sender": "web-0123", "message": "hi"}', "may not start with web-"),
        (b'{"sender": "slack-U0123", "message": "hi"}', "may not start with web-"),
        (b"[" * 10_000 + b"]" * 10_000, "not valid JSON"),
        (b'{"sender": "a", "message": "hi", "n": ' + b"9" * 5_000 + b"}", "not valid JSON"),
    ],
)
def test_malformed_request_gets_a_clear_4xx(bot: RunningBot, body: bytes, fragment: str) -> None:
    status, answer = bot.post_raw(body)
    assert status == 400, answer
    assert fragment in answer["error"] and answer["fix"]


def test_oversize_body_is_refused_and_server_lives(bot: RunningBot) -> None:
    body = json.dumps({"sender": "big", "message": "a" * 2_000_000}).encode()
    try:
        status, _ = bot.post_raw(body, timeout=30)
        assert status == 413
    except OSError:
        pass  # the server may close the connection while we are still sending: also a refusal
    assert "Bessand" in bot.say(f"after-big-{uuid.uuid4().hex[:6]}", "salary in france")


def test_senders_do_not_share_a_conversation(bot: RunningBot) -> None:
    first, second = f"a-{uuid.uuid4().hex[:8]}", f"b-{uuid.uuid4().hex[:8]}"
    bot.say(first, "salary in the uk")
    reply = bot.say(second, "and for juniors?")
    # The second conversation has no country in context: every source's junior figures.
    assert "in the United Kingdom" not in reply and "$80,000" in reply


def test_client_metadata_is_not_stored(bot: RunningBot) -> None:
    """900 KB of metadata used to be stored three times in the tracker; now none of it."""
    import sqlite3

    sender = f"meta-{uuid.uuid4().hex[:8]}"
    metadata = {"blob": "x" * 200_000, "questions": [{"intent": {"name": "out_of_scope"}}]}
    body = json.dumps({"sender": sender, "message": "salary in france", "metadata": metadata})
    status, replies = bot.post_raw(body.encode())
    assert status == 200 and "Bessand" in " ".join(r.get("text") or "" for r in replies)
    tracker_db = bot.env["TRACKER_DB_URL"].split(":///", 1)[1]
    with sqlite3.connect(tracker_db) as connection:
        stored = connection.execute(
            "SELECT SUM(LENGTH(data)) FROM events WHERE sender_id = ?", (sender,)
        ).fetchone()[0]
    assert stored < 20_000
