"""Rasa's patches (serving/rasa_patches.py): applied once, and only on the Rasa they were written for.

Run in a subprocess: importing Rasa's action machinery loads TensorFlow, which this test
process keeps out (tests/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT

CHECK = """
import rasa.core.actions.action as rasa_action
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import console
from serving import rasa_patches
from serving.rasa_patches import IncompatibleRasa, check_rasa

try:
    check_rasa("3.7.0")
except IncompatibleRasa as error:
    assert "3.6." in str(error) and "3.7.0" in str(error), error
else:
    raise AssertionError("Rasa 3.7.0 accepted")
rasa_patches.apply(4.5)
rasa_patches.apply(99)  # a second call changes nothing
assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 4.5
assert RemoteAction._validate_action_result is rasa_patches._validate_action_result
assert console._get_user_input is rasa_patches.get_user_input
RemoteAction._validate_action_result(None, {"events": [], "responses": []})
print("ok")
"""


def test_patches_check_the_rasa_version_and_apply_once() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]


def test_importing_the_rest_channel_patches_nothing() -> None:
    """The patches are the launcher's (serving.rasa_run), not a side effect of a channel."""
    source = (PROJECT_ROOT / "channels" / "rest.py").read_text(encoding="utf-8")
    assert "rasa_patches" not in source
    assert "rasa_patches.apply(" in (PROJECT_ROOT / "serving" / "rasa_run.py").read_text()
