"""``rasa shell`` with buttons shown as numbered options (``python -m channels.console shell ...``).

Stock ``rasa shell`` turns the buttons of the latest reply into an arrow-key menu that hides the
text box until an option is chosen, and older buttons into a list. Here every reply's buttons
are printed as a numbered list and the user types either a message or an option's number.
``/good`` and ``/bad`` rate the last answer (stored like the widget's ratings, beside the
tracker store; ``channels.feedback``); after ``/bad`` the reasons are offered once, by number,
and anything else just goes on with the conversation. Everything else is the real
``rasa shell`` (same server, same REST round trip).
"""

from __future__ import annotations

import sys
from typing import Any

import questionary
from prompt_toolkit.styles import Style
from rasa.core.channels import console
from rasa.shared.utils.cli import print_color
from rasa.shared.utils.io import bcolors

from channels import feedback
from monitoring.feedback import DOWN, REASONS, UP

_last_buttons: list[dict[str, Any]] = []
_conversation: list[str] = []
"""The shell's conversation id (``rasa shell`` makes one up), caught from ``record_messages``."""
RATE_COMMANDS = {"/good": UP, "/bad": DOWN}


def print_numbered_buttons(
    message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
) -> None:
    """Print the text's buttons as "1: title" lines and remember them for the next input."""
    buttons = message.get("buttons") or []
    if message.get("text"):
        print_color(message["text"], color=color)
        message = {k: v for k, v in message.items() if k != "text"}
    for index, button in enumerate(buttons, start=1):
        print_color(f"  {index}: {button.get('title')}", color=color)
    _last_buttons[:] = buttons
    return None


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
    """Print the latest reply, read a line; a number picks that button's payload."""
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


_stock_print_bot_output = console._print_bot_output


def _print_bot_output(
    message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
) -> None:
    if message.get("buttons"):
        print_numbered_buttons(message, is_latest_message, color)
        message = {k: v for k, v in message.items() if k not in ("buttons", "text")}
    _stock_print_bot_output(message, False, color)


_stock_record_messages = console.record_messages


async def record_messages(sender_id: str, *args: Any, **kwargs: Any) -> int:
    """Rasa's console loop, remembering its conversation id for ``/good`` and ``/bad``."""
    _conversation[:] = [sender_id]
    return await _stock_record_messages(sender_id, *args, **kwargs)


def main() -> None:
    """Patch the console presentation, then run the Rasa CLI with the given arguments."""
    console._print_bot_output = _print_bot_output
    console._get_user_input = get_user_input
    console.record_messages = record_messages
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
