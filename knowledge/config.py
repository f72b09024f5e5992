"""Settings of the knowledge store, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"
DEFAULT_DB_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'knowledge.db'}"


@dataclass(frozen=True)
class Settings:
    """Where the store lives and where its documents come from."""

    db_url: str
    documents_dir: Path


def load_settings() -> Settings:
    """Read ``KNOWLEDGE_DB_URL`` and ``KNOWLEDGE_DOCUMENTS_DIR`` (both optional)."""
    return Settings(
        db_url=os.environ.get("KNOWLEDGE_DB_URL") or DEFAULT_DB_URL,
        documents_dir=Path(os.environ.get("KNOWLEDGE_DOCUMENTS_DIR") or DEFAULT_DOCUMENTS_DIR),
    )
