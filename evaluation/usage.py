"""``python -m evaluation.usage`` (``make report``): what people asked and what failed.

Reads Rasa's tracker store (``TRACKER_DB_URL``: SQLite or PostgreSQL) and the ratings beside it
(``monitoring.feedback``) over a date range and writes ``reports/usage/index.html`` (one file,
plots inline) and, with ``--json``, the same figures for machines:

* conversations, turns (a person's messages) and active days, per day;
* questions per topic (the intent) and per country over time;
* the unanswered, each kind grouped with its near-duplicates (counts and examples): out of scope,
  honest gaps ("my sources don't cover…"), low confidence (``nlu_fallback`` or under
  ``monitoring.outcomes.LOW_CONFIDENCE``), the search fallback (``monitoring.outcomes``); the
  list to turn into new documents or training data;
* answers rated 👎, with the question and the answer;
* latency per turn (the person's message to the bot's last answer): percentiles;
* errors: turns that got no answer at all (the action server down or too slow; the channel then
  said "having trouble", which the tracker store does not keep);
* which model answered each turn (Rasa's ``model_id``), with what it was trained from when the
  training left a record (``models/*.json``, see ``evaluation.model_card``).

It never shows a conversation id: only counts and message texts. 100,000 turns take a few
seconds: one pass over the events (only user and bot events' JSON is read; bot events only for
their response name).

Usage: ``python -m evaluation.usage [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--out DIR]
[--json PATH|-] [--url URL]``
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.engine import Engine

from gazetteer.countries import country_name
from gazetteer.entities import normalise
from knowledge.db import make_engine
from monitoring.feedback import DOWN, REASONS, UP, feedback_table
from monitoring.outcomes import CATEGORIES, unanswered_kinds
from monitoring.stores import tracker_url
from runtime.settings import PROJECT_ROOT

DEFAULT_DAYS = 30
DEFAULT_OUT = PROJECT_ROOT / "reports" / "usage"
MODELS_DIR = PROJECT_ROOT / "models"
EXAMPLES = 3
GROUPS_SHOWN = 25
SIMILAR = 0.5
"""Two questions whose word sets overlap this much (Jaccard) are one group."""

_events = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
_UTTER = re.compile(r'"utter_action": "([^"]+)"')
_WORD = re.compile(r"[a-z0-9€£$]+")
_STOP = frozenset(
    "a an the is are was were be to of in on for and or do does did i me my you your it that "
    "this what how can could would should with about as at by from much many any some there "
    "please tell know want".split()
)


@dataclass
class Turn:
    """One message of a person and what the bot did with it."""

    conversation: int  # an index, never the id
    at: float
    text: str
    intent: str | None
    confidence: float | None
    countries: tuple[str, ...]
    model_id: str | None
    answers: list[str] = field(default_factory=list)
    answered_at: float | None = None

    @property
    def day(self) -> str:
        return dt.datetime.fromtimestamp(self.at, dt.timezone.utc).date().isoformat()

    @property
    def latency(self) -> float | None:
        return None if self.answered_at is None else max(0.0, self.answered_at - self.at)

    def categories(self) -> list[str]:
        """The kinds of "unanswered" this turn is (several may apply)."""
        return unanswered_kinds(self.intent, self.confidence, self.text, self.answers)


def _timestamp(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()


def _place_name(mention: str) -> str:
    """A place as the report counts it: the country's name ("the uk", "London" -> United
    Kingdom); a mention the gazetteer does not know stays as typed."""
    code = normalise("country", mention)
    return country_name(code) if code else mention


def read_turns(engine: Engine, since: float, until: float) -> list[Turn]:
    """The turns of every conversation between ``since`` and ``until`` (epoch seconds)."""
    query = (
        select(_events.c.sender_id, _events.c.type_name, _events.c.timestamp, _events.c.data)
        .where(
            _events.c.type_name.in_(("user", "bot")),
            _events.c.timestamp >= since,
            _events.c.timestamp < until,
        )
        .order_by(_events.c.id)
    )
    turns: list[Turn] = []
    if not inspect(engine).has_table("events"):  # no conversation stored yet
        return turns
    current: dict[str, Turn] = {}
    numbers: dict[str, int] = {}
    with engine.connect() as connection:
        rows = connection.execution_options(stream_results=True).execute(query)
        for sender, kind, stamp, data in rows:
            if kind == "bot":
                turn = current.get(sender)
                if turn is not None:
                    found = _UTTER.search(data or "")
                    turn.answers.append(found.group(1) if found else "")
                    turn.answered_at = stamp
                continue
            event = json.loads(data or "{}")
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            turn = Turn(
                conversation=numbers.setdefault(sender, len(numbers)),
                at=stamp,
                text=str(event.get("text") or ""),
                intent=intent.get("name"),
                confidence=intent.get("confidence"),
                countries=tuple(
                    _place_name(str(e.get("value")))
                    for e in parse.get("entities") or []
                    if e.get("entity") == "country" and e.get("value")
                ),
                model_id=(event.get("metadata") or {}).get("model_id"),
            )
            current[sender] = turn
            turns.append(turn)
    return turns


def _words(text: str) -> frozenset[str]:
    words = (w for w in _WORD.findall(text.lower()) if w not in _STOP)
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


@dataclass
class Group:
    """Near-duplicate messages: how many, and a few of them."""

    count: int
    examples: list[str]
    words: frozenset[str] = frozenset()

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "examples": self.examples}


def group_similar(texts: Iterable[str]) -> list[Group]:
    """Group messages that say nearly the same thing, biggest group first.

    Same words (case, punctuation, word order, small words and plurals aside) are one group at
    once; then each group joins the first bigger one whose words overlap by ``SIMILAR``
    (Jaccard), found through the words they share.
    """
    exact: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
    for text in texts:
        exact[_words(text)][text.strip()] += 1
    groups: list[Group] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    for words, examples in sorted(exact.items(), key=lambda item: -sum(item[1].values())):
        count = sum(examples.values())
        target = None
        candidates = {g for w in words for g in by_word.get(w, ())}
        for index in sorted(candidates):
            other = groups[index].words
            union = len(words | other)
            if union and len(words & other) / union >= SIMILAR:
                target = index
                break
        ordered = [text for text, _ in examples.most_common()]
        if target is None:
            groups.append(Group(count, ordered[:EXAMPLES], words))
            for word in words:
                by_word[word].append(len(groups) - 1)
        else:
            group = groups[target]
            group.count += count
            group.examples.extend(ordered[: max(0, EXAMPLES - len(group.examples))])
    return sorted(groups, key=lambda g: -g.count)


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def read_ratings(engine: Engine, since: float, until: float) -> list[dict[str, Any]]:
    """The ratings given in the range (no conversation ids)."""
    if not inspect(engine).has_table(feedback_table.name):
        return []
    columns = feedback_table.c
    query = (
        select(
            columns.rating,
            columns.reason,
            columns.question,
            columns.answer,
            columns.model_id,
            columns.rated_at,
        )
        .where(columns.rated_at >= since, columns.rated_at < until)
        .order_by(columns.rated_at)
    )
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def model_records(folder: Path = MODELS_DIR) -> dict[str, dict[str, Any]]:
    """What each trained model was trained from, by model id (``evaluation.model_card``)."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")) + sorted(folder.glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            items = [json.loads(line) for line in lines if line.strip()]
            if path.suffix == ".json":
                items = [json.loads("\n".join(lines))]
        except (OSError, ValueError):
            continue
        for item in items:
            if isinstance(item, dict) and item.get("model_id"):
                records.setdefault(str(item["model_id"]), {}).update(item)
    return records


def summarise(
    turns: list[Turn],
    ratings: list[dict[str, Any]],
    since: dt.date,
    until: dt.date,
    models: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Every figure of the report, as plain data (what ``--json`` writes)."""
    per_day: dict[str, dict[str, Any]] = defaultdict(lambda: {"turns": 0, "conversations": set()})
    intents: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    intents_per_day: dict[str, Counter[str]] = defaultdict(Counter)
    countries_per_day: dict[str, Counter[str]] = defaultdict(Counter)
    unanswered: dict[str, list[str]] = {key: [] for key in CATEGORIES}
    unanswered_per_day: dict[str, Counter[str]] = defaultdict(Counter)
    latencies: list[float] = []
    errors: list[str] = []
    per_model: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"turns": 0, "unanswered": 0, "errors": 0, "first": None, "last": None}
    )
    for turn in turns:
        day = turn.day
        per_day[day]["turns"] += 1
        per_day[day]["conversations"].add(turn.conversation)
        intent = turn.intent or "unknown"
        intents[intent] += 1
        intents_per_day[day][intent] += 1
        for country in turn.countries:
            countries[country] += 1
            countries_per_day[day][country] += 1
        kinds = turn.categories()
        for kind in kinds:
            unanswered[kind].append(turn.text)
            unanswered_per_day[day][kind] += 1
        model = per_model[turn.model_id or "unknown"]
        model["turns"] += 1
        model["unanswered"] += bool(kinds)
        model["first"] = model["first"] or day
        model["last"] = day
        if turn.latency is not None:
            latencies.append(turn.latency)
        elif not turn.answers:
            errors.append(turn.text)
            model["errors"] += 1
    days = sorted(per_day)
    down = [r for r in ratings if r["rating"] == DOWN]
    for rating in ratings:
        entry = per_model[rating.get("model_id") or "unknown"]
        entry[rating["rating"]] = entry.get(rating["rating"], 0) + 1
    models = models or {}
    return {
        "range": {"since": since.isoformat(), "until": until.isoformat()},
        "totals": {
            "conversations": len({t.conversation for t in turns}),
            "turns": len(turns),
            "active_days": len(days),
            "unanswered_turns": sum(1 for t in turns if t.categories()),
            "errors": len(errors),
            "ratings_up": sum(1 for r in ratings if r["rating"] == UP),
            "ratings_down": len(down),
        },
        "per_day": [
            {
                "day": d,
                "conversations": len(per_day[d]["conversations"]),
                "turns": per_day[d]["turns"],
                "unanswered": dict(unanswered_per_day[d]),
            }
            for d in days
        ],
        "intents": dict(intents.most_common()),
        "intents_per_day": {d: dict(intents_per_day[d]) for d in days},
        "countries": dict(countries.most_common()),
        "countries_per_day": {d: dict(countries_per_day[d]) for d in days},
        "unanswered": {
            key: {
                "label": CATEGORIES[key],
                "count": len(texts),
                "groups": [g.as_dict() for g in group_similar(texts)[:GROUPS_SHOWN]],
            }
            for key, texts in unanswered.items()
        },
        "feedback": {
            "up": sum(1 for r in ratings if r["rating"] == UP),
            "down": len(down),
            "reasons": dict(Counter(REASONS.get(r["reason"], "none given") for r in down)),
        },
        "disliked": [
            {
                "question": r["question"],
                "answer": r["answer"],
                "reason": REASONS.get(r["reason"]) if r["reason"] else None,
                "model_id": r["model_id"],
                "rated": dt.datetime.fromtimestamp(r["rated_at"], dt.timezone.utc).isoformat(
                    timespec="minutes"
                ),
            }
            for r in down
        ],
        "latency": {
            "turns": len(latencies),
            **{
                name: _percentile(latencies, share)
                for name, share in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))
            },
            "max": max(latencies, default=None),
        },
        "errors": {
            "count": len(errors),
            "groups": [g.as_dict() for g in group_similar(errors)[:GROUPS_SHOWN]],
        },
        "models": [
            {"model_id": model_id, **figures, "trained_from": models.get(model_id)}
            for model_id, figures in sorted(per_model.items(), key=lambda item: item[1]["first"])
        ],
    }


# --- HTML ------------------------------------------------------------------------------------


def _png(figure: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def plots(summary: dict[str, Any]) -> dict[str, str]:
    """The report's plots as PNG data URIs (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown: dict[str, str] = {}
    if not summary["per_day"]:
        return shown
    # Every day of the range, a quiet one at 0: one active day is a point on a line, not an
    # empty plot over a span matplotlib makes up.
    since = dt.date.fromisoformat(summary["range"]["since"])
    until = dt.date.fromisoformat(summary["range"]["until"])
    days = [since + dt.timedelta(days=n) for n in range((until - since).days + 1)]
    by_day = {d["day"]: d for d in summary["per_day"]}

    def daily(value: Callable[[dict[str, Any]], int]) -> list[int]:
        return [value(by_day[d.isoformat()]) if d.isoformat() in by_day else 0 for d in days]

    figure, axes = plt.subplots(figsize=(8, 3))
    axes.plot(days, daily(lambda d: d["turns"]), marker=".", label="turns")
    axes.plot(days, daily(lambda d: d["conversations"]), marker=".", label="conversations")
    unanswered = daily(lambda d: sum(d["unanswered"].values()))
    axes.plot(days, unanswered, marker=".", label="unanswered (any kind)")
    axes.set_xlim(since, until)
    axes.set_ylim(bottom=0)
    axes.set_title("Per day")
    axes.legend()
    figure.autofmt_xdate()
    shown["activity"] = _png(figure)
    for key, per_day, title in (
        ("topics", "intents_per_day", "Questions per topic (intent), top 8"),
        ("countries", "countries_per_day", "Questions per country, top 8"),
    ):
        top = list(summary[key.replace("topics", "intents")])[:8]
        if not top:
            continue
        figure, axes = plt.subplots(figsize=(8, 3.5))
        for name in top:
            counts = [summary[per_day].get(d.isoformat(), {}).get(name, 0) for d in days]
            axes.plot(days, counts, marker=".", label=name)
        axes.set_xlim(since, until)
        axes.set_ylim(bottom=0)
        axes.set_title(title)
        axes.legend(fontsize=7, ncol=2)
        figure.autofmt_xdate()
        shown[key] = _png(figure)
    return shown


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def render_html(summary: dict[str, Any]) -> str:
    """The report as one self-contained HTML page."""
    images = plots(summary)
    totals = summary["totals"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>ML Career Guide: usage report</title><style>body{font:15px/1.45 system-ui,"
        "sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}table{border-collapse:"
        "collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;"
        "vertical-align:top}img{max-width:100%}</style></head><body>",
        f"<h1>Usage report</h1><p>{_esc(summary['range']['since'])} to "
        f"{_esc(summary['range']['until'])} (UTC). Counts and message texts only: no "
        "conversation or user ids.</p>",
        "<h2 id='totals'>Totals</h2><table>",
    ]
    for name, value in totals.items():
        parts.append(f"<tr><th>{_esc(name.replace('_', ' '))}</th><td>{value}</td></tr>")
    parts.append("</table>")
    for key in ("activity", "topics", "countries"):
        if key in images:
            parts.append(f"<img alt='{key} over time' src='{images[key]}'>")
    parts.append("<h2 id='topics'>Topics (intents)</h2><table>")
    parts += [f"<tr><td>{_esc(k)}</td><td>{v}</td></tr>" for k, v in summary["intents"].items()]
    parts.append("</table><h2 id='countries'>Countries</h2><table>")
    parts += [f"<tr><td>{_esc(k)}</td><td>{v}</td></tr>" for k, v in summary["countries"].items()]
    parts.append("</table><h2 id='unanswered'>Unanswered</h2>")
    for key, block in summary["unanswered"].items():
        parts.append(f"<h3 id='{key}'>{_esc(block['label'])}: {block['count']}</h3>")
        parts.append(_groups_table(block["groups"]))
    feedback = summary["feedback"]
    parts.append(
        f"<h2 id='feedback'>Ratings</h2><p>helpful (up) {feedback['up']} · not helpful (down) "
        f"{feedback['down']}"
        + "".join(f" · {_esc(k)}: {v}" for k, v in feedback["reasons"].items())
        + "</p><h3>Answers rated not helpful</h3><table><tr><th>question</th><th>answer</th>"
        "<th>reason</th><th>model</th><th>rated</th></tr>"
    )
    for item in summary["disliked"]:
        parts.append(
            f"<tr><td>{_esc(item['question'])}</td><td>{_esc(item['answer'])}</td>"
            f"<td>{_esc(item['reason'] or '')}</td><td>{_esc((item['model_id'] or '')[:8])}</td>"
            f"<td>{_esc(item['rated'])}</td></tr>"
        )
    latency = summary["latency"]
    parts.append(
        f"</table><h2 id='latency'>Latency per turn</h2><p>{latency['turns']} answered turns: "
        f"p50 {_seconds(latency['p50'])}, p90 {_seconds(latency['p90'])}, "
        f"p99 {_seconds(latency['p99'])}, max {_seconds(latency['max'])}</p>"
        f"<h2 id='errors'>Errors: {summary['errors']['count']} turns got no answer</h2>"
        + _groups_table(summary["errors"]["groups"])
        + "<h2 id='models'>Models</h2><table><tr><th>model</th><th>turns</th><th>first</th>"
        "<th>last</th><th>unanswered</th><th>errors</th><th>rated up</th><th>rated down</th>"
        "<th>trained from</th></tr>"
    )
    for model in summary["models"]:
        trained = model.get("trained_from") or {}
        source = ", ".join(
            f"{k.replace('_', ' ')} {_esc(trained[k])}"
            for k in ("git_commit", "data_checksum", "trained_at")
            if trained.get(k)
        ) + ("" if not trained.get("git_dirty") else " (uncommitted changes)")
        for name, figures in (trained.get("eval") or {}).items():
            source += f"; {_esc(name)}: " + ", ".join(f"{_esc(k)} {v}" for k, v in figures.items())
        parts.append(
            f"<tr><td>{_esc(model['model_id'][:12])}</td><td>{model['turns']}</td>"
            f"<td>{_esc(model['first'])}</td><td>{_esc(model['last'])}</td>"
            f"<td>{model['unanswered']}</td><td>{model['errors']}</td>"
            f"<td>{model.get(UP, 0)}</td><td>{model.get(DOWN, 0)}</td><td>{source}</td></tr>"
        )
    parts.append("</table></body></html>")
    return "\n".join(parts)


def _groups_table(groups: list[dict[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td>{g['count']}</td><td>{'<br>'.join(_esc(e) for e in g['examples'])}</td></tr>"
        for g in groups
    )
    return f"<table><tr><th>count</th><th>examples</th></tr>{rows}</table>"


def report(
    url: str, since: dt.date, until: dt.date, models_dir: Path = MODELS_DIR
) -> dict[str, Any]:
    """Read the store at ``url`` for the days ``since`` up to and including ``until``."""
    engine = make_engine(url)
    try:
        start, end = _timestamp(since), _timestamp(until + dt.timedelta(days=1))
        turns = read_turns(engine, start, end)
        ratings = read_ratings(engine, start, end)
    finally:
        engine.dispose()
    return summarise(turns, ratings, since, until, model_records(models_dir))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m evaluation.usage", description=__doc__)
    today = dt.datetime.now(dt.timezone.utc).date()
    parser.add_argument(
        "--since", type=dt.date.fromisoformat, help="first day (default: 30 days ago)"
    )
    parser.add_argument("--until", type=dt.date.fromisoformat, default=today, help="last day")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for index.html")
    parser.add_argument("--json", help="also write the figures as JSON to this file (- : stdout)")
    parser.add_argument("--url", default=None, help="the tracker store (default: TRACKER_DB_URL)")
    args = parser.parse_args(argv)
    since = args.since or args.until - dt.timedelta(days=DEFAULT_DAYS - 1)
    summary = report(args.url or tracker_url(), since, args.until)
    args.out.mkdir(parents=True, exist_ok=True)
    page = args.out / "index.html"
    page.write_text(render_html(summary), encoding="utf-8")
    if args.json == "-":
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1), "utf-8")
    totals = summary["totals"]
    print(
        f"{totals['turns']} turns in {totals['conversations']} conversations over "
        f"{totals['active_days']} days; report: {page}",
        file=sys.stderr if args.json == "-" else sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
