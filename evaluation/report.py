"""Render the results: reports/eval.md, reports/eval.json and the summary printed to stdout."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.answers import (
    AnswerOutcome,
    accuracy,
    accuracy_by_intent,
    reply_lengths,
    short_accuracy,
)
from evaluation.heldout import HELDOUT_PATH, PROJECT_ROOT
from evaluation.nlu import NluResult, Parse, gold_entities

REPLY_CHARS = 300


@dataclass(frozen=True)
class Bar:
    """A quality bar: the measure must reach ``minimum``."""

    key: str
    label: str
    minimum: float
    percent: bool = False


BARS = (
    Bar("macro_f1", "Macro intent F1", 0.95),
    Bar("oos_recall", "Out-of-scope recall (strict)", 0.90),
    Bar("e2e_accuracy", "End-to-end answer accuracy", 0.95, percent=True),
)


@dataclass
class Evaluation:
    """What one run measured (``e2e`` and ``baseline`` are None with ``--nlu-only``)."""

    model: Path
    conversations: int
    nlu: NluResult
    e2e: list[AnswerOutcome] | None
    baseline: list[AnswerOutcome] | None
    e2e_seconds: float | None = None
    heldout: Path = HELDOUT_PATH

    def measures(self) -> dict[str, float | None]:
        return {
            "macro_f1": self.nlu.macro_f1,
            "oos_recall": self.nlu.oos_recall if self.nlu.oos_total else None,
            "entity_f1": self.nlu.entity_overall.f1,
            "e2e_accuracy": accuracy(self.e2e) if self.e2e is not None else None,
            "baseline_accuracy": accuracy(self.baseline) if self.baseline is not None else None,
            "e2e_short_accuracy": short_accuracy(self.e2e) if self.e2e is not None else None,
            "baseline_short_accuracy": (
                short_accuracy(self.baseline) if self.baseline is not None else None
            ),
        }

    def bar_results(self) -> list[tuple[Bar, float | None, str]]:
        measures = self.measures()
        results = []
        for bar in BARS:
            value = measures[bar.key]
            verdict = "not run" if value is None else ("PASS" if value >= bar.minimum else "FAIL")
            results.append((bar, value, verdict))
        return results


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "not run"
    return f"{value:.1%}" if percent else f"{value:.3f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ⏎ ")


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _pairs(pairs: set[tuple[str, str]] | frozenset[tuple[str, str]]) -> str:
    return ", ".join(f"{e}={v}" for e, v in sorted(pairs)) or "—"


def _count(outcomes: list[AnswerOutcome] | None, *, short: bool = False) -> str:
    if outcomes is None:
        return "not run"
    right = sum(o.correct_short if short else o.correct for o in outcomes)
    return f"{right}/{len(outcomes)}"


# ------------------------------------------------------------------------------- summary


def summary_lines(evaluation: Evaluation) -> list[str]:
    """The plain-text summary printed at the end of a run."""
    nlu, measures = evaluation.nlu, evaluation.measures()
    ents = nlu.entity_overall
    lines = [
        f"{evaluation.heldout.name}: {evaluation.conversations} conversations, "
        f"{len(nlu.parses)} turns (model {evaluation.model.name})",
        f"  Macro intent F1          {_fmt(nlu.macro_f1)}   (intent accuracy {nlu.accuracy:.1%})",
        f"  Out-of-scope recall      {_fmt(nlu.oos_recall)}   ({nlu.oos_correct}/{nlu.oos_total}; "
        f"{nlu.oos_as_fallback} more as nlu_fallback; {nlu.oos_false_refusals} in-scope turns "
        f"predicted out_of_scope)",
        f"  Entity F1                {_fmt(ents.f1)}   (P {ents.precision:.3f}, "
        f"R {ents.recall:.3f}; {nlu.unnormalisable} unnormalisable skipped)",
        f"  End-to-end accuracy      {_fmt(measures['e2e_accuracy'], True)}"
        + (f"   ({_count(evaluation.e2e)})" if evaluation.e2e is not None else " (--nlu-only)"),
        f"  Retrieval baseline       {_fmt(measures['baseline_accuracy'], True)}"
        + (f"   ({_count(evaluation.baseline)})" if evaluation.baseline is not None else ""),
        f"  E2E, core facts only     {_fmt(measures['e2e_short_accuracy'], True)}"
        + (
            f"   ({_count(evaluation.e2e, short=True)}; baseline "
            f"{_count(evaluation.baseline, short=True)})"
            if evaluation.e2e is not None and evaluation.baseline is not None
            else ""
        ),
        *(
            [
                "  Reply length             median {median}, p95 {p95}, max {max} "
                "characters".format(**reply_lengths(evaluation.e2e))
            ]
            if evaluation.e2e is not None
            else []
        ),
        f"  NLU parse latency        p50 {nlu.latency_p50_ms:.1f} ms, "
        f"p95 {nlu.latency_p95_ms:.1f} ms",
        "Bars:",
    ]
    failing = []
    for bar, value, verdict in evaluation.bar_results():
        lines.append(
            f"  {verdict:7} {bar.label} = {_fmt(value, bar.percent)} "
            f"(bar ≥ {_fmt(bar.minimum, bar.percent)})"
        )
        if verdict == "FAIL":
            failing.append(bar.label)
    lines.append(
        f"FAILING BARS: {', '.join(failing)}" if failing else "All bars that were run are met."
    )
    return lines


# ------------------------------------------------------------------------------- markdown


def _intent_table(evaluation: Evaluation) -> list[str]:
    nlu = evaluation.nlu
    e2e = accuracy_by_intent(evaluation.e2e) if evaluation.e2e is not None else {}
    base = accuracy_by_intent(evaluation.baseline) if evaluation.baseline is not None else {}
    lines = [
        "| intent | support | precision | recall | F1 | e2e correct | baseline correct |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label in nlu.labels:
        s = nlu.per_intent[label]
        e = f"{e2e[label][0]}/{e2e[label][1]}" if label in e2e else "—"
        b = f"{base[label][0]}/{base[label][1]}" if label in base else "—"
        flag = " ⚠" if s.f1 < 0.9 else ""
        lines.append(
            _row(
                f"`{label}`{flag}",
                s.support,
                f"{s.precision:.2f}",
                f"{s.recall:.2f}",
                f"{s.f1:.2f}",
                e,
                b,
            )
        )
    lines.append(
        _row(
            "**macro**",
            len(nlu.parses),
            "",
            "",
            f"**{nlu.macro_f1:.3f}**",
            _count(evaluation.e2e),
            _count(evaluation.baseline),
        )
    )
    return lines


def _entity_section(nlu: NluResult) -> list[str]:
    lines = [
        "Pairs (entity, normalised value) per turn, as a set. Predictions are normalised with "
        "`gazetteer.entities.normalise(entity, value)`; predictions that do not normalise are "
        f"skipped ({nlu.unnormalisable} here). Gold `background` values are free text in the "
        "held-out file and go through the same `normalise` (e.g. `physics` → `research`).",
        "",
        "| entity | gold pairs | true pos. | false pos. | false neg. | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for entity, c in sorted(nlu.per_entity.items()):
        lines.append(
            f"| `{entity}` | {c.support} | {c.tp} | {c.fp} | {c.fn} | {c.precision:.2f} | "
            f"{c.recall:.2f} | {c.f1:.2f} |"
        )
    o = nlu.entity_overall
    lines.append(
        f"| **all** | {o.support} | {o.tp} | {o.fp} | {o.fn} | "
        f"**{o.precision:.3f}** | **{o.recall:.3f}** | **{o.f1:.3f}** |"
    )
    errors = nlu.entity_errors()
    if errors:
        lines += [
            "",
            f"Turns with an entity error ({len(errors)}):",
            "",
            "| turn | text | missed (gold) | spurious (predicted) | raw spans |",
            "|---|---|---|---|---|",
        ]
        for parse, missed, spurious in errors:
            raw = (
                ", ".join(f"{e.get('entity')}:'{e.get('value')}'" for e in parse.raw_entities)
                or "—"
            )
            lines.append(
                _row(
                    parse.turn.key,
                    _cell(parse.turn.text),
                    _pairs(missed),
                    _pairs(spurious),
                    _cell(raw),
                )
            )
    return lines


def _confusions(parses: list[Parse]) -> list[str]:
    if not parses:
        return ["None."]
    lines = ["| turn | text | gold | predicted (confidence) |", "|---|---|---|---|"]
    for p in sorted(parses, key=lambda p: (p.turn.intent, p.intent, p.turn.key)):
        lines.append(
            _row(
                p.turn.key,
                _cell(p.turn.text),
                f"`{p.turn.intent}`",
                f"`{p.intent}` ({p.confidence:.2f})",
            )
        )
    return lines


def _failures(outcomes: list[AnswerOutcome], nlu: NluResult) -> list[str]:
    failed = [o for o in outcomes if not o.correct]
    if not failed:
        return ["None."]
    predicted = {p.turn.key: p for p in nlu.parses}
    lines = [
        "| turn | text | gold intent | NLU intent | missing | reply (first 300 chars) |",
        "|---|---|---|---|---|---|",
    ]
    for o in failed:
        parse = predicted.get(o.turn.key)
        intent = parse.intent if parse else "?"
        mark = "" if intent == o.turn.intent else " ✗"
        missing = ", ".join(f"`{m}`" for m in o.missing) if not o.error else f"error: {o.error}"
        lines.append(
            _row(
                o.turn.key,
                _cell(o.turn.text),
                f"`{o.turn.intent}`",
                f"`{intent}`{mark}",
                missing,
                _cell(o.reply[:REPLY_CHARS]) or "*(no reply)*",
            )
        )
    return lines


def markdown(evaluation: Evaluation, confusion_png: str) -> str:
    """The full report."""
    nlu, measures = evaluation.nlu, evaluation.measures()
    verdicts = {bar.key: (bar, verdict) for bar, _, verdict in evaluation.bar_results()}

    def row(label: str, key: str, value: str, detail: str) -> str:
        bar, verdict = verdicts.get(key, (None, ""))
        limit = f"≥ {_fmt(bar.minimum, bar.percent)}" if bar else "—"
        return f"| {label} | {value} | {detail} | {limit} | {f'**{verdict}**' if verdict else ''} |"

    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        f"# Evaluation on `{evaluation.heldout.name}`",
        "",
        f"Model `{evaluation.model.name}`, `{_relative(evaluation.heldout)}`: "
        f"{evaluation.conversations} conversations, {len(nlu.parses)} turns. "
        f"Generated {now} by `python -m evaluation`.",
        "",
        "## Summary",
        "",
        "| measure | value | detail | bar | result |",
        "|---|---:|---|---|---|",
        row(
            "Macro intent F1",
            "macro_f1",
            _fmt(nlu.macro_f1),
            f"over {len(nlu.labels)} gold intents; intent accuracy {nlu.accuracy:.1%}; "
            f"{nlu.fallback_count} turns predicted `nlu_fallback` (counted as misses)",
        ),
        row(
            "Out-of-scope recall (strict)",
            "oos_recall",
            _fmt(nlu.oos_recall),
            f"{nlu.oos_correct}/{nlu.oos_total}; "
            f"{nlu.oos_as_fallback} more predicted `nlu_fallback`; "
            f"{nlu.oos_false_refusals} in-scope turns predicted `out_of_scope`",
        ),
        row(
            "Entity F1 (entity, value)",
            "entity_f1",
            _fmt(nlu.entity_overall.f1),
            f"P {nlu.entity_overall.precision:.3f}, R {nlu.entity_overall.recall:.3f}",
        ),
        row(
            "End-to-end accuracy (bot)",
            "e2e_accuracy",
            _fmt(measures["e2e_accuracy"], True),
            f"{_count(evaluation.e2e)} turns whose reply contains every `answer_contains` fact"
            if evaluation.e2e is not None
            else "skipped (`--nlu-only`)",
        ),
        row(
            "End-to-end accuracy, core facts only",
            "e2e_short_accuracy",
            _fmt(measures["e2e_short_accuracy"], True),
            f"{_count(evaluation.e2e, short=True)}: `short_answer_contains` where the set "
            f"re-judged a turn's facts for a ~600-character answer (baseline "
            f"{_count(evaluation.baseline, short=True)})"
            if evaluation.e2e is not None
            else "skipped (`--nlu-only`)",
        ),
        row(
            "Retrieval baseline accuracy",
            "baseline_accuracy",
            _fmt(measures["baseline_accuracy"], True),
            f"{_count(evaluation.baseline)}; best full-text passage + source label, same criterion"
            if evaluation.baseline is not None
            else "skipped (`--nlu-only`)",
        ),
        row(
            "NLU parse latency",
            "latency",
            f"p50 {nlu.latency_p50_ms:.1f} ms",
            f"p95 {nlu.latency_p95_ms:.1f} ms, in-process `Agent.parse_message`",
        ),
        "",
        "End-to-end: every conversation replayed in order with its own sender id through the REST "
        "channel of the real bot (Rasa + action server). A turn is correct when the joined reply "
        "text contains every expected fact (case-insensitive).",
        "",
        "## Per intent",
        "",
        *_intent_table(evaluation),
        "",
        f"![confusion matrix]({confusion_png})",
        "",
        "## Entities",
        "",
        *_entity_section(nlu),
        "",
        f"## NLU confusions ({len(nlu.intent_errors())})",
        "",
        *_confusions(nlu.intent_errors()),
        "",
    ]
    if evaluation.e2e is not None:
        failed = sum(not o.correct for o in evaluation.e2e)
        lines += [f"## End-to-end failures ({failed})", "", *_failures(evaluation.e2e, nlu), ""]
    if evaluation.baseline is not None:
        bot_right = {o.turn.key for o in evaluation.e2e or [] if o.correct}
        only_baseline = [
            o for o in evaluation.baseline if o.correct and o.turn.key not in bot_right
        ]
        if only_baseline and evaluation.e2e is not None:
            lines += [
                "## Turns the baseline answers and the bot does not",
                "",
                *(f"- {o.turn.key}: {_cell(o.turn.text)}" for o in only_baseline),
                "",
            ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------- json


def _outcomes_json(outcomes: list[AnswerOutcome] | None) -> dict[str, Any] | None:
    if outcomes is None:
        return None
    return {
        "accuracy": accuracy(outcomes),
        "short_accuracy": short_accuracy(outcomes),
        "correct": sum(o.correct for o in outcomes),
        "total": len(outcomes),
        "per_intent": {
            k: {"correct": c, "total": t} for k, (c, t) in accuracy_by_intent(outcomes).items()
        },
        "failures": [
            {
                "conversation": o.turn.conversation,
                "turn": o.turn.index + 1,
                "text": o.turn.text,
                "intent": o.turn.intent,
                "missing": list(o.missing),
                "missing_core": list(o.missing_core),
                "error": o.error,
                "reply": o.reply[:REPLY_CHARS],
            }
            for o in outcomes
            if not o.correct
        ],
    }


def nlu_json(nlu: NluResult) -> dict[str, Any]:
    """The NLU numbers as plain JSON types."""
    return {
        "model": nlu.model,
        "turns": len(nlu.parses),
        "macro_f1": nlu.macro_f1,
        "intent_accuracy": nlu.accuracy,
        "per_intent": {k: vars(s) for k, s in nlu.per_intent.items()},
        "out_of_scope": {
            "recall": nlu.oos_recall,
            "correct": nlu.oos_correct,
            "total": nlu.oos_total,
            "predicted_nlu_fallback": nlu.oos_as_fallback,
            "in_scope_predicted_out_of_scope": nlu.oos_false_refusals,
        },
        "nlu_fallback_predictions": nlu.fallback_count,
        "entities": {
            **nlu.entity_overall.as_dict(),
            "unnormalisable_skipped": nlu.unnormalisable,
            "per_entity": {k: c.as_dict() for k, c in nlu.per_entity.items()},
        },
        "latency_ms": {"p50": nlu.latency_p50_ms, "p95": nlu.latency_p95_ms},
        "confusions": [
            {
                "turn": p.turn.key,
                "text": p.turn.text,
                "gold": p.turn.intent,
                "predicted": p.intent,
                "confidence": p.confidence,
            }
            for p in nlu.intent_errors()
        ],
        "entity_errors": [
            {
                "turn": p.turn.key,
                "text": p.turn.text,
                "gold": sorted(map(list, gold_entities(p.turn))),
                "missed": sorted(map(list, missed)),
                "spurious": sorted(map(list, spurious)),
            }
            for p, missed, spurious in nlu.entity_errors()
        ],
    }


def as_json(evaluation: Evaluation) -> dict[str, Any]:
    """Every number of the run, for scripts and comparisons."""
    return {
        "model": str(evaluation.model),
        "conversations": evaluation.conversations,
        "summary": evaluation.measures(),
        "bars": {
            bar.key: {"minimum": bar.minimum, "value": value, "result": verdict}
            for bar, value, verdict in evaluation.bar_results()
        },
        "nlu": nlu_json(evaluation.nlu),
        "e2e": _outcomes_json(evaluation.e2e),
        "e2e_seconds": evaluation.e2e_seconds,
        "baseline": _outcomes_json(evaluation.baseline),
    }


def write(evaluation: Evaluation, reports: Path, confusion_png: Path) -> tuple[Path, Path]:
    """Write eval.md and eval.json into ``reports``."""
    reports.mkdir(parents=True, exist_ok=True)
    md, js = reports / "eval.md", reports / "eval.json"
    md.write_text(markdown(evaluation, confusion_png.name) + "\n", encoding="utf-8")
    js.write_text(json.dumps(as_json(evaluation), indent=2) + "\n", encoding="utf-8")
    return md, js


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
