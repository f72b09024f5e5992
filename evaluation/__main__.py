"""``python -m evaluation``: NLU, end-to-end and baseline on the held-out set; see the package doc.

Options:
    --nlu-only      skip the end-to-end replay and the retrieval baseline
    --config PATH   train PATH into a temporary folder and compare its NLU with the main model
    --model PATH    the trained model to evaluate (default models/ml-career-guide.tar.gz)
"""

from __future__ import annotations

import warnings


def _hush_deprecations() -> None:
    """Library deprecation chatter (pyparsing, click, packaging) would bury the summary."""
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", message=".*deprecated")


_hush_deprecations()
# Rasa first: it imports TensorFlow, which spaCy's thinc must then find (not the lean stub).
import rasa.core.agent  # noqa: E402, F401

_hush_deprecations()  # again: importing Rasa installs its own warning filters in front of ours

# isort: split

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from evaluation import baseline, compare, e2e, heldout, nlu, plots, report  # noqa: E402
from evaluation.heldout import PROJECT_ROOT  # noqa: E402

logger = logging.getLogger("evaluation")
DEFAULT_MODEL = PROJECT_ROOT / "models" / "ml-career-guide.tar.gz"
REPORTS = PROJECT_ROOT / "reports"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--config", type=Path, help="compare this NLU pipeline (trained into a temp dir)"
    )
    parser.add_argument("--nlu-only", action="store_true", help="skip end-to-end and baseline")
    parser.add_argument(
        "--model", type=Path, default=DEFAULT_MODEL, help="trained model to evaluate"
    )
    parser.add_argument("--heldout", type=Path, default=heldout.HELDOUT_PATH, help="held-out set")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="output folder")
    return parser.parse_args(argv)


def _quiet_libraries() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    for name in ("rasa", "tensorflow", "absl", "sanic", "matplotlib", "urllib3", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.ERROR)  # Rasa's structlog events (one per parse) otherwise print


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    _hush_deprecations()
    os.chdir(PROJECT_ROOT)  # the pipeline's spaCy model path (build/spacy-model) is relative
    _quiet_libraries()
    conversations = heldout.load(args.heldout)
    turns = heldout.all_turns(conversations)
    logger.info("%s: %d conversations, %d turns", args.heldout.name, len(conversations), len(turns))

    if args.config:
        if not args.config.exists():
            print(f"--config {args.config}: no such file", file=sys.stderr)
            return 2
        candidate, main_result, seconds = compare.run(args.config, turns, args.model)
        plots.save_confusion_matrix(
            candidate, args.reports / f"confusion-matrix-{args.config.stem}.png"
        )
        md, _ = compare.write(args.config, candidate, main_result, seconds, args.reports)
        print("\n".join(compare.summary_lines(args.config, candidate, main_result, seconds)))
        print(f"Report: {md}")
        return 0

    if not args.model.exists():
        print(f"{args.model} is missing: run `make train` first", file=sys.stderr)
        return 2
    nlu_result = nlu.evaluate(args.model, turns)
    png = plots.save_confusion_matrix(nlu_result, args.reports / "confusion-matrix.png")
    outcomes = baseline_outcomes = seconds = None
    if not args.nlu_only:
        started = time.perf_counter()
        outcomes = e2e.run(conversations, args.model)
        seconds = time.perf_counter() - started
        logger.info("Retrieval baseline on %d turns", len(turns))
        baseline_outcomes = baseline.run(turns)
    evaluation = report.Evaluation(
        args.model,
        len(conversations),
        nlu_result,
        outcomes,
        baseline_outcomes,
        seconds,
        heldout=args.heldout,
    )
    md, js = report.write(evaluation, args.reports, png)
    print("\n".join(report.summary_lines(evaluation)))
    print(f"Report: {md} (numbers: {js.name}, confusion matrix: {png.name})")
    return 0  # a report, not a gate: failing bars are printed above


if __name__ == "__main__":
    sys.exit(main())
