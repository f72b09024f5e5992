"""Two corrections to stock Rasa 3.6, applied in the Rasa server (imported by ``channels.rest``).

* Rasa waits up to 300 s for the action server; a user should hear back within seconds, so the
  wait is ``ACTION_TIMEOUT`` (default 8 s).
* Every custom-action reply is checked with ``jsonschema.validate(result, schema)``, which
  re-checks the schema itself against its metaschema each time: 48 ms per reply here, 54% of the
  Rasa server's CPU under load (py-spy, ``make bench``). A validator built once does the same
  check in under 1 ms.
"""

from __future__ import annotations

import os
from typing import Any

import jsonschema
import rasa.core.actions.action as rasa_action
from rasa.core.actions.action import RemoteAction

ACTION_TIMEOUT = float(os.environ.get("ACTION_TIMEOUT", "8"))

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR = jsonschema.validators.validator_for(_SCHEMA)(_SCHEMA)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _VALIDATOR.validate(result)
    except jsonschema.ValidationError as error:
        error.message += ". Failed to validate Action server response from API"
        raise
    return True


def apply() -> None:
    """Install both corrections (idempotent)."""
    rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
