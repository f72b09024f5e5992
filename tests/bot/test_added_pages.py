"""Pages an operator adds become answers: new countries, a city, a monthly figure, a day rate,
a table of roles, and countries compared in one currency — through the real bot.

Three pages of the test corpus (``tests/knowledge/pages``) are added to a copy of the real
documents, the store is built from them, and the bot is served on that store.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from knowledge.config import DEFAULT_DOCUMENTS_DIR
from knowledge.db import make_engine
from knowledge.ingest import build
from tests.support.bot import MODEL, RunningBot, running_bot

PAGES = Path(__file__).parent.parent / "knowledge" / "pages"
ADDED = ("01_canada_jobboard.txt", "02_uk_day_rates.txt", "04_germany_salary.txt")


@pytest.fixture(scope="module")
def grown_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: `make test` trains it first (make train)")
    root = tmp_path_factory.mktemp("grown")
    documents = root / "documents"
    shutil.copytree(DEFAULT_DOCUMENTS_DIR, documents)
    manifest = yaml.safe_load((documents / "manifest.yml").read_text(encoding="utf-8"))
    corpus = yaml.safe_load((PAGES / "manifest.yml").read_text(encoding="utf-8"))
    for name in ADDED:
        shutil.copy(PAGES / name, documents / name)
        manifest[name] = corpus[name]
    (documents / "manifest.yml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    url = f"sqlite:///{root / 'store.db'}"
    engine = make_engine(url)
    build(engine, documents)
    engine.dispose()
    with running_bot({"KNOWLEDGE_DB_URL": url}) as bot:
        yield bot


def test_a_new_country_gets_its_own_figures_with_its_source(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("canada-1", "how much does an ML engineer earn in Canada?")
    assert "Canada" in reply and "Northbound Jobs" in reply
    assert "CA$80,000" in reply  # entry level "from C$80,000 a year"
    assert "don't cover salaries in" not in reply


def test_a_city_with_figures_of_its_own(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("toronto-1", "what's the pay like for ML engineers in Toronto?")
    assert "Toronto" in reply and "average CA$118,000" in reply
    assert "don't cover Toronto" not in reply


def test_a_monthly_figure_is_shown_as_monthly(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("germany-1", "ML engineer salary in Germany")
    assert "about €5,800 a month" in reply
    assert "€52,000–€61,000 a year" in reply  # beside a monthly figure, yearly pay says so too


def test_a_day_rate_is_a_day_rate_and_other_roles_stay_out(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("uk-1", "what do ML engineers make in the UK?")
    assert "£550–£700 a day" in reply
    assert "£500–£625" not in reply  # the data scientist's row of the same table


def test_another_roles_pay_is_labelled_as_that_role(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("uk-2", "what do data scientists earn in the UK?")
    assert "for data scientists in the United Kingdom" in reply
    # Like for like: the same source's ML-engineer figure for the same level and period.
    assert "data scientist £500–£625 a day · ML engineer £550–£700 a day" in reply


def test_two_countries_are_compared_in_one_currency(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("compare-1", "ML engineer pay in Germany vs Canada?")
    assert "European Central Bank" in reply
    assert "≈ €" in reply


def test_the_countries_covered_include_the_new_pages(grown_bot: RunningBot) -> None:
    reply = grown_bot.say("which-1", "which countries do you have salary data for?")
    for name in ("Canada", "Germany", "France", "United Kingdom", "United States"):
        assert name in reply


def test_which_currency_comes_from_the_figures_shown(grown_bot: RunningBot) -> None:
    grown_bot.say("currency-1", "ml engineer pay in canada")
    reply = grown_bot.say("currency-1", "is that in US dollars?")
    assert "Northbound Jobs gives its figures in Canadian dollars (CAD, CA$)." in reply


def test_a_period_no_page_gives_is_said_before_the_pay_they_do_give(
    grown_bot: RunningBot,
) -> None:
    reply = grown_bot.say("period-1", "what are day rates for ML engineers in Germany?")
    assert reply.startswith("My sources give no day rates for Germany")
    assert "€52,000–€61,000" in reply


def test_compared_with_another_role_after_figures(grown_bot: RunningBot) -> None:
    grown_bot.say("after-1", "uk ml engineer salary")
    reply = grown_bot.say("after-1", "is that a lot compared with data scientists?")
    assert "data scientist £500–£625 a day · ML engineer £550–£700 a day" in reply


def test_which_country_pays_most_says_how_many_countries_it_leaves_out(
    grown_bot: RunningBot,
) -> None:
    reply = grown_bot.say("ranking-1", "which country pays the most?")
    assert "No source ranks countries by pay. My sources give figures for" in reply
    assert "by name" in reply
    assert len(reply) <= 1200
