"""Every salary statement of the corpus comes out as a typed row, exactly."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.models import Document, SalaryFact
from knowledge.salary import extract

# (document label, country, level, low, high, open_ended, midpoint, currency, quote starts with)
EXPECTED = {
    ("Bessand", "FR", "junior", 50000, 60000, False, None, "EUR", "Junior: €50,000"),
    ("Bessand", "FR", "mid", 60000, 90000, False, None, "EUR", "Mid-level: €60,000"),
    ("Bessand", "FR", "senior", None, 150000, True, None, "EUR", "Senior / Expert: up to"),
    ("Bluecoders", None, "junior", 45000, 60000, False, None, "EUR", "Average salary: 45–60K€"),
    ("Bluecoders", None, "mid", 70000, 90000, False, None, "EUR", "Average salary: 45–60K€"),
    ("Bluecoders", None, "senior", None, 120000, True, None, "EUR", "Average salary: 45–60K€"),
    ("CBT Nuggets", "US", "junior", 80000, 110000, False, None, "USD", "Entry-Level (0-2 years)"),
    ("CBT Nuggets", "US", "mid", 110000, 140000, False, None, "USD", "Mid-Level (3-5 years)"),
    ("CBT Nuggets", "US", "senior", 140000, 180000, True, None, "USD", "Senior-Level (5+ years)"),
    ("UK careers guide", "GB", None, 60500, 103000, False, 81750, "GBP", "A review of Jobs247"),
}


def test_every_salary_row_of_the_corpus(session: Session) -> None:
    rows = session.execute(select(SalaryFact, Document.label).join(Document)).all()
    actual = sorted(
        (label, f.country, f.level, f.low, f.high, f.open_ended, f.midpoint, f.currency, f.quote)
        for f, label in rows
    )
    expected = sorted(EXPECTED)
    assert [row[:8] for row in actual] == [row[:8] for row in expected]
    for got, want in zip(actual, expected, strict=True):
        assert got[8].startswith(want[8]), (got, want)
    assert len(rows) == 10
    assert {f.period for f, _ in rows} == {"year"}


def test_quotes_are_exact_sentences_of_the_source(session: Session) -> None:
    rows = session.execute(select(SalaryFact.quote, Document.slug).join(Document)).all()
    from knowledge.config import DEFAULT_DOCUMENTS_DIR

    for quote, slug in rows:
        raw = (DEFAULT_DOCUMENTS_DIR / f"{slug}.txt").read_text(encoding="utf-8")
        # Table rows are stitched from two lines ("label: amount"); everything else is verbatim.
        for piece in quote.split(": $"):
            assert piece.split(" That midpoint")[0] in raw


def test_level_labels_keep_the_source_wording(session: Session) -> None:
    labels = set(session.scalars(select(SalaryFact.level_label)))
    assert {
        "Junior",
        "Mid-level",
        "Senior / Expert",
        "entry level",
        "Entry-Level (0-2 years)",
    } <= labels


def test_lone_amounts_and_non_money_numbers_are_not_salaries() -> None:
    assert extract("They have 12 months of data and 800 careers.", "") == []
    assert extract("2850 Crescent Avenue, Eugene, OR 97408", "") == []


def test_country_comes_from_the_section_when_the_sentence_names_none() -> None:
    facts = extract("Junior: €50,000 to €60,000 gross/year", "In France, salaries vary by level")
    assert [f.country for f in facts] == ["FR"]
    assert extract("Junior: €50,000 to €60,000", "Salaries vary by level")[0].country is None


def test_gross_and_the_data_behind_a_figure_are_kept(session: Session) -> None:
    rows = {
        (label, f.level): f
        for f, label in session.execute(select(SalaryFact, Document.label).join(Document))
    }
    # Bessand words only its junior line as gross; the other lines say nothing either way.
    assert rows[("Bessand", "junior")].gross is True
    assert rows[("Bessand", "mid")].gross is None
    assert rows[("CBT Nuggets", "senior")].basis == "Source: Glassdoor, as of December 2024"
    assert rows[("UK careers guide", None)].basis.startswith("A review of Jobs247 salary data")
    assert rows[("Bluecoders", "junior")].basis is None


def test_net_and_gross_wording() -> None:
    from knowledge.salary import data_basis, pay_basis

    assert pay_basis("€40,000 to €50,000 before tax") is True
    assert pay_basis("£30,000 take-home per year") is False
    assert pay_basis("€40,000 to €50,000 in large networks") is None
    section = ["Senior: $150,000 - $200,000", "Figures from the 2025 Stack Overflow survey."]
    assert data_basis("Senior: $150,000 - $200,000", section) == section[1]
