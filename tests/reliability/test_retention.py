"""Forgetting conversations: old ones by age, one person's on request, in Rasa's real store."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from tests.support.modules import run_module

DAY = 86_400


def _store_conversations(db: Path, ages_in_days: dict[str, float]) -> None:
    """Conversations written by Rasa's own SQL tracker store, each last active that long ago."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))

    async def save_all() -> None:
        for sender, age in ages_in_days.items():
            moment = time.time() - age * DAY
            events = [UserUttered(f"hello {i}", timestamp=moment - 60 + i) for i in range(3)]
            await store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(save_all())


def _senders(db: Path) -> set[str]:
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        found = set(connection.execute(text("SELECT DISTINCT sender_id FROM events")).scalars())
    engine.dispose()
    return found


def _forget(db: Path, *args: str, days: str = "") -> subprocess.CompletedProcess[str]:
    env = {"TRACKER_DB_URL": f"sqlite:///{db}", "TRACKER_RETENTION_DAYS": days}
    return run_module("serving.retention", *args, env=env, timeout=120)


def test_old_conversations_are_forgotten_and_recent_ones_kept(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    _store_conversations(db, {"old-1": 40, "old-2": 31, "recent": 2, "today": 0})
    dry = _forget(db, "--dry-run", days="30")
    assert dry.returncode == 0 and "2 conversations would be forgotten" in dry.stdout
    assert _senders(db) == {"old-1", "old-2", "recent", "today"}
    done = _forget(db, days="30")
    assert done.returncode == 0 and "2 conversations forgotten" in done.stdout
    assert _senders(db) == {"recent", "today"}


def test_one_persons_conversation_is_forgotten_on_request(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    _store_conversations(db, {"web-abc": 1, "web-def": 1})
    result = _forget(db, "--sender", "web-abc")
    assert result.returncode == 0 and "1 conversation forgotten" in result.stdout
    assert _senders(db) == {"web-def"}


def test_without_a_setting_it_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    _store_conversations(db, {"someone": 400})
    result = _forget(db)
    assert result.returncode == 2 and "TRACKER_RETENTION_DAYS" in result.stderr
    assert _senders(db) == {"someone"}
