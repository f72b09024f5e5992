"""`make shell` (`python -m serving shell`) in a real pseudo-terminal, for the shell tests.

`rasa shell` with standard input at /dev/null hangs forever, so it is driven through pexpect,
always under a timeout, with its own ports and tracker store.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from tests.support.bot import MODEL, PROJECT_ROOT, VENV_BIN
from tests.support.postgres import free_port


@dataclass
class Shell:
    """A running `make shell` and where its conversations are kept."""

    terminal: pexpect.spawn
    log_dir: Path

    @property
    def tracker_db(self) -> Path:
        return self.log_dir / "tracker.db"

    def stop(self) -> None:
        """Type /stop; the launcher stops its action server and the shell exits 0."""
        self.terminal.sendline("/stop")
        self.terminal.expect("==> Stopped", timeout=60)
        self.terminal.expect(pexpect.EOF, timeout=60)
        self.terminal.close()
        assert self.terminal.exitstatus == 0, (self.log_dir / "shell.log").read_text()


@contextlib.contextmanager
def make_shell() -> Iterator[Shell]:
    """Start `python -m serving shell` in a pseudo-terminal; kill it if the test did not stop it."""
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
    terminal = pexpect.spawn(
        str(VENV_BIN / "python"),
        ["-m", "serving", "shell"],
        cwd=str(PROJECT_ROOT),
        env=env,
        encoding="utf-8",
        timeout=180,
        dimensions=(50, 200),
    )
    terminal.logfile_read = (log_dir / "shell.log").open("w")
    try:
        yield Shell(terminal, log_dir)
    finally:
        if terminal.isalive():
            os.killpg(terminal.pid, signal.SIGTERM)
            terminal.terminate(force=True)
