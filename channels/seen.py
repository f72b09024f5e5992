"""Which Slack events and messages were already answered: in this process, or shared via Redis.

Slack may deliver one user message several times (retries, and a mention in a channel the bot
reads arrives as both ``app_mention`` and ``message``). With one Rasa server a bounded in-memory
record is enough. With several behind a load balancer the copies can reach different servers,
so the record lives where their locks already do: the Redis of ``LOCK_STORE_URL``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from typing import Protocol

logger = logging.getLogger(__name__)

# Slack stops retrying an event after about an hour; a key is kept as long.
REMEMBER_SECONDS = 3600
KEY_PREFIX = "mlcg:slack:seen:"

# Record every key, or none if one of them is already recorded, in one atomic step.
_ADD_IF_NEW = """
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'EX', ARGV[1])
end
return 1
"""


class SeenKeys(Protocol):
    """What the Slack channel needs of a record: membership and atomic add-if-new."""

    def __contains__(self, key: object) -> bool: ...

    def add_if_new(self, keys: Iterable[str]) -> bool: ...


class RecentKeys:
    """The most recent ``max_size`` keys seen in this process, oldest forgotten first."""

    def __init__(self, max_size: int = 10_000) -> None:
        self.max_size = max_size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def add_if_new(self, keys: Iterable[str]) -> bool:
        """Record ``keys``; ``False`` (and nothing recorded) if any of them was seen already."""
        keys = list(keys)
        if any(key in self._keys for key in keys):
            for key in keys:
                if key in self._keys:
                    self._keys.move_to_end(key)
            return False
        for key in keys:
            self._keys[key] = None
        while len(self._keys) > self.max_size:
            self._keys.popitem(last=False)
        return True


class RedisSeenKeys:
    """Keys shared by every server using the same Redis, each kept for ``REMEMBER_SECONDS``.

    If Redis cannot be reached the local record decides: answering a copy twice is better than
    not answering a message at all.
    """

    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._add_if_new = self._client.register_script(_ADD_IF_NEW)
        self._local = RecentKeys()

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            return bool(self._client.exists(KEY_PREFIX + key))
        except Exception as error:  # noqa: BLE001 (redis-py raises several unrelated types)
            logger.warning("Redis unreachable (%s); using this server's record", error)
            return key in self._local

    def add_if_new(self, keys: Iterable[str]) -> bool:
        keys = list(keys)
        is_new_here = self._local.add_if_new(keys)
        try:
            return bool(
                self._add_if_new(keys=[KEY_PREFIX + k for k in keys], args=[REMEMBER_SECONDS])
            )
        except Exception as error:  # noqa: BLE001
            logger.warning("Redis unreachable (%s); using this server's record", error)
            return is_new_here


def seen_keys(redis_url: str | None) -> SeenKeys:
    """Shared through Redis when the servers share one (``LOCK_STORE_URL``), else local."""
    return RedisSeenKeys(redis_url) if redis_url else RecentKeys()
