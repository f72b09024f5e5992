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


def test_a_reply_is_measured_with_its_buttons_as_they_show() -> None:
    from actions.replies import reply_length

    plain = {"text": "Skills ML engineers need"}
    with_buttons = {**plain, "buttons": [{"title": "Maths", "payload": "/x"}]}
    # "[Maths]" on a line of its own
    assert reply_length([with_buttons]) == reply_length([plain]) + len("[Maths]") + 1


def test_a_reply_over_the_cap_loses_the_earlier_answers_buttons_first() -> None:
    from actions.answer import _within_cap
    from actions.replies import reply_length

    buttons = [{"title": f"Topic {n}", "payload": "/x"} for n in range(4)]
    messages = [
        {"text": "a" * 500, "buttons": list(buttons)},
        {"text": "b" * 500, "buttons": list(buttons)},
        {"text": "c" * 150, "buttons": list(buttons)},
    ]
    _within_cap(messages, 1200)
    assert reply_length(messages) <= 1200
    assert messages[-1]["buttons"] == buttons  # the last answer keeps its follow-ups
    assert [m["text"][0] for m in messages] == ["a", "b", "c"]  # no answer is lost


def test_a_responses_own_buttons_count_and_can_be_dropped() -> None:
    from actions.answer import _within_cap
    from actions.replies import rendered_text, reply_length

    day = {"response": "utter_answer_typical_day", "passages": "• x" * 300}
    assert reply_length([day]) > len(rendered_text(day))  # its domain buttons show too
    messages = [dict(day), dict(day)]
    _within_cap(messages, len(rendered_text(day)) * 2 + 60)
    assert messages[0] == {"text": rendered_text(day)}
