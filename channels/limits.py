"""Rate limits per conversation and per client address, on every channel.

One client used to be able to send 2,000 requests 50 at a time: no 429 anywhere, and every other
person's turn went from 49 ms to 723 ms. Each message now counts against its conversation
(``RATE_LIMIT_SENDER`` a minute) and its client address (``RATE_LIMIT_ADDRESS`` a minute; on
Slack, the workspace and user); over either, REST answers 429 with ``Retry-After`` and the
widget and Slack get a polite "slow down", without reaching the NLU or the actions.

With one Rasa server the counts live in memory; with several sharing a Redis lock store
(``LOCK_STORE_URL``) they live in Redis, so a client cannot multiply its allowance by the number
of servers. Loopback addresses are not limited by address: behind a reverse proxy every request
comes from it (the proxy limits per address; see the README's deployment section).
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from runtime.settings import current, environment_of

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60
KEY_PREFIX = "mlcg:rate:"
# Count a hit and start its window on the first one, atomically.
_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}
"""
SLOW_DOWN = (
    "You're sending messages faster than I can answer them. Please wait {seconds} seconds and "
    "ask again; your conversation is kept."
)


@dataclass(frozen=True)
class Limits:
    """Messages allowed per minute: per conversation and per client address (0: no limit)."""

    per_sender: int = 30
    per_address: int = 300

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """``RATE_LIMIT_SENDER`` and ``RATE_LIMIT_ADDRESS`` (of ``environ``, default the settings).

        Raises:
            SettingsError: (a ``ValueError``) naming a limit that is not a whole number >= 0.
        """
        settings = environment_of(environ)
        return cls(per_sender=settings.RATE_LIMIT_SENDER, per_address=settings.RATE_LIMIT_ADDRESS)


class Counter(Protocol):
    """Counts hits on a key within fixed windows; says how long until the window ends."""

    def hit(self, key: str) -> tuple[int, float]: ...


class LocalCounter:
    """Fixed one-minute windows in this process, the oldest keys forgotten first."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._windows: OrderedDict[str, tuple[float, int]] = OrderedDict()

    def hit(self, key: str) -> tuple[int, float]:
        """(hits in the current window including this one, seconds until it ends)."""
        now = time.monotonic()
        start, count = self._windows.get(key, (now, 0))
        if now - start >= WINDOW_SECONDS:
            start, count = now, 0
        self._windows[key] = (start, count + 1)
        self._windows.move_to_end(key)
        while len(self._windows) > self.max_keys:
            self._windows.popitem(last=False)
        return count + 1, WINDOW_SECONDS - (now - start)


class RedisCounter:
    """Windows shared by every server using one Redis; this process's count if it is down."""

    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._hit = self._client.register_script(_HIT)
        self._local = LocalCounter()

    def hit(self, key: str) -> tuple[int, float]:
        try:
            count, ttl = self._hit(keys=[KEY_PREFIX + key], args=[WINDOW_SECONDS])
            return int(count), float(max(int(ttl), 1))
        except Exception as error:  # noqa: BLE001 (redis-py raises several unrelated types)
            logger.warning("Redis unreachable (%s); counting on this server only", error)
            return self._local.hit(key)


class RateLimiter:
    """Decides whether one more message from a conversation and an address may go through."""

    def __init__(self, limits: Limits, counter: Counter) -> None:
        self.limits = limits
        self.counter = counter

    @classmethod
    def from_env(cls) -> RateLimiter:
        """Limits from the environment; counts in Redis when ``LOCK_STORE_URL`` names one."""
        url = current().LOCK_STORE_URL
        return cls(Limits.from_env(), RedisCounter(url) if url else LocalCounter())

    def retry_after(self, sender: str, address: str | None) -> int | None:
        """Seconds to wait when over a limit, else None (and the message is counted)."""
        waits = []
        checks = [(f"sender:{sender}", self.limits.per_sender)]
        if address and not _is_loopback(address):
            checks.append((f"address:{address}", self.limits.per_address))
        for key, limit in checks:
            if limit <= 0:
                continue
            count, remaining = self.counter.hit(key)
            if count > limit:
                waits.append(remaining)
        return max(1, round(max(waits))) if waits else None


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
