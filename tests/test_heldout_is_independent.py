"""The held-out evaluation set is never used for training."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _normalise(text: str) -> str:
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).lower().strip(" ?!.")


def test_no_held_out_message_is_a_training_example() -> None:
    heldout = yaml.safe_load((ROOT / "tests/eval/heldout.yml").read_text(encoding="utf-8"))
    held = {_normalise(t["text"]) for c in heldout["conversations"] for t in c["turns"]}
    training: set[str] = set()
    for path in [ROOT / "data/nlu.yml", *sorted((ROOT / "data/nlu").glob("*.yml"))]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            training |= {
                _normalise(line.strip()[2:])
                for line in item.get("examples", "").splitlines()
                if line.strip()
            }
    assert held & training == set()
    assert sum(len(c["turns"]) for c in heldout["conversations"]) >= 200
