"""The real trained bot on free loopback ports and a REST client (tests, eval, bench).

The config files, commands and environment are the launcher's (``serving.launcher``); here they
are run unsupervised, so that a test or benchmark controls each process itself (kills it,
freezes it, starts it again) and nothing starts one behind its back.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serving import launcher
from serving.settings import Settings, load

PROJECT_ROOT = launcher.PROJECT_ROOT
MODEL = launcher.MODEL
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningBot:
    """Addresses of a running bot, control of its processes and a small REST client."""

    url: str
    actions_url: str
    log_dir: Path
    commands: dict[str, list[str]] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    """Further Rasa servers sharing the action server and tracker store, by process name."""
    settings: Settings | None = None
    """The settings its processes run with."""

    def start(self, name: str) -> None:
        """Start the ``actions`` or ``rasa`` process (again) and wait until it serves."""
        self.launch(name)
        self.wait_for(name)

    def launch(self, name: str) -> None:
        """Start a process without waiting: the two servers load their models side by side."""
        log = (self.log_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            self.commands[name],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_for(self, name: str) -> None:
        """Wait until a launched process serves (Rasa: until its model answers)."""
        logs = [self.log_dir / "actions.log", self.log_dir / f"{name}.log"]
        if name == "actions":
            _wait_until(lambda: _http_ok(f"{self.actions_url}/health"), 120, "action server", logs)
            return
        server = RunningBot(self.urls.get(name, self.url), self.actions_url, self.log_dir)
        _wait_until(lambda: _http_ok(f"{server.url}/"), 180, f"Rasa server {name}", logs)
        _wait_until(lambda: bool(_try_send(server)), 120, f"Rasa model {name}", logs)

    def kill(self, name: str, sig: int = signal.SIGTERM) -> None:
        """Stop a process (SIGKILL to simulate a crash) and wait for it to exit."""
        process = self.processes.pop(name, None)
        if process is None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)

    def send(self, sender: str, message: Any, timeout: float = 30) -> list[dict[str, Any]]:
        """POST a message to the REST channel; returns the bot's messages."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        return self.post_raw(body, timeout=timeout)[1]

    def post_raw(
        self, body: bytes, *, timeout: float = 30, content_type: str = "application/json"
    ) -> tuple[int, Any]:
        """POST raw bytes to the REST webhook; returns (status, decoded JSON or text)."""
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook",
            data=body,
            method="POST",
            headers={"Content-Type": content_type},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw or b"null")
        except json.JSONDecodeError:
            return status, raw.decode(errors="replace")

    def say(self, sender: str, message: str) -> str:
        """The bot's reply texts (and button titles) joined into one string."""
        parts = []
        for reply in self.send(sender, message):
            if reply.get("text"):
                parts.append(reply["text"])
            parts.extend(f"[{b['title']}]" for b in reply.get("buttons") or [])
        return "\n".join(parts)


def _wait_until(predicate, timeout: float, what: str, logs: list[Path]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    tails = "\n".join(
        f"--- {log}:\n{log.read_text(errors='replace')[-3000:]}" for log in logs if log.exists()
    )
    raise TimeoutError(f"{what} did not come up within {timeout:.0f}s\n{tails}")


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running_bot(
    extra_env: dict[str, str] | None = None,
    model: Path = MODEL,
    rasa_args: list[str] | None = None,
    rasa_servers: int = 1,
) -> Iterator[RunningBot]:
    """Run the action server and Rasa on free loopback ports until the block exits.

    With ``rasa_servers`` above one, the further servers are named ``rasa-2``… in
    ``RunningBot.urls``; all of them load their models at the same time.
    """
    if not model.exists():
        raise FileNotFoundError(f"{model} is missing: run `make train` first")
    rasa_port, actions_port = free_port(), free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="mlcg-bot-"))
    given = dict(extra_env or {})
    # The caller's environment and extra_env, never .env: a test sees only what it set.
    settings = load(
        environ={**os.environ, **given},
        env_file=None,
        **{
            name: value
            for name, value in {
                "RASA_HOST": "127.0.0.1",
                "RASA_PORT": rasa_port,
                "ACTIONS_PORT": actions_port,
                "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
                "TRACKER_DB_URL": f"sqlite:///{log_dir / 'tracker.db'}",
            }.items()
            if name not in given
        },
    )
    config = launcher.prepare(settings, log_dir, check=False)
    services = launcher.services(settings, config, model, page=False)
    bot = RunningBot(
        f"http://127.0.0.1:{settings.RASA_PORT}",
        f"http://127.0.0.1:{settings.ACTIONS_PORT}",
        log_dir,
        commands={
            "actions": services["actions"].command,
            "rasa": services["rasa"].command + list(rasa_args or []),
        },
        env=launcher.process_environment(settings, {**os.environ, **given}),
        settings=settings,
    )
    for number in range(2, rasa_servers + 1):
        port = free_port()
        command = list(bot.commands["rasa"])
        command[command.index("--port") + 1] = str(port)
        bot.commands[f"rasa-{number}"] = command
        bot.urls[f"rasa-{number}"] = f"http://127.0.0.1:{port}"
    servers = [name for name in bot.commands if name != "actions"]
    try:
        for name in ("actions", *servers):
            bot.launch(name)
        for name in ("actions", *servers):
            bot.wait_for(name)
        yield bot
    finally:
        for name in list(bot.processes):
            bot.kill(name)


def _try_send(bot: RunningBot) -> list[dict[str, Any]]:
    try:
        return bot.send("__warmup__", "hello", timeout=10)
    except (OSError, ValueError):
        return []
