"""Settings from .env (runtime/settings.py), used for real by the launcher and `make ingest`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from knowledge.config import DEFAULT_DOCUMENTS_DIR
from serving.settings import SettingsError, load, read_env_file
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


def test_env_file_syntax(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(ENV_FILE)
    assert read_env_file(tmp_path / ".env") == {
        "SLACK_TOKEN": "xoxb-from-file",
        "RASA_PORT": "5999",
        "QUOTED": "two words",
        "EMPTY": "",
        "ALREADY_SET": "from-file",
    }


def test_env_file_first_then_the_environment_then_defaults(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_PORT=5999\nWEB_PORT=\nMESSAGE_TIMEOUT=7\n")
    settings = load(
        environ={"RASA_PORT": "6000", "WEB_PORT": "9000", "ACTIONS_PORT": "6055"},
        env_file=env_file,
    )
    assert settings.RASA_PORT == 5999  # .env wins over the environment
    assert settings.WEB_PORT == 9000  # empty in .env: the environment's
    assert settings.ACTIONS_PORT == 6055  # only in the environment
    assert settings.MESSAGE_TIMEOUT == 7  # only in .env
    assert settings.MAX_MESSAGE_CHARS == 1000  # nowhere: the default


def test_env_file_variable_picks_the_file(tmp_path: Path) -> None:
    env_file = tmp_path / "other.env"
    env_file.write_text("RASA_PORT=5999\n")
    assert load(environ={"ENV_FILE": str(env_file)}).RASA_PORT == 5999
    assert load(environ={"ENV_FILE": ""}).RASA_PORT == 5005


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("RASA_PORT=abc", "RASA_PORT='abc'"),
        ("RATE_LIMIT_SENDER=-1", "RATE_LIMIT_SENDER='-1'"),
        ("TRACKER_DB_URL=var/tracker.db", "TRACKER_DB_URL: "),
        ("LOCK_STORE_URL=localhost:6379", "LOCK_STORE_URL: "),
        ("SLACK_TOKEN=xoxb-1", "SLACK_SIGNING_SECRET is unset"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(tmp_path: Path, line: str, named: str) -> None:
    (tmp_path / ".env").write_text(line + "\n")
    with pytest.raises(SettingsError, match=named.replace("(", r"\(")):
        load(environ={}, env_file=tmp_path / ".env")


def test_a_secret_is_not_repeated_in_the_error(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TRACKER_DB_URL=hunter2-not-a-url\n")
    with pytest.raises(SettingsError) as error:
        load(environ={}, env_file=tmp_path / ".env")
    assert "TRACKER_DB_URL" in str(error.value) and "hunter2" not in str(error.value)


def _launcher(*args: str, env_file: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SLACK_", "KNOWLEDGE_", "TRACKER_", "LOCK_"))
    }
    env.update(
        {
            "PYTHONPATH": str(PROJECT_ROOT),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "ENV_FILE": str(env_file),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "serving", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def test_slack_and_the_stores_set_only_in_env_reach_the_launchers_config(tmp_path: Path) -> None:
    """Before the launcher, `make run` wrote the config files before reading .env: Slack was off."""
    store = tmp_path / "knowledge.db"
    (tmp_path / ".env").write_text(
        "SLACK_TOKEN=xoxb-only-in-env\n"
        "SLACK_SIGNING_SECRET=only-in-env\n"
        "SLACK_CHANNEL=C0123\n"
        f"KNOWLEDGE_DB_URL=sqlite:///{store}\n"
        "TRACKER_DB_URL=postgresql://bot:pw@db.example:5433/conversations\n"
        "LOCK_STORE_URL=redis://:secret@cache.example:6380/2\n"
    )
    out = tmp_path / "build"
    _launcher("config", str(out), env_file=tmp_path / ".env")
    credentials = yaml.safe_load((out / "credentials.yml").read_text())
    slack = credentials["channels.slack.SlackInput"]
    assert slack["slack_token"] == "${SLACK_TOKEN}"  # resolved by Rasa, never written out
    assert slack["slack_channel"] == "C0123"
    endpoints = yaml.safe_load((out / "endpoints.yml").read_text())
    assert endpoints["tracker_store"]["url"] == "db.example"
    assert endpoints["tracker_store"]["port"] == 5433
    assert endpoints["tracker_store"]["db"] == "conversations"
    assert endpoints["lock_store"]["url"] == "cache.example"
    assert endpoints["lock_store"]["port"] == 6380
    # ...and the processes the launcher starts see them in their environment, not .env's file.
    shown = _launcher("exec", "env", env_file=tmp_path / ".env").stdout.splitlines()
    assert "SLACK_TOKEN=xoxb-only-in-env" in shown
    assert f"KNOWLEDGE_DB_URL=sqlite:///{store}" in shown
    assert "ENV_FILE=" in shown


def test_make_ingest_builds_the_store_that_env_names(tmp_path: Path) -> None:
    """`make ingest` runs through the launcher's settings: KNOWLEDGE_DB_URL in .env is honoured."""
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "$(VPY) -m serving exec $(VPY) -m knowledge build" in makefile
    store = tmp_path / "from-env.db"
    (tmp_path / ".env").write_text(
        f"KNOWLEDGE_DB_URL=sqlite:///{store}\nKNOWLEDGE_DOCUMENTS_DIR={DEFAULT_DOCUMENTS_DIR}\n"
    )
    _launcher(
        "exec", sys.executable, "-m", "knowledge", "build", env_file=tmp_path / ".env", timeout=300
    )
    assert store.exists() and store.stat().st_size > 0
