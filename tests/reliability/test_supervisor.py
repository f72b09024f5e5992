"""The launcher keeps the bot up: each of its servers killed in turn (kill -9) mid-conversation.

`python -m serving run` (`make run`) started for real. After each kill the others keep their
process, the killed one is started again by the launcher, and the conversation goes on with at
most one "try again" reply for the kill. SIGTERM then stops everything, with status 0, and
cleanly with widget sockets open (no "Task was destroyed but it is pending").
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.support.bot import MODEL
from tests.support.postgres import free_port

pytestmark = [pytest.mark.bot, pytest.mark.timeout(600)]

START_TIMEOUT_S = 240
TROUBLE = "having trouble"
SERVERS = {"actions": "actions.server", "rasa": "serving.rasa_run", "web": "web/server.py"}
# Two widget sockets (long polling) left open while the bot is stopped.
OPEN_SOCKETS = """
import asyncio, sys, socketio
async def main(url, origin):
    for _ in range(2):
        client = socketio.AsyncClient()
        await client.connect(url, headers={"Origin": origin}, transports=["polling"])
        await client.emit("session_request", {"session_id": None})
    print("connected", flush=True)
    await asyncio.sleep(300)
asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def _servers(launcher: int) -> dict[str, int]:
    """The launcher's servers by name: its child processes, told apart by their command lines."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        if parent != launcher:
            continue
        for name, marker in SERVERS.items():
            if marker in command:
                found[name] = int(stat.parent.name)
    return found


def _say(port: int, sender: str, text: str) -> str | None:
    """The bot's reply texts, or None when Rasa does not answer at all."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", body, {"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return " ".join(reply.get("text") or "" for reply in json.load(response))
    except OSError:
        return None


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _wait(predicate, what: str, log: Path, timeout: float = START_TIMEOUT_S) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout:.0f} s\n{log.read_text()[-4000:]}")
        time.sleep(1)


def test_a_killed_server_is_started_again_and_the_conversation_goes_on(tmp_path: Path) -> None:
    if not MODEL.exists():
        pytest.fail("the model is missing: run `make train`")
    rasa_port, actions_port, web_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "ENV_FILE": "",
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(web_port),
        "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
    }
    log = tmp_path / "launcher.log"
    launcher = subprocess.Popen(
        [sys.executable, "-m", "serving", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    ready = {
        "actions": f"http://127.0.0.1:{actions_port}/health",
        "rasa": f"http://127.0.0.1:{rasa_port}/",
        "web": f"http://127.0.0.1:{web_port}/config.js",
    }
    sender = f"supervised-{uuid.uuid4().hex[:8]}"
    try:
        _wait(
            lambda: "Bessand" in (_say(rasa_port, sender, "salary in france") or ""),
            "the bot did not answer",
            log,
        )
        _wait(lambda: _ok(ready["web"]), "the page did not serve", log, 30)
        # (question, what its answer holds) for the turns after each kill
        turns = {
            "actions": ("and in the uk?", "£60,500"),
            "web": ("and for seniors in the us?", "$140,000"),
            "rasa": ("salary in france", "€50,000"),
        }
        for name, (question, expected) in turns.items():
            before = _servers(launcher.pid)
            assert set(before) == set(SERVERS), before
            os.kill(before[name], signal.SIGKILL)
            troubles = 0
            first = _say(rasa_port, sender, question)  # straight after the kill
            troubles += TROUBLE in (first or "")
            _wait(
                lambda name=name, old=before[name]: (
                    _servers(launcher.pid).get(name, old) != old and _ok(ready[name])
                ),
                f"{name} was not started again",
                log,
            )
            reply = _say(rasa_port, sender, question)
            troubles += TROUBLE in (reply or "")
            assert reply is not None and expected in reply, (name, reply)
            assert troubles <= 1, (name, first, reply)
            after = _servers(launcher.pid)
            # The others kept serving in the same processes.
            assert {k: v for k, v in after.items() if k != name} == {
                k: v for k, v in before.items() if k != name
            }
        assert f"{name} stopped unexpectedly (killed by SIGKILL)" in log.read_text()
        sockets = subprocess.Popen(
            [sys.executable, "-c", OPEN_SOCKETS, f"http://127.0.0.1:{rasa_port}"]
            + [f"http://localhost:{web_port}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert sockets.stdout is not None and sockets.stdout.readline() == "connected\n"
            launcher.send_signal(signal.SIGTERM)
            assert launcher.wait(timeout=60) == 0
        finally:
            sockets.kill()
            sockets.wait()
        assert not _servers(launcher.pid)
        text = log.read_text()
        assert "Task was destroyed" not in text
        for name in SERVERS:
            assert not _ok(ready[name]), f"{name} still serves after the stop"
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait(timeout=60)
