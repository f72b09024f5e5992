"""A missing or corrupt knowledge store is caught at start-up, with the command that rebuilds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "content", [None, b"this is not a database", b""], ids=["missing", "corrupt", "empty"]
)
def test_action_server_refuses_to_start_without_a_usable_store(
    tmp_path: Path, content: bytes | None
) -> None:
    store = tmp_path / "knowledge.db"
    if content is not None:
        store.write_bytes(content)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KNOWLEDGE_DB_URL": f"sqlite:///{store}",
        "PYTHONWARNINGS": "ignore",
    }
    result = subprocess.run(
        [sys.executable, "-m", "actions.server", "--port", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "make ingest" in result.stderr
    assert "Traceback" not in result.stderr
