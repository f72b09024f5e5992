"""Faults: a crashed Rasa server loses no conversation; a dead action server gets a polite reply."""

from __future__ import annotations

import signal
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.bot import RunningBot, running_bot

pytestmark = [pytest.mark.bot, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def faults_bot() -> Iterator[RunningBot]:
    """A bot of this module's own: its tests kill its processes (and start them again)."""
    with running_bot(extra_env={"ACTION_TIMEOUT": "3"}) as running:
        yield running


@pytest.fixture()
def own_bot(faults_bot: RunningBot) -> RunningBot:
    """The module's bot with both processes serving, whatever a failed test before it left."""
    for name in ("actions", "rasa"):
        process = faults_bot.processes.get(name)
        if process is None or process.poll() is not None:
            faults_bot.kill(name)
            faults_bot.start(name)
    return faults_bot


def test_sigkill_mid_traffic_loses_no_answered_conversation(own_bot: RunningBot) -> None:
    senders = [f"crash-{uuid.uuid4().hex[:8]}" for _ in range(6)]
    for sender in senders:
        assert "€50,000" in own_bot.say(sender, "what do ml engineers earn in france")
        assert "€150,000" in own_bot.say(sender, "what about seniors?")

    # Traffic still flowing while the server is killed.
    def chatter(sender: str) -> None:
        for _ in range(5):
            try:
                own_bot.say(sender, "what skills do I need")
            except OSError:
                return

    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(chatter, f"noise-{i}") for i in range(3)]
        time.sleep(1.0)
        own_bot.kill("rasa", signal.SIGKILL)
        for future in futures:
            future.result()

    own_bot.start("rasa")
    for sender in senders:
        # Context (country FR, level senior, topic salary) was persisted before the crash.
        reply = own_bot.say(sender, "and for juniors?")
        assert "€50,000–€60,000" in reply and "Bessand" in reply, reply


def test_action_server_down_gives_a_polite_reply_then_recovers(own_bot: RunningBot) -> None:
    sender = f"down-{uuid.uuid4().hex[:8]}"
    assert "£60,500" in own_bot.say(sender, "salary in the uk")
    own_bot.kill("actions")
    started = time.monotonic()
    reply = own_bot.say(sender, "what about the us?")
    assert time.monotonic() - started < 10
    assert "having trouble" in reply
    own_bot.start("actions")
    reply = own_bot.say(sender, "and for seniors in the us?")
    assert "$140,000" in reply, reply
