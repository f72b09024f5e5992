"""What makes a sentence filler: a page talking about itself, a dangling lead-in, a fragment.

Rules in ``rules/filler.yml``. Ingestion uses them to keep filler out of list lead-ins, answer
composition to leave filler sentences out of answers.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FILLER_FILE = Path(__file__).parent / "rules" / "filler.yml"


@dataclass(frozen=True)
class FillerRules:
    """What makes a sentence filler (see ``rules/filler.yml``)."""

    patterns: tuple[re.Pattern[str], ...]
    pointers: tuple[re.Pattern[str], ...]
    lead_in_endings: tuple[str, ...]
    min_chars: int


@functools.lru_cache(maxsize=1)
def filler_rules() -> FillerRules:
    """The filler rules, read once per process."""
    raw = yaml.safe_load(FILLER_FILE.read_text(encoding="utf-8"))
    pointers = tuple(re.compile(p, re.I) for p in raw.get("pointer_sentences") or ())
    return FillerRules(
        patterns=tuple(re.compile(p, re.I) for p in raw.get("filler_sentences") or ()) + pointers,
        pointers=pointers,
        lead_in_endings=tuple(raw.get("lead_in_endings") or ()),
        min_chars=int(raw.get("min_sentence_chars", 30)),
    )


def is_filler(text: str, pointers_wanted: bool = False) -> bool:
    """True for a sentence about the page, a dangling lead-in or a fragment.

    ``pointers_wanted`` when the person asks where to find advice: a pointer to another website
    is then an answer, not filler.
    """
    rules = filler_rules()
    stripped = text.strip()
    if len(stripped) < rules.min_chars:
        return True
    if stripped.endswith(rules.lead_in_endings):
        return True
    kept = set(rules.pointers) if pointers_wanted else set()
    return any(pattern.search(stripped) for pattern in rules.patterns if pattern not in kept)


# "any uk specific place for careers advice?", "which websites should i read": a person asking
# where to look, to whom a pointer to another website answers.
ASKS_WHERE_TO_LOOK = re.compile(
    r"\b(where|which|what|any|anything)\b[^.?!]*\b(advice|resources?|websites?|sites?|links?|hubs?"
    r"|services?|places? (to|for) (get|find|learn|look)|look(ing)? up|training routes?)\b",
    re.I,
)
