"""Ratings of answers: found in a conversation's events, stored, changed, counted, forgotten."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select
from sqlalchemy.engine import Engine

from monitoring import feedback
from monitoring.feedback import DOWN, UP, RatedAnswer, feedback_table
from serving.retention import forget

DAY = 86_400


def _events(start: float) -> list[dict]:
    return [
        {"event": "user", "timestamp": start, "text": "hello"},
        {
            "event": "bot",
            "timestamp": start + 1,
            "text": "Hi!",
            "metadata": {"utter_action": "utter_greet"},
        },
        {"event": "user", "timestamp": start + 2, "text": "What do ML engineers earn in France?"},
        {
            "event": "bot",
            "timestamp": start + 3,
            "text": "In France they earn about €50,000.",
            "metadata": {"utter_action": "utter_salary_country", "model_id": "m1"},
        },
        {"event": "user", "timestamp": start + 4, "text": "thanks"},
        {
            "event": "bot",
            "timestamp": start + 5,
            "text": "You're welcome!",
            "metadata": {"utter_action": "utter_thank"},
        },
    ]


def test_the_rated_answer_is_found_with_its_question_and_model() -> None:
    events = _events(100.0)
    named = feedback.find_answer("c1", events, 103.0)
    assert named == RatedAnswer(
        "c1",
        103.0,
        "In France they earn about €50,000.",
        "What do ML engineers earn in France?",
        102.0,
        "m1",
    )
    # the last *content* answer, not the thanks after it
    assert feedback.find_answer("c1", events) == named
    assert feedback.find_answer("c1", events, 103.5) is None
    assert feedback.find_answer("c1", events[:2]) is None  # a greeting is not rated


@pytest.mark.parametrize(
    ("action", "text", "rated"),
    [
        ("utter_answer_skills", "Skills: …", True),
        ("utter_out_of_scope", "Sorry, I only cover…", True),
        ("utter_greet", "Hi!", False),
        ("utter_ask_compare_role", "Which role?", False),
        (None, "Having trouble…", False),
        ("utter_answer_skills", "", False),
    ],
)
def test_only_content_answers_are_rateable(action: str | None, text: str, rated: bool) -> None:
    assert feedback.rateable(action, text) is rated


def _answer(conversation: str, stamp: float) -> RatedAnswer:
    return RatedAnswer(conversation, stamp, f"answer {stamp}", f"question {stamp}", stamp - 1, "m1")


def test_ratings_are_stored_changed_and_counted(engine: Engine) -> None:
    feedback.ensure_table(engine)
    feedback.ensure_table(engine)  # idempotent
    feedback.record(engine, _answer("c1", 10.5), UP)
    feedback.record(engine, _answer("c1", 20.25), DOWN)
    feedback.record(engine, _answer("c1", 20.25), DOWN, "too_long")  # the reason, asked after
    feedback.record(engine, _answer("c2", 10.5), UP)
    feedback.record(engine, _answer("c2", 10.5), DOWN, "outdated")  # changed their mind
    assert [(r.answer_timestamp, r.rating, r.reason) for r in feedback.ratings(engine, "c1")] == [
        (10.5, UP, None),
        (20.25, DOWN, "too_long"),
    ]
    assert feedback.counts(engine) == {(UP, None): 1, (DOWN, "too_long"): 1, (DOWN, "outdated"): 1}
    with engine.connect() as connection:
        rows = connection.execute(select(feedback_table).order_by(feedback_table.c.id)).all()
    assert len(rows) == 3
    assert rows[1].question == "question 20.25" and rows[1].answer == "answer 20.25"
    assert rows[1].model_id == "m1" and rows[1].question_timestamp == 19.25


@pytest.mark.parametrize(("rating", "reason"), [("meh", None), (UP, "wrong"), (DOWN, "rude")])
def test_a_bad_rating_is_refused(engine: Engine, rating: str, reason: str | None) -> None:
    feedback.ensure_table(engine)
    with pytest.raises(ValueError):
        feedback.record(engine, _answer("c1", 1.0), rating, reason)
    assert feedback.counts(engine) == {}


def _conversations(db: Path, ages_in_days: dict[str, float]) -> None:
    """Conversations written by Rasa's own SQL tracker store, last active that long ago."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))

    async def save_all() -> None:
        for sender, age in ages_in_days.items():
            moment = time.time() - age * DAY
            events = [
                UserUttered("What skills do I need?", timestamp=moment - 2),
                BotUttered(
                    "Python, maths, ML.",
                    metadata={"utter_action": "utter_answer_skills"},
                    timestamp=moment - 1,
                ),
            ]
            await store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(save_all())
    store.engine.dispose()


def test_retention_forgets_ratings_with_their_conversations_and_only_those(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    url = f"sqlite:///{db}"
    _conversations(db, {"old": 40, "recent": 2})
    engine = feedback.engine_for(url)
    feedback.record(engine, _answer("old", 1.0), DOWN, "outdated")
    feedback.record(engine, _answer("recent", 2.0), UP)
    feedback.record(engine, _answer("gone-before", 3.0), UP)  # its conversation was forgotten
    assert forget(url, older_than_days=30, dry_run=True) == 1
    assert {r.rating for r in feedback.ratings(engine, "old")} == {DOWN}
    assert forget(url, older_than_days=30) == 1
    assert feedback.ratings(engine, "old") == [] and feedback.ratings(engine, "gone-before") == []
    assert [r.rating for r in feedback.ratings(engine, "recent")] == [UP]
    assert forget(url, sender="recent") == 1
    assert feedback.counts(engine) == {}


def test_the_same_first_rating_from_many_servers_at_once_is_one_row(engine: Engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    feedback.ensure_table(engine)
    answer = _answer("c-race", 5.5)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: feedback.record(engine, answer, DOWN, "wrong"), range(16)))
    assert feedback.counts(engine) == {(DOWN, "wrong"): 1}
