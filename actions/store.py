"""Access to the knowledge store from the (async) action server.

rasa-sdk awaits each action's ``run``: blocking database work must leave the event loop, or one
slow query stalls every conversation. ``run_query`` runs a ``knowledge.query`` function with its
own session in a worker thread, one of as many as the store's engine keeps connections.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy.orm import Session

from knowledge.db import POOL_SIZE, open_session
from monitoring.metrics import observe_store

T = TypeVar("T")

# Sized to the engine's pool: a query never waits for a connection, nor opens one of its own.
_STORE_THREADS = ThreadPoolExecutor(max_workers=POOL_SIZE, thread_name_prefix="store")


async def run_query(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Call ``function(session, *args, **kwargs)`` in a thread with a fresh session."""
    return await run_in_session(lambda session: function(session, *args, **kwargs))


async def run_in_session(work: Callable[[Session], T]) -> T:
    """Run several queries in one session, in a thread."""

    def wrapper() -> T:
        started = time.perf_counter()
        try:
            with open_session() as session:
                return work(session)
        finally:
            observe_store(time.perf_counter() - started)

    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_STORE_THREADS, wrapper)
