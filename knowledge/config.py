"""Settings of the knowledge store, from the process's settings (``runtime.settings``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from runtime.settings import current

DEFAULT_DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"


@dataclass(frozen=True)
class Settings:
    """Where the store lives and where its documents come from."""

    db_url: str
    documents_dir: Path


def load_settings() -> Settings:
    """``KNOWLEDGE_DB_URL`` and ``KNOWLEDGE_DOCUMENTS_DIR`` (both optional), with their defaults."""
    settings = current()
    return Settings(
        db_url=settings.knowledge_db_url,
        documents_dir=Path(settings.KNOWLEDGE_DOCUMENTS_DIR or DEFAULT_DOCUMENTS_DIR),
    )
