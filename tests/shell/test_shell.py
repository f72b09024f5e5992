"""`make shell` through a real pseudo-terminal: ask, get the sourced answer, press a button, quit."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pexpect
import pytest

from tests.support.bot import MODEL, PROJECT_ROOT, VENV_BIN
from tests.support.postgres import free_port

pytestmark = [pytest.mark.bot, pytest.mark.timeout(300)]


def test_shell_answers_with_sources_buttons_are_numbered_and_quit_is_clean() -> None:
    """`make shell` is `python -m serving shell`: the launcher's action server and `rasa shell`."""
    if not MODEL.exists():
        pytest.fail("the model is missing: run `make train`")
    log_dir = Path(tempfile.mkdtemp(prefix="mlcg-shell-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "ENV_FILE": "",
        "ACTIONS_PORT": str(free_port()),
        "RASA_PORT": str(free_port()),
        "TRACKER_DB_URL": f"sqlite:///{log_dir / 'tracker.db'}",
        "TERM": "dumb",
    }
    shell = None
    try:
        shell = pexpect.spawn(
            str(VENV_BIN / "python"),
            ["-m", "serving", "shell"],
            cwd=str(PROJECT_ROOT),
            env=env,
            encoding="utf-8",
            timeout=180,
            dimensions=(50, 200),
        )
        shell.logfile_read = (log_dir / "shell.log").open("w")
        shell.expect("Started actions")
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
        shell.expect("==> Stopped", timeout=60)  # the launcher stopped its action server
        shell.expect(pexpect.EOF, timeout=60)
        shell.close()
        assert shell.exitstatus == 0, (log_dir / "shell.log").read_text()
    finally:
        if shell is not None and shell.isalive():
            os.killpg(shell.pid, signal.SIGTERM)
            shell.terminate(force=True)
