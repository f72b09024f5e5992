"""A fake Slack Web API, and the real bot talking to it through its Slack channel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.slack.fake_slack import FakeSlackApi, fake_slack_api
from tests.support.bot import MODEL, RunningBot, running_bot

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test"
# The channel the bot reads without being mentioned (SLACK_CHANNEL): where a mention arrives twice.
BOT_CHANNEL = "C0BOTCHAN"


@pytest.fixture()
def fake_slack() -> Iterator[FakeSlackApi]:
    """A fresh fake Web API for one test."""
    with fake_slack_api() as api:
        yield api


@pytest.fixture(scope="module")
def slack_bot(slack_api: FakeSlackApi) -> Iterator[RunningBot]:
    """The trained bot with Slack enabled, stopped after the module so it never runs beside
    the REST-only bot of the other tests (two cores)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: `make test` trains it first (make train)")
    env = {
        "SLACK_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url,
        "SLACK_CHANNEL": BOT_CHANNEL,
    }
    with running_bot(extra_env=env) as bot:
        yield bot
