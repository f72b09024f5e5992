"""Pages never seen before: every salary fact of a varied test corpus is read exactly.

The corpus (``tests/knowledge/pages``) was written by a separate session from the rules of the
"any page" issue alone, with the facts it expected of each page in ``expected.yml``: money in
every common shape, periods, statistics, levels and years, cities, role tables, page-wide
statements ("in Canadian dollars", "before tax"), and amounts that are not pay.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge.ingest import build
from knowledge.models import Document, SalaryFact

PAGES = Path(__file__).parent / "pages"
EXPECTED = yaml.safe_load((PAGES / "expected.yml").read_text(encoding="utf-8"))
FIELDS = (
    "role",
    "role_label",
    "country",
    "city",
    "level",
    "years_min",
    "years_max",
    "statistic",
    "low",
    "high",
    "value",
    "midpoint",
    "open_ended",
    "currency",
    "currency_ambiguous",
    "period",
    "gross",
)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from knowledge.db import make_engine

    folder = tmp_path_factory.mktemp("pages")
    for path in PAGES.iterdir():
        if path.suffix in (".txt", ".yml") and path.name != "expected.yml":
            shutil.copy(path, folder / path.name)
    engine = make_engine(f"sqlite:///{folder / 'store.db'}")
    build(engine, folder)
    return engine


def _facts_of(engine: Engine, name: str) -> list[tuple]:
    with Session(engine) as session:
        rows = session.scalars(
            select(SalaryFact).join(Document).where(Document.slug == Path(name).stem)
        ).all()
        return [tuple(getattr(row, field) for field in FIELDS) for row in rows]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_fact_of_the_page_is_read_exactly(corpus_store: Engine, name: str) -> None:
    expected = Counter(
        tuple(fact.get(field) for field in FIELDS) for fact in EXPECTED[name]["facts"]
    )
    actual = Counter(_facts_of(corpus_store, name))
    missing = list((expected - actual).elements())
    extra = list((actual - expected).elements())
    assert not missing and not extra, _explain(missing, extra)


def _explain(missing: list[tuple], extra: list[tuple]) -> str:
    lines = ["fields: " + ", ".join(FIELDS)]
    lines += [f"missing {fact}" for fact in missing]
    lines += [f"extra   {fact}" for fact in extra]
    return "\n".join(lines)


HOLDOUT = Path(__file__).parent / "pages_holdout"
HOLDOUT_FLOOR = 44 / 60
"""Share of the held-out corpus's facts read exactly, measured once and never tuned on: the
held-out pages were written by another separate session and are not read while working."""


def test_the_held_out_pages_score_at_least_what_was_measured(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from knowledge.db import make_engine

    expected_by_page = yaml.safe_load((HOLDOUT / "expected.yml").read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("holdout")
    for path in HOLDOUT.iterdir():
        if path.suffix in (".txt", ".yml") and path.name != "expected.yml":
            shutil.copy(path, folder / path.name)
    engine = make_engine(f"sqlite:///{folder / 'store.db'}")
    build(engine, folder)
    exact = total = extra = 0
    for name, page in expected_by_page.items():
        expected = Counter(tuple(f.get(field) for field in FIELDS) for f in page["facts"])
        actual = Counter(_facts_of(engine, name))
        exact += sum((expected & actual).values())
        total += sum(expected.values())
        extra += sum((actual - expected).values())
    print(f"held-out pages: {exact}/{total} facts exact, {extra} facts not expected")
    assert exact / total >= HOLDOUT_FLOOR
