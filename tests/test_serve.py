"""`make run`'s launcher (scripts/serve.sh), started for real: where Rasa listens, how it stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
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


def test_rasa_listens_where_rasa_host_says_and_stops_cleanly(tmp_path: Path) -> None:
    rasa_port, actions_port, web_port = _free_port(), _free_port(), _free_port()
    env = {
        **os.environ,
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(web_port),
        "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
    }
    process = subprocess.Popen(
        ["scripts/serve.sh"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _listening_addresses(rasa_port) and time.monotonic() < deadline:
            assert process.poll() is None, "serve.sh stopped before Rasa listened"
            time.sleep(1)
        assert _listening_addresses(rasa_port) == {"127.0.0.1"}
        # Stopping it on purpose is a clean stop: its servers end, and so does it, with 0.
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        assert not _listening_addresses(rasa_port)
        assert not _listening_addresses(actions_port)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
