"""Run one of the project's command lines (``python -m …``) as a user would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.bot import PROJECT_ROOT


def run_module(
    module: str, *args: str, env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``python -m MODULE ARGS`` from the project root with ``env`` over this environment."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(PROJECT_ROOT),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
