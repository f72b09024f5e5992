"""Conversation ids belong to the server: issued and signed by it, prefixed by channel.

A widget visitor's conversation is ``web-<random>``. The socket.io channel issues it with a
signed token (``web-<random>-<signature>``) that the widget keeps for reconnects, binds the
conversation to the socket, continues it on reconnect only for a token it signed, and never
takes an id from a message. The token is not the tracker's id: an id seen in a log or a report
is not enough to join the conversation. Slack conversations are ``slack-…``. REST (the
developers' API) keeps the sender a client names, but may not name one with these prefixes, so
the channels' ids never meet.

The signing key is ``SESSION_SECRET`` (set the same one on every Rasa server behind a load
balancer), else a key created once in ``var/session_secret`` (private to this user).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import uuid
from pathlib import Path

from runtime.settings import current

WEB_PREFIX = "web-"
SLACK_PREFIX = "slack-"
RESERVED_PREFIXES = (WEB_PREFIX, SLACK_PREFIX)
SECRET_FILE = Path(__file__).resolve().parent.parent / "var" / "session_secret"
_SIGNATURE_CHARS = 24


@functools.lru_cache(maxsize=1)
def _secret() -> bytes:
    configured = current().SESSION_SECRET
    if configured:
        return configured.encode()
    if not SECRET_FILE.exists():
        SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Created private and only once: two servers starting together read the same key.
            descriptor = os.open(SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        except FileExistsError:
            pass
    return SECRET_FILE.read_text().strip().encode()


def _signature(ident: str) -> str:
    digest = hmac.new(_secret(), f"{WEB_PREFIX}{ident}".encode(), hashlib.sha256).hexdigest()
    return digest[:_SIGNATURE_CHARS]


def issue_web_session() -> str:
    """A token for a new widget conversation, signed by this server."""
    ident = uuid.uuid4().hex
    return f"{WEB_PREFIX}{ident}-{_signature(ident)}"


def web_conversation(token: object) -> str | None:
    """The conversation a token this server (or one sharing its key) issued stands for.

    None for anything else: an id a client chose, a tracker id, a forged or altered token.
    """
    if not isinstance(token, str) or not token.startswith(WEB_PREFIX):
        return None
    ident, _, signature = token[len(WEB_PREFIX) :].partition("-")
    if len(ident) != 32 or not hmac.compare_digest(signature, _signature(ident)):
        return None
    return f"{WEB_PREFIX}{ident}"


def slack_conversation(conversation_id: str | None) -> str | None:
    """A Slack conversation's id in the tracker store (``slack-U123…``)."""
    return f"{SLACK_PREFIX}{conversation_id}" if conversation_id else conversation_id


def reserved(sender: str) -> bool:
    """True for a REST sender that would name another channel's conversation."""
    return sender.startswith(RESERVED_PREFIXES)
