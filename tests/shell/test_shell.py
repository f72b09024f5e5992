"""`make shell` through a real pseudo-terminal: ask, get the sourced answer, press a button, quit."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

import pexpect
import pytest

from tests.support.bot import MODEL, PROJECT_ROOT, VENV_BIN, _http_ok, _wait_until
from tests.support.postgres import free_port

pytestmark = [pytest.mark.bot, pytest.mark.timeout(300)]


def test_shell_answers_with_sources_buttons_are_numbered_and_quit_is_clean() -> None:
    if not MODEL.exists():
        pytest.fail("the model is missing: run `make train`")
    actions_port, rasa_port = free_port(), free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="mlcg-shell-"))
    (log_dir / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TERM": "dumb",
    }
    actions = subprocess.Popen(
        [
            str(VENV_BIN / "python"),
            "-m",
            "rasa_sdk",
            "--actions",
            "actions",
            "--port",
            str(actions_port),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=(log_dir / "actions.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    shell = None
    try:
        _wait_until(
            lambda: _http_ok(f"http://127.0.0.1:{actions_port}/health"),
            120,
            "action server",
            [log_dir / "actions.log"],
        )
        shell = pexpect.spawn(
            str(VENV_BIN / "python"),
            [
                "-m",
                "channels.console",
                "shell",
                "-m",
                str(MODEL),
                "--endpoints",
                str(log_dir / "endpoints.yml"),
                "-p",
                str(rasa_port),
            ],
            cwd=str(PROJECT_ROOT),
            env=env,
            encoding="utf-8",
            timeout=180,
            dimensions=(50, 200),
        )
        shell.logfile_read = (log_dir / "shell.log").open("w")
        shell.expect("Your input ->")
        shell.sendline("How much do ML engineers earn in France?")
        shell.expect("€50,000")
        shell.expect("Bessand")
        shell.expect("Your input ->")
        shell.sendline("hello")
        shell.expect(r"1: What does an ML engineer do\?")
        shell.expect("2: Salaries")
        shell.expect("Your input ->")
        shell.sendline("2")  # the "Salaries" button
        shell.expect(r"\$80,000", timeout=60)
        shell.expect("Your input ->")
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
        shell.close()
        assert shell.exitstatus == 0, (log_dir / "shell.log").read_text()
    finally:
        if shell is not None and shell.isalive():
            shell.terminate(force=True)
        os.killpg(actions.pid, signal.SIGTERM)
        actions.wait(timeout=30)
