"""Ratings through the REST channel of the real bot, stored beside its real tracker store."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from evaluation import usage
from monitoring.feedback import feedback_table
from tests.support.bot import RunningBot

pytestmark = pytest.mark.bot


def _rate(bot: RunningBot, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"{bot.url}/webhooks/rest/feedback",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _stored(bot: RunningBot, conversation: str) -> list[Any]:
    engine = create_engine(bot.env["TRACKER_DB_URL"], future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(
                select(feedback_table)
                .where(feedback_table.c.conversation_id == conversation)
                .order_by(feedback_table.c.answer_timestamp)
            ).all()
    finally:
        engine.dispose()


def test_a_thumbs_down_asks_once_for_a_reason_and_is_stored_with_question_and_answer(
    bot: RunningBot,
) -> None:
    sender = "feedback-rest-1"
    greeting = bot.send(sender, "hello")
    assert greeting and all("answer_id" not in reply for reply in greeting)
    replies = bot.send(sender, "What skills does an ML engineer need?")
    rated = [reply for reply in replies if "answer_id" in reply]
    assert rated, replies
    answer = rated[-1]
    status, outcome = _rate(
        bot, {"sender": sender, "rating": "down", "answer_id": answer["answer_id"]}
    )
    assert status == 200 and outcome["stored"] and "What was wrong" in outcome["text"]
    assert set(outcome["reasons"]) == {"wrong", "not_asked", "too_long", "outdated"}
    status, outcome = _rate(
        bot,
        {
            "sender": sender,
            "rating": "down",
            "reason": "too_long",
            "answer_id": answer["answer_id"],
        },
    )
    assert status == 200 and outcome["stored"] and outcome["reasons"] is None
    assert outcome["text"].startswith("Thanks")
    [row] = _stored(bot, sender)
    assert (row.rating, row.reason) == ("down", "too_long")
    assert row.question == "What skills does an ML engineer need?"
    assert row.answer == answer["text"] and row.model_id


def test_the_last_answer_is_rated_without_an_id_and_a_rating_can_change(bot: RunningBot) -> None:
    sender = "feedback-rest-2"
    bot.send(sender, "What does an ML engineer do?")
    replies = bot.send(sender, "How much do ML engineers earn in Germany?")
    last = [reply for reply in replies if "answer_id" in reply][-1]
    status, outcome = _rate(bot, {"sender": sender, "rating": "up"})
    assert status == 200 and outcome["answer_id"] == last["answer_id"]
    assert outcome["text"] == "Thanks for the feedback!"
    _rate(bot, {"sender": sender, "rating": "down", "reason": "wrong"})
    [row] = _stored(bot, sender)
    assert (row.rating, row.reason, row.answer) == ("down", "wrong", last["text"])
    assert "Germany" in row.question


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "feedback-rest-3", "rating": "great"},
        {"sender": "feedback-rest-3", "rating": "up", "reason": "wrong"},
        {"sender": "feedback-rest-3", "rating": "down", "reason": "boring"},
        {"sender": "feedback-rest-3", "rating": "up", "answer_id": "x"},
        {"sender": "web-0123", "rating": "up"},
        {"rating": "up"},
    ],
)
def test_malformed_ratings_get_a_400(bot: RunningBot, body: dict[str, Any]) -> None:
    status, outcome = _rate(bot, body)
    assert status == 400 and outcome["fix"]


def test_a_rating_of_no_answer_is_not_stored(bot: RunningBot) -> None:
    status, outcome = _rate(bot, {"sender": "feedback-rest-nobody", "rating": "up"})
    assert status == 404 and not outcome["stored"]
    bot.send("feedback-rest-4", "What skills does an ML engineer need?")
    status, _ = _rate(bot, {"sender": "feedback-rest-4", "rating": "up", "answer_id": 12.5})
    assert status == 404
    assert _stored(bot, "feedback-rest-4") == []


def test_the_usage_report_reads_the_real_store(bot: RunningBot, tmp_path: Path) -> None:
    """Rasa's own events and the ratings above, read back by ``python -m evaluation.usage``."""
    today = dt.datetime.now(dt.timezone.utc).date()
    summary = usage.report(bot.env["TRACKER_DB_URL"], today - dt.timedelta(days=1), today)
    assert summary["totals"]["turns"] >= 5 and summary["totals"]["conversations"] >= 4
    assert summary["intents"].get("ask_skills", 0) >= 1
    disliked = {(d["question"], d["reason"]) for d in summary["disliked"]}
    assert ("What skills does an ML engineer need?", "Too long") in disliked
    [model] = [m for m in summary["models"] if m["model_id"] != "unknown"]
    assert model["turns"] >= 5 and model["down"] >= 1
    assert summary["latency"]["p50"] is not None and summary["latency"]["p50"] < 20
    page = usage.render_html(summary)
    assert "feedback-rest" not in page and "feedback-rest" not in json.dumps(summary)


def test_ratings_count_against_the_rate_limit(bot: RunningBot) -> None:
    statuses = [
        _rate(bot, {"sender": "feedback-rest-flood", "rating": "up", "answer_id": 1.0})[0]
        for _ in range(35)
    ]
    assert statuses[0] == 404 and statuses[-1] == 429
