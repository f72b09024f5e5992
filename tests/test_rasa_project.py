"""The Rasa project itself: data validation and end-to-end test stories on the trained model."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
ENV = {
    **os.environ,
    "PYTHONPATH": str(PROJECT_ROOT),  # config.yml names a component in nlu_components/
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONWARNINGS": "ignore::DeprecationWarning",
}


# Topics with answers of their own: pay figures are framed by the salary responses instead.
ANSWERED_ELSEWHERE = {"salary"}


def _topics_answered() -> set[str]:
    """Every topic of the topic table (knowledge/rules/topics.yml) a topic answer frames."""
    table = yaml.safe_load((PROJECT_ROOT / "knowledge/rules/topics.yml").read_text("utf-8"))
    return set(table) - ANSWERED_ELSEWHERE


def _domain_responses() -> set[str]:
    return set(yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text("utf-8"))["responses"])


def _responses_used_by_actions() -> set[str]:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "actions").glob("*.py"))
    # Sent as response="utter_…", or chosen in code and passed on (when_nothing="utter_…").
    used = set(re.findall(r'"(utter_\w+)"', code))
    # Chosen by name at run time (response=f"utter_answer_{topic}"): one per topic of the table.
    return used | {f"utter_answer_{topic}" for topic in _topics_answered()}


def test_every_topic_has_its_answer_response() -> None:
    """A topic added to the table without its response in the domain would half-work."""
    missing = {f"utter_answer_{topic}" for topic in _topics_answered()} - _domain_responses()
    assert missing == set()


def test_rasa_data_validate_has_no_warnings() -> None:
    """`rasa data validate` passes; its only warnings are about responses the actions send.

    Rasa warns about every response that no story or rule uses, even when a custom action sends
    it. Each such warning is checked against the actions' code: a response nobody uses fails.
    """
    result = subprocess.run(
        [
            RASA,
            "data",
            "validate",
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--config",
            "config.yml",
        ],
        cwd=PROJECT_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = [line for line in output.splitlines() if "UserWarning" in line or "WARNING" in line]
    unused = set(re.findall(r"The utterance '(\w+)' is not used in any story or rule", output))
    assert unused <= _responses_used_by_actions(), unused - _responses_used_by_actions()
    # ask_several is given by a pipeline component (nlu_components/several_questions.py) to a
    # message with several questions; it has, and needs, no training examples.
    set_by_component = "The intent 'ask_several' is listed in the domain file, but is not found"
    others = [
        w
        for w in warnings
        if "is not used in any story or rule" not in w
        and "sentry" not in w
        and set_by_component not in w
    ]
    assert others == [], others


@pytest.mark.bot
def test_end_to_end_stories(tmp_path: Path) -> None:
    model = PROJECT_ROOT / "models" / "ml-career-guide.tar.gz"
    result = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--model",
            str(model),
            "--stories",
            "tests/stories",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path / "results"),
        ],
        cwd=PROJECT_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    failed = (tmp_path / "results" / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert "None of the test stories failed" in failed, failed
