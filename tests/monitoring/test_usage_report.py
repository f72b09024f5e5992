"""The usage report on a generated tracker store of 100,000 turns: its figures, not just a file.

The store has Rasa's ``events`` table, rows as Rasa writes them (user events with their parse,
bot events with their response name and model id), and ratings beside it. What was generated is
known exactly, so every figure of the report is checked against it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from benchmarks.usage_store import (
    DAYS,
    KINDS,
    MODEL_A,
    MODEL_B,
    SECRET_PREFIX,
    START,
    build_store,
    rate_answers,
)
from evaluation import usage
from monitoring import feedback


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    path = tmp_path_factory.mktemp("usage") / "tracker.db"
    url = f"sqlite:///{path}"
    engine = create_engine(url, future=True)
    expected = build_store(engine, 100_000)
    engine.dispose()
    rate_answers(feedback.engine_for(url))
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
    # Places are counted by the country's name, however they were typed ("FR", "the uk").
    expected_places = {"France": kinds[1], "United Kingdom": kinds[2], "Japan": kinds[6]}
    assert summary["countries"] == expected_places
    per_day = summary["countries_per_day"].values()
    assert sum(day.get("France", 0) for day in per_day) == kinds[1]

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
    rate_answers(feedback.engine_for(postgres_url))
    summary = usage.report(postgres_url, START, START + dt.timedelta(days=DAYS - 1))
    assert summary["totals"]["turns"] == 2_000 and summary["totals"]["conversations"] == 400
    assert summary["totals"]["ratings_down"] == 2
    assert summary["unanswered"]["out_of_scope"]["groups"][0]["count"] == sum(kinds[3:6])
