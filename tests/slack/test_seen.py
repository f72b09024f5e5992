"""The record of answered Slack events, shared by several servers through a real Redis."""

from __future__ import annotations

import redis

from channels.seen import KEY_PREFIX, REMEMBER_SECONDS, RecentKeys, RedisSeenKeys, seen_keys
from tests.support.postgres import free_port


def test_without_a_shared_redis_the_record_is_local() -> None:
    assert isinstance(seen_keys(None), RecentKeys)


def test_two_servers_share_one_record(redis_url: str) -> None:
    first, second = RedisSeenKeys(redis_url), RedisSeenKeys(redis_url)
    assert first.add_if_new(["event:Ev1", "message:C1:1.0"])
    # The same message as another event (a mention also seen as a channel message).
    assert not second.add_if_new(["event:Ev2", "message:C1:1.0"])
    assert "event:Ev1" in second
    assert "event:Ev2" not in second  # nothing of a refused copy is recorded
    assert second.add_if_new(["event:Ev3", "message:C1:2.0"])


def test_keys_expire_after_slack_stops_retrying(redis_url: str) -> None:
    RedisSeenKeys(redis_url).add_if_new(["event:EvTTL"])
    ttl = redis.Redis.from_url(redis_url).ttl(KEY_PREFIX + "event:EvTTL")
    assert 0 < ttl <= REMEMBER_SECONDS


def test_an_unreachable_redis_falls_back_to_this_servers_record() -> None:
    seen = RedisSeenKeys(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    assert seen.add_if_new(["event:EvDown"])
    assert not seen.add_if_new(["event:EvDown"])
    assert "event:EvDown" in seen
