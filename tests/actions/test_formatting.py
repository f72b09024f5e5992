"""How chosen sentences become the lines of a reply."""

from __future__ import annotations

import pytest

from actions.formatting import composed_lines
from knowledge.compose import units_of
from knowledge.query import PassageHit, Source

GUIDE = Source("g", "Guide", None, None, None, None)


@pytest.mark.parametrize(
    "lead,items,line",
    [
        (
            "Essential skills include:",
            ["Applied mathematics", "Version control (Git)"],
            "• Essential skills include: Applied mathematics; Version control (Git) (Guide)",
        ),
        (  # a lead that reads on continues its sentence
            "This role may suit you if…",
            ["You enjoy puzzles.", "You like evidence."],
            "• This role may suit you if you enjoy puzzles; you like evidence. (Guide)",
        ),
    ],
)
def test_items_of_one_list_share_their_lead(lead: str, items: list[str], line: str) -> None:
    hits = [
        PassageHit(i, text, "list_item", "Section", GUIDE, 2.0, lead=lead)
        for i, text in enumerate(items, 1)
    ]
    assert composed_lines(units_of(hits)) == line


def test_a_specialisation_is_named_as_people_write_it() -> None:
    from actions.formatting import specialisation_name

    assert [specialisation_name(v) for v in ("nlp", "mlops", "computer_vision")] == [
        "NLP",
        "MLOps",
        "computer vision",
    ]
