"""Fixtures for action tests: the real store, a tracker factory, rendered responses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


TrackerFactory = Callable[..., Tracker]


@pytest.fixture()
def tracker() -> TrackerFactory:
    """Build a tracker whose latest message has ``intent``, ``entities`` and ``text``."""

    def make(
        intent: str,
        entities: list[dict[str, Any]] | None = None,
        text: str = "",
        slots: dict[str, Any] | None = None,
    ) -> Tracker:
        message = {
            "intent": {"name": intent, "confidence": 0.99},
            "entities": [_entity(e["entity"], e["value"], text) for e in entities or []],
            "text": text,
        }
        return Tracker(
            sender_id="test",
            slots=dict(slots or {}),
            latest_message=message,
            events=[],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return make


def _entity(label: str, value: str, text: str) -> dict[str, Any]:
    """An entity as the extractor reports it: its span in the text when the text holds it."""
    start = text.lower().find(value.lower())
    start, end = (start, start + len(value)) if start >= 0 else (0, 0)
    return {"entity": label, "value": value, "start": start, "end": end}


def render(message: dict[str, Any]) -> str:
    """The text a dispatched message shows the user: its domain response filled with its variables."""
    name = message.get("response")
    if not name:
        return str(message.get("text") or "")
    template = DOMAIN["responses"][name][0]["text"]
    return template.format(**message)


def rendered(dispatcher: CollectingDispatcher) -> str:
    """Every dispatched message rendered and joined."""
    return "\n".join(render(m) for m in dispatcher.messages)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
