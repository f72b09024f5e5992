"""Rating answers on Slack: Block Kit 👍 / 👎 under answers, signed clicks, a fake Web API."""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from monitoring.feedback import feedback_table
from tests.slack.conftest import SIGNING_SECRET
from tests.slack.fake_slack import FakeSlackApi, event_callback, new_ts, post_event, post_to_bot
from tests.support.bot import RunningBot

pytestmark = pytest.mark.bot


def _click(bot: RunningBot, channel: str, user: str, message: dict[str, Any], button: dict) -> None:
    click = {
        "type": "block_actions",
        "user": {"id": user, "username": "someone"},
        "channel": {"id": channel},
        "message": {"ts": new_ts(), "text": message.get("text", "")},
        "actions": [{**button, "block_id": "feedback", "action_ts": new_ts()}],
    }
    form = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    status, _, _ = post_to_bot(
        f"{bot.url}/webhooks/slack/webhook",
        form,
        secret=SIGNING_SECRET,
        content_type="application/x-www-form-urlencoded",
    )
    assert status == 200


def _ephemerals(api: FakeSlackApi, channel: str, count: int, timeout: float = 30) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with api.lock:
            found = [
                c.body
                for c in api.calls
                if c.method == "chat.postEphemeral" and c.body.get("channel") == channel
            ]
        if len(found) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{count} ephemeral messages expected in {channel}, got {found}")


def _rows(bot: RunningBot, conversation: str) -> list[Any]:
    engine = create_engine(bot.env["TRACKER_DB_URL"], future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(
                select(feedback_table).where(feedback_table.c.conversation_id == conversation)
            ).all()
    finally:
        engine.dispose()


def test_thumbs_down_and_a_reason_from_slack_are_stored(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    channel, user = "D0RATE", "U0RATE"
    post_event(
        slack_bot.url, event_callback("hello", channel=channel, user=user), secret=SIGNING_SECRET
    )
    greeting = slack_api.wait_for(channel, lambda ms: any("blocks" in m for m in ms))
    assert all(
        block.get("block_id") != "feedback" for m in greeting for block in m.get("blocks") or []
    ), "no rating under a greeting"

    post_event(
        slack_bot.url,
        event_callback("What skills does an ML engineer need?", channel=channel, user=user),
        secret=SIGNING_SECRET,
    )
    messages = slack_api.wait_for(
        channel,
        lambda ms: any(b.get("block_id") == "feedback" for m in ms for b in m.get("blocks") or []),
    )
    answer = next(
        m for m in messages if any(b.get("block_id") == "feedback" for b in m.get("blocks") or [])
    )
    assert "Python" in answer["text"]
    section, *_, rating = answer["blocks"]
    assert section["type"] == "section" and "Python" in section["text"]["text"]
    up, down = rating["elements"]
    assert (up["text"]["text"], down["text"]["text"]) == ("👍", "👎")
    assert down["accessibility_label"] == "Not helpful"

    _click(slack_bot, channel, user, answer, down)
    [asked] = _ephemerals(slack_api, channel, 1)
    assert asked["user"] == user and "What was wrong" in asked["text"]
    reasons = json.loads(asked["blocks"]) if isinstance(asked["blocks"], str) else asked["blocks"]
    buttons = reasons[-1]["elements"]
    assert [b["text"]["text"] for b in buttons] == [
        "Wrong",
        "Not what I asked",
        "Too long",
        "Outdated",
    ]
    [row] = _rows(slack_bot, f"slack-{user}")
    assert (row.rating, row.reason) == ("down", None)

    _click(slack_bot, channel, user, answer, buttons[3])
    thanked = _ephemerals(slack_api, channel, 2)[-1]
    assert thanked["text"].startswith("Thanks") and "blocks" not in thanked
    [row] = _rows(slack_bot, f"slack-{user}")
    assert (row.rating, row.reason) == ("down", "outdated")
    assert row.question == "What skills does an ML engineer need?" and "Python" in row.answer

    # The bot answered nothing in the channel for the clicks: only the person saw the thanks.
    time.sleep(1)
    assert len(slack_api.messages(channel)) == len(messages)


def test_a_forged_rating_click_is_refused(slack_bot: RunningBot, slack_api: FakeSlackApi) -> None:
    click = {
        "type": "block_actions",
        "user": {"id": "U0FORGE"},
        "channel": {"id": "D0FORGE"},
        "message": {"ts": new_ts(), "text": "x"},
        "actions": [{"action_id": "feedback_up", "value": "1.0", "action_ts": new_ts()}],
    }
    form = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    status, _, _ = post_to_bot(
        f"{slack_bot.url}/webhooks/slack/webhook",
        form,
        secret="not-the-secret",
        content_type="application/x-www-form-urlencoded",
    )
    assert status == 401
    assert _rows(slack_bot, "slack-U0FORGE") == []
