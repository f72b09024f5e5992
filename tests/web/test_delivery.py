"""Messages are never silently lost nor sent twice; tabs of one site show one conversation.

The standalone page in Debian's Chromium against the real bot: the network dropped
(``context.set_offline``) and Rasa itself stopped and started again while messages are typed;
then two tabs of one browser, a question in each and "New conversation" in one.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.web.conftest import WidgetSite
from tests.web.test_widget import ask, wait_for_reply, wait_online

pytestmark = [pytest.mark.web, pytest.mark.bot, pytest.mark.timeout(900)]

STORED = "() => JSON.parse(localStorage.getItem('ml-career-guide:conversation'))"


@pytest.fixture()
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 900, "height": 1000})
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


def open_page(context: Any, url: str) -> Any:
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto(url)
    wait_online(page)
    return page


def type_message(page: Any, text: str) -> None:
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")


def user_messages(page: Any) -> list[dict[str, Any]]:
    return [m for m in page.evaluate(STORED)["messages"] if m["from"] == "user"]


def bot_texts(page: Any) -> list[str]:
    return [m["text"] for m in page.evaluate(STORED)["messages"] if m["from"] == "bot"]


def wait_delivered(page: Any, count: int) -> None:
    page.wait_for_function(
        f"""() => {{
      const stored = {STORED[6:]};
      const users = stored.messages.filter(m => m.from === 'user');
      return users.length === {count} && users.every(m => m.status === 'delivered');
    }}""",
        timeout=120_000,
    )


def wait_until_answered_in_tracker(site: WidgetSite, question: str) -> None:
    """Wait until Rasa has answered ``question`` (its tracker store holds the reply)."""
    database = site.bot.log_dir / "tracker.db"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            senders = [
                row[0]
                for row in connection.execute(
                    "SELECT sender_id FROM events WHERE type_name = 'user' AND data LIKE ?",
                    (f"%{question}%",),
                )
            ]
            if (
                senders
                and connection.execute(
                    "SELECT count(*) FROM events WHERE sender_id = ? AND type_name = 'bot'"
                    " AND data LIKE '%CBT Nuggets%'",
                    (senders[-1],),
                ).fetchone()[0]
            ):
                return
        time.sleep(0.3)
    raise AssertionError(f"Rasa never answered {question!r}")


def hold(page: Any, seconds: float, typed: dict[float, str] | None = None) -> None:
    """Keep the link broken for ``seconds``: the header never says "Online" meanwhile, and each
    message of ``typed`` (seconds into the drop -> text) is typed then and shown as waiting."""
    from playwright.sync_api import expect

    status = page.locator(".chat-status")
    pending = sorted((typed or {}).items())
    start = time.monotonic()
    while (elapsed := time.monotonic() - start) < seconds:
        assert status.get_attribute("data-state") != "online", f"'Online' {elapsed:.0f} s in"
        assert "Online" not in status.inner_text()
        if pending and elapsed >= pending[0][0]:
            type_message(page, pending.pop(0)[1])
            expect(page.locator(".message.from-user .delivery").last).to_have_text("Sending…")
        page.wait_for_timeout(500)
    assert not pending


def test_messages_typed_during_a_20_s_network_drop_are_answered_once(
    context: Any, widget_site: WidgetSite
) -> None:
    from playwright.sync_api import expect

    page = open_page(context, widget_site.page_url)
    wait_for_reply(page, "ML Career Guide")
    ask(page, "How much do ML engineers earn in France?", "€50,000")
    wait_delivered(page, 1)
    expect(page.locator(".message.from-user .delivery").last).to_have_text("Delivered")

    context.set_offline(True)
    status = page.locator(".chat-status")
    expect(status).to_have_attribute("data-state", "offline", timeout=2_000)
    expect(status).to_contain_text("Offline")
    hold(page, 20, {0: "and in the UK?", 12: "what about seniors?"})
    assert [m["status"] for m in user_messages(page)] == ["delivered", "sending", "sending"]

    context.set_offline(False)
    expect(status).to_have_attribute("data-state", "online", timeout=10_000)
    assert_each_answered_once(page)


def _answered_once_after_an_outage(
    page: Any,
    break_link: Callable[[], None],
    restore: Callable[[], None],
    notice_within: int,
    seconds: float = 0,
) -> None:
    """France's figures delivered; then, with Rasa out of reach for ``seconds`` (at least),
    "and in the UK?" typed: shown as waiting while the header says offline, and answered
    exactly once when Rasa is back."""
    from playwright.sync_api import expect

    wait_for_reply(page, "ML Career Guide")
    ask(page, "How much do ML engineers earn in France?", "€50,000")
    wait_delivered(page, 1)
    broken = time.monotonic()
    break_link()
    status = page.locator(".chat-status")
    try:
        expect(status).to_have_attribute("data-state", "offline", timeout=notice_within)
        expect(status).not_to_contain_text("Online")
        type_message(page, "and in the UK?")
        expect(page.locator(".message.from-user .delivery").last).to_have_text("Sending…")
        hold(page, seconds - (time.monotonic() - broken))
    finally:
        restore()
    expect(status).to_have_attribute("data-state", "online", timeout=15_000)
    wait_delivered(page, 2)
    wait_for_reply(page, "£60,500")
    assert len([t for t in bot_texts(page) if "£60,500" in t]) == 1
    assert page.problems == []


def test_messages_typed_while_rasa_is_down_20_s_are_answered_once_it_is_back(
    context: Any, widget_site: WidgetSite
) -> None:
    page = open_page(context, widget_site.page_url)
    bot = widget_site.bot
    _answered_once_after_an_outage(
        page, lambda: bot.kill("rasa"), lambda: bot.start("rasa"), notice_within=5_000, seconds=20
    )


def test_a_silent_drop_shows_within_seconds_and_the_message_waits(
    context: Any, widget_site: WidgetSite
) -> None:
    """Rasa frozen (SIGSTOP): the socket stays open and the browser sees no "offline" event.

    The widget's heartbeat goes unanswered, and the server's pings (every 5 s, 5 s to answer)
    stop: the header stops saying "Online" within seconds, well before the 45 s of
    python-engineio's default ping settings.
    """
    page = open_page(context, widget_site.page_url)
    rasa = widget_site.bot.processes["rasa"]
    _answered_once_after_an_outage(
        page,
        lambda: os.killpg(rasa.pid, signal.SIGSTOP),
        lambda: os.killpg(rasa.pid, signal.SIGCONT),
        notice_within=12_000,
    )


@pytest.mark.long
def test_a_70_s_drop_offline_then_rasa_down_every_message_answered_once(
    context: Any, widget_site: WidgetSite
) -> None:
    """70 s without the bot: 35 s offline (``context.set_offline``), then back online with Rasa
    stopped (since 30 s in) until 70 s. Messages typed offline and while Rasa is down are each
    answered exactly once after it; the header never says "Online" meanwhile."""
    from playwright.sync_api import expect

    page = open_page(context, widget_site.page_url)
    bot = widget_site.bot
    status = page.locator(".chat-status")
    wait_for_reply(page, "ML Career Guide")
    ask(page, "How much do ML engineers earn in France?", "€50,000")
    wait_delivered(page, 1)

    start = time.monotonic()
    context.set_offline(True)
    try:
        expect(status).to_have_attribute("data-state", "offline", timeout=2_000)
        hold(page, 30, {5: "and in the UK?"})
        bot.kill("rasa")
        hold(page, 5)
        context.set_offline(False)
        # Online again, the assistant still unreachable: said so, within seconds.
        expect(status).to_contain_text("reach the assistant", timeout=10_000)
        hold(page, 70 - (time.monotonic() - start), {0: "what about seniors?"})
    finally:
        context.set_offline(False)
        bot.start("rasa")
    expect(status).to_have_attribute("data-state", "online", timeout=15_000)
    assert_each_answered_once(page)


def assert_each_answered_once(page: Any) -> None:
    """The three messages delivered, each answered exactly once, in order, in the
    conversation's context (the UK: two UK figures answers, then the seniors one)."""
    wait_delivered(page, 3)
    texts = bot_texts(page)
    uk = [t for t in texts if "£60,500" in t]
    seniors = [t for t in texts if "single range" in t]
    assert len(uk) == 2 and len(seniors) == 1, json.dumps(texts, indent=1)
    assert texts.index(uk[0]) < texts.index(seniors[0])
    assert page.problems == []


def user_events_with_id(site: WidgetSite, message_id: str) -> int:
    """How many user messages with this widget id Rasa's tracker store holds."""
    database = site.bot.log_dir / "tracker.db"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(
            "SELECT count(*) FROM events WHERE type_name = 'user' AND data LIKE ?",
            (f'%"message_id": "{message_id}"%',),
        ).fetchone()[0]


@pytest.mark.parametrize(
    "answer_lost", [False, True], ids=["acknowledgement-lost", "answer-and-acknowledgement-lost"]
)
def test_a_message_whose_acknowledgement_was_lost_is_answered_once(
    context: Any, widget_site: WidgetSite, answer_lost: bool
) -> None:
    """The link breaks after Rasa got a message and answered it, before the acknowledgement.

    The widget's WebSocket goes through Playwright: the acknowledgement of "and in the UK?"
    (and, in one case, the answer before it) never reaches the page, and the connection is
    closed then. The widget reconnects and sends the message again; Rasa recognises the copy,
    sends the answer again and acknowledges it: one user message in the tracker, one answer
    shown.
    """
    from playwright.sync_api import expect

    link: dict[str, Any] = {"armed": False, "ack": None, "upgraded": 0, "cut": 0}

    def route(ws: Any) -> None:
        server = ws.connect_to_server()

        def to_server(message: str | bytes) -> None:
            server.send(message)
            if message == "5":  # engine.io's upgrade: the socket now runs on this WebSocket
                link["upgraded"] += 1
            found = re.match(r'42(\d+)\["user_uttered"', message) if link["armed"] else None
            if isinstance(message, str) and found:
                link["ack"], link["armed"] = f"43{found.group(1)}[", False

        def to_page(message: str | bytes) -> None:
            if link["ack"] and isinstance(message, str):
                if message.startswith(link["ack"]):
                    link["ack"] = None
                    link["cut"] += 1
                    ws.close()
                    server.close()
                    return
                if answer_lost and message.startswith('42["bot_uttered"'):
                    return
            ws.send(message)

        ws.on_message(to_server)
        server.on_message(to_page)

    context.route_web_socket(re.compile(r"/socket\.io/"), route)
    page = open_page(context, widget_site.page_url)
    wait_for_reply(page, "ML Career Guide")
    ask(page, "How much do ML engineers earn in France?", "€50,000")
    wait_delivered(page, 1)
    deadline = time.monotonic() + 30
    while not link["upgraded"] and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert link["upgraded"], "the socket never upgraded to a WebSocket"

    link["armed"] = True
    type_message(page, "and in the UK?")
    wait_delivered(page, 2)
    wait_for_reply(page, "£60,500")
    assert link["cut"] == 1
    question = user_messages(page)[-1]
    assert question["retried"] is True  # it was sent twice...
    assert user_events_with_id(widget_site, question["id"]) == 1  # ...and Rasa processed it once
    answer = [m for m in page.evaluate(STORED)["messages"] if m.get("replyTo") == question["id"]]
    assert answer and len({m["part"] for m in answer}) == len(answer), json.dumps(answer)
    assert len([m for m in answer if "£60,500" in m["text"]]) == 1
    expect(page.locator(".message.from-bot", has_text="£60,500")).to_have_count(1)
    assert page.problems == []


def test_two_tabs_show_one_conversation_and_a_reset_in_one_resets_both(
    context: Any, widget_site: WidgetSite
) -> None:
    from playwright.sync_api import expect

    first = open_page(context, widget_site.page_url)
    wait_for_reply(first, "ML Career Guide")
    second = open_page(context, widget_site.page_url)
    wait_for_reply(second, "ML Career Guide")

    # A question in one tab: the question and its answer in both, once.
    ask(first, "How much do ML engineers earn in France?", "€50,000")
    wait_for_reply(second, "€50,000")
    expect(second.locator(".message.from-user .bubble")).to_have_text(
        ["How much do ML engineers earn in France?"]
    )
    # A follow-up in the other: same conversation, same context.
    ask(second, "and in the UK?", "£60,500")
    wait_for_reply(first, "£60,500")
    wait_delivered(first, 2)
    for page in (first, second):
        shown = page.locator(".chat-messages > li:not(.typing) .bubble").all_inner_texts()
        assert len(shown) == len(page.evaluate(STORED)["messages"])
        assert len([t for t in shown if "£60,500" in t]) == 1
    assert first.locator(".chat-messages > li").all_inner_texts() == (
        second.locator(".chat-messages > li").all_inner_texts()
    )
    old_session = first.evaluate(STORED)["sessionId"]

    # "New conversation" in one tab while an answer is on its way: both tabs start afresh, and
    # the old conversation's answer, which Rasa does send, lands in neither.
    # (Sent and reset in one go: a click through Playwright can come after the answer.)
    first.evaluate(
        """question => {
      const root = document.querySelector('ml-career-guide-widget').shadowRoot;
      root.querySelector('.chat-input').value = question;
      root.querySelector('.chat-form').requestSubmit();
      root.querySelector('.chat-reset').click();
    }""",
        "What do ML engineers earn in the United States?",
    )
    wait_until_answered_in_tracker(widget_site, "What do ML engineers earn in the United States?")
    wait_for_reply(first, "ML Career Guide")
    wait_for_reply(second, "ML Career Guide")
    for page in (first, second):
        expect(page.locator(".message.from-user")).to_have_count(0)
        assert "CBT Nuggets" not in page.locator(".chat-messages").inner_text()
        assert not any("CBT Nuggets" in text for text in bot_texts(page))
    assert first.evaluate(STORED)["sessionId"] not in (None, old_session)
    # No context left: every country's figures, not the UK's alone.
    again = ask(second, "what about seniors?", "Bessand", "CBT Nuggets")
    assert "single range" not in again, again
    wait_for_reply(first, "Bessand")
    greetings = [t for t in bot_texts(first) if "ML Career Guide" in t]
    assert len(greetings) == 1
    assert first.problems == [] and second.problems == []


def test_a_message_sent_but_never_confirmed_is_offered_again_not_resent(
    context: Any, widget_site: WidgetSite
) -> None:
    """After a reload, a message that went out unacknowledged may have been answered: ask."""
    from playwright.sync_api import expect

    page = open_page(context, widget_site.page_url)
    wait_for_reply(page, "ML Career Guide")
    page.evaluate(
        """() => {
      const key = 'ml-career-guide:conversation';
      const stored = JSON.parse(localStorage.getItem(key));
      stored.messages.push({ id: 'unconfirmed', from: 'user', text: 'salary in france',
        payload: 'salary in france', status: 'sent', at: Date.now() });
      stored.owner = sessionStorage.getItem('ml-career-guide:tab');
      localStorage.setItem(key, JSON.stringify(stored));
    }"""
    )
    page.reload()
    wait_online(page)
    expect(page.locator(".message.from-user .delivery")).to_have_text(["Not delivered"])
    assert [m["status"] for m in user_messages(page)] == ["failed"]
    assert not any("Bessand" in text for text in bot_texts(page))  # not re-sent by itself

    page.get_by_role("button", name="Retry").click()
    wait_delivered(page, 1)
    wait_for_reply(page, "€50,000")
    expect(page.locator(".message.from-user .delivery")).to_have_text(["Delivered"])
    assert len([t for t in bot_texts(page) if "€50,000" in t]) == 1
    assert page.problems == []
