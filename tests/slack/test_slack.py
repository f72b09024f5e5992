"""The real bot through its Slack channel, with no Slack account.

Events are signed exactly as Slack signs them and posted to ``/webhooks/slack/webhook``; the
bot's replies land in a fake Slack Web API on 127.0.0.1 (``SLACK_API_URL``). Replies are sent in
the background, so tests poll for them. Each test uses its own channel and user.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from typing import Any

import pytest

from tests.slack.conftest import BOT_CHANNEL, BOT_TOKEN, SIGNING_SECRET
from tests.slack.fake_slack import (
    BOT_USER,
    FakeSlackApi,
    event_callback,
    new_ts,
    post_event,
    post_to_bot,
)
from tests.support.bot import RunningBot

pytestmark = pytest.mark.bot

QUESTION = "How much do ML engineers earn in France?"


def send(
    bot: RunningBot, payload: dict[str, Any], **kwargs: Any
) -> tuple[int, bytes, dict[str, str]]:
    """Post a Slack payload to the bot's Slack webhook, signed with the right secret by default."""
    kwargs.setdefault("secret", SIGNING_SECRET)
    return post_event(bot.url, payload, **kwargs)


def assert_no_repeats(texts: list[str]) -> None:
    repeated = {t for t in texts if texts.count(t) > 1}
    assert not repeated, f"answered more than once: {repeated}"


def assert_slack_escaped(text: str) -> None:
    """&, < and > appear only as Slack's escapes or its own <url|label> / <@user> tokens."""
    bare = re.sub(r"<(?:[@#][^<>\s]+|(?:https?|mailto):[^<>\s]+)>", "", text)
    assert "<" not in bare and ">" not in bare, text
    assert not re.search(r"&(?!amp;|lt;|gt;)", text), text


def test_url_verification_challenge_is_echoed(slack_bot: RunningBot) -> None:
    payload = {
        "token": "legacy",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }
    status, body, _ = send(slack_bot, payload)
    assert status == 200
    assert json.loads(body) == {"challenge": payload["challenge"]}


def test_question_is_answered_in_mrkdwn(slack_bot: RunningBot, slack_api: FakeSlackApi) -> None:
    channel = "D0ASK"
    status, _, _ = send(slack_bot, event_callback(QUESTION, channel=channel, user="U0ASK"))
    assert status == 200
    slack_api.wait_for_text(channel, "€50,000", "Bessand")
    messages = slack_api.settle(channel)
    for message in messages:
        assert message["text"].strip()
        assert "thread_ts" not in message  # a top-level message gets a top-level answer
        assert message.get("mrkdwn") is True or message["blocks"][0]["text"]["type"] == "mrkdwn"
        assert "**" not in message["text"]
        assert_slack_escaped(message["text"])
    assert any("\n•" in m["text"] for m in messages)  # the bullets survive, one per line
    assert all(c.authorization == f"Bearer {BOT_TOKEN}" for c in slack_api.calls)


def test_follow_up_in_a_thread_is_answered_in_that_thread(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    channel, user = "D0THREAD", "U0THREAD"
    question_ts = new_ts()
    send(slack_bot, event_callback(QUESTION, channel=channel, user=user, ts=question_ts))
    slack_api.wait_for_text(channel, "€50,000")
    before = len(slack_api.settle(channel))

    send(
        slack_bot,
        event_callback("and in the UK?", channel=channel, user=user, thread_ts=question_ts),
    )
    slack_api.wait_for_text(channel, "£60,500")
    follow_up = slack_api.settle(channel)[before:]
    assert follow_up and all(m.get("thread_ts") == question_ts for m in follow_up)
    assert not any("€50,000" in m["text"] for m in follow_up)


def test_a_retry_is_answered_once(slack_bot: RunningBot, slack_api: FakeSlackApi) -> None:
    channel = "D0RETRY"
    payload = event_callback(QUESTION, channel=channel, user="U0RETRY")
    assert send(slack_bot, payload)[0] == 200
    # Slack re-sends the same event (same event_id) when it thinks the first copy was lost.
    for number, reason in ((1, "http_timeout"), (2, "http_error")):
        status, _, headers = send(
            slack_bot,
            payload,
            headers={"X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": reason},
        )
        assert status == 200 and headers.get("x-slack-no-retry") == "1"
    slack_api.wait_for_text(channel, "€50,000")
    texts = [m["text"] for m in slack_api.settle(channel, quiet=5)]
    assert_no_repeats(texts)


def test_a_retry_whose_first_copy_never_arrived_is_answered(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    channel = "D0LOST"
    payload = event_callback(QUESTION, channel=channel, user="U0LOST")
    status, _, _ = send(
        slack_bot, payload, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    )
    assert status == 200
    slack_api.wait_for_text(channel, "€50,000")
    assert_no_repeats([m["text"] for m in slack_api.settle(channel)])


def test_a_mention_that_is_also_a_channel_message_is_answered_once(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    # In the channel the bot reads (SLACK_CHANNEL) a mention arrives twice: as `app_mention` and
    # as `message`, with the same channel and ts but different event ids.
    ts, text = new_ts(), f"<@{BOT_USER}> {QUESTION}"
    mention = event_callback(
        text, channel=BOT_CHANNEL, user="U0MENTION", ts=ts, event_type="app_mention"
    )
    message = event_callback(
        text, channel=BOT_CHANNEL, user="U0MENTION", ts=ts, channel_type="channel"
    )
    assert mention["event_id"] != message["event_id"]
    assert send(slack_bot, mention)[0] == 200
    assert send(slack_bot, message)[0] == 200
    slack_api.wait_for_text(BOT_CHANNEL, "€50,000")  # the mention itself was stripped for NLU
    assert_no_repeats([m["text"] for m in slack_api.settle(BOT_CHANNEL, quiet=5)])


def _say_hello_and_wait(bot: RunningBot, api: FakeSlackApi, channel: str, user: str) -> None:
    """A valid message after the one under test: the same conversation is handled in order,
    so once its answer is there, any answer to the earlier message would be there too."""
    send(bot, event_callback("hello", channel=channel, user=user))
    api.wait_for_text(channel, "ML Career Guide")
    api.settle(channel, quiet=1)


@pytest.mark.parametrize(
    "how",
    [
        {"secret": "not-the-signing-secret"},
        {"headers": {"X-Slack-Signature": ""}},
        {"clock_offset": -6 * 60},  # correctly signed, but over 5 minutes old
        {"clock_offset": +6 * 60},
    ],
    ids=["bad signature", "no signature", "stale timestamp", "future timestamp"],
)
def test_unauthentic_requests_are_rejected_and_not_processed(
    slack_bot: RunningBot,
    slack_api: FakeSlackApi,
    how: dict[str, Any],
    request: pytest.FixtureRequest,
) -> None:
    suffix = re.sub(r"\W", "", request.node.callspec.id).upper()
    channel, user = f"D0REJ{suffix}", f"U0REJ{suffix}"
    if "clock_offset" in how:
        how = {"timestamp": int(time.time()) + how["clock_offset"]}
    status, _, _ = send(slack_bot, event_callback(QUESTION, channel=channel, user=user), **how)
    assert status in (401, 403)
    _say_hello_and_wait(slack_bot, slack_api, channel, user)
    assert not any("€50,000" in t for t in slack_api.texts(channel))


def test_bot_messages_and_unread_channels_are_ignored(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    user = "U0IGNORED"
    own = event_callback(QUESTION, channel="D0IGNORED", user=user, bot_id="B0001")
    elsewhere = event_callback(QUESTION, channel="C0ELSEWHERE", user=user, channel_type="channel")
    joined = event_callback("joined", channel="D0IGNORED", user=user, subtype="channel_join")
    for payload in (own, elsewhere, joined):
        assert send(slack_bot, payload)[0] == 200
    _say_hello_and_wait(slack_bot, slack_api, "D0IGNORED", user)
    assert slack_api.messages("C0ELSEWHERE") == []
    assert not any("€50,000" in t for t in slack_api.texts("D0IGNORED"))


def test_buttons_are_block_kit_and_a_click_is_answered(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    channel, user = "D0CLICK", "U0CLICK"
    send(slack_bot, event_callback("hello", channel=channel, user=user))
    greeting = slack_api.wait_for(channel, lambda ms: any("blocks" in m for m in ms))
    message = next(m for m in greeting if "blocks" in m)
    section, actions = message["blocks"]
    assert section["text"]["type"] == "mrkdwn" and "ML Career Guide" in section["text"]["text"]
    buttons = actions["elements"]
    assert 1 <= len(buttons) <= 5
    assert {b["text"]["text"] for b in buttons} >= {"Salaries"}

    salaries = next(b for b in buttons if b["text"]["text"] == "Salaries")
    click = {
        "type": "block_actions",
        "user": {"id": user, "username": "someone"},
        "channel": {"id": channel},
        "message": {"ts": new_ts(), "text": message["text"]},
        "actions": [{**salaries, "block_id": "b1", "action_ts": new_ts()}],
    }
    form = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    status, _, _ = post_to_bot(
        f"{slack_bot.url}/webhooks/slack/webhook",
        form,
        secret=SIGNING_SECRET,
        content_type="application/x-www-form-urlencoded",
    )
    assert status == 200
    slack_api.wait_for_text(channel, "per year")  # the salary overview


def test_a_click_delivered_three_times_is_answered_once(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    channel, user = "D0TRIPLE", "U0TRIPLE"
    click = {
        "type": "block_actions",
        "user": {"id": user, "username": "someone"},
        "channel": {"id": channel},
        "message": {"ts": new_ts(), "text": "Hi"},
        "actions": [
            {
                "type": "button",
                "action_id": "salaries",
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "Salaries"},
                "value": "/ask_salary",
                "action_ts": new_ts(),
            }
        ],
    }
    form = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    for _ in range(3):
        status, _, _ = post_to_bot(
            f"{slack_bot.url}/webhooks/slack/webhook",
            form,
            secret=SIGNING_SECRET,
            content_type="application/x-www-form-urlencoded",
        )
        assert status == 200
    slack_api.wait_for_text(channel, "per year")
    # A second answer would arrive within the first one's time; give it that long, bounded.
    time.sleep(3)
    assert sum("per year" in text for text in slack_api.texts(channel)) == 1


def test_a_person_flooding_slack_is_asked_to_slow_down(
    slack_bot: RunningBot, slack_api: FakeSlackApi
) -> None:
    """Over a minute's allowance (30 messages) a person gets "slow down", not more answers."""
    channel, user = "D0FLOOD", "U0FLOOD"
    for index in range(32):
        payload = event_callback(f"hello {index}", channel=channel, user=user)
        assert send(slack_bot, payload)[0] == 200
    slack_api.wait_for_text(channel, "faster than I can answer")
