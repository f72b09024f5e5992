"""How chosen sentences become the lines of a reply."""

from __future__ import annotations

from actions.formatting import composed_lines
from knowledge.compose import units_of
from knowledge.query import PassageHit, Source

GUIDE = Source("g", "Guide", None, None, None, None)


def test_items_of_one_list_share_their_lead() -> None:
    items = [
        PassageHit(i, text, "list_item", "Skills", GUIDE, 2.0, lead="Essential skills include:")
        for i, text in enumerate(["Applied mathematics", "Version control (Git)"], 1)
    ]
    assert composed_lines(units_of(items)) == (
        "• Essential skills include: Applied mathematics; Version control (Git) (Guide)"
    )


def test_items_of_a_lead_that_reads_on_continue_its_sentence() -> None:
    items = [
        PassageHit(i, text, "list_item", "Fit", GUIDE, 2.0, lead="This role may suit you if…")
        for i, text in enumerate(["You enjoy puzzles.", "You like evidence."], 1)
    ]
    assert composed_lines(units_of(items)) == (
        "• This role may suit you if you enjoy puzzles; you like evidence. (Guide)"
    )
