"""One settings object (serving/settings.py): every variable declared, the docs generated from it."""

from __future__ import annotations

import re

from serving.settings import (
    ENV_FILE_VARIABLE,
    FIELDS,
    TABLE_END,
    TABLE_START,
    env_example,
    markdown_table,
)
from tests.conftest import PROJECT_ROOT

# os.environ.get("X"), env.get("X"), environ["X"], os.getenv("X") in the product code.
READ = re.compile(r"""(?:environ|env|getenv)(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]+)["']""")
PRODUCT = ("actions", "channels", "gazetteer", "knowledge", "nlu_components", "runtime", "serving")
# ENV_FILE names the settings file itself; REMOTE_ADDR is a socket.io request's, not the
# process's; PYTHONWARNINGS is set by the launcher for its servers.
NOT_SETTINGS = {ENV_FILE_VARIABLE, "REMOTE_ADDR", "PYTHONWARNINGS"}


def variables_read() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    paths = [p for package in PRODUCT for p in (PROJECT_ROOT / package).rglob("*.py")]
    paths.append(PROJECT_ROOT / "web" / "server.py")
    for path in paths:
        for name in READ.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(str(path.relative_to(PROJECT_ROOT)))
    return found


def test_every_variable_the_code_reads_is_declared() -> None:
    read = variables_read()
    assert {"MAX_MESSAGE_CHARS", "KNOWLEDGE_DB_URL", "WEB_PORT"} <= set(read)  # the scan works
    undeclared = {name: where for name, where in read.items() if name not in FIELDS}
    assert not (set(undeclared) - NOT_SETTINGS), (
        f"declare these in serving/settings.py (type, default, one line of doc): {undeclared}"
    )


def test_every_setting_has_a_description_and_a_group() -> None:
    for name, field in FIELDS.items():
        assert field.field_info.description, name
        assert field.field_info.extra.get("group"), name


def test_env_example_is_generated_from_the_settings() -> None:
    assert (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8") == env_example(), (
        "run `python -m serving.settings --write`"
    )
    for name in FIELDS:
        assert f"\n{name}=\n" in env_example()


def test_readme_table_is_generated_from_the_settings() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert TABLE_START in readme and TABLE_END in readme
    table = readme.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    assert table == markdown_table(), "run `python -m serving.settings --write`"


def test_the_readme_names_no_setting_outside_the_table() -> None:
    """A variable the README documents elsewhere is one of the settings, or the test suite's."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    outside = readme.split(TABLE_START, 1)[0] + readme.split(TABLE_END, 1)[1]
    prefixes = ("SLACK_", "RASA_", "WEB_", "KNOWLEDGE_", "TRACKER_", "ACTION", "RATE_LIMIT_")
    named = {n for n in re.findall(r"`([A-Z][A-Z0-9_]+)`", outside) if n.startswith(prefixes)}
    assert named <= set(FIELDS) | {"RASA_TELEMETRY_ENABLED"}, named - set(FIELDS)
