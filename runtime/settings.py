"""Every setting the bot reads, in one place: loaded once per process, validated at start-up.

Where a value comes from, first found wins: the ``.env`` file (git-ignored; ``ENV_FILE`` names
another, an empty ``ENV_FILE`` none), then the environment, then the default below. An empty
value (``SLACK_TOKEN=``) counts as unset. The launcher (``python -m serving``) loads the settings
once, refuses to start with a clear error naming a bad variable, and hands every process it starts
the resolved values in its environment (with ``ENV_FILE`` empty, so no process reads ``.env``
again).

Every process reads its settings through ``current()``, loaded on first use and kept: the action
server, Rasa's channels, the knowledge store, the page server. The module sits in ``runtime/``,
the bottom layer, so that every package may import it; ``serving.settings`` re-exports it with
the command line that generates the README's table and ``.env.example`` from the declarations
below. ``tests/test_settings.py`` fails when either is stale, when the code reads a variable not
declared here, or when product code reads a declared one from the environment itself.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Extra, Field, ValidationError, root_validator, validator

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ENV_FILE = PROJECT_ROOT / ".env"
ENV_FILE_VARIABLE = "ENV_FILE"
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message names the variable."""


class Settings(BaseModel):
    """The bot's settings. Field names are the environment variables; descriptions document them.

    The ``group`` of a field orders the generated table and ``.env.example``; ``secret`` marks a
    value never to print.
    """

    class Config:
        """Frozen once loaded; unknown names are refused (a typo in code fails here)."""

        allow_mutation = False
        extra = Extra.forbid

    # --- Where the servers listen -----------------------------------------------------------
    RASA_HOST: str = Field(
        "0.0.0.0",
        description="the interface Rasa (widget, REST and Slack channels) listens on; "
        "`127.0.0.1` keeps it to this machine, e.g. behind a reverse proxy",
        group="Servers",
    )
    RASA_PORT: int = Field(5005, description="Rasa's port", ge=1, le=65535, group="Servers")
    ACTIONS_HOST: str = Field(
        "127.0.0.1",
        description="where the action server listens (keep it on loopback: it has no "
        "authentication)",
        group="Servers",
    )
    ACTIONS_PORT: int = Field(
        5055, description="the action server's port", ge=1, le=65535, group="Servers"
    )
    ACTION_ENDPOINT_URL: str | None = Field(
        None,
        description="where Rasa finds the action server (default: "
        "`http://127.0.0.1:$ACTIONS_PORT/webhook`)",
        group="Servers",
    )
    WEB_HOST: str = Field("127.0.0.1", description="where the chat page is served", group="Servers")
    WEB_PORT: int = Field(8080, description="the chat page's port", ge=1, le=65535, group="Servers")
    WEB_ALLOWED_ORIGINS: str | None = Field(
        None,
        description="the only origins that may open the chat socket, comma-separated "
        "(default: `http://localhost:$WEB_PORT,http://127.0.0.1:$WEB_PORT`)",
        group="Servers",
    )
    WEB_SOCKET_URL: str | None = Field(
        None,
        description="where the widget connects to Rasa's socket.io channel, e.g. "
        "`https://chat.example.org` behind a proxy (default: the page's own host at `$RASA_PORT`)",
        group="Servers",
    )
    SANIC_REQUEST_MAX_SIZE: int = Field(
        1_000_000,
        description="request bodies above this many bytes get a 413 (Sanic's default: 100 MB)",
        gt=0,
        group="Servers",
    )

    # --- Stores -----------------------------------------------------------------------------
    KNOWLEDGE_DB_URL: str | None = Field(
        None,
        description="the knowledge store, an SQLAlchemy URL (default: "
        "`sqlite:///<project>/var/knowledge.db`); e.g. `postgresql+psycopg2://user:pw@host/db`",
        secret=True,
        group="Stores",
    )
    KNOWLEDGE_DOCUMENTS_DIR: str | None = Field(
        None,
        description="the folder `make ingest` reads (default: `knowledge/documents`)",
        group="Stores",
    )
    TRACKER_DB_URL: str | None = Field(
        None,
        description="where conversations are kept, an SQLAlchemy URL (default: "
        "`sqlite:///<project>/var/tracker.db`; PostgreSQL to share it between servers)",
        secret=True,
        group="Stores",
    )
    LOCK_STORE_URL: str | None = Field(
        None,
        description="`redis://[:password@]host:port/db`: the lock store shared by several Rasa "
        "servers (default: in-memory, right for one server)",
        secret=True,
        group="Stores",
    )
    TRACKER_RETENTION_DAYS: float | None = Field(
        None,
        description="`make forget` deletes conversations idle for longer than this many days "
        "(default: keep them)",
        gt=0,
        group="Stores",
    )
    METRICS_PORT: int | None = Field(
        None,
        description="the action server serves Prometheus metrics on "
        "`127.0.0.1:$METRICS_PORT/metrics`, loopback only (default: off; see Learning from use)",
        gt=0,
        lt=65536,
        group="Servers",
    )

    # --- Answers and limits -----------------------------------------------------------------
    ACTION_TIMEOUT: float = Field(
        8.0,
        description="seconds Rasa waits for the action server (stock Rasa: 300)",
        gt=0,
        group="Answers and limits",
    )
    MESSAGE_TIMEOUT: float = Field(
        20.0,
        description='seconds before a user gets "having trouble, try again" instead of silence',
        gt=0,
        group="Answers and limits",
    )
    MAX_MESSAGE_CHARS: int = Field(
        1000,
        description="longer messages are answered with an explanation, never parsed",
        gt=0,
        group="Answers and limits",
    )
    MAX_SESSION_TURNS: int = Field(
        100,
        description="messages in one session before the conversation goes on in a new one "
        "(context kept)",
        gt=0,
        group="Answers and limits",
    )
    FALLBACK_MIN_COVERAGE: float = Field(
        0.5,
        description="share of a message's distinctive words the best passage must contain for "
        "the search fallback to show it",
        ge=0,
        le=1,
        group="Answers and limits",
    )
    RATE_LIMIT_SENDER: int = Field(
        30,
        description='messages a minute per conversation (0: no limit); over it, 429 / "slow down"',
        ge=0,
        group="Answers and limits",
    )
    RATE_LIMIT_ADDRESS: int = Field(
        300,
        description="messages a minute per client address, loopback excepted (0: no limit)",
        ge=0,
        group="Answers and limits",
    )

    # --- Secrets ----------------------------------------------------------------------------
    RASA_API_TOKEN: str | None = Field(
        None,
        description="enables Rasa's HTTP API, protected by this token (`?token=...`); "
        "unset: the API is off",
        secret=True,
        group="Secrets",
    )
    SESSION_SECRET: str | None = Field(
        None,
        description="signs the widget's conversation tokens; the same on every Rasa server of "
        "one deployment (default: a key created in `var/session_secret`)",
        secret=True,
        group="Secrets",
    )

    # --- Slack --------------------------------------------------------------------------------
    SLACK_TOKEN: str | None = Field(
        None,
        description="the bot's token (`xoxb-…`); Slack is on only with both secrets",
        secret=True,
        group="Slack",
    )
    SLACK_SIGNING_SECRET: str | None = Field(
        None,
        description="the app's signing secret; Slack is on only with both secrets",
        secret=True,
        group="Slack",
    )
    SLACK_CHANNEL: str | None = Field(
        None,
        description="a channel ID (`C…`) the bot answers without being mentioned",
        group="Slack",
    )
    SLACK_USE_THREADS: bool = Field(
        False,
        description="`true`: always answer in a thread (default: only when asked in one)",
        group="Slack",
    )
    SLACK_API_URL: str | None = Field(
        None,
        description="the Slack Web API base URL (default: `https://slack.com/api/`; tests use a "
        "fake)",
        group="Slack",
    )

    @validator("KNOWLEDGE_DB_URL", "TRACKER_DB_URL")
    def _sqlalchemy_url(cls, value: str | None) -> str | None:  # noqa: N805
        if value is not None and not re.match(r"^[a-z][a-z0-9+]*://", value):
            raise ValueError("must be an SQLAlchemy URL such as sqlite:///path or postgresql://…")
        return value

    @validator("LOCK_STORE_URL")
    def _redis_url(cls, value: str | None) -> str | None:  # noqa: N805
        if value is not None and not value.startswith(("redis://", "rediss://")):
            raise ValueError("must be a redis:// URL")
        return value

    @validator("ACTION_ENDPOINT_URL", "SLACK_API_URL", "WEB_SOCKET_URL")
    def _http_url(cls, value: str | None) -> str | None:  # noqa: N805
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @root_validator(skip_on_failure=True)
    def _slack_needs_both(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        token, secret = values.get("SLACK_TOKEN"), values.get("SLACK_SIGNING_SECRET")
        if bool(token) != bool(secret):
            missing = "SLACK_SIGNING_SECRET" if token else "SLACK_TOKEN"
            raise ValueError(
                f"{missing} is unset while the other Slack secret is set: set both to turn "
                "Slack on, or neither"
            )
        return values

    # --- Derived values -------------------------------------------------------------------------

    @property
    def action_endpoint_url(self) -> str:
        """Where Rasa finds the action server."""
        return self.ACTION_ENDPOINT_URL or f"http://127.0.0.1:{self.ACTIONS_PORT}/webhook"

    @property
    def knowledge_db_url(self) -> str:
        """The knowledge store's SQLAlchemy URL."""
        return self.KNOWLEDGE_DB_URL or f"sqlite:///{PROJECT_ROOT / 'var' / 'knowledge.db'}"

    @property
    def tracker_db_url(self) -> str:
        """The tracker store's SQLAlchemy URL."""
        return self.TRACKER_DB_URL or f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"

    @property
    def slack_enabled(self) -> bool:
        """Both Slack secrets are set."""
        return bool(self.SLACK_TOKEN and self.SLACK_SIGNING_SECRET)

    def as_environment(self) -> dict[str, str]:
        """Every setting that is set, as the strings a process started with it reads."""
        values: dict[str, str] = {}
        for name, value in self.dict().items():
            if value is None:
                continue
            if isinstance(value, bool):
                values[name] = "true" if value else "false"
            elif isinstance(value, float) and value.is_integer():
                values[name] = str(int(value))
            else:
                values[name] = str(value)
        return values

    def child_environment(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment for a process this one starts: ``base`` plus every setting.

        ``ENV_FILE`` is empty there: the child reads its settings from this environment only, so
        values the launcher was given (a test's ports, say) are not replaced by ``.env``'s.
        """
        env = {**(os.environ if base is None else base)}
        for name in self.__fields__:
            env.pop(name, None)  # a setting left unset here stays unset there
        env.update(self.as_environment())
        env[ENV_FILE_VARIABLE] = ""
        return env


FIELDS = Settings.__fields__


def read_env_file(path: Path) -> dict[str, str]:
    """The ``KEY=value`` lines of a ``.env`` file.

    ``export KEY=value``, quoted values and ``#`` comments are allowed; other lines are ignored.
    """
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        line = line.removeprefix("export ").strip()
        key, value = (part.strip() for part in line.split("=", 1))
        if not _KEY.match(key):
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def env_file_path(environ: Mapping[str, str]) -> Path | None:
    """The ``.env`` file to read: ``ENV_FILE`` (empty: none), else the project's ``.env``."""
    configured = environ.get(ENV_FILE_VARIABLE)
    if configured is None:
        return DEFAULT_ENV_FILE
    return Path(configured) if configured.strip() else None


def sources(
    environ: Mapping[str, str] | None = None, env_file: Path | None | str = "default"
) -> dict[str, str]:
    """The raw value of every setting that is set: ``.env`` first, then the environment."""
    environ = os.environ if environ is None else environ
    path = env_file_path(environ) if env_file == "default" else env_file
    from_file: dict[str, str] = {}
    if path is not None and Path(path).is_file():
        from_file = read_env_file(Path(path))
        unknown = sorted(set(from_file) - set(FIELDS) - {"PYTHON"})
        if unknown:
            logger.warning("%s sets %s, which the bot does not read", path, ", ".join(unknown))
    values: dict[str, str] = {}
    for name in FIELDS:
        for source in (from_file, environ):
            value = (source.get(name) or "").strip()
            if value:
                values[name] = value
                break
    return values


def load(
    environ: Mapping[str, str] | None = None,
    env_file: Path | None | str = "default",
    **overrides: Any,
) -> Settings:
    """Read and validate the settings; ``overrides`` (a caller's own values) win over both sources.

    Raises:
        SettingsError: naming each variable whose value is unusable, and why.
    """
    values: dict[str, Any] = {**sources(environ, env_file), **overrides}
    try:
        return Settings(**values)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = str(item["loc"][0]) if item["loc"] and item["loc"][0] != "__root__" else ""
            if not name:
                where = ""
            elif FIELDS[name].field_info.extra.get("secret") or name not in values:
                where = f"{name}: "  # a secret's value is never repeated
            else:
                where = f"{name}={values[name]!r}: "
            problems.append(f"  {where}{item['msg']}")
        raise SettingsError(
            "Invalid settings (.env or environment):\n" + "\n".join(problems)
        ) from None


@functools.lru_cache(maxsize=1)
def current() -> Settings:
    """This process's settings, loaded once (the first call reads ``.env`` and the environment).

    Raises:
        SettingsError: as ``load``; nothing is cached then, so the next call tries again.
    """
    return load()


def reset() -> None:
    """Forget the loaded settings: the next ``current()`` reads them again (tests only)."""
    current.cache_clear()


def environment_of(environ: Mapping[str, str] | None) -> Settings:
    """``environ``'s settings alone (no ``.env``), or this process's when it is None.

    For the functions that take an environment for a process not yet started (the launcher's
    credentials file) or a test's values, and otherwise read this process's settings.
    """
    return current() if environ is None else load(environ, env_file=None)
