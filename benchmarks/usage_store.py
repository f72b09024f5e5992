"""A generated tracker store: Rasa's ``events`` table as Rasa writes it, plus ratings beside it.

Used by the usage report's tests and its benchmark (``make bench-usage``): what was generated is
known exactly, so every figure of the report can be checked against it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Engine

from monitoring import feedback
from monitoring.feedback import RatedAnswer

DAY = 86_400
START = dt.date(2026, 10, 1)
DAYS = 30
MODEL_A, MODEL_B = "a" * 32, "b" * 32
SECRET_PREFIX = "web-secretid"

events_table = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

# (text, intent, confidence, country, response or None for no answer)
KINDS: list[tuple[str, str, float, str | None, str | None]] = [
    ("What skills does an ML engineer need?", "ask_skills", 0.95, None, "utter_answer_skills"),
    ("How much do ML engineers earn in France?", "ask_salary", 0.9, "FR", "utter_salary_country"),
    ("salary in the UK?", "ask_salary", 0.8, "GB", "utter_salary_country"),
    ("What's the weather in Paris?", "out_of_scope", 0.9, None, "utter_out_of_scope"),
    ("what is the weather in paris", "out_of_scope", 0.85, None, "utter_out_of_scope"),
    ("Weather in Paris??", "out_of_scope", 0.8, None, "utter_out_of_scope"),
    ("Do ML engineers work remotely in Japan?", "ask_workplace", 0.7, "JP", "utter_topic_gap"),
    ("blorp zzkx", "nlu_fallback", 0.1, None, "utter_search_answer"),
    ("What does an ML engineer do?", "ask_duties", 0.97, None, None),  # an error: no answer
]
# How often each kind comes up, out of 100 turns.
WEIGHTS = [40, 20, 10, 5, 3, 2, 8, 7, 5]


def build_store(engine: Engine, turns: int, per_conversation: int = 5) -> dict[str, Any]:
    """Write ``turns`` turns in conversations of ``per_conversation``; return what was written."""
    events_table.metadata.create_all(engine)
    rng = random.Random(15)
    expected: dict[str, Any] = {"kinds": [0] * len(KINDS), "latencies": [], "days": set()}
    rows: list[dict[str, Any]] = []
    cycle = [i for i, w in enumerate(WEIGHTS) for _ in range(w)]
    start = dt.datetime.combine(START, dt.time(), dt.timezone.utc).timestamp()
    with engine.begin() as connection:
        for number in range(turns // per_conversation):
            sender = f"{SECRET_PREFIX}{number:06d}"
            day = number * DAYS // (turns // per_conversation)
            moment = start + day * DAY + 3600 + (number % 1000) * 30
            model = MODEL_A if day < DAYS // 2 else MODEL_B
            expected["days"].add(day)
            meta = {"model_id": model, "assistant_id": "ml-career-guide"}
            for turn in range(per_conversation):
                kind = cycle[(number * per_conversation + turn) % len(cycle)]
                text, intent, confidence, country, response = KINDS[kind]
                expected["kinds"][kind] += 1
                entities = [{"entity": "country", "value": country}] if country else []
                user = {
                    "event": "user",
                    "timestamp": moment,
                    "metadata": meta,
                    "text": text,
                    "parse_data": {
                        "intent": {"name": intent, "confidence": confidence},
                        "entities": entities,
                        "text": text,
                    },
                    "input_channel": "socketio",
                }
                rows.append(_row(sender, "user", moment, user, intent_name=intent))
                if response is not None:
                    latency = round(rng.uniform(0.1, 2.0), 3)
                    expected["latencies"].append(latency)
                    bot = {
                        "event": "bot",
                        "timestamp": moment + latency,
                        "metadata": {"utter_action": response, **meta},
                        "text": f"answer to {text}",
                        "data": {"buttons": None},
                    }
                    rows.append(_row(sender, "bot", moment + latency, bot))
                listen = {"event": "action", "timestamp": moment + 2.5, "name": "action_listen"}
                rows.append(
                    _row(sender, "action", moment + 2.5, listen, action_name="action_listen")
                )
                moment += 10
            if len(rows) > 20_000:
                connection.execute(events_table.insert(), rows)
                rows = []
        if rows:
            connection.execute(events_table.insert(), rows)
    return expected


def _row(sender: str, kind: str, stamp: float, data: dict, **extra: Any) -> dict[str, Any]:
    return {
        "sender_id": sender,
        "type_name": kind,
        "timestamp": stamp,
        "intent_name": extra.get("intent_name"),
        "action_name": extra.get("action_name"),
        "data": json.dumps(data),
    }


def rate_answers(engine: Engine) -> None:
    when = dt.datetime.combine(START, dt.time(12), dt.timezone.utc).timestamp()
    for number, (rating, reason) in enumerate([("down", "outdated"), ("down", None), ("up", None)]):
        answer = RatedAnswer(
            f"{SECRET_PREFIX}{number:06d}",
            1000.0 + number,
            f"Salaries in France are €50,000 ({number})",
            "How much do ML engineers earn in France?",
            999.0,
            MODEL_A,
        )
        feedback.record(engine, answer, rating, reason, now=when)
