"""The ``python -m knowledge`` CLI, run for real in a subprocess against stores in tmp_path."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from knowledge.config import DEFAULT_DOCUMENTS_DIR
from knowledge.records import Salary
from tests.support.modules import run_module

SALARY_KEYS = {f.name for f in dataclasses.fields(Salary)}


def run_cli(db_path: Path, documents_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m knowledge ARGS`` with the store and documents given by environment."""
    env = {
        "KNOWLEDGE_DB_URL": f"sqlite:///{db_path}",
        "KNOWLEDGE_DOCUMENTS_DIR": str(documents_dir),
    }
    return run_module("knowledge", *args, env=env)


def json_lines(stdout: str) -> list[dict]:
    """Every output line parsed as JSON (fails the test on a line that is not one object)."""
    objects = [json.loads(line) for line in stdout.splitlines()]
    assert all(isinstance(obj, dict) for obj in objects), stdout
    return objects


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store built once by the CLI from a copy of the real documents (read-only use)."""
    root = tmp_path_factory.mktemp("cli")
    documents = root / "documents"
    shutil.copytree(DEFAULT_DOCUMENTS_DIR, documents)
    db_path = root / "store.db"
    result = run_cli(db_path, documents, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    return db_path, documents


def test_build_then_rebuild_is_up_to_date(documents_dir: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    first = run_cli(db_path, documents_dir, "build")
    assert first.returncode == 0, first.stderr
    assert "Knowledge store updated: 5 added, 0 updated, 0 removed, 0 unchanged." in first.stdout
    assert db_path.is_file()

    second = run_cli(db_path, documents_dir, "build", "--quiet")
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "Knowledge store up to date (5 documents)."


def test_stats_json_counts(built_store: tuple[Path, Path]) -> None:
    result = run_cli(*built_store, "stats", "--json")
    assert result.returncode == 0, result.stderr
    [stats] = json_lines(result.stdout)
    assert stats["documents"] == 5
    assert stats["salary_facts"] == 10
    assert stats["passages"] > 150 and stats["sections"] > 0 and stats["topic_tags"] > 0
    assert stats["salary_countries"] == ["FR", "GB", "US"]
    assert stats["topics"]["salary"] > 0


def test_search_json_ranks_a_kubernetes_passage_first(built_store: tuple[Path, Path]) -> None:
    result = run_cli(*built_store, "search", "kubernetes", "--json")
    assert result.returncode == 0, result.stderr
    hits = json_lines(result.stdout)
    assert 1 <= len(hits) <= 5
    for hit in hits:
        assert {"score", "source", "text"} <= hit.keys()
        assert isinstance(hit["score"], float) and hit["score"] > 0
        assert hit["source"] and hit["text"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "kubernetes" in hits[0]["text"].lower()


def test_salary_json_for_french_juniors(built_store: tuple[Path, Path]) -> None:
    result = run_cli(*built_store, "salary", "--country", "FR", "--level", "junior", "--json")
    assert result.returncode == 0, result.stderr
    [fact] = json_lines(result.stdout)
    assert fact.keys() == SALARY_KEYS
    assert (
        fact["country"],
        fact["level"],
        fact["low"],
        fact["high"],
        fact["currency"],
        fact["source"],
    ) == ("FR", "junior", 50000, 60000, "EUR", "Bessand")
    assert fact["period"] == "year" and fact["open_ended"] is False
    assert "€50,000" in fact["quote"]
    assert fact["gross"] is True  # "€50,000 to €60,000 gross/year"


def test_salary_for_a_country_without_figures_prints_nothing(
    built_store: tuple[Path, Path],
) -> None:
    result = run_cli(*built_store, "salary", "--country", "DE", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_stats_on_a_store_that_was_never_built(documents_dir: Path, tmp_path: Path) -> None:
    # SQLite creates the missing file on connect, so the store shows up as one with no tables.
    result = run_cli(tmp_path / "never-built" / "store.db", documents_dir, "stats")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: the knowledge store at ")
    assert "missing or unreadable" in result.stderr
    assert "make ingest" in result.stderr


def test_build_with_a_broken_document_names_it_and_keeps_the_store(
    documents_dir: Path, tmp_path: Path
) -> None:
    db_path = tmp_path / "store.db"
    assert run_cli(db_path, documents_dir, "build", "--quiet").returncode == 0
    (documents_dir / "zzz_broken.txt").write_bytes(b"\xff\xfe\x00not text")

    result = run_cli(db_path, documents_dir, "build", "--quiet")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "zzz_broken.txt" in result.stderr
    assert "the store was left as it was" in result.stderr

    stats = run_cli(db_path, documents_dir, "stats", "--json")
    assert json_lines(stats.stdout)[0]["documents"] == 5
