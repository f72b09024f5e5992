"""The usage report on a generated tracker store of 100,000 turns: its figures, not just a file.

The store has Rasa's ``events`` table, rows as Rasa writes them (user events with their parse,
bot events with their response name and model id), and ratings beside it. What was generated is
known exactly, so every figure of the report is checked against it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine
from sqlalchemy.engine import Engine

from evaluation import usage
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


def _rate(engine: Engine) -> None:
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


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    path = tmp_path_factory.mktemp("usage") / "tracker.db"
    url = f"sqlite:///{path}"
    engine = create_engine(url, future=True)
    expected = build_store(engine, 100_000)
    engine.dispose()
    _rate(feedback.engine_for(url))
    return url, expected


def test_the_report_of_100000_turns_has_the_right_figures(
    big_store: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    url, expected = big_store
    models = tmp_path / "models"
    models.mkdir()
    (models / "ml-career-guide.json").write_text(
        json.dumps({"model_id": MODEL_B, "git_commit": "abc1234", "data_checksum": "d00d"})
    )
    summary = usage.report(url, START, START + dt.timedelta(days=DAYS - 1), models)
    kinds = expected["kinds"]
    totals = summary["totals"]
    assert totals["turns"] == 100_000 and totals["conversations"] == 20_000
    assert totals["active_days"] == DAYS
    assert totals["errors"] == kinds[8] == summary["errors"]["count"]
    assert (totals["ratings_up"], totals["ratings_down"]) == (1, 2)
    assert sum(d["turns"] for d in summary["per_day"]) == 100_000

    assert summary["intents"]["ask_salary"] == kinds[1] + kinds[2]
    assert summary["countries"] == {"FR": kinds[1], "GB": kinds[2], "JP": kinds[6]}
    assert sum(day.get("FR", 0) for day in summary["countries_per_day"].values()) == kinds[1]

    unanswered = summary["unanswered"]
    assert unanswered["out_of_scope"]["count"] == kinds[3] + kinds[4] + kinds[5]
    # The three spellings of the weather question are one group, with examples.
    [weather] = unanswered["out_of_scope"]["groups"]
    assert weather["count"] == kinds[3] + kinds[4] + kinds[5]
    assert "What's the weather in Paris?" in weather["examples"]
    assert unanswered["honest_gap"]["count"] == kinds[6]
    assert unanswered["honest_gap"]["groups"][0]["examples"] == [KINDS[6][0]]
    assert unanswered["low_confidence"]["count"] == kinds[7]
    assert unanswered["search_fallback"]["count"] == kinds[7]
    assert summary["errors"]["groups"][0] == {"count": kinds[8], "examples": [KINDS[8][0]]}

    latencies = sorted(expected["latencies"])
    assert summary["latency"]["turns"] == len(latencies)
    assert summary["latency"]["p50"] == pytest.approx(latencies[len(latencies) // 2], abs=0.01)
    assert summary["latency"]["max"] == pytest.approx(latencies[-1], abs=0.01)

    assert [r["reason"] for r in summary["disliked"]] == ["Outdated", None]
    assert summary["disliked"][0]["question"] == "How much do ML engineers earn in France?"
    assert summary["feedback"]["reasons"] == {"Outdated": 1, "none given": 1}
    models_seen = {m["model_id"]: m for m in summary["models"]}
    assert set(models_seen) == {MODEL_A, MODEL_B}
    assert models_seen[MODEL_A]["turns"] + models_seen[MODEL_B]["turns"] == 100_000
    assert models_seen[MODEL_A]["last"] < models_seen[MODEL_B]["first"]
    assert models_seen[MODEL_A]["down"] == 2
    assert models_seen[MODEL_B]["trained_from"]["git_commit"] == "abc1234"

    page = usage.render_html(summary)
    assert "What&#x27;s the weather in Paris?" in page and "abc1234" in page
    assert page.count("data:image/png;base64,") == 3
    assert SECRET_PREFIX not in page and SECRET_PREFIX not in json.dumps(summary)


def test_a_date_range_and_the_command_line(
    big_store: tuple[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = big_store
    out = tmp_path / "report"
    since, until = START + dt.timedelta(days=3), START + dt.timedelta(days=4)
    code = usage.main(
        [
            "--url",
            url,
            "--since",
            since.isoformat(),
            "--until",
            until.isoformat(),
            "--out",
            str(out),
            "--json",
            "-",
        ]
    )
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["totals"]["active_days"] == 2
    assert [d["day"] for d in summary["per_day"]] == [since.isoformat(), until.isoformat()]
    assert summary["totals"]["turns"] == sum(d["turns"] for d in summary["per_day"])
    assert 0 < summary["totals"]["turns"] < 100_000 // 10
    assert summary["totals"]["ratings_down"] == 0  # rated on the first day, outside the range
    assert "Usage report" in (out / "index.html").read_text()


def test_near_duplicates_are_grouped_and_different_questions_are_not() -> None:
    groups = usage.group_similar(
        [
            "Can I become an ML engineer at 45?",
            "can i become a ML engineer at 45",
            "Can I become an ML engineer at 45??",
            "Is 45 too old to become an ML engineer?",
            "Which companies hire ML engineers in Spain?",
        ]
    )
    counts = [g.count for g in groups]
    assert counts[0] >= 3 and sum(counts) == 5
    assert any("Spain" in e for g in groups for e in g.examples if g.count == 1)


@pytest.mark.postgres
def test_the_report_reads_postgresql(postgres_url: str) -> None:
    engine = create_engine(postgres_url, future=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS events, answer_feedback")
    kinds = build_store(engine, 2_000)["kinds"]
    engine.dispose()
    _rate(feedback.engine_for(postgres_url))
    summary = usage.report(postgres_url, START, START + dt.timedelta(days=DAYS - 1))
    assert summary["totals"]["turns"] == 2_000 and summary["totals"]["conversations"] == 400
    assert summary["totals"]["ratings_down"] == 2
    assert summary["unanswered"]["out_of_scope"]["groups"][0]["count"] == sum(kinds[3:6])
