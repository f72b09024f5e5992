"""``python -m evaluation.conversations``: score the bot's answers on the conversations set.

``evaluation/sets/conversations.yml`` holds multi-turn conversations as people have them (topic
switches, questions about the last answer, two questions at once, pasted backgrounds, honest
gaps, French), each turn with the facts its answer must contain, what it must not say and a
length cap. It has no intent labels: only the answers are scored, through the running bot's
REST channel, beside a retrieval-only baseline (the best full-text passage) on the same turns.
Writes ``reports/conversations/report.md`` and ``report.json``; prints a summary.

Options:
    --set PATH      the conversations file (default evaluation/sets/conversations.yml)
    --model PATH    the trained model (default models/ml-career-guide.tar.gz)
    --reports DIR   output folder (default reports/conversations)
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from evaluation.answers import AnswerOutcome, accuracy, accuracy_by_intent, reply_lengths
from evaluation.heldout import CONVERSATIONS_PATH, PROJECT_ROOT, all_turns, load

logger = logging.getLogger("evaluation")
BAR = 0.90
"""Share of correct turns the conversations set must reach."""


def by_class(outcomes: list[AnswerOutcome]) -> dict[str, tuple[int, int]]:
    """Conversation class -> (correct turns, turns): the set's turns carry their class as intent."""
    return accuracy_by_intent(outcomes)


def _why(outcome: AnswerOutcome) -> str:
    reasons = []
    if outcome.missing:
        reasons.append(f"missing {', '.join(outcome.missing)}")
    if outcome.forbidden:
        reasons.append(f"says {', '.join(outcome.forbidden)}")
    if outcome.too_long:
        reasons.append(f"{len(outcome.reply)} > {outcome.turn.max_chars} chars")
    if outcome.error:
        reasons.append(outcome.error)
    return "; ".join(reasons)


def markdown(bot: list[AnswerOutcome], baseline: list[AnswerOutcome], source: Path) -> str:
    """The report: overall and per-class accuracy, reply lengths, every failed turn."""
    lengths = reply_lengths(bot)
    lines = [
        f"# Conversations set ({source.name})",
        "",
        f"{len(bot)} turns. A turn is correct when the reply contains every expected fact, none",
        "of the excluded strings, and is no longer than the turn's cap (1,200 characters unless",
        "the turn allows more).",
        "",
        "| measure | bot | retrieval-only baseline |",
        "|---|---|---|",
        f"| correct turns | **{accuracy(bot):.1%}** ({sum(o.correct for o in bot)}/{len(bot)}) "
        f"| {accuracy(baseline):.1%} ({sum(o.correct for o in baseline)}/{len(baseline)}) |",
        f"| reply length median / p95 / max | {lengths['median']} / {lengths['p95']} / "
        f"{lengths['max']} | — |",
        f"| replies over their cap | {sum(o.too_long for o in bot)} | — |",
        "",
        "| class | bot | baseline |",
        "|---|---|---|",
    ]
    base = by_class(baseline)
    for name, (correct, total) in by_class(bot).items():
        b_correct, _ = base.get(name, (0, total))
        lines.append(f"| {name} | {correct}/{total} | {b_correct}/{total} |")
    lines += ["", "## Failed turns", ""]
    for outcome in bot:
        if outcome.correct:
            continue
        reply = outcome.reply.replace("\n", " ")
        lines.append(
            f"* `{outcome.turn.key}` ({outcome.turn.intent}) “{outcome.turn.text}” — "
            f"{_why(outcome)}<br>reply: {reply[:400]}{'…' if len(reply) > 400 else ''}"
        )
    return "\n".join(lines) + "\n"


def as_json(bot: list[AnswerOutcome], baseline: list[AnswerOutcome]) -> dict[str, object]:
    """The numbers of the report, for machines."""
    return {
        "turns": len(bot),
        "accuracy": accuracy(bot),
        "baseline_accuracy": accuracy(baseline),
        "reply_lengths": reply_lengths(bot),
        "over_cap": sum(o.too_long for o in bot),
        "by_class": {k: {"correct": c, "turns": t} for k, (c, t) in by_class(bot).items()},
        "failed": [
            {"turn": o.turn.key, "text": o.turn.text, "why": _why(o), "reply": o.reply}
            for o in bot
            if not o.correct
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.conversations")
    parser.add_argument("--set", type=Path, default=CONVERSATIONS_PATH)
    parser.add_argument(
        "--model", type=Path, default=PROJECT_ROOT / "models/ml-career-guide.tar.gz"
    )
    parser.add_argument("--reports", type=Path, default=PROJECT_ROOT / "reports/conversations")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    os.chdir(PROJECT_ROOT)
    if not args.model.exists():
        print(f"{args.model} is missing: run `make train` first", file=sys.stderr)
        return 2
    from evaluation import baseline, e2e

    conversations = load(args.set)
    turns = all_turns(conversations)
    logger.info("%s: %d conversations, %d turns", args.set.name, len(conversations), len(turns))
    bot = e2e.run(conversations, args.model)
    base = baseline.run(turns)
    args.reports.mkdir(parents=True, exist_ok=True)
    (args.reports / "report.md").write_text(markdown(bot, base, args.set), encoding="utf-8")
    (args.reports / "report.json").write_text(
        json.dumps(as_json(bot, base), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    lengths = reply_lengths(bot)
    verdict = "met" if accuracy(bot) >= BAR else "FAIL"
    print(f"{args.set.name}: {len(turns)} turns in {len(conversations)} conversations")
    print(f"  Correct turns            {accuracy(bot):.1%}   (bar ≥ {BAR:.0%}: {verdict})")
    print(f"  Retrieval baseline       {accuracy(base):.1%}")
    print(
        f"  Reply length             median {lengths['median']}, p95 {lengths['p95']}, "
        f"max {lengths['max']} ({sum(o.too_long for o in bot)} over their cap)"
    )
    for name, (correct, total) in by_class(bot).items():
        print(f"    {name:20} {correct}/{total}")
    print(f"Report: {args.reports / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
