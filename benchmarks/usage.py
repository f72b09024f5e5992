"""Usage report benchmark: ``python -m evaluation.usage`` on a tracker store of 100,000 turns.

    python -m benchmarks.usage [--turns 100000]

The store is generated as in ``tests/monitoring/test_usage_report.py`` (Rasa's events table,
20,000 conversations over 30 days, ratings beside it). Reported: the time to read and summarise
it, and to draw the HTML report; written to ``reports/bench-usage.json``. The exit code is 1
when the whole report takes a minute or more (the issue's bar).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine

from benchmarks.usage_store import DAYS, START, build_store, rate_answers
from evaluation import usage
from monitoring import feedback
from serving.local import PROJECT_ROOT

BAR_SECONDS = 60.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.usage")
    parser.add_argument("--turns", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mlcg-usage-") as folder:
        url = f"sqlite:///{Path(folder) / 'tracker.db'}"
        engine = create_engine(url, future=True)
        started = time.perf_counter()
        build_store(engine, args.turns)
        engine.dispose()
        rate_answers(feedback.engine_for(url))
        built = time.perf_counter() - started
        started = time.perf_counter()
        summary = usage.report(url, START, START + dt.timedelta(days=DAYS - 1))
        read = time.perf_counter() - started
        started = time.perf_counter()
        page = usage.render_html(summary)
        drawn = time.perf_counter() - started
    figures = {
        "turns": summary["totals"]["turns"],
        "build_store_s": round(built, 2),
        "read_and_summarise_s": round(read, 2),
        "html_and_plots_s": round(drawn, 2),
        "report_s": round(read + drawn, 2),
        "html_bytes": len(page),
    }
    out = PROJECT_ROOT / "reports" / "bench-usage.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(json.dumps(figures, indent=1))
    return 0 if read + drawn < BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
