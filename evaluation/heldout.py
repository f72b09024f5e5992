"""Load the held-out conversations (``tests/eval/heldout.yml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HELDOUT_PATH = PROJECT_ROOT / "tests" / "eval" / "heldout.yml"
# Written after the training data was frozen, by someone who never saw it or the held-out set.
BLIND_PATH = PROJECT_ROOT / "tests" / "eval" / "blind.yml"


@dataclass(frozen=True)
class Turn:
    """One user message with its gold labels and the facts its answer must contain."""

    conversation: str
    index: int
    text: str
    intent: str
    entities: tuple[tuple[str, str], ...]
    answer_contains: tuple[str, ...]

    @property
    def key(self) -> str:
        """A stable id for the turn: ``<conversation>#<position from 1>``."""
        return f"{self.conversation}#{self.index + 1}"


@dataclass(frozen=True)
class Conversation:
    """Turns replayed in order with one sender id, so follow-ups see the context."""

    id: str
    turns: tuple[Turn, ...]


def load(path: Path = HELDOUT_PATH) -> list[Conversation]:
    """Parse the held-out file; raises ``ValueError`` on a malformed conversation or turn."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    conversations: list[Conversation] = []
    seen: set[str] = set()
    for raw in data.get("conversations") or []:
        cid = str(raw["id"])
        if cid in seen:
            raise ValueError(f"{path}: conversation id {cid!r} is used twice")
        seen.add(cid)
        turns = []
        for index, turn in enumerate(raw.get("turns") or []):
            if not turn.get("text") or not turn.get("intent"):
                raise ValueError(f"{path}: {cid} turn {index + 1} needs a text and an intent")
            entities = turn.get("entities") or {}
            turns.append(
                Turn(
                    conversation=cid,
                    index=index,
                    text=str(turn["text"]),
                    intent=str(turn["intent"]),
                    entities=tuple(sorted((str(k), str(v)) for k, v in entities.items())),
                    answer_contains=tuple(str(f) for f in turn.get("answer_contains") or []),
                )
            )
        conversations.append(Conversation(cid, tuple(turns)))
    return conversations


def all_turns(conversations: list[Conversation]) -> list[Turn]:
    """Every turn of every conversation, in file order."""
    return [turn for conversation in conversations for turn in conversation.turns]
