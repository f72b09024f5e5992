"""Flood benchmark: another person's turns while one client floods the bot.

    python -m benchmarks.flood [--flood 2000] [--concurrency 50] [--turns 20]

Our bot runs as in the load test (``tests.support.bot.running_bot``: action server, guarded
REST channel, SQL tracker store). A person plays ``--turns`` questions one after another, first
alone, then while one client sends ``--flood`` requests ``--concurrency`` at a time under one
sender id. Reported: that person's latency (p50, p95) alone and during the flood, and what the
flood got back (how many 200s and 429s). Before the rate limits, the same flood took another
person's turn from 49 ms to 723 ms median (a security review of the running bot).

The figures are printed and written to ``reports/bench-flood.md`` and ``.json``; the exit code is
1 when the person's p50 during the flood is over 3x their p50 alone, or a turn of theirs failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

import aiohttp

from serving.local import PROJECT_ROOT, running_bot

REPORT_MD = PROJECT_ROOT / "reports" / "bench-flood.md"
REPORT_JSON = PROJECT_ROOT / "reports" / "bench-flood.json"
QUESTIONS = [
    "salary in france",
    "and in the uk?",
    "what skills do I need?",
    "what does an ML engineer do day to day?",
    "is a degree required?",
]
MAX_SLOWDOWN = 3.0


async def _person(session: aiohttp.ClientSession, url: str, turns: int) -> list[float]:
    """Latencies (s) of one person's sequential turns; raises on a failed turn."""
    sender = f"person-{uuid.uuid4().hex[:8]}"
    latencies = []
    for turn in range(turns):
        started = time.perf_counter()
        async with session.post(
            url, json={"sender": sender, "message": QUESTIONS[turn % len(QUESTIONS)]}
        ) as response:
            body = await response.json()
            if response.status != 200 or not body:
                raise RuntimeError(f"turn {turn}: status {response.status}, {body}")
        latencies.append(time.perf_counter() - started)
    return latencies


async def _flood(
    session: aiohttp.ClientSession, url: str, total: int, concurrency: int
) -> dict[int, int]:
    """Send ``total`` requests under one sender, ``concurrency`` at a time; count statuses."""
    statuses: dict[int, int] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(total):
        queue.put_nowait(index)

    async def worker() -> None:
        while not queue.empty():
            queue.get_nowait()
            try:
                async with session.post(
                    url, json={"sender": "flooder", "message": "salary in france"}
                ) as response:
                    await response.read()
                    statuses[response.status] = statuses.get(response.status, 0) + 1
            except aiohttp.ClientError:
                statuses[0] = statuses.get(0, 0) + 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses


def _ms(values: list[float], q: int) -> float:
    return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1)


async def measure(url: str, total: int, concurrency: int, turns: int) -> dict[str, object]:
    """The person alone, then the person during the flood."""
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency + 10)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await _person(session, url, 2)  # warm-up
        alone = await _person(session, url, turns)
        flood_task = asyncio.create_task(_flood(session, url, total, concurrency))
        await asyncio.sleep(0.5)  # the flood under way
        during = await _person(session, url, turns)
        statuses = await flood_task
    return {
        "alone_ms": {"p50": _ms(alone, 50), "p95": _ms(alone, 95)},
        "during_flood_ms": {"p50": _ms(during, 50), "p95": _ms(during, 95)},
        "flood_statuses": {str(k): v for k, v in sorted(statuses.items())},
        "flood": {"requests": total, "concurrency": concurrency},
    }


def render(result: dict[str, object]) -> str:
    """The report as markdown."""
    alone, during = result["alone_ms"], result["during_flood_ms"]
    assert isinstance(alone, dict) and isinstance(during, dict)
    flood = result["flood"]
    assert isinstance(flood, dict)
    return "\n".join(
        [
            "# Flood benchmark",
            "",
            f"One client sends {flood['requests']:,} requests {flood['concurrency']} at a time "
            "under one sender id while another person asks questions one after another.",
            "",
            "| the other person's turn | p50 | p95 |",
            "|---|--:|--:|",
            f"| alone | {alone['p50']} ms | {alone['p95']} ms |",
            f"| during the flood | {during['p50']} ms | {during['p95']} ms |",
            "",
            f"What the flood got back (HTTP status: count): {result['flood_statuses']}",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 when the person was slowed more than 3x or failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args(argv)
    with running_bot() as bot:
        url = f"{bot.url}/webhooks/rest/webhook"
        try:
            result = asyncio.run(measure(url, args.flood, args.concurrency, args.turns))
        except RuntimeError as error:
            print(f"FAIL: the other person's turn failed: {error}", file=sys.stderr)
            return 1
    report = render(result)
    print(report)
    REPORT_MD.parent.mkdir(parents=True, exist_ok=True)
    REPORT_MD.write_text(report, encoding="utf-8")
    Path(REPORT_JSON).write_text(json.dumps(result, indent=2), encoding="utf-8")
    alone, during = result["alone_ms"], result["during_flood_ms"]
    assert isinstance(alone, dict) and isinstance(during, dict)
    if during["p50"] > MAX_SLOWDOWN * alone["p50"]:
        print(f"FAIL: p50 during the flood is over {MAX_SLOWDOWN}x p50 alone", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
