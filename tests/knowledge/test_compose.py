"""Answer composition: sentences that answer the question, short, from several sources."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from knowledge import query
from knowledge.compose import (
    MAX_BUDGET,
    compose,
    is_filler,
    question_words,
    subject_phrases,
    uncovered_words,
    units_of,
)
from knowledge.query import PassageHit, Source

SOURCE_A = Source("a", "Guide A", None, None, None, None)
SOURCE_B = Source("b", "Guide B", None, None, None, None)


def hit(
    pid: int,
    text: str,
    source: Source = SOURCE_A,
    kind: str = "paragraph",
    heading: str | None = "Skills",
    score: float = 2.0,
) -> PassageHit:
    return PassageHit(pid, text, kind, heading, source, score)


@pytest.mark.parametrize(
    "sentence",
    [
        "In this article, our agency explains the role.",
        "This guide explains everything you need to know.",
        "A typical day might look something like this:",
        "Read on to find out more.",
        "Too short.",
        "What does a machine learning engineer do?",
    ],
)
def test_filler_is_recognised(sentence: str) -> None:
    assert is_filler(sentence)


def test_content_is_not_filler() -> None:
    assert not is_filler("Most hold a bachelor's degree in computer science or mathematics.")


def test_paragraphs_split_into_sentences_and_filler_is_dropped() -> None:
    units = units_of(
        [hit(1, "In this article we explain it all. Python is the main language for the job.")]
    )
    assert [u.text for u in units] == ["Python is the main language for the job."]
    assert units[0].key == "1.1"


def test_the_question_steers_the_choice_and_sources_are_mixed() -> None:
    hits = [
        hit(1, "Python is the language most employers ask for in job adverts today."),
        hit(2, "Communication with stakeholders matters as much as modelling skill."),
        hit(3, "Cloud platforms such as AWS and Azure are part of daily work.", SOURCE_B),
    ]
    chosen = compose(hits, "do I need to know aws or azure?", "skills", budget=80)
    assert chosen.units[0].passage_id == 3
    both = compose(hits, "what skills do I need", "skills", budget=400)
    assert {u.source.label for u in both.units} == {"Guide A", "Guide B"}


def test_budget_is_kept_and_what_is_left_out_is_returned() -> None:
    hits = [
        hit(i, f"Sentence number {i} says something useful about machine learning work.")
        for i in range(1, 30)
    ]
    first = compose(hits, "", "skills")
    assert sum(len(u.text) for u in first.units) <= 600
    assert first.left_out
    more = compose(hits, "", "skills", exclude=[u.key for u in first.units])
    assert not {u.key for u in more.units} & {u.key for u in first.units}
    short = compose(hits, "", "skills", budget=100, max_units=2)
    assert 1 <= len(short.units) <= 2


def test_a_long_list_is_summed_up_by_its_names() -> None:
    names = [
        "MLOps Engineer",
        "Vision Engineer",
        "NLP Engineer",
        "Research Engineer",
        "Applied Engineer",
    ]
    hits = [
        hit(
            i,
            f"{name}: works on things that matter for this kind of specialisation.",
            kind="list_item",
            heading="Types of engineers",
        )
        for i, name in enumerate(names, 1)
    ]
    chosen = compose(hits, "what types are there", "specialisations")
    assert chosen.units[0].text == "Types of engineers: " + ", ".join(names) + "."


SUITS = ["You enjoy solving practical problems.", "You like working with evidence and patterns."]
DOES_NOT_SUIT = [
    "You dislike ambiguity and want perfect data.",
    "You want a role with very little stakeholder interaction.",
    "You prefer work that is almost entirely repetitive.",
]


def lead_in_lists() -> list[PassageHit]:
    """Two lists whose items only make sense after the heading that introduces them."""
    suits = [
        hit(i, text, kind="list_item", heading="This role may suit you if…")
        for i, text in enumerate(SUITS, 1)
    ]
    does_not = [
        hit(i, text, kind="list_item", heading="This role may not suit you if…")
        for i, text in enumerate(DOES_NOT_SUIT, 10)
    ]
    return suits + does_not


def test_an_item_keeps_the_lead_in_it_belongs_to() -> None:
    units = {u.passage_id: u.text for u in units_of(lead_in_lists())}
    assert units[10] == "This role may not suit you if you dislike ambiguity and want perfect data."


def test_a_list_of_short_items_is_offered_whole_after_its_lead() -> None:
    chosen = compose(lead_in_lists(), "would this job suit me", "suitability")
    texts = [u.text for u in chosen.units]
    assert (
        "This role may not suit you if you dislike ambiguity and want perfect data; you want a "
        "role with very little stakeholder interaction; you prefer work that is almost entirely "
        "repetitive." in texts
    )
    # A list line and one of its own items never share an answer, nor does "more" repeat them.
    quoted = [pid for u in chosen.units for pid in (u.members or {u.passage_id})]
    assert len(quoted) == len(set(quoted))
    more = compose(
        lead_in_lists(),
        "would this job suit me",
        "suitability",
        exclude=[u.key for u in chosen.units],
    )
    assert not {pid for u in more.units for pid in (u.members or {u.passage_id})} & set(quoted)


def test_a_list_brings_its_other_side() -> None:
    suits = [
        hit(i, text, kind="list_item", heading="This role may suit you if…", score=3.0)
        for i, text in enumerate([*SUITS, "You can explain complex findings in plain words."], 1)
    ]
    does_not = [
        hit(i, text, kind="list_item", heading="This role may not suit you if…", score=1.0)
        for i, text in enumerate(DOES_NOT_SUIT, 10)
    ]
    chosen = compose(suits + does_not, "is this career right for me", "suitability", budget=200)
    leads = [u.text.split(" you if")[0] for u in chosen.units if u.kind == "list"]
    assert leads == ["This role may suit", "This role may not suit"]


def test_a_sentence_that_leans_on_the_one_before_follows_it() -> None:
    hits = [
        hit(
            1,
            "This can be an excellent career for the right person, but not for everyone. "
            "It tends to reward people who like evidence and can tolerate ambiguity.",
            heading="Is this career right for you?",
        ),
        hit(2, "Soft skills such as communication matter in every team.", SOURCE_B, score=1.0),
    ]
    chosen = compose(hits, "is this career right for me", "suitability", budget=220)
    texts = [u.text for u in chosen.units]
    assert texts[1].startswith("It tends to reward people")


def test_a_list_line_never_stands_in_for_a_short_answer() -> None:
    short = compose(
        lead_in_lists(), "would this job suit me", "suitability", budget=80, max_units=2
    )
    assert short.units and all(u.kind == "list_item" for u in short.units)


def test_a_pay_figure_does_not_answer_another_topic() -> None:
    hits = [
        hit(1, "Senior: up to €150,000 or more, especially in large Tech companies.", score=3.0),
        hit(2, "Some machine learning engineers have the flexibility to work remotely.", score=2.0),
    ]
    chosen = compose(hits, "where do they work", "workplace", budget=80)
    assert chosen.units[0].passage_id == 2


@pytest.mark.parametrize("topic", ["duties", "skills", "education", "career_path", "workplace"])
def test_real_topics_compose_short_answers(session: Session, topic: str) -> None:
    hits = query.passages_by_topic(session, topic, per_source=40, max_sources=5, limit=150)
    chosen = compose(hits, "", topic)
    text = " ".join(u.text for u in chosen.units)
    assert 0 < len(text) <= MAX_BUDGET
    assert all(
        u.text.rstrip().endswith((".", ")", "!", "?")) or u.kind != "paragraph"
        for u in chosen.units
    )


def test_an_item_shown_alone_keeps_the_sentence_that_introduced_its_list() -> None:
    items = [
        PassageHit(
            i, text, "list_item", "Team collaboration", SOURCE_A, 2.0, lead="They work with:"
        )
        for i, text in enumerate(["Data Engineers (for pipelines)", "Product managers"], 1)
    ]
    texts = {u.passage_id: u.text for u in units_of(items)}
    assert texts[1] == "They work with: Data Engineers (for pipelines)"


def test_a_list_under_a_lead_in_sentence_is_offered_whole_with_the_lead_once() -> None:
    texts = ["Programming: Python first, also SQL", "Applied mathematics", "Version control (Git)"]
    items = [
        PassageHit(i, text, "list_item", "Skills", SOURCE_A, 2.0, lead="Essential skills include:")
        for i, text in enumerate(texts, 1)
    ]
    lines = [u.text for u in compose(items, "what skills do i need", "skills").units]
    assert lines == [
        "Essential skills include: Programming: Python first, also SQL; Applied mathematics; "
        "Version control (Git)."
    ]


def test_a_paragraph_of_names_keeps_its_heading() -> None:
    names = "Lead Machine Learning Engineer, Head of Data Science, AI Architect, or AI CTO."
    units = units_of([hit(1, names, heading="Possible career paths")])
    assert [u.text for u in units] == [f"Possible career paths: {names}"]


def test_under_a_shared_heading_a_list_of_another_topic_gives_way() -> None:
    heading = "Where Does A Machine Learning Engineer Work?"  # workplace and industries
    sectors = "Product teams in fintech and health tech firms; retail; enterprise software."
    hits = [
        hit(1, sectors, heading=heading),
        hit(2, "Most are part of a team with data scientists and engineers.", heading=heading),
    ]
    chosen = compose(hits, "do they work in teams or alone?", "workplace", budget=120)
    assert chosen.units[0].passage_id == 2  # "teams" asked, "team" written
    sectors_first = compose(hits, "which sectors hire them?", "industries", budget=120)
    assert sectors_first.units[0].passage_id == 1


def test_a_sentence_more_about_pay_than_the_topic_gives_way() -> None:
    hits = [
        hit(
            1,
            "To maximize earnings: negotiate a package with bonuses and remote work.",
            heading=None,
        ),
        hit(2, "Some of them can work remotely most of the week.", SOURCE_B, heading=None),
    ]
    chosen = compose(hits, "can they work remotely?", "workplace", budget=60)
    assert [u.passage_id for u in chosen.units] == [2]


@pytest.mark.parametrize(
    ("message", "subjects"),
    [
        ("is there a gender pay gap in ML engineering?", ["gender pay gap"]),
        (
            "how's the Work Life Balance, and what about parental leave",
            ["work-life balance", "parental leave"],
        ),
        ("would the cost of living in London eat that salary?", ["cost of living"]),
        ("what do ML engineers earn in London?", []),
    ],
)
def test_subjects_of_several_everyday_words_are_found(message: str, subjects: list[str]) -> None:
    assert subject_phrases(message) == subjects


def test_a_subject_no_passage_holds_is_uncovered_though_its_words_are_everyday() -> None:
    hits = [hit(1, "Salaries depend on location, sector and experience.", heading="Salary")]
    missing = uncovered_words("is there a gender pay gap for ML engineers?", hits, "salary")
    assert missing == ["gender pay gap"]
    said = [hit(2, "Some teams care about work-life balance more than others.", heading="Team")]
    assert uncovered_words("how is the work life balance?", said, "workplace") == []


def test_a_name_with_symbols_is_a_subject_of_its_own() -> None:
    """ "C++" is no "c": the word search drops its symbols, the subject list keeps them."""
    from knowledge.compose import says_phrase, subject_phrases

    assert subject_phrases("do ML engineers need to know C++?") == ["C++"]
    assert subject_phrases("is c# or f# used?") == ["C#", "F#"]
    assert subject_phrases("I like c and cats") == []
    assert says_phrase("Python, C++ and Java", "C++")
    assert not says_phrase("Python, C and Java", "C++")


def test_more_after_a_list_cut_short_goes_on_with_that_list() -> None:
    items = [
        "Programming: mastery of Python with scikit-learn, pandas and NumPy for daily work",
        "Applied mathematics: statistics, probability and linear algebra for modelling",
        "Software development: modular architecture, testing and documentation of code",
        "Cloud and DevOps: AWS, GCP, Azure, Docker, Kubernetes and CI/CD pipelines",
        "Version control and code management with Git in shared repositories",
    ]
    hits = [
        hit(i, text, kind="list_item", heading="Essential skills include:")
        for i, text in enumerate(items, start=1)
    ]
    hits.append(hit(9, "A good engineer combines technical skill with rigour.", SOURCE_B))
    first = compose(hits, "what skills do i need", "skills", budget=300)
    shown = " ".join(u.text for u in first.units)
    assert "Programming" in shown and "Kubernetes" not in shown
    more = compose(hits, "what skills do i need", "skills", exclude=[u.key for u in first.units])
    lead = more.units[0] if more.units[0].kind == "list" else more.units[1]
    assert lead.text.startswith("Essential skills include: … Cloud and DevOps")
    assert "Programming" not in lead.text and "Git" in lead.text
    alone = compose(hits, "what skills do i need", "skills", budget=2000)
    assert not any("…" in u.text for u in alone.units)  # the rest never stands on its own


def test_whether_a_degree_is_mandatory_is_answered_by_what_the_pages_prefer(
    session: Session,
) -> None:
    hits = query.passages_by_topic(session, "education", per_source=40, max_sources=5, limit=150)
    chosen = compose(hits, "is a masters mandatory or just nice to have", "education")
    assert "preferred" in " ".join(u.text for u in chosen.units[:2])


def test_a_word_that_stands_for_the_rest_of_the_message_is_no_subject() -> None:
    assert question_words("do i need all that big data stuff too") == question_words(
        "do i need all that big data too"
    )


def test_what_kinds_there_are_is_answered_by_the_list_of_names_first(session: Session) -> None:
    hits = query.passages_by_topic(session, "specialisations", per_source=40, max_sources=5)
    chosen = compose(
        hits, "what kind of specialisations exist in ML engineering", "specialisations"
    )
    first = chosen.units[0]
    assert first.kind == "list" and "Deep Learning Engineer" in first.text


def test_two_words_of_the_question_side_by_side_find_the_sentence_that_names_them(
    session: Session,
) -> None:
    hits = query.passages_by_topic(session, "getting_started", per_source=40, max_sources=5)
    # "side" alone is a stop word and "jobs" is in many sentences: "side projects" together is
    # what the question asks about.
    chosen = compose(hits, "do side projects count or only real jobs", "getting_started")
    assert "side projects" in chosen.units[0].text
