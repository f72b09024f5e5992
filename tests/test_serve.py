"""`make run`'s launcher (python -m serving run), started for real: where Rasa listens, how it stops."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from tests.conftest import PROJECT_ROOT

START_TIMEOUT_S = 240


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (IPv4, from /proc/net/tcp)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port_hex = local.split(":")
        if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def _command_lines() -> list[str]:
    """The command line of every process this user can see, as ``ps`` shows them."""
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue  # the process ended meanwhile
    return lines


def _say(port: int, text: str) -> str:
    body = json.dumps({"sender": "serve-test", "message": text}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        body,
        {"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return " ".join(reply.get("text") or "" for reply in json.load(response))


def test_rasa_listens_where_rasa_host_says_and_stops_cleanly(tmp_path: Path) -> None:
    rasa_port, actions_port, web_port = _free_port(), _free_port(), _free_port()
    token = "serve-test-token-" + uuid.uuid4().hex
    env = {
        **os.environ,
        "RASA_API_TOKEN": token,
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(web_port),
        "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "ENV_FILE": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "serving", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=(tmp_path / "run.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _listening_addresses(rasa_port) and time.monotonic() < deadline:
            assert process.poll() is None, "the launcher stopped before Rasa listened"
            time.sleep(1)
        assert _listening_addresses(rasa_port) == {"127.0.0.1"}
        # The API token reaches Rasa without appearing on any command line.
        assert not [line for line in _command_lines() if token in line]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{rasa_port}/status?token={token}", timeout=30
        ) as response:
            assert response.status == 200  # and the API does have it
        # Conversations and the generated credentials are private to this user.
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                if "Bessand" in _say(rasa_port, "salary in france"):
                    break
            except OSError:
                pass
            time.sleep(2)
        assert stat.S_IMODE((tmp_path / "tracker.db").stat().st_mode) == 0o600
        for generated in ("build/credentials.yml", "build/endpoints.yml"):
            assert stat.S_IMODE((PROJECT_ROOT / generated).stat().st_mode) == 0o600
        # Stopping it on purpose is a clean stop: its servers end, and so does it, with 0.
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        # ... with no widget socket open, too (engine.io's disconnect of none used to raise).
        assert "Traceback" not in (tmp_path / "run.log").read_text(errors="replace")
        assert not _listening_addresses(rasa_port)
        assert not _listening_addresses(actions_port)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
