"""What each trained model was trained from: ``python -m evaluation.model_card record|eval``.

``make train`` runs ``record`` after ``rasa train``: it writes ``models/ml-career-guide.json``
beside the model (a sidecar) and appends the same record to ``models/history.jsonl``, so models
that answered earlier turns stay known after a retrain:

* ``model_id`` — Rasa's id of the model (from the archive's ``metadata.json``), the one Rasa
  writes into every event it stores, so the usage report can say which model answered a turn;
* ``git_commit`` and ``git_dirty`` (the training inputs differed from that commit);
* ``data_checksum`` — SHA-256 over the training inputs (config, domain, data, the NLU
  components and the gazetteer the spaCy pipeline is built from);
* ``config`` — ``config.yml`` itself, and the Rasa version.

``make eval`` runs ``eval`` at its end: the headline figures of ``reports/eval.json`` (held-out
set) and of the blind set, when present, are added to the record of the model they evaluated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

from runtime.settings import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "ml-career-guide.tar.gz"
HISTORY = "history.jsonl"
INPUT_PATTERNS = (
    "config.yml",
    "domain.yml",
    "data/*.yml",
    "data/**/*.yml",
    "nlu_components/*.py",
    "nlu_components/*.yml",
    "gazetteer/*.py",
    "gazetteer/*.yml",
)
EVAL_REPORTS = {"heldout": "reports/eval.json", "blind": "reports/blind/eval.json"}


def training_inputs(root: Path = PROJECT_ROOT) -> list[Path]:
    """The files a model is trained from, sorted."""
    return sorted({p for pattern in INPUT_PATTERNS for p in root.glob(pattern) if p.is_file()})


def data_checksum(root: Path = PROJECT_ROOT) -> str:
    """SHA-256 over the training inputs' paths and contents."""
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def model_metadata(model: Path) -> dict[str, Any]:
    """The archive's ``metadata.json`` (model id, training time, Rasa version)."""
    with tarfile.open(model, "r:gz") as archive:
        for member in archive.getmembers():
            if member.name.lstrip("/") == "metadata.json":
                handle = archive.extractfile(member)
                if handle is not None:
                    return dict(json.load(handle))
    raise ValueError(f"{model} has no metadata.json: is it a Rasa 3 model?")


def card_path(model: Path) -> Path:
    """The sidecar of ``models/NAME.tar.gz``: ``models/NAME.json``."""
    return model.with_name(model.name.removesuffix(".tar.gz") + ".json")


def record(model: Path = MODEL, root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """Write the model's card and append it to the history; return it."""
    metadata = model_metadata(model)
    inputs = [str(p.relative_to(root)) for p in training_inputs(root)]
    status = _git(root, "status", "--porcelain", "--", *inputs)
    card = {
        "model_id": metadata.get("model_id"),
        "model": model.name,
        "trained_at": metadata.get("trained_at"),
        "rasa_version": metadata.get("rasa_open_source_version"),
        "git_commit": _git(root, "rev-parse", "--short=12", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
        "data_checksum": data_checksum(root)[:16],
        "config": (root / "config.yml").read_text(encoding="utf-8"),
    }
    _write(model, card)
    return card


def add_eval(model: Path = MODEL, root: Path = PROJECT_ROOT) -> dict[str, Any]:
    """Add the latest evaluation's headline figures to the card of the model they evaluated."""
    path = card_path(model)
    card = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if card.get("model_id") != model_metadata(model).get("model_id"):
        card = record(model, root)
    figures: dict[str, Any] = {}
    for name, report in EVAL_REPORTS.items():
        report_path = root / report
        if report_path.exists():
            summary = json.loads(report_path.read_text(encoding="utf-8")).get("summary") or {}
            figures[name] = {k: round(v, 4) for k, v in summary.items() if isinstance(v, float)}
    card["eval"] = figures
    card["evaluated_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    _write(model, card)
    return card


def _write(model: Path, card: dict[str, Any]) -> None:
    card_path(model).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    with (model.parent / HISTORY).open("a", encoding="utf-8") as history:
        history.write(json.dumps(card) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m evaluation.model_card", description=__doc__)
    parser.add_argument("command", choices=("record", "eval"))
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    card = record(args.model) if args.command == "record" else add_eval(args.model)
    shown = {k: v for k, v in card.items() if k != "config"}
    print(f"Model card {card_path(args.model)}: {json.dumps(shown)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
