"""Settings from .env: read by scripts/env.sh for `make run` and `make ingest`, run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from knowledge.config import DEFAULT_DOCUMENTS_DIR
from tests.conftest import PROJECT_ROOT

ENV_FILE = """\
# a comment
SLACK_TOKEN=xoxb-from-file
export RASA_PORT=5999
QUOTED="two words"
EMPTY=
ALREADY_SET=from-file
not a setting
"""


def _bash(script: str, cwd: Path, **env: str) -> str:
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_load_env_reads_settings_and_the_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(ENV_FILE)
    script = (
        f". {PROJECT_ROOT / 'scripts' / 'env.sh'}; load_env .env; "
        'printf "%s|%s|%s|%s|%s|%s" "$SLACK_TOKEN" "$RASA_PORT" "$QUOTED" "${EMPTY-unset}" '
        '"$ALREADY_SET" "$(env | grep -c "^SLACK_TOKEN=")"'
    )
    out = _bash(script, tmp_path, ALREADY_SET="from-environment")
    assert out == "xoxb-from-file|5999|two words||from-environment|1"


def test_make_ingest_builds_the_store_that_env_names(tmp_path: Path) -> None:
    """`make ingest` runs through scripts/with-env.sh: KNOWLEDGE_DB_URL in .env is honoured."""
    assert (
        "scripts/with-env.sh $(VPY) -m knowledge build" in (PROJECT_ROOT / "Makefile").read_text()
    )
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    for name in ("env.sh", "with-env.sh"):
        shutil.copy2(PROJECT_ROOT / "scripts" / name, root / "scripts" / name)
    store = tmp_path / "from-env.db"
    (root / ".env").write_text(
        f"KNOWLEDGE_DB_URL=sqlite:///{store}\nKNOWLEDGE_DOCUMENTS_DIR={DEFAULT_DOCUMENTS_DIR}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    env.pop("KNOWLEDGE_DB_URL", None)
    env.pop("KNOWLEDGE_DOCUMENTS_DIR", None)
    subprocess.run(
        [str(root / "scripts" / "with-env.sh"), sys.executable, "-m", "knowledge", "build"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    assert store.exists() and store.stat().st_size > 0
