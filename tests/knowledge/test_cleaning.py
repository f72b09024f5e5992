"""Cleaning on the real documents: noise goes, every sentence of content stays."""

from __future__ import annotations

import pytest

from knowledge.cleaning import Block, clean
from knowledge.config import DEFAULT_DOCUMENTS_DIR


def _blocks(name: str) -> list[Block]:
    return clean((DEFAULT_DOCUMENTS_DIR / name).read_text(encoding="utf-8"))


def _all_text(name: str) -> str:
    return "\n".join(block.text for block in _blocks(name))


NOISE = {
    "000_a19f9d3d65b576ca.txt": [
        "contact our recruitment agency",
        "Contact us to learn more",
        "We help you target the best profiles",
        "Our recruitment agency supports you",
        "Using a specialized recruitment agency",
        "we will be happy to support you",
        "identifies candidates and job opportunities",
    ],
    "001_8b11f763a392aa3b.txt": [
        "Skip to main content",
        "All role guides",
        "Ready to find the missing piece",
        "Let's talk about your hiring needs",
        "A team member will get back to you",
    ],
    "002_80195d852e774343.txt": [
        "Claim your free week",
        "privacy policy",
        "All rights reserved",
        "Get CBT Nuggets IT training news",
        "2850 Crescent Avenue",
    ],
    "003_f431b1bb560345a1.txt": ["[/jp_faqs]"],
    "004_4055f3a95b174526.txt": [
        "career test",
        "over 800 careers",
        "Aerospace Engineer Agricultural Engineer",
        "Agriculture & Environmental",
        "Generative AI Specialist",
        "Prompt Engineer",
        "Continue reading",
        "AI Ethics, Policy & Governance Roles",
        "working at his desk",
    ],
}

CONTENT = {
    "000_a19f9d3d65b576ca.txt": [
        "They design, develop, and deploy Machine Learning models",
        "Cloud & DevOps (AWS, GCP, Azure, Docker, Kubernetes, CI/CD)",
        "Junior: €50,000 to €60,000 gross/year",
        "Senior / Expert: up to €150,000 or more",
        "certified online courses (Coursera, OpenClassrooms, edX)",
        "move to a Tech Lead or Head of AI role",
        "Negotiate a comprehensive package",
        "In this article, our recruitment agency presents the role",
    ],
    "001_8b11f763a392aa3b.txt": [
        "MLOps: MLflow, Kubeflow, Airflow, Docker, Kubernetes",
        "Average salary: 45–60K€ at entry level, 70–90K€ for mid-level profiles, up to 120K€+ for seniors.",
        "Lead Machine Learning Engineer, Head of Data Science, AI Architect, or AI CTO.",
        "Rigor, analytical mindset, curiosity, cross-disciplinary collaboration.",
    ],
    "002_80195d852e774343.txt": [
        "Entry-Level (0-2 years): $80,000 - $110,000",
        "Senior-Level (5+ years): $140,000 - $180,000+",
        "Source: Glassdoor, as of December 2024",
        "Some of the top machine learning certifications include:",
        "Big data technologies: Familiarity with Hadoop, Spark",
        "Morning: Review model performance",
        "Get started by learning Python",
    ],
    "003_f431b1bb560345a1.txt": [
        "£60,500 to £103,000, with a midpoint of £81,750",
        "A Data Scientist may spend more time on analysis",
        "An MLOps Engineer keeps ML systems reliable in production.",
        "You dislike ambiguity and want every question to arrive with perfect data",
        "Fintech and health tech firms",
    ],
    "004_4055f3a95b174526.txt": [
        "Computer Vision Engineer: Develops models and algorithms for understanding visual data.",
        "Some machine learning engineers have the flexibility to work remotely.",
        "Machine Learning Engineers are also known as:",
        "ML Engineer",
        "Communicate & Maintain Ethics",
    ],
}


@pytest.mark.parametrize("name", sorted(NOISE))
def test_noise_is_removed(name: str) -> None:
    text = _all_text(name).lower()
    for noise in NOISE[name]:
        assert noise.lower() not in text, noise


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_content_is_kept(name: str) -> None:
    text = _all_text(name)
    for content in CONTENT[name]:
        assert content in text, content


def test_boilerplate_sentence_is_kept_once() -> None:
    text = _all_text("003_f431b1bb560345a1.txt")
    assert text.count("The overlap can be real, but employers usually hire for this title") == 1
    assert text.count("these settings often need someone who can bring evidence") == 1
    # The list items the boilerplate was attached to survive without it.
    assert "Enterprise software companies" in text


def test_every_real_sentence_of_a_document_survives() -> None:
    """Every sentence line of document 003 that is not boilerplate is kept verbatim.

    (Headings are structure, not sentences: a parent heading with no text of its own, such as
    "Skills Needed to ..." right above "Hard Skills", is folded into the one below.)
    """
    raw = (DEFAULT_DOCUMENTS_DIR / "003_f431b1bb560345a1.txt").read_text(encoding="utf-8")
    text = _all_text("003_f431b1bb560345a1.txt")
    for line in raw.splitlines():
        line = line.strip().lstrip("- ").strip()
        if not line or line[-1] not in ".?!:…" or "–" in line or line.startswith("The overlap"):
            continue
        assert line in text, line


def test_headings_are_recognised() -> None:
    headings = [b.text for b in _blocks("002_80195d852e774343.txt") if b.kind == "heading"]
    assert "A Typical Work Day for a Machine Learning Engineer" in headings
    assert "How Much Does a Machine Learning Engineer Make?" in headings
    assert not any(h.startswith("by Danielle") for h in headings)


def test_salary_table_rows_are_merged() -> None:
    rows = [b.text for b in _blocks("002_80195d852e774343.txt") if b.kind == "table_row"]
    assert rows == [
        "Entry-Level (0-2 years): $80,000 - $110,000",
        "Mid-Level (3-5 years): $110,000 - $140,000",
        "Senior-Level (5+ years): $140,000 - $180,000+",
    ]


@pytest.mark.parametrize("text", ["", "   \n\n", "Skip to main content\nCareers\nDegrees"])
def test_page_without_content_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="no content"):
        clean(text)
