"""A Redis lock store whose ticket bookkeeping is atomic across Rasa servers.

Rasa's ``RedisLockStore`` keeps each conversation's ticket lock as one serialised value and
updates it read-modify-write (``get_lock`` → change → ``save_lock``) with no mutual exclusion.
Two servers receiving the first messages of a new conversation at the same moment both create
the lock and both get ticket 0, so both process at once and one turn is lost from the tracker
(measured in tests/reliability/test_scale_out.py before this fix: 5 of 6 turns kept). Here the
read-modify-write steps run under a short Redis mutex (``SET NX`` with expiry, via redis-py).
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 5


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with atomic ticket issuing and release."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex",
            timeout=MUTEX_SECONDS,
            blocking_timeout=MUTEX_SECONDS,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue a ticket under the conversation's mutex."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Release a ticket under the conversation's mutex."""
        with self._mutex(conversation_id):
            super().finish_serving(conversation_id, ticket_number)
