"""Imports go one way: the shared vocabulary at the bottom, the product code above it.

``runtime`` (the settings, what every process does at start) imports nothing of the project;
``gazetteer`` (the vocabulary) only ``runtime``; ``knowledge`` (the store) only those two; the NLU
components those and ``knowledge``. A new upward import fails here instead of tangling the layers. Above
them, nothing outside ``tests/`` imports ``tests/`` (the launcher's local bot, the throwaway
PostgreSQL server live in ``serving/`` and ``benchmarks/``), and the product code imports neither
``evaluation/`` nor ``benchmarks/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {
    "actions",
    "benchmarks",
    "channels",
    "evaluation",
    "gazetteer",
    "knowledge",
    "monitoring",
    "nlu_components",
    "runtime",
    "serving",
    "tests",
}
ALLOWED = {
    "runtime": set(),
    "gazetteer": {"runtime"},
    "knowledge": {"runtime", "gazetteer"},
    "nlu_components": {"runtime", "gazetteer", "knowledge"},
    "monitoring": {"runtime", "gazetteer", "knowledge"},
}


def imported_packages(package: str) -> dict[str, set[str]]:
    """First-party packages each module of ``package`` imports (lazy imports included)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = (names & FIRST_PARTY) - {package}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_lower_layer_imports_nothing_above_it(package: str) -> None:
    upward = {
        module: sorted(names - ALLOWED[package])
        for module, names in imported_packages(package).items()
        if names - ALLOWED[package]
    }
    assert not upward, f"{package} may import only {sorted(ALLOWED[package])}: {upward}"


OUTSIDE_TESTS = sorted(FIRST_PARTY - {"tests"}) + ["web"]


@pytest.mark.parametrize("package", OUTSIDE_TESTS)
def test_nothing_outside_tests_imports_tests(package: str) -> None:
    """The tests use the product; evaluation/, benchmarks/ and the launcher never use the tests."""
    users = [module for module, names in imported_packages(package).items() if "tests" in names]
    assert not users, f"{users} import tests/: move what they need into a product package"


@pytest.mark.parametrize(
    "package", ["actions", "channels", "gazetteer", "knowledge", "nlu_components", "runtime"]
)
def test_product_code_imports_no_evaluation_or_benchmarks(package: str) -> None:
    found = {
        module: sorted(names & {"evaluation", "benchmarks"})
        for module, names in imported_packages(package).items()
        if names & {"evaluation", "benchmarks"}
    }
    assert not found, found
