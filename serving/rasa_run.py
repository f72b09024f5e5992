"""Start ``rasa run`` with the HTTP API token from the environment, never on the command line.

``rasa run --auth-token TOKEN`` shows the token to every local user in ``ps``. The launcher
passes ``RASA_API_TOKEN`` here through the environment (readable only by the same user); the
arguments are put together in this process, where no other user can see them.

Usage: ``python -m serving.rasa_run [rasa run arguments…]``
"""

from __future__ import annotations

import os
import sys


def rasa_arguments(arguments: list[str], token: str) -> list[str]:
    """``rasa run`` and its arguments, with the API on and its token when one is set."""
    api = ["--enable-api", "--auth-token", token] if token else []
    return ["rasa", "run", *arguments, *api]


def main() -> None:
    """Run Rasa's own command line with the assembled arguments."""
    token = os.environ.pop("RASA_API_TOKEN", "")  # not inherited by anything Rasa starts
    sys.argv = rasa_arguments(sys.argv[1:], token)
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
