"""A local stand-in for Slack: its Web API (recording calls) and its way of signing events."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_USER = "UBOT0001"
_ts_counter = itertools.count(1)


@dataclass
class ApiCall:
    """One request the bot made to the Web API."""

    method: str  # e.g. "chat.postMessage"
    body: dict[str, Any]
    authorization: str


@dataclass
class FakeSlackApi:
    """Records Web API calls; ``url`` is what the bot gets as ``SLACK_API_URL``."""

    url: str = ""
    calls: list[ApiCall] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The bodies of every ``chat.postMessage`` to ``channel``, in order."""
        with self.lock:
            return [
                c.body
                for c in self.calls
                if c.method == "chat.postMessage" and c.body.get("channel") == channel
            ]

    def texts(self, channel: str) -> list[str]:
        """The text of every message posted to ``channel``."""
        return [m.get("text", "") for m in self.messages(channel)]

    def wait_for(
        self, channel: str, predicate: Callable[[list[dict[str, Any]]], bool], timeout: float = 60
    ) -> list[dict[str, Any]]:
        """Poll until ``predicate(messages to channel)`` holds; then return those messages."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.messages(channel)
            if predicate(messages):
                return messages
            time.sleep(0.2)
        raise AssertionError(
            f"timed out after {timeout:.0f}s waiting for messages to {channel};"
            f" got {self.messages(channel)}"
        )

    def wait_for_text(
        self, channel: str, *needles: str, timeout: float = 60
    ) -> list[dict[str, Any]]:
        """Wait until one message to ``channel`` contains every needle."""
        return self.wait_for(
            channel,
            lambda ms: any(all(n in m.get("text", "") for n in needles) for m in ms),
            timeout,
        )

    def settle(self, channel: str, quiet: float = 3.0, timeout: float = 60) -> list[dict[str, Any]]:
        """Wait until no new message has reached ``channel`` for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        count, since = len(self.messages(channel)), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = len(self.messages(channel))
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return self.messages(channel)


class _Handler(BaseHTTPRequestHandler):
    api: FakeSlackApi

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        method = self.path.rsplit("/", 1)[-1]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Content-Type", "").startswith("application/json"):
            body = json.loads(raw or b"{}")
        else:
            body = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
        with self.api.lock:
            self.api.calls.append(ApiCall(method, body, self.headers.get("Authorization", "")))
        answer: dict[str, Any] = {"ok": True}
        if method == "chat.postMessage":
            answer.update(
                channel=body.get("channel"), ts=new_ts(), message={"text": body.get("text")}
            )
        elif method == "auth.test":
            answer.update(user_id=BOT_USER, bot_id="B0001", team_id="T0001")
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def fake_slack_api() -> Iterator[FakeSlackApi]:
    """Serve a fake Slack Web API on a free 127.0.0.1 port until the block exits."""
    api = FakeSlackApi()
    handler = type("Handler", (_Handler,), {"api": api})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}/api/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()


# --- Slack -> bot ---------------------------------------------------------------------------------


def new_ts() -> str:
    """A fresh Slack message timestamp ("1700000000.000123")."""
    return f"{int(time.time())}.{next(_ts_counter):06d}"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's v0 signature: HMAC-SHA256 over ``v0:{timestamp}:{raw body}``."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256)
    return f"v0={digest.hexdigest()}"


def event_callback(
    text: str,
    *,
    channel: str,
    user: str,
    ts: str | None = None,
    thread_ts: str | None = None,
    event_type: str = "message",
    channel_type: str | None = "im",
    event_id: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An Events API envelope around a ``message`` or ``app_mention`` event, as Slack sends it."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": event_type,
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **extra,
    }
    if channel_type and event_type == "message":
        event["channel_type"] = channel_type
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {
        "token": "legacy-verification-token",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ts_counter):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0001", "user_id": BOT_USER, "is_bot": True}],
    }


def post_to_bot(
    url: str,
    body: bytes,
    *,
    secret: str,
    content_type: str = "application/json",
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes, dict[str, str]]:
    """POST ``body`` to the bot, signed the way Slack signs it.

    Returns the status, the body and the headers (names lower-cased).
    """
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign(secret, stamp, body),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return (
                response.status,
                response.read(),
                {k.lower(): v for k, v in response.headers.items()},
            )
    except urllib.error.HTTPError as error:
        return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


def post_event(
    bot_url: str, payload: dict[str, Any], *, secret: str, **kwargs: Any
) -> tuple[int, bytes, dict[str, str]]:
    """POST an Events API ``payload`` as JSON to the Slack webhook of the bot at ``bot_url``."""
    body = json.dumps(payload).encode()
    return post_to_bot(f"{bot_url}/webhooks/slack/webhook", body, secret=secret, **kwargs)
