"""Access to the knowledge store from the (async) action server.

rasa-sdk awaits each action's ``run``: blocking database work must leave the event loop, or one
slow query stalls every conversation. ``run_query`` runs a ``knowledge.query`` function with its
own session in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from knowledge.db import open_session

T = TypeVar("T")


async def run_query(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Call ``function(session, *args, **kwargs)`` in a thread with a fresh session."""
    return await run_in_session(lambda session: function(session, *args, **kwargs))


async def run_in_session(work: Callable[[Session], T]) -> T:
    """Run several queries in one session, in a thread."""

    def wrapper() -> T:
        with open_session() as session:
            return work(session)

    return await asyncio.to_thread(wrapper)
