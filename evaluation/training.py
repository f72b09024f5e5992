"""Train an alternative pipeline into a temporary folder, to compare it with the main model."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from evaluation.heldout import PROJECT_ROOT

logger = logging.getLogger(__name__)

# Two cores shared with other people's runs: one TensorFlow thread each way, and a lower priority.
QUIET_ENV = {
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}


def other_trainings() -> list[str]:
    """Command lines of ``rasa train`` processes already running on this machine."""
    found = subprocess.run(
        ["pgrep", "-af", "rasa train"], capture_output=True, text=True, check=False
    )
    mine = {str(os.getpid()), str(os.getppid())}
    return [line for line in found.stdout.splitlines() if line and line.split()[0] not in mine]


def wait_for_other_trainings(poll_seconds: float = 15) -> None:
    """Never run two trainings at once: wait until no other ``rasa train`` is running."""
    waiting = other_trainings()
    if waiting:
        logger.warning("Another training is running, waiting for it:\n  %s", "\n  ".join(waiting))
    while waiting:
        time.sleep(poll_seconds)
        waiting = other_trainings()


def train(config: Path, out_dir: Path, name: str = "cmp") -> tuple[Path, float]:
    """``rasa train --config CONFIG`` on the project's data and domain; (model path, seconds)."""
    wait_for_other_trainings()
    rasa = Path(sys.executable).parent / "rasa"
    command = [
        str(rasa),
        "train",
        "--config",
        str(config.resolve()),
        "--fixed-model-name",
        name,
        "--out",
        str(out_dir),
        "--domain",
        "domain.yml",
        "--data",
        "data",
    ]
    log = out_dir / "train.log"
    logger.info("Training %s (log: %s)", config, log)
    started = time.perf_counter()
    with log.open("wb") as handle:
        completed = subprocess.run(
            command,
            cwd=PROJECT_ROOT,
            env={**os.environ, **QUIET_ENV, "PYTHONPATH": str(PROJECT_ROOT)},
            stdout=handle,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.nice(10),
            check=False,
        )
    seconds = time.perf_counter() - started
    model = out_dir / f"{name}.tar.gz"
    if completed.returncode != 0 or not model.exists():
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"training {config} failed (exit {completed.returncode}):\n{tail}")
    return model, seconds
