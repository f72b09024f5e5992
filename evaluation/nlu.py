"""NLU metrics: parse every held-out turn in-process with the trained model and score it.

The model is loaded with ``rasa.core.agent.Agent`` in this process, so the caller must have
imported Rasa (and with it TensorFlow) before anything imports spaCy; see ``__main__``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from evaluation.heldout import Turn
from gazetteer.entities import ENTITY_NAMES, normalise, vocabulary
from gazetteer.levels import ASKED_LEVELS

logger = logging.getLogger(__name__)

OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
WARMUP_MESSAGES = ("hello", "how much does an ml engineer earn in france")


@dataclass(frozen=True)
class Parse:
    """The model's reading of one turn."""

    turn: Turn
    intent: str
    confidence: float
    raw_entities: tuple[dict[str, Any], ...]
    entities: frozenset[tuple[str, str]]
    unnormalisable: tuple[tuple[str, str], ...]
    seconds: float


@dataclass(frozen=True)
class Scores:
    """Precision / recall / F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Counts:
    """True/false positives and false negatives of (entity, value) pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def as_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
        }


@dataclass
class NluResult:
    """Every NLU number of one model on the held-out turns."""

    model: str
    parses: list[Parse]
    labels: list[str]
    per_intent: dict[str, Scores]
    macro_f1: float
    accuracy: float
    oos_total: int
    oos_correct: int
    oos_as_fallback: int
    oos_false_refusals: int
    fallback_count: int
    entity_overall: Counts
    per_entity: dict[str, Counts]
    unnormalisable: int
    latency_p50_ms: float
    latency_p95_ms: float
    matrix_labels: list[str] = field(default_factory=list)
    matrix: list[list[int]] = field(default_factory=list)

    @property
    def oos_recall(self) -> float:
        return self.oos_correct / self.oos_total if self.oos_total else 0.0

    def intent_errors(self) -> list[Parse]:
        return [p for p in self.parses if p.intent != p.turn.intent]

    def entity_errors(self) -> list[tuple[Parse, set[tuple[str, str]], set[tuple[str, str]]]]:
        """(parse, missed gold pairs, spurious predicted pairs) for turns with any error."""
        errors = []
        for parse in self.parses:
            gold = gold_entities(parse.turn)
            missed, spurious = gold - parse.entities, set(parse.entities) - gold
            if missed or spurious:
                errors.append((parse, missed, spurious))
        return errors


# ------------------------------------------------------------------------------- parsing


def load_agent(model_path: Path) -> Any:
    """Load a trained Rasa model (NLU and core) into this process."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))
    if not agent.is_ready():
        raise RuntimeError(f"{model_path} did not load into a ready agent")
    return agent


def normalised_pairs(
    raw: list[dict[str, Any]],
) -> tuple[set[tuple[str, str]], list[tuple[str, str]]]:
    """Predicted entities as (entity, normalised value), plus the ones that do not normalise."""
    pairs: set[tuple[str, str]] = set()
    skipped: list[tuple[str, str]] = []
    for entity in raw:
        label, value = str(entity.get("entity")), entity.get("value")
        text = value if isinstance(value, str) else str(entity.get("text") or "")
        normalised = normalise(label, text)
        if normalised is None:
            skipped.append((label, text))
        else:
            pairs.add((label, normalised))
    return pairs, skipped


SEVERAL = "ask_several"


def _scored_intent(result: dict[str, Any]) -> dict[str, Any]:
    """The intent a parse is scored by.

    ``ask_several`` is a routing label (the message asks several questions, each classified on
    its own by the channel), not an intent the sets label: such a message is scored by the
    classifier's best real intent for the whole message.
    """
    intent = result.get("intent") or {}
    if intent.get("name") != SEVERAL:
        return intent
    ranking = [r for r in result.get("intent_ranking") or [] if r.get("name") != SEVERAL]
    return ranking[0] if ranking else intent


async def _parse_all(agent: Any, turns: list[Turn]) -> list[Parse]:
    for message in WARMUP_MESSAGES:
        await agent.parse_message(message)
    parses = []
    for turn in turns:
        started = time.perf_counter()
        result = await agent.parse_message(turn.text)
        seconds = time.perf_counter() - started
        intent = _scored_intent(result)
        raw = tuple(result.get("entities") or ())
        pairs, skipped = normalised_pairs(list(raw))
        parses.append(
            Parse(
                turn=turn,
                intent=str(intent.get("name") or FALLBACK),
                confidence=float(intent.get("confidence") or 0.0),
                raw_entities=raw,
                entities=frozenset(pairs),
                unnormalisable=tuple(skipped),
                seconds=seconds,
            )
        )
    return parses


def parse_turns(agent: Any, turns: list[Turn]) -> list[Parse]:
    """Parse every turn (context-free, as the NLU sees it), timing each parse."""
    return asyncio.run(_parse_all(agent, turns))


# ------------------------------------------------------------------------------- scoring


def _known_values(entity: str) -> set[str]:
    if entity == "level":
        return set(ASKED_LEVELS)
    return set(vocabulary().get(entity, {}))


def canonical_gold(entity: str, value: str) -> str:
    """The gold value as ``normalise`` would write it.

    Gold values are normalised already (ISO codes, ``senior``, ``data_scientist``…), except that
    ``background`` is written as free text ("data analyst", "physics"); those go through
    ``normalise`` like the predictions, so both sides meet on the same value.
    """
    if entity == "country" and re.fullmatch(r"[A-Z]{2}", value):
        return value
    if value in _known_values(entity):
        return value
    return normalise(entity, value) or value


def gold_entities(turn: Turn) -> set[tuple[str, str]]:
    """The turn's gold (entity, normalised value) pairs."""
    return {(entity, canonical_gold(entity, value)) for entity, value in turn.entities}


def score(model: str, parses: list[Parse]) -> NluResult:
    """Intent, out-of-scope, entity and latency figures for one model's parses."""
    gold = [p.turn.intent for p in parses]
    predicted = [p.intent for p in parses]
    labels = sorted(set(gold))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    per_intent = {
        label: Scores(float(p), float(r), float(f), int(s))
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    macro_f1 = float(np.mean(f1)) if len(labels) else 0.0

    oos = [p for p in parses if p.turn.intent == OUT_OF_SCOPE]
    tp_fp_fn: dict[str, Counter[str]] = {name: Counter() for name in ENTITY_NAMES}
    unnormalisable = 0
    for parse in parses:
        gold_pairs = gold_entities(parse.turn)
        unnormalisable += len(parse.unnormalisable)
        for entity, _ in gold_pairs & parse.entities:
            tp_fp_fn.setdefault(entity, Counter())["tp"] += 1
        for entity, _ in parse.entities - gold_pairs:
            tp_fp_fn.setdefault(entity, Counter())["fp"] += 1
        for entity, _ in gold_pairs - parse.entities:
            tp_fp_fn.setdefault(entity, Counter())["fn"] += 1
    per_entity = {
        e: Counts(c["tp"], c["fp"], c["fn"]) for e, c in tp_fp_fn.items() if sum(c.values())
    }
    overall = Counts(*(sum(c[k] for c in tp_fp_fn.values()) for k in ("tp", "fp", "fn")))

    matrix_labels = labels + sorted(set(predicted) - set(labels))
    matrix = confusion_matrix(gold, predicted, labels=matrix_labels)
    latencies = np.array([p.seconds for p in parses]) * 1000
    return NluResult(
        model=model,
        parses=parses,
        labels=labels,
        per_intent=per_intent,
        macro_f1=macro_f1,
        accuracy=sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(parses)
        if parses
        else 0.0,
        oos_total=len(oos),
        oos_correct=sum(p.intent == OUT_OF_SCOPE for p in oos),
        oos_as_fallback=sum(p.intent == FALLBACK for p in oos),
        oos_false_refusals=sum(
            p.intent == OUT_OF_SCOPE and p.turn.intent != OUT_OF_SCOPE for p in parses
        ),
        fallback_count=sum(p.intent == FALLBACK for p in parses),
        entity_overall=overall,
        per_entity=per_entity,
        unnormalisable=unnormalisable,
        latency_p50_ms=float(np.percentile(latencies, 50)) if len(latencies) else 0.0,
        latency_p95_ms=float(np.percentile(latencies, 95)) if len(latencies) else 0.0,
        matrix_labels=matrix_labels,
        matrix=matrix.tolist(),
    )


def evaluate(model_path: Path, turns: list[Turn]) -> NluResult:
    """Load the model, parse every turn and score the parses."""
    logger.info("Loading %s", model_path)
    agent = load_agent(model_path)
    logger.info("Parsing %d held-out turns", len(turns))
    return score(model_path.name, parse_turns(agent, turns))
