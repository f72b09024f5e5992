"""How long a reply will read: dispatched messages rendered with their domain responses.

The answer to a message with several questions must stay within one chat reply. Rasa renders
the responses after the action returns; the action measures them the same way beforehand.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"


@functools.lru_cache(maxsize=1)
def _responses() -> dict[str, dict[str, Any]]:
    """The first variant of every response in the domain."""
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8")) or {}
    return {
        name: variants[0] for name, variants in (domain.get("responses") or {}).items() if variants
    }


@functools.lru_cache(maxsize=1)
def _templates() -> dict[str, str]:
    """The first text variant of every response in the domain.

    Built once: every message of every reply is measured with it.
    """
    return {name: str(variant.get("text") or "") for name, variant in _responses().items()}


def shown_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The buttons a dispatched message shows: its own, else its response's in the domain."""
    own = message.get("buttons") or []
    if own or not message.get("response"):
        return list(own)
    return list(_responses().get(str(message["response"]), {}).get("buttons") or [])


def without_buttons(message: dict[str, Any]) -> dict[str, Any]:
    """``message`` as plain text, with no buttons (a long reply keeps its facts first)."""
    return {"text": rendered_text(message)}


def rendered_text(message: dict[str, Any]) -> str:
    """The text a dispatched message shows: its response filled with its variables."""
    name = message.get("response")
    if not name:
        return str(message.get("text") or "")
    template = _templates().get(str(name), "")
    try:
        return template.format(**message)
    except (KeyError, IndexError, ValueError):
        return template  # a variable the template lacks: its frame is still the measure


def reply_length(messages: Iterable[dict[str, Any]]) -> int:
    """Characters of the reply these messages make, one line break between messages.

    A button shows as its title on a line of its own ("[Skills needed]"): it counts too.
    """
    lines = []
    for message in messages:
        lines.append(rendered_text(message))
        lines.extend(f"[{button.get('title') or ''}]" for button in shown_buttons(message))
    return sum(len(line) for line in lines) + max(len(lines) - 1, 0)
