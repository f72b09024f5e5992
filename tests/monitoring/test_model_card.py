"""Model cards: what a model was trained from, its evaluation, and the report naming it."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
from pathlib import Path

from evaluation import model_card, usage

MODEL_ID = "0123456789abcdef0123456789abcdef"


def _model(folder: Path, model_id: str = MODEL_ID) -> Path:
    """A model archive as Rasa 3 writes it, reduced to its metadata.json."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ml-career-guide.tar.gz"
    payload = json.dumps(
        {
            "model_id": model_id,
            "trained_at": "2026-12-01T10:00:00",
            "rasa_open_source_version": "3.6.21",
        }
    ).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("/metadata.json")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    return path


def _project(root: Path) -> None:
    (root / "data").mkdir(parents=True)
    (root / "config.yml").write_text("language: en\npipeline: []\n")
    (root / "domain.yml").write_text("version: '3.1'\n")
    (root / "data" / "nlu.yml").write_text("nlu: []\n")
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)


def test_a_card_records_commit_data_config_and_evaluation(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _project(root)
    model = _model(root / "models")
    card = model_card.record(model, root)
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    assert card["model_id"] == MODEL_ID and card["git_commit"] == commit
    assert card["git_dirty"] is False and card["config"].startswith("language: en")
    assert json.loads((root / "models" / "ml-career-guide.json").read_text()) == card

    (root / "data" / "nlu.yml").write_text("nlu: [changed]\n")
    changed = model_card.record(model, root)
    assert changed["git_dirty"] is True and changed["data_checksum"] != card["data_checksum"]

    (root / "reports" / "blind").mkdir(parents=True)
    (root / "reports" / "eval.json").write_text(json.dumps({"summary": {"macro_f1": 0.97123456}}))
    (root / "reports" / "blind" / "eval.json").write_text(
        json.dumps({"summary": {"macro_f1": 0.9}})
    )
    evaluated = model_card.add_eval(model, root)
    assert evaluated["eval"] == {"heldout": {"macro_f1": 0.9712}, "blind": {"macro_f1": 0.9}}
    history = (root / "models" / "history.jsonl").read_text().splitlines()
    assert len(history) == 3

    # A retrain: the old model stays known through the history.
    _model(root / "models", "f" * 32)
    model_card.record(model, root)
    known = usage.model_records(root / "models")
    assert set(known) == {MODEL_ID, "f" * 32}
    assert known[MODEL_ID]["eval"]["heldout"]["macro_f1"] == 0.9712
