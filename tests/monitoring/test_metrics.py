"""The action server's Prometheus endpoint, scraped after a few turns of the real bot."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from monitoring import metrics
from tests.support.bot import running_bot
from tests.support.postgres import free_port

pytestmark = [pytest.mark.bot, pytest.mark.timeout(600)]


def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _listening(port: int) -> set[str]:
    """The local addresses a TCP port is listening on (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.add(address)
    return found


def test_metrics_are_off_unless_a_port_is_set() -> None:
    assert metrics.metrics_port({}) is None
    assert metrics.metrics_port({"METRICS_PORT": ""}) is None
    assert metrics.metrics_port({"METRICS_PORT": "9464"}) == 9464
    with pytest.raises(ValueError):
        metrics.metrics_port({"METRICS_PORT": "99999"})


def test_the_endpoint_counts_turns_outcomes_latency_and_feedback() -> None:
    port = free_port()
    with running_bot(extra_env={"METRICS_PORT": str(port)}) as bot:
        assert _listening(port) == {"0100007F"}  # 127.0.0.1 only
        sender = "metrics-1"
        bot.send(sender, "What skills does an ML engineer need?")
        bot.send(sender, "How much do ML engineers earn in France?")
        bot.send(sender, "What's the weather like in Paris tomorrow?")
        bot.send(sender, "zxqv blorp flim")
        request = urllib.request.Request(
            f"{bot.url}/webhooks/rest/feedback",
            data=json.dumps({"sender": sender, "rating": "down", "reason": "wrong"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=30).read()
        found = _scrape(port)

    def value(name: str, **labels: str) -> float:
        return found.get((name, tuple(sorted(labels.items()))), 0.0)

    assert value("mlcg_turns_total", channel="rest") >= 4
    assert value("mlcg_action_seconds_count", action="action_answer") >= 4
    assert value("mlcg_action_seconds_sum", action="action_answer") > 0
    assert value("mlcg_intent_confidence_count") >= 4
    assert value("mlcg_store_query_seconds_count") >= 2
    assert value("mlcg_unanswered_total", kind="out_of_scope") >= 1
    unsure = value("mlcg_unanswered_total", kind="low_confidence") + value(
        "mlcg_unanswered_total", kind="search_fallback"
    )
    assert unsure >= 1
    assert value("mlcg_feedback", rating="down", reason="wrong") == 1
    assert value("mlcg_feedback", rating="up", reason="") == 0
    assert value("mlcg_action_errors_total", action="action_answer") == 0
    assert not any("metrics-1" in str(key) for key in found)
