"""Live metrics of the action server, for Prometheus (``prometheus-client``).

Off unless ``METRICS_PORT`` is set; then ``actions.server`` serves them at
``http://127.0.0.1:$METRICS_PORT/metrics``, on the loopback interface only (a Prometheus on the
same host, or an SSH tunnel / an authenticating proxy for one elsewhere). What is measured:

* ``mlcg_turns_total{channel}`` — a person's messages that reached the action server (questions:
  greetings and small talk answered by Rasa's rules alone are not counted);
* ``mlcg_action_seconds{action}`` — how long each custom action took (histogram);
* ``mlcg_unanswered_total{kind}`` — out of scope, honest gaps, low confidence and search
  fallbacks, as ``monitoring.outcomes`` defines them for the usage report;
* ``mlcg_intent_confidence`` — the confidence of the intent read for each turn (histogram);
* ``mlcg_action_errors_total{action}`` — actions that failed (a 500 to Rasa);
* ``mlcg_store_query_seconds`` — knowledge store work per query (histogram, ``actions.store``);
* ``mlcg_feedback{rating,reason}`` — ratings stored so far (read from the ratings table beside
  the tracker store when scraped, so it counts every Rasa server's).

Nothing here names a person or a conversation: labels are actions, channels, kinds, ratings.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from monitoring import feedback
from monitoring.outcomes import CATEGORIES, unanswered_kinds
from monitoring.stores import tracker_url
from runtime.settings import environment_of

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
REGISTRY = CollectorRegistry(auto_describe=True)

TURNS = Counter(
    "mlcg_turns",
    "A person's messages that reached the action server",
    ["channel"],
    registry=REGISTRY,
)
ACTION_SECONDS = Histogram(
    "mlcg_action_seconds",
    "Time a custom action took",
    ["action"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8),
    registry=REGISTRY,
)
ACTION_ERRORS = Counter(
    "mlcg_action_errors", "Custom actions that failed", ["action"], registry=REGISTRY
)
UNANSWERED = Counter(
    "mlcg_unanswered",
    "Turns out of scope, with an honest gap, of low confidence or answered by the search fallback",
    ["kind"],
    registry=REGISTRY,
)
CONFIDENCE = Histogram(
    "mlcg_intent_confidence",
    "Confidence of the intent read for a turn",
    buckets=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0),
    registry=REGISTRY,
)
STORE_SECONDS = Histogram(
    "mlcg_store_query_seconds",
    "Knowledge store work of one query (session, queries, results)",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1),
    registry=REGISTRY,
)
for _kind in CATEGORIES:  # every kind shows from the start, at 0
    UNANSWERED.labels(_kind)


class FeedbackCollector(Collector):
    """Ratings stored so far, by rating and reason, read from the database when scraped."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url

    def collect(self) -> Iterator[Metric]:
        """One gauge per (rating, reason), every reason shown (at 0 until given)."""
        family = GaugeMetricFamily(
            "mlcg_feedback", "Ratings of answers stored so far", labels=["rating", "reason"]
        )
        try:
            counts = feedback.counts(feedback.engine_for(self.url or tracker_url()))
        except Exception:  # noqa: BLE001 - a scrape must not fail because the database did
            logger.warning("Could not count the ratings for the metrics", exc_info=True)
            counts = {}
        for rating in feedback.RATINGS:
            reasons: list[str | None] = [None]
            if rating == feedback.DOWN:
                reasons += list(feedback.REASONS)
            for reason in reasons:
                family.add_metric([rating, reason or ""], counts.get((rating, reason), 0))
        yield family


def metrics_port(environ: Mapping[str, str] | None = None) -> int | None:
    """``METRICS_PORT`` (of ``environ``, default this process's settings); None: metrics off.

    Raises:
        SettingsError: (a ``ValueError``) when it is not a TCP port.
    """
    return environment_of(environ).METRICS_PORT


def serve(port: int) -> None:
    """Serve ``/metrics`` on the loopback interface, in a thread of this process."""
    REGISTRY.register(FeedbackCollector())
    start_http_server(port, addr=LOOPBACK, registry=REGISTRY)
    logger.info("Metrics on http://%s:%s/metrics", LOOPBACK, port)


def observe_store(seconds: float) -> None:
    """Record one knowledge store query's time."""
    STORE_SECONDS.observe(seconds)


def observe_action(
    request: dict[str, Any], response: dict[str, Any] | None, seconds: float
) -> None:
    """Record one call of the action server: the turn, its action, its outcome.

    Args:
        request: the JSON Rasa sent (``next_action``, ``tracker``).
        response: the JSON the action answered (``events``, ``responses``); None when it failed.
        seconds: how long the action took.
    """
    action = str(request.get("next_action") or "unknown")
    ACTION_SECONDS.labels(action).observe(seconds)
    if response is None:
        ACTION_ERRORS.labels(action).inc()
    tracker = request.get("tracker") or {}
    latest = tracker.get("latest_message") or {}
    intent = latest.get("intent") or {}
    TURNS.labels(
        str(latest.get("input_channel") or tracker.get("latest_input_channel") or "")
    ).inc()
    confidence = intent.get("confidence")
    if isinstance(confidence, int | float):
        CONFIDENCE.observe(float(confidence))
    names = [
        str(r.get("response") or r.get("template") or "")
        for r in (response or {}).get("responses") or []
        if isinstance(r, dict)
    ]
    for kind in unanswered_kinds(
        intent.get("name"),
        confidence if isinstance(confidence, int | float) else None,
        str(latest.get("text") or ""),
        names,
    ):
        UNANSWERED.labels(kind).inc()


def install(app: Any) -> None:
    """Measure every ``/webhook`` call of a rasa-sdk Sanic app (request and response middleware)."""

    @app.middleware("request")
    async def started(request: Any) -> None:
        request.ctx.metrics_started = time.perf_counter()

    @app.middleware("response")
    async def finished(request: Any, response: Any) -> None:
        if request.path.rstrip("/") != "/webhook" or request.method != "POST":
            return
        seconds = time.perf_counter() - getattr(request.ctx, "metrics_started", time.perf_counter())
        try:
            sent = json.loads(request.body or b"{}")
            answered = json.loads(response.body or b"{}") if response.status == 200 else None
            observe_action(sent if isinstance(sent, dict) else {}, answered, seconds)
        except (ValueError, TypeError, AttributeError):
            logger.debug("Could not measure an action call", exc_info=True)
