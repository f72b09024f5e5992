"""Security edges: the Rasa HTTP API needs its token, the action server stays private and terse."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

from tests.support.bot import RunningBot, running_bot

pytestmark = [pytest.mark.bot, pytest.mark.timeout(600)]
TOKEN = "test-token-" + uuid.uuid4().hex


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def api_bot() -> Iterator[RunningBot]:
    with running_bot(rasa_args=["--enable-api", "--auth-token", TOKEN]) as running:
        yield running


@pytest.mark.parametrize(
    "path", ["/status", "/version/../status", "/conversations/someone/tracker", "/domain"]
)
def test_api_refuses_requests_without_the_token(api_bot: RunningBot, path: str) -> None:
    status, body = _get(api_bot.url + path)
    assert status in (401, 403, 404), (status, body)
    assert TOKEN not in body


def test_api_answers_with_the_token(api_bot: RunningBot) -> None:
    status, body = _get(f"{api_bot.url}/status?token={TOKEN}")
    assert status == 200 and "model_file" in body
    status, _ = _get(f"{api_bot.url}/status?token=wrong")
    assert status == 401


def test_rest_channel_stays_public_with_the_api_on(api_bot: RunningBot) -> None:
    assert "Bessand" in api_bot.say(f"pub-{uuid.uuid4().hex[:6]}", "salary in france")


def test_api_is_off_by_default(bot: RunningBot) -> None:
    status, _ = _get(f"{bot.url}/status")
    assert status == 404


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port``, read from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if int(port_hex, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.add(address)
    return found


def test_action_server_listens_on_loopback_only(bot: RunningBot) -> None:
    port = int(bot.actions_url.rsplit(":", 1)[1])
    addresses = _listening_addresses(port)
    assert addresses, "the action server is not listening?"
    # 0100007F is 127.0.0.1 in /proc's little-endian hex; 00000000 would be every interface.
    assert addresses == {"0100007F"}, addresses


def test_action_server_errors_do_not_echo_the_request(bot: RunningBot) -> None:
    secret_slot = "secret-" + uuid.uuid4().hex
    body = json.dumps(
        {
            "next_action": "action_answer",
            "tracker": {
                "sender_id": "x",
                "slots": {"country": secret_slot},
                "latest_message": "boom",
            },
            "domain": {},
        }
    ).encode()
    request = urllib.request.Request(
        f"{bot.actions_url}/webhook",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    assert status >= 400
    assert secret_slot not in text and "request_body" not in text and "Traceback" not in text
