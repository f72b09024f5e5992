"""Benchmark of the knowledge store: ingesting 10,000 synthetic pages and query latency.

    python -m benchmarks.knowledge [--documents 10000] [--queries 1000] [--seed 7]

On each back end (SQLite in a temporary folder, and a PostgreSQL server started the way the
tests start it) one run builds two stores — the five real documents, and the five plus 10,000
synthetic pages — timing each build (the parse column is reading the pages: cleaning, topics and
pay, in worker processes past 100 pages; the write column the rest) and a second (no-op) build
of the big one, then runs the same mix of queries on both (full-text search, passages by topic,
salary facts), the way the action server does: one fresh session per query. The tables, one row
per store and back end, are printed and written to ``reports/bench-knowledge.md``, with the
machine's load average (it is shared: figures taken under load are slower).

The synthetic pages are built with a seeded ``random`` from a vocabulary of career words, in the
shape of the real captures: headings, paragraphs, bullet lists, navigation and footer noise, and
salary figures in euros, pounds and dollars tied to a country by their section.
"""

from __future__ import annotations

from runtime import skip_tensorflow

skip_tensorflow()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

from sqlalchemy import text as sql_text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from tqdm import tqdm  # noqa: E402

from benchmarks.postgres import postgres_server  # noqa: E402
from knowledge import query, topics  # noqa: E402
from knowledge.config import DEFAULT_DOCUMENTS_DIR  # noqa: E402
from knowledge.db import make_engine  # noqa: E402
from knowledge.ingest import MANIFEST_NAME, BuildReport, build  # noqa: E402
from knowledge.salary import extract  # noqa: E402
from knowledge.text import content_words  # noqa: E402
from runtime.settings import PROJECT_ROOT  # noqa: E402

REPORT_PATH = PROJECT_ROOT / "reports" / "bench-knowledge.md"

# --------------------------------------------------------------------------------------------
# Synthetic corpus
# --------------------------------------------------------------------------------------------

PUBLISHERS = [
    "Northwind Careers",
    "DataJobs Weekly",
    "Talentbridge",
    "The ML Hiring Desk",
    "Careerpath Hub",
    "Techrecruit Europe",
    "Graduate Compass",
    "AI Talent Partners",
    "Skillscout",
    "Jobmarket Review",
]
TOOLS = [
    "Python",
    "SQL",
    "PyTorch",
    "TensorFlow",
    "scikit-learn",
    "XGBoost",
    "Pandas",
    "NumPy",
    "Docker",
    "Kubernetes",
    "MLflow",
    "Kubeflow",
    "Airflow",
    "Spark",
    "Hadoop",
    "AWS",
    "GCP",
    "Azure",
    "SageMaker",
    "Git",
    "FastAPI",
    "Ray",
    "ONNX",
    "Java",
    "Scala",
    "R",
]
SKILLS = [
    "linear algebra",
    "statistics",
    "probability",
    "calculus",
    "optimization",
    "feature engineering",
    "data pipelines",
    "model deployment",
    "monitoring",
    "versioning",
    "CI/CD",
    "distributed computing",
    "big data",
    "cloud infrastructure",
    "MLOps",
    "software engineering",
    "data modelling",
    "experiment tracking",
    "A/B testing",
    "computer vision",
    "natural language processing",
]
QUALITIES = [
    "communication",
    "curiosity",
    "rigor",
    "problem-solving",
    "collaboration",
    "adaptability",
    "commercial awareness",
    "analytical thinking",
    "discipline",
    "patience",
]
TASKS = [
    "cleaning and preparing datasets",
    "training and validating models",
    "deploying models in production",
    "monitoring model performance",
    "tuning hyperparameters",
    "building feature stores",
    "reviewing pull requests",
    "writing data pipelines",
    "retraining models on fresh data",
    "explaining results to product teams",
    "scaling inference services",
    "designing evaluation metrics",
]
ROLES = [
    "data scientists",
    "data engineers",
    "software engineers",
    "product managers",
    "researchers",
    "analysts",
    "DevOps engineers",
    "business stakeholders",
]
INDUSTRIES = [
    "finance",
    "healthcare",
    "logistics",
    "e-commerce",
    "retail",
    "robotics",
    "fintech",
    "health tech",
    "enterprise software",
    "energy",
    "telecoms",
    "gaming",
]
DEGREES = [
    "a master's degree in computer science",
    "a PhD in machine learning",
    "a bachelor's in mathematics",
    "an engineering degree",
    "a degree in statistics",
    "online courses on Coursera or edX",
    "AWS or Google Cloud certifications",
    "a bootcamp and a portfolio of side projects",
]
NEXT_ROLES = [
    "Senior ML Engineer",
    "Tech Lead",
    "Head of AI",
    "Head of Data Science",
    "AI Architect",
    "Machine Learning Architect",
    "Team Lead",
    "Staff Engineer",
]
# (name as written in prose, city, currency sign, junior low in that currency)
COUNTRIES = [
    ("France", "Paris", "€", 45_000),
    ("Germany", "Berlin", "€", 55_000),
    ("Spain", "Madrid", "€", 32_000),
    ("the Netherlands", "Amsterdam", "€", 50_000),
    ("Italy", "Milan", "€", 33_000),
    ("Ireland", "Dublin", "€", 48_000),
    ("the United Kingdom", "London", "£", 45_000),
    ("the United States", "New York", "$", 95_000),
    ("Canada", "Toronto", "$", 80_000),
]
LEVELS = {
    "junior": (
        ["Junior", "Entry level", "Graduate", "Junior profiles"],
        "Entry-Level (0-2 years)",
        1.0,
    ),
    "mid": (["Mid-level", "Intermediate", "Confirmed (3-5 years)"], "Mid-Level (3-5 years)", 1.45),
    "senior": (["Senior", "Senior / Expert", "Lead"], "Senior-Level (5+ years)", 2.0),
}
NOISE_TOP = [
    "Skip to main content",
    "Careers",
    "Tech",
    "All role guides",
    "Home  >  Careers  >  Data",
    "Accept cookies in the settings to continue",
]
NOISE_BOTTOM = [
    "Contact us",
    "Privacy Policy",
    "Terms of use",
    "Get the latest ML careers news in our newsletter",
]
CAREER_NAV = (
    "Data Analyst Data Scientist Data Engineer Prompt Engineer UX Designer Product Manager "
    "Cloud Architect Security Analyst"
)
CALLS_TO_ACTION = [
    "Contact us to learn more about our hiring services.",
    "Our recruitment agency can help you find the right profile.",
    "Take our free career test to find your match.",
]


def _sentence(rng: random.Random) -> str:
    """One sentence of career prose, drawn from templates and the vocabulary."""
    t, t2 = rng.choice(TOOLS), rng.choice(TOOLS)
    s, q, k, k2 = rng.choice(SKILLS), rng.choice(QUALITIES), rng.choice(TASKS), rng.choice(TASKS)
    r, r2 = rng.choice(ROLES), rng.choice(ROLES)
    i, i2 = rng.choice(INDUSTRIES), rng.choice(INDUSTRIES)
    n, n2 = rng.choice(NEXT_ROLES), rng.choice(NEXT_ROLES)
    templates = [
        f"A machine learning engineer spends much of the week {k}, usually with {t} and {t2}.",
        f"Most employers expect solid {s}, good {q} and hands-on experience with {t}.",
        f"The role sits between {r} and {r2}, turning prototypes into reliable products.",
        f"Teams in {i} and {i2} hire engineers who can handle {s}.",
        f"Knowing {t} well matters less than understanding {s} and explaining trade-offs.",
        f"Many people enter the field after {rng.choice(DEGREES)}, then learn {t} on the job.",
        f"Day to day the work alternates between {k} and {k2}.",
        f"Strong {q} helps when working with {r} on requirements that keep changing.",
        f"With experience, engineers move up to roles such as {n} or {n2}.",
        f"Job prospects remain strong as more companies put models into production with {t}.",
        f"Interviews often test {s}, a coding exercise in {t} and a discussion of past projects.",
        "Remote work is common, although many teams meet in person for planning every few weeks.",
    ]
    return rng.choice(templates)


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 5)) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _bullets(rng: random.Random) -> list[str]:
    marker = rng.choice(["-", "•", "*", "  •"])
    cloud, service = rng.choice(["AWS", "GCP", "Azure"]), rng.choice(["SageMaker", "Vertex AI"])
    makers = [
        lambda: f"Programming: {rng.choice(TOOLS)}, {rng.choice(TOOLS)} and {rng.choice(TOOLS)}",
        lambda: f"Mathematics: {rng.choice(SKILLS)} and {rng.choice(SKILLS)}",
        lambda: f"MLOps: {rng.choice(TOOLS)}, {rng.choice(TOOLS)}, monitoring and retraining",
        lambda: f"{rng.choice(TASKS).capitalize()} with {rng.choice(TOOLS)}.",
        lambda: f"Soft skills: {', '.join(rng.sample(QUALITIES, 3))}",
        lambda: f"Work closely with {rng.choice(ROLES)} to ship {rng.choice(SKILLS)} features.",
        lambda: f"Cloud: {cloud}, {service} and Kubernetes",
    ]
    return [f"{marker} {rng.choice(makers)()}" for _ in range(rng.randint(3, 6))]


def _money(sign: str, amount: int) -> str:
    return f"{sign}{amount:,}"


def _salary_section(rng: random.Random) -> list[str]:
    """A salary section in one of the corpus's styles, its country named in heading or intro."""
    country, city, sign, base = rng.choice(COUNTRIES)
    place = rng.choice([country, city]) if rng.random() < 0.3 else country
    ranges = {}
    for level, (_labels, _table, factor) in LEVELS.items():
        low = int(round(base * factor * rng.uniform(0.9, 1.1), -3))
        ranges[level] = (low, int(round(low * rng.uniform(1.15, 1.4), -3)))
    heading_country = rng.random() < 0.6
    lines = [
        f"Salary in {place.removeprefix('the ')[0].upper() + place.removeprefix('the ')[1:]}"
        if heading_country
        else rng.choice(
            ["Salary", "How much does a machine learning engineer earn?", "Salary and pay"]
        )
    ]
    if heading_country:
        lines.append(_paragraph(rng, (1, 2)))
    else:
        lines.append(
            f"In {place}, pay depends on the sector, the city and the size of the company."
        )
    style = rng.choice(["bullets", "table", "sentence", "midpoint"])
    if style == "bullets":
        marker = rng.choice(["-", "•"])
        for level, (labels, _table, _factor) in LEVELS.items():
            low, high = ranges[level]
            label = rng.choice(labels)
            if level == "senior" and rng.random() < 0.3:
                lines.append(f"{marker} {label}: up to {_money(sign, high)} or more")
            else:
                suffix = rng.choice([" gross/year", " per year", "", " before tax"])
                joiner = rng.choice([" to ", " - ", " – "])
                amounts = f"{_money(sign, low)}{joiner}{_money(sign, high)}"
                lines.append(f"{marker} {label}: {amounts}{suffix}")
    elif style == "table":
        lines.append(rng.choice(["Experience Level", "Level"]))
        lines.append(rng.choice(["Salary Range", "Typical pay"]))
        for level, (_labels, table_label, _factor) in LEVELS.items():
            low, high = ranges[level]
            lines.append(table_label)
            plus = "+" if level == "senior" else ""
            lines.append(f"{_money(sign, low)} - {_money(sign, high)}{plus}")
    elif style == "sentence":
        (jl, jh), (ml, mh), (_sl, sh) = ranges["junior"], ranges["mid"], ranges["senior"]
        if sign == "€":
            lines.append(
                f"Average salary: {round(jl / 1000)}–{round(jh / 1000)}K€ at entry level, "
                f"{round(ml / 1000)}–{round(mh / 1000)}K€ for mid-level profiles, "
                f"up to {round(sh / 1000)}K€+ for seniors."
            )
        else:
            lines.append(
                f"Juniors usually start at {_money(sign, jl)} to {_money(sign, jh)}, "
                f"mid-level engineers earn {_money(sign, ml)} to {_money(sign, mh)}; "
                f"seniors can reach up to {_money(sign, sh)} or more."
            )
    else:
        low, high = ranges["junior"][0], ranges["senior"][1]
        midpoint = int(round((low + high) / 2, -2))
        lines.append(
            f"A review of vacancy data over the last 12 months places the typical range at "
            f"{_money(sign, low)} to {_money(sign, high)}, with a midpoint of "
            f"{_money(sign, midpoint)}. That midpoint is a market guide, not a promise."
        )
    lines.append(
        rng.choice(
            [
                "Salaries vary with the sector, and well-paid sectors such as finance pay more.",
                "To maximize earnings, specialise in MLOps or cloud platforms and negotiate.",
                "Pay tends to improve quickly after the first two years.",
            ]
        )
    )
    return lines


SECTIONS: list[tuple[Callable[[random.Random], str], Callable[[random.Random], list[str]]]] = [
    (lambda r: "What is a Machine Learning Engineer?", lambda r: [_paragraph(r)]),
    (
        lambda r: r.choice(["Key skills", "Skills you need", "Technical skills"]),
        lambda r: [r.choice(["Essential skills include:", "Core skills:"]), *_bullets(r)],
    ),
    (lambda r: "Soft skills", lambda r: [_paragraph(r, (1, 3))]),
    (
        lambda r: r.choice(
            ["Missions and responsibilities", "What does a machine learning engineer do?"]
        ),
        lambda r: [_paragraph(r, (1, 2)), *_bullets(r)],
    ),
    (lambda r: "A typical work day", lambda r: [_paragraph(r), _paragraph(r, (1, 3))]),
    (
        lambda r: r.choice(["Education and qualifications", "Training"]),
        lambda r: [
            f"Most engineers hold {r.choice(DEGREES)}, but it is not the only route.",
            _paragraph(r, (1, 3)),
        ],
    ),
    (
        lambda r: r.choice(["Career path", "Career progression"]),
        lambda r: [
            _paragraph(r, (1, 3)),
            f"Possible next steps: {', '.join(r.sample(NEXT_ROLES, 3))}.",
        ],
    ),
    (lambda r: "Job outlook", lambda r: [_paragraph(r, (1, 3))]),
    (
        lambda r: "How to become a machine learning engineer",
        lambda r: [_paragraph(r), *_bullets(r)],
    ),
    (
        lambda r: "Where does a machine learning engineer work?",
        lambda r: [
            f"They work in {', '.join(r.sample(INDUSTRIES, 4))} and research labs.",
            _paragraph(r, (1, 2)),
        ],
    ),
    (lambda r: "Is this career right for you?", lambda r: [_paragraph(r, (1, 3))]),
]


def synthetic_page(index: int, seed: int) -> tuple[str, dict]:
    """The text of synthetic page ``index`` and its manifest entry (same seed, same page)."""
    rng = random.Random(f"{seed}-{index}")
    publisher = rng.choice(PUBLISHERS)
    title = rng.choice(
        [
            "What is a Machine Learning Engineer?",
            "How to Become a Machine Learning Engineer",
            "Machine Learning Engineer: salary, skills and career",
            "ML Engineer job description",
        ]
    )
    lines = rng.sample(NOISE_TOP, rng.randint(0, 3))
    lines += [title, _paragraph(rng)]
    if rng.random() < 0.3:
        lines.append(CAREER_NAV)
    boilerplate = _sentence(rng) if rng.random() < 0.3 else None
    sections = rng.sample(SECTIONS, rng.randint(4, 7))
    salary_at = rng.randint(0, len(sections)) if rng.random() < 0.7 else None
    for position, (heading, body) in enumerate(sections):
        if position == salary_at:
            lines += _salary_section(rng)
        lines.append(heading(rng))
        for line in body(rng):
            if boilerplate and rng.random() < 0.2 and not line.lstrip().startswith(("-", "•", "*")):
                line = f"{line} {boilerplate}"
            if rng.random() < 0.08:
                line = f"{line} {rng.choice(CALLS_TO_ACTION)}"
            lines.append(line)
    if salary_at == len(sections):
        lines += _salary_section(rng)
    lines += rng.sample(NOISE_BOTTOM, rng.randint(1, 3))
    lines.append(f"© 2025 {publisher}. All rights reserved.")
    separator = "\n\n" if rng.random() < 0.5 else "\n"
    metadata = {
        "label": f"{publisher} ({index})",
        "publisher": publisher,
        "title": title,
        "author": None,
        "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    return separator.join(lines) + "\n", metadata


def write_corpus(folder: Path, count: int, seed: int) -> int:
    """Write the real documents, ``count`` synthetic pages and a manifest; returns the bytes."""
    folder.mkdir(parents=True)
    real_manifest = (DEFAULT_DOCUMENTS_DIR / MANIFEST_NAME).read_text(encoding="utf-8")
    size = 0
    for path in sorted(DEFAULT_DOCUMENTS_DIR.glob("*.txt")):
        shutil.copy2(path, folder / path.name)
        size += path.stat().st_size
    entries = []
    for index in range(count):
        text, metadata = synthetic_page(index, seed)
        name = f"syn_{index:05d}.txt"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        size += len(data)
        # JSON strings are valid YAML scalars, so the manifest is written without a YAML dumper.
        fields = "".join(f"\n  {key}: {json.dumps(value)}" for key, value in metadata.items())
        entries.append(f"{name}:{fields}\n")
    (folder / MANIFEST_NAME).write_text(
        real_manifest.rstrip("\n") + "\n" + "".join(entries), encoding="utf-8"
    )
    return size


# --------------------------------------------------------------------------------------------
# Builds
# --------------------------------------------------------------------------------------------


@dataclass
class BuildTiming:
    """Wall-clock time of one build, split at the end of the parse loop."""

    seconds: float
    parse_seconds: float
    report: BuildReport


def timed_build(engine: Engine, folder: Path, label: str) -> BuildTiming:
    """``build`` with a tqdm bar over the documents; the write phase follows the bar."""
    parse_done: list[float] = []

    def progress(paths: Iterable[Path]) -> Iterator[Path]:
        yield from tqdm(paths, desc=label, unit="doc", file=sys.stderr, mininterval=0.5)
        parse_done.append(time.perf_counter())

    start = time.perf_counter()
    report = build(engine, folder, progress=progress)
    end = time.perf_counter()
    parse = (parse_done[0] if parse_done else end) - start
    return BuildTiming(end - start, parse, report)


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------

QUESTIONS = [
    "what skills do I need",
    "salary in france for juniors",
    "kubernetes docker mlops",
    "how do I become a machine learning engineer",
    "what does a machine learning engineer do",
    "do I need a PhD",
    "is a master's degree required",
    "which programming languages should I learn",
    "pytorch or tensorflow",
    "how much does a senior ML engineer earn in London",
    "typical day of an ML engineer",
    "machine learning engineer vs data scientist",
    "what maths do I need, linear algebra or statistics?",
    "career path after five years",
    "can I work remotely",
    "best certifications for machine learning",
    "which industries hire ML engineers",
    "is the job outlook good",
    "soft skills communication curiosity",
    "big data spark hadoop",
    "cloud aws gcp azure sagemaker",
    "salary midpoint UK",
    "entry level pay in Germany",
    "how to move from software engineering into machine learning",
    "online courses coursera",
    "what is mlops",
    "feature engineering and data pipelines",
    "am I a good fit for this career",
]


@dataclass(frozen=True)
class Query:
    """One benchmark query: its kind and the arguments after the session."""

    kind: str
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def run(self, session: Session) -> list:
        if self.kind == "search":
            return query.search(session, *self.args, **self.kwargs)
        if self.kind == "topic":
            return query.passages_by_topic(session, *self.args, **self.kwargs)
        if self.kwargs.get("country") is None:
            # No country: the bot's overview, which selects its countries and figures in SQL.
            return query.salary_overview(session, level=self.kwargs.get("level")).shown
        # As the bot asks: at most the facts one answer reads.
        return query.salaries(session, **self.kwargs, limit=query.FIGURES_READ)

    def describe(self) -> str:
        arguments = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        function = {"search": "search", "topic": "passages_by_topic", "salary": "salaries"}
        if self.kind == "salary" and self.kwargs.get("country") is None:
            return f"salary_overview(level={self.kwargs.get('level')!r})"
        return f"{function[self.kind]}({', '.join(arguments)})"


def make_queries(count: int, seed: int) -> list[Query]:
    """A seeded mix: half search, 30% passages by topic, 20% salary facts."""
    rng = random.Random(seed)
    names = topics.topic_names()
    vocabulary = [w.lower() for w in TOOLS + SKILLS + QUALITIES + INDUSTRIES]
    queries = []
    for _ in range(count):
        draw = rng.random()
        if draw < 0.5:
            if rng.random() < 0.6:
                text = rng.choice(QUESTIONS)
            else:  # keyword-style queries, as a user types them
                text = " ".join(rng.sample(vocabulary, rng.randint(1, 4)))
            queries.append(Query("search", (text,), {"limit": 5}))
        elif draw < 0.8:
            queries.append(Query("topic", (rng.choice(names),)))
        else:
            country = rng.choice(["FR", "GB", "US", "DE", "ES", "NL", "CA", None, "JP"])
            level = rng.choice(["junior", "mid", "senior", None])
            queries.append(Query("salary", (), {"country": country, "level": level}))
    return queries


@dataclass
class Latencies:
    """Per-kind latencies (seconds) and result counts of one store."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    results: dict[str, list[int]] = field(default_factory=dict)
    each: list[tuple[float, Query]] = field(default_factory=list)


def run_queries(engine: Engine, queries: list[Query], label: str) -> Latencies:
    """Run every query in a fresh session (as the action server does), timing each."""
    with Session(engine, future=True) as session:
        query.warm_up(session)  # as the action server does when it starts
    for warm_up in queries[:20]:  # loads spaCy, the topic rules and the SQLite page cache
        with Session(engine, future=True) as session:
            warm_up.run(session)
    latencies = Latencies()
    for item in tqdm(queries, desc=label, unit="query", file=sys.stderr, mininterval=0.5):
        start = time.perf_counter()
        with Session(engine, future=True) as session:
            found = item.run(session)
        elapsed = time.perf_counter() - start
        latencies.seconds.setdefault(item.kind, []).append(elapsed)
        latencies.results.setdefault(item.kind, []).append(len(found))
        latencies.each.append((elapsed, item))
    return latencies


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _percentile(values: list[float], pct: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine, future=True) as session:
        return query.stats(session)


# What the report shows of one store: label, row counts, size in MB, first build, no-op
# rebuild, query latencies (read while its database still runs).
StoreRun = tuple[str, dict[str, int], float, BuildTiming, BuildTiming | None, Latencies]


def render(
    stores: list[StoreRun],
    *,
    corpus_bytes: int,
    generate_seconds: float,
    warm_up_seconds: float,
    queries: int,
    seed: int,
    total_seconds: float,
    peak_rss_mb: float,
    loads: list[tuple[str, float]] | None = None,
) -> str:
    """The markdown report."""
    lines = [
        "# Knowledge store benchmark",
        "",
        f"`python -m benchmarks.knowledge` — seed {seed}, {queries} queries per store "
        f"(one fresh session each), SQLite {sqlite3.sqlite_version}, "
        f"Python {platform.python_version()}, {platform.machine()}, {_cpu_count()} CPUs.",
        "",
        f"Synthetic corpus: {corpus_bytes / 1e6:.1f} MB generated in {generate_seconds:.1f} s. "
        f"Loading spaCy, the topic rules and the country gazetteer (once per process, before "
        f"the builds): {warm_up_seconds:.1f} s.",
        "",
        "## Builds (wall clock)",
        "",
        "| store | documents | sections | passages | topic tags | salary facts "
        "| build s | parse s | write s | no-op rebuild s | size MB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for label, c, size_mb, first, again, _lat in stores:
        rebuild = f"{again.seconds:.2f}" if again else "—"
        counts = [f"{c[key]:,}" for key in ("documents", "sections", "passages")]
        counts += [f"{c[key]:,}" for key in ("topic_tags", "salary_facts")]
        write = first.seconds - first.parse_seconds
        timings = [f"{first.seconds:.2f}", f"{first.parse_seconds:.2f}", f"{write:.2f}", rebuild]
        lines.append(_row(label, *counts, *timings, f"{size_mb:.1f}"))
    lines += [
        "",
        "## Query latency (ms, including opening and closing the session)",
        "",
        "| store | query | n | mean | p50 | p99 | max | mean results |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for label, _counted, _size, _first, _again, lat in stores:
        kinds = [*sorted(lat.seconds), "all"]
        for kind in kinds:
            values = (
                [v for vs in lat.seconds.values() for v in vs]
                if kind == "all"
                else lat.seconds[kind]
            )
            results = (
                [n for ns in lat.results.values() for n in ns]
                if kind == "all"
                else lat.results[kind]
            )
            latency = [statistics.fmean(values), _percentile(values, 50), _percentile(values, 99)]
            latency.append(max(values))
            lines.append(
                _row(
                    label,
                    kind,
                    str(len(values)),
                    *map(_ms, latency),
                    f"{statistics.fmean(results):.1f}",
                )
            )
    label, lat = stores[-1][0], stores[-1][-1]
    lines += ["", f"Slowest queries on the {label} store:", ""]
    for seconds, item in sorted(lat.each, key=lambda pair: -pair[0])[:5]:
        lines.append(f"- {_ms(seconds)} ms — `{item.describe()}`")
    lines += [
        "",
        f"Peak RSS: {peak_rss_mb:.0f} MB. Total run time: {total_seconds:.0f} s.",
        "",
        "Load average (1 min; the machine is shared): "
        + ", ".join(f"{when} {load:.1f}" for when, load in loads or [])
        + ".",
        "",
        "Query kinds: `search` = `query.search(text, limit=5)` on questions and keyword strings; "
        "`topic` = `query.passages_by_topic(topic)` (default limits) over every topic name; "
        "`salary` = `query.salaries(country=…, level=…, limit=FIGURES_READ)` (as the bot "
        "reads them) with known and unknown countries, and `query.salary_overview(level=…)` "
        "for none (the bot's salary overview).",
        "",
    ]
    return "\n".join(lines)


@contextmanager
def _store_urls(backend: str, root: Path) -> Iterator[tuple[str, str]]:
    """URLs of an empty small store and an empty big store on ``backend``."""
    if backend == "sqlite":
        yield f"sqlite:///{root / 'real.db'}", f"sqlite:///{root / 'big.db'}"
        return
    if backend != "postgresql":
        raise SystemExit(f"unknown back end {backend!r}: use sqlite or postgresql")
    with postgres_server() as url:
        base = url.rsplit("/", 1)[0]
        admin = make_engine(url)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for name in ("real", "big"):
                connection.execute(sql_text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        yield f"{base}/real", f"{base}/big"


def _size_mb(engine: Engine) -> float:
    """The store's size on disk: the SQLite file, or the PostgreSQL database."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database or ""
        return Path(database).stat().st_size / 1e6
    with engine.connect() as connection:
        size = connection.execute(sql_text("SELECT pg_database_size(current_database())")).scalar()
    return float(size or 0) / 1e6


def _bench_backend(
    backend: str,
    small_url: str,
    big_url: str,
    small_dir: Path,
    big_dir: Path,
    documents: int,
    queries: list[Query],
) -> list[StoreRun]:
    """Build both stores on one back end, time the queries, and return the report's rows."""
    name = "SQLite" if backend == "sqlite" else "PostgreSQL"
    small_engine, big_engine = make_engine(small_url), make_engine(big_url)
    # The queries run on engines made as the action server's (knowledge.db.open_session).
    small_reader = make_engine(small_url, read_only=True)
    big_reader = make_engine(big_url, read_only=True)
    try:
        small_build = timed_build(small_engine, small_dir, f"{name}: build 5 real")
        big_build = timed_build(big_engine, big_dir, f"{name}: build {documents + 5:,}")
        big_again = timed_build(big_engine, big_dir, f"{name}: no-op rebuild")
        assert not big_again.report.changed, "the second build should change nothing"
        small_lat = run_queries(small_reader, queries, f"{name}: queries, 5 docs")
        big_lat = run_queries(big_reader, queries, f"{name}: queries, {documents + 5:,} docs")
        return [
            (
                f"{name} · 5 real",
                _counts(small_engine),
                _size_mb(small_engine),
                small_build,
                None,
                small_lat,
            ),
            (
                f"{name} · {documents:,} synthetic + 5 real",
                _counts(big_engine),
                _size_mb(big_engine),
                big_build,
                big_again,
                big_lat,
            ),
        ]
    finally:
        for engine in (small_engine, big_engine, small_reader, big_reader):
            engine.dispose()


def _cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.knowledge", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--documents", type=int, default=10_000, help="synthetic pages (default 10,000)"
    )
    parser.add_argument(
        "--queries", type=int, default=1_000, help="queries per store (default 1,000)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--backends",
        type=lambda text: [name.strip() for name in text.split(",")],
        default=["sqlite", "postgresql"],
        help="comma-separated: sqlite, postgresql (default both; PostgreSQL is started the way "
        "the tests start it, from the Debian package)",
    )
    parser.add_argument("--report", type=Path, default=REPORT_PATH)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    # Loaded once per process, on first use: kept out of the first build's time.
    content_words("warm up spaCy")
    topics.tag("Python, Docker and Kubernetes", "Key skills")
    extract("Junior: €50,000 to €60,000 gross/year", "Salary in France")
    warm_up_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="bench-knowledge-") as temp:
        root = Path(temp)
        small_dir = root / "real"
        shutil.copytree(DEFAULT_DOCUMENTS_DIR, small_dir)
        print(f"Generating {args.documents:,} synthetic documents in {root} ...", file=sys.stderr)
        t0 = time.perf_counter()
        corpus_bytes = write_corpus(root / "big", args.documents, args.seed)
        generate_seconds = time.perf_counter() - t0

        queries = make_queries(args.queries, args.seed)
        stores = []
        loads = [("at the start", os.getloadavg()[0])]
        for backend in args.backends:
            with _store_urls(backend, root) as (small_url, big_url):
                stores += _bench_backend(
                    backend, small_url, big_url, small_dir, root / "big", args.documents, queries
                )
            loads.append((f"after {backend}", os.getloadavg()[0]))
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report = render(
            stores,
            corpus_bytes=corpus_bytes,
            generate_seconds=generate_seconds,
            warm_up_seconds=warm_up_seconds,
            queries=len(queries),
            seed=args.seed,
            total_seconds=time.perf_counter() - started,
            peak_rss_mb=peak_rss_mb,
            loads=loads,
        )
    print(report)
    print(f"Peak RSS: {peak_rss_mb:.0f} MB")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report, encoding="utf-8")
    print(f"Written to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
