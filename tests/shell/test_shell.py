"""`make shell` through a real pseudo-terminal: ask, get the sourced answer, press a button, quit."""

from __future__ import annotations

import pytest

from tests.shell.terminal import make_shell

pytestmark = [pytest.mark.bot, pytest.mark.timeout(300)]


def test_shell_answers_with_sources_buttons_are_numbered_and_quit_is_clean() -> None:
    """`make shell` is `python -m serving shell`: the launcher's action server and `rasa shell`."""
    with make_shell() as running:
        shell = running.terminal
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
        running.stop()
