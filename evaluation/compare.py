"""Compare an alternative NLU pipeline with the main model on the held-out turns (NLU only)."""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from evaluation import nlu, training
from evaluation.heldout import Turn
from evaluation.report import BARS, _confusions, nlu_json

logger = logging.getLogger(__name__)


def run(
    config: Path, turns: list[Turn], main_model: Path | None
) -> tuple[nlu.NluResult, nlu.NluResult | None, float]:
    """Train ``config`` in a temporary folder, score both models: (candidate, main, seconds)."""
    main = nlu.evaluate(main_model, turns) if main_model and main_model.exists() else None
    with tempfile.TemporaryDirectory(prefix="mlcg-cmp-") as tmp:
        model, seconds = training.train(config, Path(tmp))
        logger.info("Trained %s in %.0f s", config, seconds)
        candidate = nlu.evaluate(model, turns)
    return candidate, main, seconds


def _rows(candidate: nlu.NluResult, main: nlu.NluResult | None) -> list[tuple[str, str, str]]:
    def fmt(result: nlu.NluResult | None, getter: Any) -> str:
        return "—" if result is None else getter(result)

    measures = [
        ("Macro intent F1", lambda r: f"{r.macro_f1:.3f}"),
        ("Intent accuracy", lambda r: f"{r.accuracy:.1%}"),
        (
            "Out-of-scope recall (strict)",
            lambda r: f"{r.oos_recall:.3f} ({r.oos_correct}/{r.oos_total})",
        ),
        ("OOS predicted nlu_fallback", lambda r: str(r.oos_as_fallback)),
        ("In-scope predicted out_of_scope", lambda r: str(r.oos_false_refusals)),
        ("nlu_fallback predictions", lambda r: str(r.fallback_count)),
        ("Entity F1", lambda r: f"{r.entity_overall.f1:.3f}"),
        ("Parse latency p50", lambda r: f"{r.latency_p50_ms:.1f} ms"),
        ("Parse latency p95", lambda r: f"{r.latency_p95_ms:.1f} ms"),
    ]
    return [(label, fmt(main, getter), fmt(candidate, getter)) for label, getter in measures]


def summary_lines(
    config: Path, candidate: nlu.NluResult, main: nlu.NluResult | None, seconds: float
) -> list[str]:
    """Side-by-side plain-text table."""
    rows = _rows(candidate, main)
    width = max(len(label) for label, _, _ in rows) + 2
    lines = [f"{'':{width}}{'main (config.yml)':>22}{config.name:>22}"]
    lines += [f"{label:{width}}{a:>22}{b:>22}" for label, a, b in rows]
    lines.append(f"{'Training time':{width}}{'':>22}{seconds:>20.0f} s")
    for bar in BARS[:2]:
        value = candidate.macro_f1 if bar.key == "macro_f1" else candidate.oos_recall
        lines.append(
            f"  {config.name}: {'PASS' if value >= bar.minimum else 'FAIL'} {bar.label} "
            f"{value:.3f} (bar ≥ {bar.minimum:.2f})"
        )
    return lines


def write(
    config: Path,
    candidate: nlu.NluResult,
    main: nlu.NluResult | None,
    seconds: float,
    reports: Path,
) -> tuple[Path, Path]:
    """reports/compare-<config stem>.md and .json."""
    reports.mkdir(parents=True, exist_ok=True)
    stem = config.stem
    lines = [
        f"# NLU pipeline comparison: `config.yml` vs `{config}`",
        "",
        f"{len(candidate.parses)} held-out turns, NLU only (same data and domain; the candidate "
        f"was trained by `rasa train --config {config}` in {seconds:.0f} s, at low priority "
        "with one TensorFlow thread).",
        "",
        f"| measure | main (`config.yml`) | `{config.name}` |",
        "|---|---:|---:|",
        *(f"| {label} | {a} | {b} |" for label, a, b in _rows(candidate, main)),
        "",
        "## F1 per intent",
        "",
        f"| intent | support | main | `{config.name}` |",
        "|---|---:|---:|---:|",
    ]
    for label in candidate.labels:
        m = f"{main.per_intent[label].f1:.2f}" if main and label in main.per_intent else "—"
        c = candidate.per_intent[label]
        lines.append(f"| `{label}` | {c.support} | {m} | {c.f1:.2f} |")
    lines += [
        "",
        f"## Confusions of `{config.name}` ({len(candidate.intent_errors())})",
        "",
        *_confusions(candidate.intent_errors()),
        "",
    ]
    md, js = reports / f"compare-{stem}.md", reports / f"compare-{stem}.json"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    js.write_text(
        json.dumps(
            {
                "config": str(config),
                "training_seconds": seconds,
                "candidate": nlu_json(candidate),
                "main": nlu_json(main) if main else None,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return md, js
