"""The REST channel (``/webhooks/rest/webhook``)."""

from __future__ import annotations

from typing import Any


def credentials_block() -> dict[str, Any]:
    """Always enabled."""
    return {"rest": None}
