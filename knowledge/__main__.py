"""``python -m knowledge``: build and inspect the knowledge store.

python -m knowledge build                 # ingest knowledge/documents (progress bar)
python -m knowledge stats [--json]
python -m knowledge search "TEXT" [--limit N] [--json]
python -m knowledge salary [--country XX] [--level L] [--json]
python -m knowledge review [NAME ...] [--strict]   # what ingestion reads from new/changed pages
"""

from __future__ import annotations

from runtime import skip_tensorflow

skip_tensorflow()

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from sqlalchemy.exc import OperationalError, ProgrammingError  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from gazetteer.levels import LEVELS  # noqa: E402
from knowledge import query  # noqa: E402
from knowledge.config import load_settings  # noqa: E402
from knowledge.db import make_engine  # noqa: E402
from knowledge.ingest import (  # noqa: E402
    DOCUMENT_SUFFIX,
    BuildError,
    ParsedDocument,
    ReadBlock,
    build,
)
from knowledge.review import DocumentReview, render, review, summarise  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="store URL (default: $KNOWLEDGE_DB_URL or var/knowledge.db)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the store from the documents folder")
    build_cmd.add_argument(
        "--documents", type=Path, help="folder of documents (default: knowledge/documents)"
    )
    build_cmd.add_argument("--quiet", action="store_true", help="no progress bar")
    stats_cmd = commands.add_parser(
        "stats", help="counts of documents, passages, topics, salary facts"
    )
    stats_cmd.add_argument("--json", action="store_true")
    search_cmd = commands.add_parser("search", help="full-text search over passages")
    search_cmd.add_argument("text")
    search_cmd.add_argument("--limit", type=int, default=5)
    search_cmd.add_argument("--json", action="store_true")
    salary_cmd = commands.add_parser("salary", help="salary facts, optionally by country and level")
    salary_cmd.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. FR")
    salary_cmd.add_argument("--level", choices=LEVELS)
    salary_cmd.add_argument("--json", action="store_true")
    review_cmd = commands.add_parser(
        "review", help="what ingestion reads from new or changed documents (or those named)"
    )
    review_cmd.add_argument("names", nargs="*", help="document file names (default: new/changed)")
    review_cmd.add_argument(
        "--documents", type=Path, help="folder of documents (default: knowledge/documents)"
    )
    review_cmd.add_argument(
        "--strict", action="store_true", help="exit 1 when an amount could not be typed"
    )
    return parser


def _emit(objects: list[dict], as_json: bool, render) -> None:  # type: ignore[no-untyped-def]
    for obj in objects:
        print(json.dumps(obj, ensure_ascii=False) if as_json else render(obj))


def _salary_dict(salary: query.Salary) -> dict:
    data = dataclasses.asdict(salary)
    data["source"] = salary.source.label
    return data


def _format_amount(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    args = _parser().parse_args(argv)
    settings = load_settings()
    engine = make_engine(args.db or settings.db_url)
    if args.command == "build":
        from tqdm import tqdm

        documents = args.documents or settings.documents_dir
        progress = None if args.quiet else (lambda paths: tqdm(paths, desc="Ingesting", unit="doc"))
        try:
            reviews: list[DocumentReview] = []

            def observe(parsed: ParsedDocument, reads: list[ReadBlock], status: str) -> None:
                path = documents / f"{parsed.slug}{DOCUMENT_SUFFIX}"
                reviews.append(summarise(path, path.read_bytes(), parsed, reads, status))

            report = build(engine, documents, progress=progress, observe=observe)
        except BuildError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if report.changed:
            print(
                f"Knowledge store updated: {len(report.added)} added, "
                f"{len(report.updated)} updated, "
                f"{len(report.removed)} removed, {len(report.unchanged)} unchanged."
            )
            print(render(reviews, full=False))
            if any(item.untyped for item in reviews):
                print("Some amounts were not typed: `python -m knowledge review NAME` shows why.")
        else:
            print(f"Knowledge store up to date ({len(report.unchanged)} documents).")
        return 0
    if args.command == "review":
        documents = args.documents or settings.documents_dir
        try:
            reviews = review(documents, engine, args.names or None)
        except FileNotFoundError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(render(reviews))
        return 1 if args.strict and any(item.untyped or item.error for item in reviews) else 0
    try:
        with Session(engine, future=True) as session:
            if args.command == "stats":
                data = {
                    **query.stats(session),
                    "topics": query.topic_counts(session),
                    "salary_countries": query.salary_countries(session),
                }
                _emit([data], args.json, lambda d: "\n".join(f"{k}: {v}" for k, v in d.items()))
            elif args.command == "search":
                hits = query.search(session, args.text, limit=args.limit)
                _emit(
                    [
                        {
                            "score": round(h.score, 4),
                            "source": h.source.label,
                            "heading": h.heading,
                            "text": h.text,
                        }
                        for h in hits
                    ],
                    args.json,
                    lambda d: f"[{d['score']:.2f}] ({d['source']}) {d['text']}",
                )
            elif args.command == "salary":
                country = args.country.upper() if args.country else None
                facts = query.salaries(session, country=country, level=args.level)
                _emit(
                    [_salary_dict(f) for f in facts],
                    args.json,
                    lambda d: (
                        f"{d['country'] or '--'} {d['level'] or 'all':6} "
                        f"{_format_amount(d['low'])}–{_format_amount(d['high'])}"
                        f"{'+' if d['open_ended'] else ''} "
                        f"{d['currency']}/{d['period']} ({d['source']})"
                    ),
                )
    except (OperationalError, ProgrammingError) as error:
        print(
            f"error: the knowledge store at {engine.url!r} is missing or unreadable "
            f"({error.orig}).\n"
            "fix:   build it with `make ingest` (or `python -m knowledge build`).",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
