"""The review step an operator runs on pages they add, through the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.config import DEFAULT_DOCUMENTS_DIR
from tests.knowledge.test_cli import run_cli

PAGES = Path(__file__).parent / "pages"


@pytest.fixture()
def documents_with_new_pages(tmp_path: Path) -> tuple[Path, Path]:
    """The real documents in a built store, then two new pages added beside them."""
    documents = tmp_path / "documents"
    shutil.copytree(DEFAULT_DOCUMENTS_DIR, documents)
    db_path = tmp_path / "store.db"
    assert run_cli(db_path, documents, "build", "--quiet").returncode == 0
    manifest = yaml.safe_load((documents / "manifest.yml").read_text(encoding="utf-8"))
    added = yaml.safe_load((PAGES / "manifest.yml").read_text(encoding="utf-8"))
    for name in ("05_switzerland.txt", "06_netherlands.txt"):
        shutil.copy(PAGES / name, documents / name)
        manifest[name] = added[name]
    (documents / "manifest.yml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return db_path, documents


def test_review_shows_only_the_new_pages_with_facts_and_what_was_not_typed(
    documents_with_new_pages: tuple[Path, Path],
) -> None:
    result = run_cli(*documents_with_new_pages, "review")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== 05_switzerland.txt (new" in out and "== 06_netherlands.txt (new" in out
    assert "Bessand" not in out  # the unchanged seeds are not reviewed again
    assert "Switzerland · Zurich · ml engineer · lead (10+ years) · range 180,000+ CHF" in out
    assert "from: Level: Lead / Principal; Experience: 10+ years" in out
    assert "'110k': no currency named" in out
    assert "Dropped as noise:" in out and "Post a job" in out
    assert "topics: salary" in out


def test_strict_review_fails_when_an_amount_could_not_be_typed(
    documents_with_new_pages: tuple[Path, Path],
) -> None:
    assert run_cli(*documents_with_new_pages, "review", "--strict").returncode == 1
    clean_page = run_cli(*documents_with_new_pages, "review", "06_netherlands.txt", "--strict")
    assert clean_page.returncode == 0, clean_page.stdout


def test_build_prints_a_line_per_new_page(documents_with_new_pages: tuple[Path, Path]) -> None:
    result = run_cli(*documents_with_new_pages, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    assert "! 05_switzerland.txt (new, cited as 'Alpenjobs'): 8 salary facts, 1 amounts" in (
        result.stdout
    )
    assert "✓ 06_netherlands.txt (new" in result.stdout
    assert "python -m knowledge review NAME" in result.stdout
    again = run_cli(*documents_with_new_pages, "review")
    assert "Nothing to review" in again.stdout


def test_an_unknown_name_is_a_clear_error(documents_with_new_pages: tuple[Path, Path]) -> None:
    result = run_cli(*documents_with_new_pages, "review", "no_such_page.txt")
    assert result.returncode == 2
    assert "no such document" in result.stderr and "no_such_page" in result.stderr
