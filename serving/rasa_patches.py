"""Every change this project makes to stock Rasa 3.6, in one place, applied once per Rasa process.

``apply()`` is called by ``serving.rasa_run`` — the entry point the launcher starts for ``rasa
run`` and ``rasa shell`` — before Rasa loads anything, so every channel gets the same Rasa. It
first checks that this is the Rasa the patches were written for (3.6.x) and that every private
name they replace or override is still there, and refuses to start otherwise.

The patches:

* **Action timeout.** Rasa waits up to 300 s for the action server; a user should hear back
  within seconds, so the wait is ``ACTION_TIMEOUT`` (default 8 s).
* **Action reply validation.** Every custom-action reply is checked with
  ``jsonschema.validate(result, schema)``, which re-checks the schema itself against its
  metaschema each time: 48 ms per reply here, 54% of the Rasa server's CPU under load (py-spy,
  ``make bench``). A validator built once does the same check in under 1 ms.
* **Numbered buttons in ``rasa shell``.** Stock ``rasa shell`` turns the latest reply's buttons
  into an arrow-key menu that hides the text box until an option is chosen. Here every reply's
  buttons are printed as a numbered list and the user types a message or an option's number;
  ``/good`` and ``/bad`` rate the last answer (``channels.feedback``).

Overrides of private Rasa methods in our own subclasses are checked here too (they break
silently when Rasa renames them): ``channels.slack.SlackInput._get_conversation_id`` (Slack
conversation ids are prefixed so they never meet a widget or REST id) and
``channels.slack.SlackOutput._post_message`` (counting the messages sent).
"""

from __future__ import annotations

import logging
from typing import Any

import jsonschema
import questionary
import rasa
import rasa.core.actions.action as rasa_action
from prompt_toolkit.styles import Style
from rasa.core.actions.action import RemoteAction
from rasa.core.channels import console
from rasa.core.channels.slack import SlackBot, SlackInput
from rasa.shared.utils.cli import print_color
from rasa.shared.utils.io import bcolors

from channels import feedback
from monitoring.feedback import DOWN, REASONS, UP

logger = logging.getLogger(__name__)

WRITTEN_FOR = "3.6."
"""The Rasa versions these patches were written and tested for (3.6.21)."""

PRIVATE_NAMES: tuple[tuple[Any, str], ...] = (
    (rasa_action, "DEFAULT_REQUEST_TIMEOUT"),
    (RemoteAction, "_validate_action_result"),
    (console, "_print_bot_output"),
    (console, "_get_user_input"),
    (console, "record_messages"),
    (SlackInput, "_get_conversation_id"),
    (SlackBot, "_post_message"),
)

_applied = False


class IncompatibleRasa(RuntimeError):
    """This Rasa is not the one the patches were written for."""


def check_rasa(version: str | None = None) -> None:
    """Refuse a Rasa other than 3.6.x, or one missing a name the patches replace."""
    version = version or rasa.__version__
    if not version.startswith(WRITTEN_FOR):
        raise IncompatibleRasa(
            f"serving/rasa_patches.py was written for Rasa {WRITTEN_FOR}x, this is Rasa {version}: "
            "check each patch against the new Rasa, then update WRITTEN_FOR"
        )
    missing = [
        f"{getattr(owner, '__name__', owner)}.{name}"
        for owner, name in PRIVATE_NAMES
        if not hasattr(owner, name)
    ]
    if missing:
        raise IncompatibleRasa(f"Rasa {version} no longer has {', '.join(missing)}")


# --- Action replies: a validator built once ------------------------------------------------------

_SCHEMA = RemoteAction.action_response_format_spec()
_VALIDATOR = jsonschema.validators.validator_for(_SCHEMA)(_SCHEMA)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _VALIDATOR.validate(result)
    except jsonschema.ValidationError as error:
        error.message += ". Failed to validate Action server response from API"
        raise
    return True


# --- rasa shell: buttons as numbered options ---------------------------------------------------

_last_buttons: list[dict[str, Any]] = []
_stock_print_bot_output = console._print_bot_output


def print_numbered_buttons(
    message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
) -> None:
    """Print the text's buttons as "1: title" lines and remember them for the next input."""
    buttons = message.get("buttons") or []
    if message.get("text"):
        print_color(message["text"], color=color)
    for index, button in enumerate(buttons, start=1):
        print_color(f"  {index}: {button.get('title')}", color=color)
    _last_buttons[:] = buttons


def _print_bot_output(
    message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
) -> None:
    if message.get("buttons"):
        print_numbered_buttons(message, is_latest_message, color)
        message = {k: v for k, v in message.items() if k not in ("buttons", "text")}
    _stock_print_bot_output(message, False, color)


# --- rasa shell: /good and /bad rate the last answer ------------------------------------------

_conversation: list[str] = []
"""The shell's conversation id (``rasa shell`` makes one up), caught from ``record_messages``."""
RATE_COMMANDS = {"/good": UP, "/bad": DOWN}
_stock_record_messages = console.record_messages


async def record_messages(sender_id: str, *args: Any, **kwargs: Any) -> int:
    """Rasa's console loop, remembering its conversation id for ``/good`` and ``/bad``."""
    _conversation[:] = [sender_id]
    return await _stock_record_messages(sender_id, *args, **kwargs)


async def _rate(rating: str, reason: str | None = None) -> bool:
    """Rate the last answer; print the thanks. True when the reasons should be offered."""
    if not _conversation:
        print_color("There is no answer to rate yet.", color=bcolors.WARNING)
        return False
    outcome = await feedback.rate(_conversation[0], rating, reason)
    print_color(outcome.text, color=bcolors.OKGREEN if outcome.stored else bcolors.WARNING)
    if outcome.ask_reason:
        for index, label in enumerate(REASONS.values(), start=1):
            print_color(f"  {index}: {label}", color=bcolors.OKBLUE)
    return outcome.ask_reason


async def get_user_input(previous_response: dict[str, Any] | None) -> str | None:
    """Print the latest reply, read a line; a number picks that button's payload.

    ``/good`` and ``/bad`` rate the last answer (stored like the widget's ratings, beside the
    tracker store); after ``/bad`` the reasons are offered once, by number.
    """
    if previous_response is not None:
        _print_bot_output(previous_response)
    reasons_offered = False
    response: str | None = ""
    while True:
        question = questionary.text(
            "", qmark="Your input ->", style=Style([("qmark", "#b373d6"), ("", "#b373d6")])
        )
        response = await question.ask_async()
        if response is None:
            return None
        response = response.strip()
        if reasons_offered and response.isdigit() and 1 <= int(response) <= len(REASONS):
            reasons_offered = False
            await _rate(DOWN, list(REASONS)[int(response) - 1])
            continue
        reasons_offered = False
        if response.lower() in RATE_COMMANDS:
            reasons_offered = await _rate(RATE_COMMANDS[response.lower()])
            continue
        break
    if response.isdigit() and 1 <= int(response) <= len(_last_buttons):
        choice = _last_buttons[int(response) - 1]
        print_color(f"-> {choice.get('title')}", color=bcolors.OKGREEN)
        response = str(choice.get("payload") or choice.get("title"))
    _last_buttons.clear()
    return response


def apply(action_timeout: float) -> None:
    """Check the Rasa version, then install every patch (once; later calls do nothing)."""
    global _applied
    if _applied:
        return
    check_rasa()
    rasa_action.DEFAULT_REQUEST_TIMEOUT = action_timeout  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    console._print_bot_output = _print_bot_output
    console._get_user_input = get_user_input
    console.record_messages = record_messages
    _applied = True
    logger.debug("Rasa %s patched (action timeout %ss)", rasa.__version__, action_timeout)
