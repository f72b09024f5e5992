"""Rate limits and the session cap: one client flooding gets 429s (or "slow down") while
everyone else is answered, and no conversation grows a session without bound."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from channels.limits import Limits, LocalCounter, RateLimiter, RedisCounter
from tests.support.bot import RunningBot, running_bot

PER_SENDER = 5
SESSION_TURNS = 2


def test_a_conversation_over_its_limit_waits_for_the_window() -> None:
    limiter = RateLimiter(Limits(per_sender=3, per_address=100), LocalCounter())
    assert [limiter.retry_after("a", "203.0.113.9") for _ in range(3)] == [None, None, None]
    wait = limiter.retry_after("a", "203.0.113.9")
    assert wait is not None and 1 <= wait <= 60
    assert limiter.retry_after("b", "203.0.113.9") is None  # another conversation goes on


def test_an_address_over_its_limit_is_refused_whatever_the_conversation() -> None:
    limiter = RateLimiter(Limits(per_sender=100, per_address=4), LocalCounter())
    for _ in range(4):
        assert limiter.retry_after(f"s-{uuid.uuid4().hex}", "203.0.113.7") is None
    assert limiter.retry_after(f"s-{uuid.uuid4().hex}", "203.0.113.7") is not None
    # Loopback is a reverse proxy's address (it limits per client itself): not limited here.
    for _ in range(10):
        assert limiter.retry_after(f"s-{uuid.uuid4().hex}", "127.0.0.1") is None


def test_zero_turns_a_limit_off_and_bad_settings_are_named() -> None:
    limiter = RateLimiter(Limits(per_sender=0, per_address=0), LocalCounter())
    assert all(limiter.retry_after("a", "203.0.113.9") is None for _ in range(100))
    assert Limits.from_env({"RATE_LIMIT_SENDER": "12"}).per_sender == 12
    with pytest.raises(ValueError, match="RATE_LIMIT_ADDRESS"):
        Limits.from_env({"RATE_LIMIT_ADDRESS": "lots"})


def test_servers_sharing_redis_share_the_count(redis_url: str) -> None:
    """Two servers cannot double a client's allowance."""
    first = RateLimiter(Limits(per_sender=4, per_address=0), RedisCounter(redis_url))
    second = RateLimiter(Limits(per_sender=4, per_address=0), RedisCounter(redis_url))
    sender = f"shared-{uuid.uuid4().hex}"
    allowed = [(first if i % 2 else second).retry_after(sender, None) is None for i in range(8)]
    assert allowed.count(True) == 4


@pytest.fixture(scope="module")
def limited_bot() -> Iterator[RunningBot]:
    env = {"RATE_LIMIT_SENDER": str(PER_SENDER), "MAX_SESSION_TURNS": str(SESSION_TURNS)}
    with running_bot(env) as bot:
        yield bot


@pytest.mark.bot
def test_a_flood_gets_429_and_another_person_is_answered(limited_bot: RunningBot) -> None:
    flooder = f"flood-{uuid.uuid4().hex[:8]}"
    body = json.dumps({"sender": flooder, "message": "salary in france"}).encode()
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = [
            status for status, _ in pool.map(lambda _: limited_bot.post_raw(body), range(30))
        ]
    assert statuses.count(200) == PER_SENDER
    assert statuses.count(429) == 30 - PER_SENDER
    status, answer = limited_bot.post_raw(body)
    assert status == 429 and "wait" in answer["fix"]
    assert "Bessand" in limited_bot.say(f"other-{uuid.uuid4().hex[:8]}", "salary in france")


@pytest.mark.bot
def test_429_says_when_to_retry(limited_bot: RunningBot) -> None:
    import urllib.error
    import urllib.request

    sender = f"retry-{uuid.uuid4().hex[:8]}"
    for _ in range(PER_SENDER):
        limited_bot.say(sender, "hello")
    request = urllib.request.Request(
        f"{limited_bot.url}/webhooks/rest/webhook",
        json.dumps({"sender": sender, "message": "hello"}).encode(),
        {"content-type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 429
    assert 1 <= int(refused.value.headers["Retry-After"]) <= 60


@pytest.mark.bot
def test_a_long_conversation_goes_on_in_new_sessions_with_its_context(
    limited_bot: RunningBot,
) -> None:
    import sqlite3

    sender = f"long-{uuid.uuid4().hex[:8]}"
    turns = [
        ("salary in france", "€50,000"),
        ("and for seniors?", "€150,000"),
        ("what about the US?", "$140,000"),  # seniors, carried into the new session
        ("and in the uk?", "£60,500"),
        ("and in france?", "€150,000"),  # still seniors, two sessions later
    ]
    for message, fact in turns:
        assert fact in limited_bot.say(sender, message), message
    tracker_db = limited_bot.env["TRACKER_DB_URL"].split(":///", 1)[1]
    with sqlite3.connect(tracker_db) as connection:
        kinds = [
            row[0]
            for row in connection.execute(
                "SELECT type_name FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            )
        ]
    sessions = [index for index, kind in enumerate(kinds) if kind == "session_started"]
    assert len(sessions) >= 3  # the first, and one every two messages after it
    after_last = kinds[sessions[-1] :]
    assert after_last.count("user") <= SESSION_TURNS
