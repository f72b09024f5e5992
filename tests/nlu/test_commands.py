"""Commands to continue or condense the last answer are read by their words."""

from __future__ import annotations

import pytest

from nlu_components.commands import command_intent


@pytest.mark.parametrize(
    "text,intent",
    [
        ("tldr", "ask_shorter"),
        ("TL;DR pls", "ask_shorter"),
        ("too long, sum it up", "ask_shorter"),
        ("can you make it shorter please", "ask_shorter"),
        ("plus court svp", "ask_shorter"),
        ("so whats the short answer", "ask_shorter"),
        ("ok can u squash all that into a couple of lines i can read out to her", "ask_shorter"),
        ("sum it up in 2-3 lines, its for a poster in my classroom", "ask_shorter"),
        ("give me the compressed version", "ask_shorter"),
        ("tu peux résumer en deux phrases ?", "ask_shorter"),
        ("Too long 😅", "ask_shorter"),
        ("go on", "ask_more"),
        ("ok, tell me more", "ask_more"),
        ("what else?", "ask_more"),
        ("dis m'en plus", "ask_more"),
        ("cool, tl;dr?", "ask_shorter"),
        ("yes, more", "ask_more"),
        ("et ensuite ?", "ask_more"),
        ("ok and then?", "ask_more"),
        ("k, in one or two sentences?", "ask_shorter"),
        ("one sentence version?", "ask_shorter"),
        # A command, then why
        ("ok now shorter, she'll lose interest", "ask_shorter"),
        ("go on, i'm listening", "ask_more"),
        ("simpler please, im not technical", "ask_shorter"),
        ("too long, give me 3 bullet points", "ask_shorter"),
        ("ok squeeze all that into one line for me", "ask_shorter"),
        ("just the names, no descriptions", "ask_shorter"),
        ("now explain it like im 5, one sentence", "ask_shorter"),
        ("tl;dr version?", "ask_shorter"),
        ("can you tell me more about that please", "ask_more"),
        ("now 2 lines max so i can text it to my mom", "ask_shorter"),
        ("eli5 in 2 sentences", "ask_shorter"),
        ("donne moi la version courte stp", "ask_shorter"),
        ("résume en 2 lignes stp", "ask_shorter"),
        ("and after that?", "ask_more"),
        # "and?" alone continues; "and" is a filler anywhere else
        ("and?", "ask_more"),
        ("so?", "ask_more"),
        ("et ?", "ask_more"),
        ("ok now tl;dr all of that", "ask_shorter"),
        ("can u boil that down to a couple lines", "ask_shorter"),
        ("gist?", "ask_shorter"),
    ],
)
def test_commands(text: str, intent: str) -> None:
    assert command_intent(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "more money",
        "tell me more about mlops",
        "tell me more, what about seniors?",
        "more money, is that realistic",
        "what are the duties",
        "ok",
        "please",
        "shorter and more",
        "tell me more about mlops please",
        "is that all",
        "and the uk?",
        "so what",
        "that is all, thanks",
        "",
        "more " * 20,
    ],
)
def test_questions_and_mixed_messages_are_not_commands(text: str) -> None:
    assert command_intent(text) is None
