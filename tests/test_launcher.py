"""The launcher's supervisor on small stand-in processes: restarts with backoff, stops cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from serving.launcher import Service, Supervisor, describe_exit

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]
STUBBORN = [
    sys.executable,
    "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(120)",
]


def _supervisor(tmp_path: Path, **commands: list[str]) -> Supervisor:
    services = {
        name: Service(name, command, "http://127.0.0.1:9/") for name, command in commands.items()
    }
    return Supervisor(services, dict(os.environ), log_dir=tmp_path, first_delay=0.2, max_delay=0.8)


async def _restarted(supervisor: Supervisor, name: str, old_pid: int) -> int:
    for _ in range(100):
        process = supervisor.processes[name]
        if process.pid != old_pid and process.returncode is None:
            return process.pid
        await asyncio.sleep(0.1)
    raise AssertionError(f"{name} was not started again")


async def test_a_crashed_service_is_started_again_and_the_others_keep_running(
    tmp_path: Path,
) -> None:
    supervisor = _supervisor(tmp_path, first=SLEEPER, second=SLEEPER)
    await supervisor.start_all()
    try:
        first, second = supervisor.processes["first"].pid, supervisor.processes["second"].pid
        os.kill(first, signal.SIGKILL)
        again = await _restarted(supervisor, "first", first)
        assert supervisor.restarts == {"first": 1, "second": 0}
        assert supervisor.processes["second"].pid == second
        # A quick second crash waits twice as long before the next start, up to the maximum.
        os.kill(again, signal.SIGKILL)
        await _restarted(supervisor, "first", again)
        assert supervisor._delays["first"] == 0.8
    finally:
        await supervisor.stop(grace=5)
    assert all(p.returncode is not None for p in supervisor.processes.values())


async def test_stop_ends_every_process_and_kills_one_that_ignores_sigterm(tmp_path: Path) -> None:
    supervisor = _supervisor(tmp_path, polite=SLEEPER, stubborn=STUBBORN)
    await supervisor.start_all()
    await asyncio.sleep(0.5)  # the stubborn one has installed its handler
    await supervisor.stop(grace=1)
    assert supervisor.processes["polite"].returncode == -signal.SIGTERM
    assert supervisor.processes["stubborn"].returncode == -signal.SIGKILL
    assert supervisor.restarts == {"polite": 0, "stubborn": 0}


async def test_a_stop_during_a_restart_delay_starts_nothing_more(tmp_path: Path) -> None:
    supervisor = _supervisor(tmp_path, only=SLEEPER)
    supervisor.first_delay = supervisor._delays["only"] = 5.0
    await supervisor.start_all()
    crashed = supervisor.processes["only"]
    os.kill(crashed.pid, signal.SIGKILL)
    await crashed.wait()
    await supervisor.stop(grace=5)
    await asyncio.sleep(0.2)
    assert supervisor.processes["only"] is crashed and supervisor.restarts["only"] == 0


def test_exits_are_described_for_the_log() -> None:
    assert describe_exit(-9) == "killed by SIGKILL"
    assert describe_exit(1) == "exit 1"
