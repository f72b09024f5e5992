"""Recognise "tell me more" and "shorter" by their words (see ``commands.yml``).

Plain functions on text, used by the pipeline component ``CommandReader`` and by its tests.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from nlu_components.questions import is_question

COMMANDS_FILE = Path(__file__).with_name("commands.yml")
MAX_COMMAND_WORDS = 12


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    raw = yaml.safe_load(COMMANDS_FILE.read_text(encoding="utf-8"))
    phrases = {
        _normalise(phrase): intent
        for intent in ("ask_more", "ask_shorter")
        for phrase in raw[intent]
    }
    return phrases, frozenset(_normalise(f) for f in raw["fillers"])


@functools.lru_cache(maxsize=1)
def _alone() -> dict[str, str]:
    """Words that are a command only as the whole message ("and?"), fillers anywhere else."""
    raw = yaml.safe_load(COMMANDS_FILE.read_text(encoding="utf-8"))
    return {_normalise(phrase): intent for phrase, intent in raw["alone"].items()}


def _normalise(text: str) -> str:
    """Lower case, ";" kept inside "tl;dr", other punctuation and emoji dropped."""
    text = text.lower().replace("tl;dr", "tldr").replace("tl dr", "tldr")
    return " ".join(re.findall(r"[\w'éèàçêù]+", text))


def command_intent(text: str) -> str | None:
    """``ask_more`` or ``ask_shorter`` when the whole message is such a command, else None.

    The message must be made of command phrases of one kind and filler words only ("too long,
    sum it up", "can you make it shorter please"); "more money" or "tell me more about MLOps"
    are questions, left to the classifier.
    """
    whole = _whole_command(text or "")
    if whole is not None:
        return whole
    # "ok now shorter, she'll lose interest": a command, then why; not "tell me more, what
    # about seniors?", whose second part is a question of its own.
    head, comma, reason = (text or "").partition(",")
    if comma and reason.strip() and not is_question(reason):
        return _whole_command(head)
    # "now 2 lines max so i can text it to my mom": the command, then why, without a comma.
    because = REASON_FOLLOWS.search(text or "")
    if because:
        return _whole_command((text or "")[: because.start()])
    return None


REASON_FOLLOWS = re.compile(
    r"\s+(so (that )?(i|we|he|she|they) (can|could)|because|cause|cuz|coz|as i'?m|for my"
    # "… into a couple of lines i can read out to her"
    r"|(that )?(i|we) (can|could) (read|text|send|show|tell|quote|put|say))\b",
    re.I,
)


def _whole_command(text: str) -> str | None:
    words = _normalise(text).split()
    if " ".join(words) in _alone():
        return _alone()[" ".join(words)]
    if not words or len(words) > MAX_COMMAND_WORDS:
        return None
    phrases, fillers = _lexicon()
    found = _cover(tuple(words), phrases, fillers)
    return found.pop() if found and len(found) == 1 else None


def _cover(
    words: tuple[str, ...], phrases: dict[str, str], fillers: frozenset[str]
) -> set[str] | None:
    """The command intents that cover ``words`` entirely (with fillers), or None if they can't."""
    # best[i]: the intents of a covering of words[:i] (None: no covering yet)
    best: list[set[str] | None] = [set()] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - 4), end):
            before = best[start]
            if before is None:
                continue
            chunk = " ".join(words[start:end])
            if chunk in fillers:
                best[end] = before if best[end] is None else best[end]
            elif chunk in phrases:
                best[end] = before | {phrases[chunk]}
    covered = best[-1]
    return covered if covered else None
