"""One settings object (runtime/settings.py): every variable declared, read through it alone.

The README's table and ``.env.example`` are generated from the declarations
(``python -m serving.settings --write``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from serving.settings import (
    ENV_FILE_VARIABLE,
    FIELDS,
    TABLE_END,
    TABLE_START,
    env_example,
    markdown_table,
)
from tests.conftest import PROJECT_ROOT
from tests.test_layering import FIRST_PARTY

# os.environ.get("X"), env.get("X"), environ["X"], os.getenv("X") in the product code.
READ = re.compile(r"""(?:environ|env|getenv)(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]+)["']""")
# The bot's own packages (the layers of tests/test_layering.py), and the tools that start it.
PRODUCT = sorted(FIRST_PARTY - {"tests", "evaluation", "benchmarks"})
# Names the code may use that are not settings: ENV_FILE names the settings file itself (read
# by runtime/settings.py alone); REMOTE_ADDR is a socket.io request's, not the process's;
# PYTHONWARNINGS is set by the launcher for its servers.
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
    assert {"REMOTE_ADDR", "PYTHONWARNINGS"} <= set(read)  # the scan works
    undeclared = {name: where for name, where in read.items() if name not in FIELDS}
    assert not (set(undeclared) - NOT_SETTINGS), (
        f"declare these in runtime/settings.py (type, default, one line of doc): {undeclared}"
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


# The one module that reads the settings from the environment.
SETTINGS_MODULE = PROJECT_ROOT / "runtime" / "settings.py"
# Everything that runs in the bot's processes or starts them; tests/ may set variables for the
# processes it starts, and reads none of the bot's settings itself.
SCANNED = sorted(FIRST_PARTY - {"tests"})
# A bare ``os.environ.pop(NAME)`` removes a variable (serving/rasa_run.py keeps the API token
# from Rasa's children): it reads nothing, so it is not counted.
READERS = {"get", "getenv", "pop", "setdefault"}


def _is_environ(node: ast.AST) -> bool:
    """``os.environ`` or a bare ``environ`` (``from os import environ``)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def environment_reads(source: str) -> list[tuple[int, str]]:
    """(line, variable) for each ``os.environ[...]``, ``os.environ.get(...)``, ``os.getenv(...)``,
    ``"X" in os.environ`` naming a variable with a literal."""
    tree = ast.parse(source)
    discarded = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Call) and node.args and id(node) not in discarded:
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in READERS:
                if _is_environ(func.value) or (
                    func.attr == "getenv" and isinstance(func.value, ast.Name)
                ):
                    name = _literal(node.args[0])
            elif isinstance(func, ast.Name) and func.id == "getenv":
                name = _literal(node.args[0])
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if _is_environ(node.value):
                name = _literal(node.slice)
        elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
            name = _literal(node.left)
        if name:
            found.append((node.lineno, name))
    return found


def test_the_scan_finds_every_kind_of_read() -> None:
    source = """
import os
from os import environ, getenv
a = os.environ["A"]
b = os.environ.get("B", "1")
c = os.getenv("C")
d = getenv("D")
e = environ.get("E")
f = "F" in os.environ
g = os.environ.pop("G", "")
os.environ.pop("H", None)
os.environ["I"] = "written, not read"
"""
    assert [name for _, name in environment_reads(source)] == list("ABCDEFG")


def _product_files() -> list[Path]:
    paths = [p for package in SCANNED for p in (PROJECT_ROOT / package).rglob("*.py")]
    return [*paths, PROJECT_ROOT / "web" / "server.py"]


@pytest.mark.parametrize("path", _product_files(), ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_settings_are_read_only_through_the_settings_object(path: Path) -> None:
    """A declared setting comes from ``runtime.settings.current()``, never ``os.environ``.

    Otherwise a value in ``.env`` or a validated default would not be the one the code sees,
    and a test resetting the settings would not reach it.
    """
    if path == SETTINGS_MODULE:
        return
    reads = [
        f"{path.relative_to(PROJECT_ROOT)}:{line} reads {name}"
        for line, name in environment_reads(path.read_text(encoding="utf-8"))
        if name in FIELDS or name == ENV_FILE_VARIABLE
    ]
    assert not reads, f"use runtime.settings.current() instead: {reads}"
