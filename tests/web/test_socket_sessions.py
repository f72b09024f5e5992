"""Against the running bot's socket.io channel: a visitor's conversation is theirs alone.

Two real socket.io clients (python-socketio, as a second browser tab or an attacker would be):
naming another visitor's conversation, in ``session_request`` or in a message, neither reads
nor writes it.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from typing import Any

import pytest
import socketio

from channels.sessions import web_conversation
from tests.web.conftest import WidgetSite

pytestmark = pytest.mark.bot


class Visitor:
    """One socket.io client: what it was confirmed as and every reply it received."""

    def __init__(self, site: WidgetSite) -> None:
        self.site = site
        self.client = socketio.AsyncClient(reconnection=False)
        self.token: str | None = None
        self.replies: list[str] = []
        self.confirmed = asyncio.Event()
        self.client.on("session_confirm", self._on_confirm)
        self.client.on("bot_uttered", self._on_reply)

    async def _on_confirm(self, token: Any) -> None:
        self.token = token
        self.confirmed.set()

    async def _on_reply(self, message: Any) -> None:
        self.replies.append((message or {}).get("text") or "")

    async def connect(self, asked_session: str | None = None) -> str:
        await self.client.connect(
            self.site.socket_url,
            headers={"Origin": self.site.origin},
            transports=["polling"],  # the websocket client needs a newer aiohttp than Rasa pins
            socketio_path="/socket.io",
        )
        await self.client.emit("session_request", {"session_id": asked_session})
        await asyncio.wait_for(self.confirmed.wait(), 20)
        assert self.token is not None
        return self.token

    async def say(self, text: str, **extra: Any) -> None:
        await self.client.emit("user_uttered", {"message": text, **extra})

    async def wait_for(self, fragment: str, seconds: float = 40) -> None:
        async def seen() -> None:
            while not any(fragment in reply for reply in self.replies):
                await asyncio.sleep(0.2)

        await asyncio.wait_for(seen(), seconds)


def _user_messages(site: WidgetSite, conversation: str) -> list[str]:
    tracker_db = site.bot.env["TRACKER_DB_URL"].split(":///", 1)[1]
    with sqlite3.connect(tracker_db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (conversation,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_another_visitors_conversation_cannot_be_joined_or_written(
    widget_site: WidgetSite,
) -> None:
    async def scenario() -> None:
        victim, intruder = Visitor(widget_site), Visitor(widget_site)
        victim_token = await victim.connect()
        victim_conversation = web_conversation(victim_token)
        assert victim_conversation is not None
        await victim.say("salary in france")
        await victim.wait_for("Bessand")
        # The intruder names the victim's conversation (as seen in a log) and then writes to it.
        intruder_token = await intruder.connect(asked_session=victim_conversation)
        assert web_conversation(intruder_token) != victim_conversation
        await intruder.say("what skills do I need?", session_id=victim_conversation)
        await intruder.wait_for("Python")
        await asyncio.sleep(1)
        assert not any("Python" in reply for reply in victim.replies)
        # A second tab with the victim's own token does continue the conversation.
        tab = Visitor(widget_site)
        assert web_conversation(await tab.connect(asked_session=victim_token)) == (
            victim_conversation
        )
        for visitor in (victim, intruder, tab):
            await visitor.client.disconnect()

    asyncio.run(scenario())
    # What each wrote went into their own conversation only.
    conversations = {
        sender: _user_messages(widget_site, sender)
        for sender in _all_web_conversations(widget_site)
    }
    assert ["salary in france"] in conversations.values()
    assert ["what skills do I need?"] in conversations.values()


def _all_web_conversations(site: WidgetSite) -> set[str]:
    tracker_db = site.bot.env["TRACKER_DB_URL"].split(":///", 1)[1]
    with sqlite3.connect(tracker_db) as connection:
        return {
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE 'web-%'"
            )
        }
