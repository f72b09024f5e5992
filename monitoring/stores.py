"""Where conversations are kept: ``TRACKER_DB_URL`` from the settings (``runtime.settings``)."""

from __future__ import annotations

from runtime.settings import current


def tracker_url() -> str:
    """``TRACKER_DB_URL``, else the SQLite file ``var/tracker.db`` (an SQLAlchemy URL)."""
    return current().tracker_db_url
