"""`/good` and `/bad` in the real `rasa shell` (a pseudo-terminal): the last answer is rated."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import create_engine, select

from monitoring.feedback import feedback_table
from tests.support.bot import MODEL, PROJECT_ROOT, VENV_BIN
from tests.support.postgres import free_port

pytestmark = [pytest.mark.bot, pytest.mark.timeout(300)]


def test_bad_asks_for_a_reason_once_and_good_changes_the_rating() -> None:
    """`make shell` (`python -m serving shell`): /bad, a reason by number, then /good."""
    if not MODEL.exists():
        pytest.fail("the model is missing: run `make train`")
    log_dir = Path(tempfile.mkdtemp(prefix="mlcg-shell-"))
    db = log_dir / "tracker.db"
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "ENV_FILE": "",
        "ACTIONS_PORT": str(free_port()),
        "RASA_PORT": str(free_port()),
        "TRACKER_DB_URL": f"sqlite:///{db}",
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
        shell.expect("Your input ->")
        shell.sendline("/good")
        shell.expect("There is no answer to rate yet")
        shell.expect("Your input ->")
        shell.sendline("What skills does an ML engineer need?")
        shell.expect("Python")
        shell.expect("Your input ->")
        shell.sendline("/bad")
        shell.expect(r"What was wrong\? \(optional\)")
        shell.expect("3: Too long")
        shell.expect("Your input ->")
        shell.sendline("3")
        shell.expect("Thanks, that helps")
        shell.expect("Your input ->")

        engine = create_engine(f"sqlite:///{db}", future=True)
        with engine.connect() as connection:
            [row] = connection.execute(select(feedback_table)).all()
        assert (row.rating, row.reason) == ("down", "too_long")
        assert row.question == "What skills does an ML engineer need?" and "Python" in row.answer

        shell.sendline("/good")
        shell.expect("Thanks for the feedback!")
        shell.expect("Your input ->")
        with engine.connect() as connection:
            [row] = connection.execute(select(feedback_table)).all()
        assert (row.rating, row.reason) == ("up", None)
        engine.dispose()
        shell.sendline("/stop")
        shell.expect("==> Stopped", timeout=60)  # the launcher stopped its action server
        shell.expect(pexpect.EOF, timeout=60)
        shell.close()
        assert shell.exitstatus == 0, (log_dir / "shell.log").read_text()
    finally:
        if shell is not None and shell.isalive():
            shell.terminate(force=True)
