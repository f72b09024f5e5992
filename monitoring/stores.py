"""Where conversations are kept: the one place that reads ``TRACKER_DB_URL``."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def tracker_url() -> str:
    """``TRACKER_DB_URL``, else the SQLite file ``var/tracker.db`` (an SQLAlchemy URL)."""
    return os.environ.get("TRACKER_DB_URL") or f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
