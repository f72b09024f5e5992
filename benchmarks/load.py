"""Load test: our bot against Rasa's stock ``rasa init`` bot, both served the same way.

    python -m benchmarks.load [--levels 1,10,50] [--min-messages 450] [--quick]

Both bots run at once on loopback ports, each as ``rasa run`` with its REST channel and an SQL
tracker store in its own SQLite file: ours through ``tests.support.bot.running_bot`` (action
server, guarded REST channel), the stock one from ``rasa init`` (trained once and cached under
``build/stock-bot/rasa-<version>/``; its actions are all responses, so it has no action server).

An asyncio client (aiohttp, installed with Rasa) plays *c* virtual users for each concurrency
level *c*: every user takes the next conversation from a shared queue and plays it turn by turn,
without pause, until the queue is empty; each conversation has its own sender id. Our
conversations are multi-turn scripts from the bot's own domain (greet, a salary in France, "and
in the UK?", "what about seniors?", skills, thanks, ...); the stock bot's are from its domain
(greet, moods, bot challenge, goodbye) with the same number of turns. Levels alternate between
the bots (ours first at 1, stock first at 10, ...) so that a drift of the machine hits both.

Each message's latency is the time to the full REST response. An error is a non-200 status, a
timeout, a connection failure, an empty reply, or (ours) the "having trouble" reply. After the
runs, every conversation's tracker is read back from its SQLite file and must hold each message
sent, in order, each followed by a bot reply.

The table is printed and written to ``reports/bench-load.md`` (and the figures to
``reports/bench-load.json``); the exit code is 1 when a check fails: any error, a lost turn, or
our p50 or p95 above 1.25x the stock bot's at any level.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from channels.guard import TROUBLE
from serving.local import MODEL, PROJECT_ROOT, VENV_BIN, RunningBot, free_port, running_bot

REPORT_MD = PROJECT_ROOT / "reports" / "bench-load.md"
REPORT_JSON = PROJECT_ROOT / "reports" / "bench-load.json"
STOCK_CACHE = PROJECT_ROOT / "build" / "stock-bot"
MAX_RATIO = 1.25
TROUBLE_MARK = "having trouble"
assert TROUBLE_MARK in TROUBLE

# --------------------------------------------------------------------------------------------
# Traffic: six-turn conversations, each bot in its own domain
# --------------------------------------------------------------------------------------------

OURS_SCRIPTS: list[list[str]] = [
    [
        "hi",
        "what's the salary of an ML engineer in France",
        "and in the UK?",
        "what about seniors?",
        "which skills do i need to become an ML engineer?",
        "thanks a lot, that was useful",
    ],
    [
        "hello there",
        "what does a typical day look like",
        "ok and what do juniors earn in the US",
        "what skills do they need",
        "and soft skills?",
        "ok bye for now",
    ],
    [
        "hey",
        "how is an ml engineer different from a data scientist",
        "and from a software engineer?",
        "how do i get into machine learning engineering",
        "which certifications should an ml engineer get",
        "thanks!",
    ],
    [
        "good morning",
        "ml engineer pay in london?",
        "same for the US",
        "what's the weather in paris tomorrow",
        "where does your information come from",
        "goodbye",
    ],
    [
        "hi!",
        "so what exactly is a machine learning engineer",
        "what are the main responsibilities of an ml engineer",
        "how much do ml engineers earn",
        "what's the career progression for an ml engineer",
        "thank you",
    ],
]

STOCK_SCRIPTS: list[list[str]] = [
    ["hello", "I am feeling great", "are you a bot?", "I am sad", "yes", "bye"],
    ["hi", "I am sad", "no", "are you a human?", "hey there", "goodbye"],
    ["hey", "very good", "am I talking to a bot?", "good morning", "I am great", "see you"],
    ["good evening", "very sad", "yes", "am I talking to a human?", "hello", "bye bye"],
]


@dataclass(frozen=True)
class Target:
    """A bot under load: its name, REST address, scripts and what counts as a failed reply."""

    name: str
    url: str
    scripts: list[list[str]]
    trouble_marks: tuple[str, ...] = ()


@dataclass
class LevelResult:
    """One bot at one concurrency level."""

    bot: str
    concurrency: int
    conversations: int
    messages: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    server_cpu_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    def percentile(self, q: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[q - 1]

    def summary(self) -> dict[str, Any]:
        return {
            "bot": self.bot,
            "concurrency": self.concurrency,
            "conversations": self.conversations,
            "messages": self.messages,
            "seconds": round(self.seconds, 3),
            "messages_per_second": round(self.throughput, 2),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 1),
            "max_ms": round(max(self.latencies_ms), 1),
            "errors": sum(self.errors.values()),
            "errors_by_kind": dict(self.errors),
            "error_examples": self.error_examples[:5],
            "server_cpu_ms_per_message": {
                name: round(1000 * cpu / self.messages, 1)
                for name, cpu in self.server_cpu_seconds.items()
            },
        }


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


async def _play(
    session: aiohttp.ClientSession,
    target: Target,
    sender: str,
    script: list[str],
    result: LevelResult,
    sent: dict[str, list[str]],
    timeout: float,
) -> None:
    url = f"{target.url}/webhooks/rest/webhook"
    sent[sender] = []
    for text in script:
        sent[sender].append(text)
        error = ""
        started = time.perf_counter()
        try:
            async with session.post(
                url,
                json={"sender": sender, "message": text},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                body = await response.read()
                status = response.status
            elapsed = time.perf_counter() - started
            if status != 200:
                error = f"status {status}"
            else:
                replies = json.loads(body or b"null")
                texts = " ".join(str(r.get("text") or "") for r in replies or [])
                if not replies:
                    error = "empty reply"
                elif any(mark in texts for mark in target.trouble_marks):
                    error = "trouble reply"
        except asyncio.TimeoutError:
            elapsed, error = time.perf_counter() - started, "timeout"
        except (aiohttp.ClientError, json.JSONDecodeError, OSError) as exc:
            elapsed, error = time.perf_counter() - started, f"{type(exc).__name__}"
        result.latencies_ms.append(1000 * elapsed)
        result.messages += 1
        if error:
            kind = error.split(" ")[0] if error.startswith("status") else error
            result.errors[kind] += 1
            if len(result.error_examples) < 5:
                result.error_examples.append(f"{sender} {text!r}: {error}")


async def run_level(
    target: Target,
    concurrency: int,
    conversations: int,
    sent: dict[str, list[str]],
    *,
    timeout: float = 60,
    prefix: str = "load",
) -> LevelResult:
    """``concurrency`` users play ``conversations`` conversations back to back."""
    result = LevelResult(target.name, concurrency, conversations, 0, 0.0, [])
    queue: asyncio.Queue[tuple[str, list[str]]] = asyncio.Queue()
    run_id = uuid.uuid4().hex[:6]
    for n, script in zip(range(conversations), itertools.cycle(target.scripts)):
        queue.put_nowait((f"{prefix}-{target.name}-c{concurrency}-{run_id}-{n}", script))

    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def user() -> None:
            while not queue.empty():
                sender, script = queue.get_nowait()
                await _play(session, target, sender, script, result, sent, timeout)

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        result.seconds = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------------------------
# CPU time of the servers (from /proc, so that no extra package is needed)
# --------------------------------------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")


def _process_tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its descendants."""
    total = 0
    for member in _process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICKS


def server_pids(bot: RunningBot) -> dict[str, int]:
    return {name: process.pid for name, process in bot.processes.items()}


# --------------------------------------------------------------------------------------------
# The stock bot: `rasa init`, trained once per Rasa version, served like ours
# --------------------------------------------------------------------------------------------


def rasa_version() -> str:
    from importlib.metadata import version

    return version("rasa")


def bot_env() -> dict[str, str]:
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }


def stock_model() -> Path:
    """The trained ``rasa init`` model, trained (about 70 s) unless cached for this version."""
    home = STOCK_CACHE / f"rasa-{rasa_version()}"
    models = sorted((home / "models").glob("*.tar.gz"))
    if models:
        return models[-1]
    STOCK_CACHE.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".init-", dir=STOCK_CACHE))
    print(f"Creating and training the stock bot (rasa init) in {home} ...", file=sys.stderr)
    log = STOCK_CACHE / "init.log"
    with log.open("wb") as out:
        done = subprocess.run(
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(building)],
            cwd=building,
            env=bot_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    models = sorted((building / "models").glob("*.tar.gz"))
    if done.returncode != 0 or not models:
        raise RuntimeError(f"`rasa init` failed (exit {done.returncode}); see {log}")
    shutil.rmtree(home, ignore_errors=True)
    building.rename(home)
    return sorted((home / "models").glob("*.tar.gz"))[-1]


@contextmanager
def running_stock_bot(model: Path) -> Iterator[RunningBot]:
    """``rasa run`` of the stock model with the stock REST channel and an SQLite tracker store."""
    work = Path(tempfile.mkdtemp(prefix="stock-bot-"))
    port = free_port()
    endpoints, credentials = work / "endpoints.yml", work / "credentials.yml"
    store = {"type": "SQL", "dialect": "sqlite", "db": str(work / "tracker.db")}
    endpoints.write_text(yaml.safe_dump({"tracker_store": store}), encoding="utf-8")
    credentials.write_text("rest:\n", encoding="utf-8")  # the stock REST channel
    bot = RunningBot(
        f"http://127.0.0.1:{port}",
        "",
        work,
        commands={
            "rasa": [
                str(VENV_BIN / "rasa"),
                "run",
                "-m",
                str(model),
                "--port",
                str(port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(credentials),
            ]
        },
        env=bot_env(),
    )
    try:
        bot.start("rasa")
        yield bot
    finally:
        bot.kill("rasa")


# --------------------------------------------------------------------------------------------
# Nothing lost: every sent message in its conversation's tracker, in order, with a reply
# --------------------------------------------------------------------------------------------


def check_trackers(db: Path, sent: dict[str, list[str]]) -> dict[str, Any]:
    """Compare the user turns stored in an SQL tracker store (SQLite) with the messages sent."""
    stored: dict[str, list[tuple[str, str]]] = {sender: [] for sender in sent}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT sender_id, type_name, data FROM events ORDER BY id"
        ).fetchall()
    for sender, type_name, data in rows:
        if sender in stored and type_name in ("user", "bot"):
            stored[sender].append((type_name, json.loads(data).get("text") or ""))
    turns = lost = unanswered = 0
    bad: list[str] = []
    for sender, messages in sent.items():
        events = stored[sender]
        users = [text.strip() for kind, text in events if kind == "user"]
        expected = [text.strip() for text in messages]
        turns += len(expected)
        # Longest in-order match of what was sent in what is stored.
        matched = 0
        for text in users:
            if matched < len(expected) and text == expected[matched]:
                matched += 1
        lost += len(expected) - matched
        if matched < len(expected) or len(users) != len(expected):
            bad.append(f"{sender}: sent {len(expected)}, stored {len(users)} in order {matched}")
        # Each user turn must be followed by at least one bot message before the next one.
        kinds = [kind for kind, _ in events] + ["user"]
        unanswered += sum(
            1 for i, kind in enumerate(kinds[:-1]) if kind == "user" and kinds[i + 1] != "bot"
        )
    return {
        "conversations_checked": len(sent),
        "turns_sent": turns,
        "turns_lost": lost,
        "turns_without_reply": unanswered,
        "conversations_with_problems": bad[:10],
        "ok": lost == 0 and unanswered == 0 and not bad,
    }


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def render(
    results: list[LevelResult],
    checks: dict[str, dict[str, Any]],
    verdicts: dict[str, bool],
    meta: dict[str, Any],
) -> str:
    stock = {r.concurrency: r for r in results if r.bot == "stock"}
    lines = [
        "# Load test: ML Career Guide vs the stock `rasa init` bot",
        "",
        f"Generated by `make bench-load` (`python -m benchmarks.load`) on {meta['date']}: "
        f"{meta['machine']}, Python {meta['python']}, Rasa {meta['rasa']}. Each virtual user "
        f"plays {meta['turns']}-turn conversations back to back, without pause; latency is "
        "the time to the full REST response.",
        "",
        "| bot | users | conversations | messages | msg/s | p50 ms | p95 ms | p99 ms | errors "
        "| p50 / stock | p95 / stock | server CPU ms/msg |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in sorted(results, key=lambda r: (r.concurrency, r.bot != "ours")):
        base = stock.get(r.concurrency)
        ratio50 = ratio95 = ""
        if r.bot == "ours" and base:
            ratio50 = f"{r.percentile(50) / base.percentile(50):.2f}×"
            ratio95 = f"{r.percentile(95) / base.percentile(95):.2f}×"
        cpu = ", ".join(
            f"{name} {1000 * sec / r.messages:.0f}" for name, sec in r.server_cpu_seconds.items()
        )
        lines.append(
            f"| {r.bot} | {r.concurrency} | {r.conversations} | {r.messages} | "
            f"{r.throughput:.1f} | {_ms(r.percentile(50))} | {_ms(r.percentile(95))} | "
            f"{_ms(r.percentile(99))} | {sum(r.errors.values())} | {ratio50} | {ratio95} | {cpu} |"
        )
    lines += ["", "| check | result |", "|---|---|"]
    for name, ok in verdicts.items():
        lines.append(f"| {name} | {'PASS' if ok else 'FAIL'} |")
    lines += ["", "Trackers read back from the SQL tracker stores after the run:", ""]
    lines += [
        "| bot | conversations checked | turns sent | turns lost | turns without a reply |",
        "|---|--:|--:|--:|--:|",
    ]
    for bot, check in checks.items():
        lines.append(
            f"| {bot} | {check['conversations_checked']} | {check['turns_sent']} | "
            f"{check['turns_lost']} | {check['turns_without_reply']} |"
        )
    examples = [e for r in results for e in r.error_examples]
    if examples:
        lines += ["", "First errors:", ""] + [f"* `{e}`" for e in examples[:10]]
    lines += [
        "",
        f"Total run time {meta['total_seconds']:.0f} s (of which stock bot training "
        f"{meta['stock_training_seconds']:.0f} s, start-up and warm-up "
        f"{meta['startup_seconds']:.0f} s); the load client used "
        f"{meta['client_cpu_seconds']:.0f} s of CPU.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def conversations_for(concurrency: int, min_messages: int, turns: int, per_user: int) -> int:
    """Enough conversations for ``min_messages`` and at least ``per_user`` for each user."""
    wanted = max(-(-min_messages // turns), per_user * concurrency)
    return -(-wanted // concurrency) * concurrency


async def warm_up(target: Target, timeout: float) -> None:
    """Load every code path once (first messages are slow: lazy imports, caches, JIT)."""
    scratch: dict[str, list[str]] = {}
    await run_level(target, 1, len(target.scripts), scratch, timeout=timeout, prefix="warmup")
    await run_level(target, 10, 10, scratch, timeout=timeout, prefix="warmup")


async def measure(
    targets: dict[str, Target],
    bots: dict[str, RunningBot],
    levels: list[int],
    min_messages: int,
    per_user: int,
    timeout: float,
) -> tuple[list[LevelResult], dict[str, dict[str, list[str]]]]:
    results: list[LevelResult] = []
    sent: dict[str, dict[str, list[str]]] = {name: {} for name in targets}
    order = list(targets)
    for index, concurrency in enumerate(levels):
        for name in order if index % 2 == 0 else order[::-1]:
            target = targets[name]
            turns = len(target.scripts[0])
            conversations = conversations_for(concurrency, min_messages, turns, per_user)
            pids = server_pids(bots[name])
            cpu_before = {proc: cpu_seconds(pid) for proc, pid in pids.items()}
            result = await run_level(
                target, concurrency, conversations, sent[name], timeout=timeout
            )
            result.server_cpu_seconds = {
                proc: cpu_seconds(pid) - cpu_before[proc] for proc, pid in pids.items()
            }
            results.append(result)
            s = result.summary()
            print(
                f"  {name:5} c={concurrency:<3} {s['messages']:5} msgs {s['seconds']:6.1f} s "
                f"{s['messages_per_second']:6.1f} msg/s  p50 {s['p50_ms']:7.1f}  "
                f"p95 {s['p95_ms']:7.1f}  p99 {s['p99_ms']:7.1f} ms  errors {s['errors']}",
                file=sys.stderr,
            )
    return results, sent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--levels", default="1,10,50", help="concurrent users (default 1,10,50)")
    parser.add_argument(
        "--min-messages", type=int, default=450, help="messages per bot and level (default 450)"
    )
    parser.add_argument(
        "--per-user", type=int, default=2, help="conversations per user at least (default 2)"
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds per message")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: levels 1,5 and 30 messages each"
    )
    parser.add_argument("--report", type=Path, default=REPORT_MD)
    parser.add_argument("--json", type=Path, default=REPORT_JSON)
    args = parser.parse_args(argv)
    if args.quick:
        args.levels, args.min_messages, args.per_user = "1,5", 30, 1
    levels = [int(level) for level in args.levels.split(",")]

    started = time.perf_counter()
    model = stock_model()
    trained = time.perf_counter() - started
    with ExitStack() as stack:
        print("Starting both bots ...", file=sys.stderr)
        ours = stack.enter_context(running_bot())
        stock = stack.enter_context(running_stock_bot(model))
        bots = {"ours": ours, "stock": stock}
        targets = {
            "ours": Target("ours", ours.url, OURS_SCRIPTS, (TROUBLE_MARK,)),
            "stock": Target("stock", stock.url, STOCK_SCRIPTS),
        }
        for target in targets.values():
            asyncio.run(warm_up(target, args.timeout))
        startup = time.perf_counter() - started - trained
        print(f"Load levels {levels} (>= {args.min_messages} messages each):", file=sys.stderr)
        results, sent = asyncio.run(
            measure(targets, bots, levels, args.min_messages, args.per_user, args.timeout)
        )
        databases = {
            "ours": Path(ours.env["TRACKER_DB_URL"].split(":///", 1)[1]),
            "stock": stock.log_dir / "tracker.db",
        }
    # Servers stopped: every write has landed.
    checks = {name: check_trackers(databases[name], sent[name]) for name in targets}
    total = time.perf_counter() - started

    by_key = {(r.bot, r.concurrency): r for r in results}
    ratios = {
        c: {
            q: by_key["ours", c].percentile(q) / by_key["stock", c].percentile(q)
            for q in (50, 95, 99)
        }
        for c in levels
    }
    verdicts = {
        "zero errors (both bots, every level)": all(not r.errors for r in results),
        f"ours ≤ {MAX_RATIO}× stock at p50 and p95 (every level)": all(
            ratios[c][50] <= MAX_RATIO and ratios[c][95] <= MAX_RATIO for c in levels
        ),
        "ours faster than stock at p50 and p95 (goal)": all(
            ratios[c][50] < 1 and ratios[c][95] < 1 for c in levels
        ),
        "no turn lost (every conversation's tracker)": all(c["ok"] for c in checks.values()),
    }
    client_cpu = resource.getrusage(resource.RUSAGE_SELF)
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} CPUs, {platform.platform(terse=True)}",
        "python": platform.python_version(),
        "rasa": rasa_version(),
        "turns": len(OURS_SCRIPTS[0]),
        "levels": levels,
        "min_messages": args.min_messages,
        "total_seconds": total,
        "stock_training_seconds": trained,
        "startup_seconds": startup,
        "client_cpu_seconds": client_cpu.ru_utime + client_cpu.ru_stime,
        "our_model": str(MODEL.relative_to(PROJECT_ROOT)),
        "stock_model": str(model.relative_to(PROJECT_ROOT)),
    }
    report = render(results, checks, verdicts, meta)
    print(report)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report, encoding="utf-8")
    args.json.write_text(
        json.dumps(
            {
                "meta": meta,
                "results": [r.summary() for r in results],
                "ratios_ours_to_stock": {
                    str(c): {f"p{q}": round(v, 3) for q, v in r.items()} for c, r in ratios.items()
                },
                "tracker_check": checks,
                "verdicts": verdicts,
                "scripts": {"ours": OURS_SCRIPTS, "stock": STOCK_SCRIPTS},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"Written to {args.report} and {args.json}", file=sys.stderr)
    ok = all(v for k, v in verdicts.items() if "(goal)" not in k)
    if ok:
        for bot in (ours, stock):
            shutil.rmtree(bot.log_dir, ignore_errors=True)
    else:
        print(f"Logs kept in {ours.log_dir} and {stock.log_dir}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
