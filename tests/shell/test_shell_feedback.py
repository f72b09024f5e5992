"""`/good` and `/bad` in the real `rasa shell` (a pseudo-terminal): the last answer is rated."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from monitoring.feedback import feedback_table
from tests.shell.terminal import make_shell

pytestmark = [pytest.mark.bot, pytest.mark.timeout(300)]


def test_bad_asks_for_a_reason_once_and_good_changes_the_rating() -> None:
    """`make shell` (`python -m serving shell`): /bad, a reason by number, then /good."""
    with make_shell() as running:
        shell, db = running.terminal, running.tracker_db
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
        running.stop()
