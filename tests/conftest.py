"""Shared fixtures: the real documents, stores built from them (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

# Rasa's modules (a test imports its tracker store) declare models the SQLAlchemy 1.x way; the
# bots the tests start silence that notice the same way.
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
# No test reads the developer's .env (runtime/settings.py): each sees only the settings it sets.
os.environ["ENV_FILE"] = ""

import pytest  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from runtime import settings, skip_tensorflow  # noqa: E402

# Tests of the knowledge store and the actions never load Rasa models in this process.
skip_tensorflow()

from knowledge.config import DEFAULT_DOCUMENTS_DIR  # noqa: E402
from knowledge.db import make_engine  # noqa: E402
from knowledge.ingest import build  # noqa: E402
from tests.slack.fake_slack import FakeSlackApi, fake_slack_api  # noqa: E402
from tests.support.bot import RunningBot  # noqa: E402
from tests.support.postgres import find_pg_bin, postgres_server  # noqa: E402
from tests.support.redis import redis_binary, redis_server  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Each test reads the settings anew: one that changes the environment calls ``reset()``.

    A process loads its settings once (``runtime.settings.current``); a test that sets a variable
    with ``monkeypatch.setenv`` then calls ``settings.reset()`` so that this process sees it, and
    no test sees the settings another one left. (Values read at import, such as
    ``channels.guard.MAX_MESSAGE_CHARS``, are the test process's; set them for a bot's processes.)
    """
    settings.reset()
    yield
    settings.reset()


@pytest.fixture()
def documents_dir(tmp_path: Path) -> Path:
    """A private copy of the real documents and manifest, free to modify."""
    target = tmp_path / "documents"
    shutil.copytree(DEFAULT_DOCUMENTS_DIR, target)
    return target


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server for the whole session."""
    if find_pg_bin() is None:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql) — skipped")
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A throwaway Redis server for the whole session."""
    if redis_binary() is None:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("REQUIRE_REDIS is set but redis-server is not installed")
        pytest.skip("redis-server is not installed (apt-get install redis-server) — skipped")
    with redis_server() as url:
        yield url


@pytest.fixture(scope="module")
def slack_api() -> Iterator[FakeSlackApi]:
    """A fake Slack Web API on 127.0.0.1 for a module's Slack-enabled bots."""
    with fake_slack_api() as api:
        yield api


def _fresh_postgres_engine(url: str) -> Engine:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty store on SQLite (a file in tmp_path) and on PostgreSQL."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    else:
        engine = _fresh_postgres_engine(request.getfixturevalue("postgres_url"))
    yield engine
    engine.dispose()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A store built once from the real documents, on SQLite and on PostgreSQL (read-only use)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}")
    else:
        engine = _fresh_postgres_engine(request.getfixturevalue("postgres_url"))
    build(engine, DEFAULT_DOCUMENTS_DIR)
    yield engine
    engine.dispose()


@pytest.fixture()
def session(store: Engine) -> Iterator[Session]:
    with Session(store, future=True) as session:
        yield session


@pytest.fixture()
def store_url(store: Engine, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the actions at the store built from the real documents (SQLite and PostgreSQL)."""
    url = store.url.render_as_string(hide_password=False)
    monkeypatch.setenv("KNOWLEDGE_DB_URL", url)
    settings.reset()
    return url


@pytest.fixture(scope="session")
def bot() -> Iterator[RunningBot]:
    """The trained bot and its action server, started once for every test that talks to it."""
    from tests.support.bot import MODEL, running_bot

    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: `make test` trains it first (make train)")
    with running_bot() as running:
        yield running
