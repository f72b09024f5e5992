"""The Slack channel (to be completed: see issue 4)."""

from __future__ import annotations

from typing import Any


def credentials_block() -> dict[str, Any] | None:
    """Not enabled yet."""
    return None
