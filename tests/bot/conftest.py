"""A real trained bot and action server, started once for the bot tests."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.support.bot import MODEL, RunningBot, running_bot


@pytest.fixture(scope="session")
def bot() -> Iterator[RunningBot]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: `make test` trains it first (make train)")
    with running_bot() as running:
        yield running
