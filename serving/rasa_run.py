"""Rasa's command line with this project's settings and patches: ``python -m serving.rasa_run``.

The launcher starts ``rasa run`` and ``rasa shell`` through here (never ``rasa`` itself), so that
every Rasa process loads the settings once (``runtime.settings``), applies the patches once
(``serving.rasa_patches``, which checks the Rasa version) and then runs the real Rasa CLI.

The HTTP API token goes through the environment, never the command line: ``rasa run
--auth-token TOKEN`` shows the token to every local user in ``ps``; here the arguments are put
together in this process, where no other user can see them.

Usage: ``python -m serving.rasa_run run|shell [rasa arguments…]``
"""

from __future__ import annotations

import os
import sys

from serving.settings import ENV_FILE_VARIABLE, SettingsError, current


def rasa_arguments(arguments: list[str], token: str) -> list[str]:
    """``rasa`` and its arguments, with the API on and its token when ``rasa run`` has one."""
    api = ["--enable-api", "--auth-token", token] if token and arguments[:1] == ["run"] else []
    return ["rasa", *arguments, *api]


def main() -> None:
    """Load the settings, patch Rasa, run Rasa's own command line."""
    try:
        settings = current()
    except SettingsError as error:
        sys.exit(str(error))
    # What Rasa and its channels read from the environment is the settings' values.
    os.environ.update(settings.as_environment())
    os.environ[ENV_FILE_VARIABLE] = ""
    token = settings.RASA_API_TOKEN or ""
    os.environ.pop("RASA_API_TOKEN", None)  # not inherited by anything Rasa starts
    from serving import rasa_patches

    rasa_patches.apply(settings.ACTION_TIMEOUT)
    sys.argv = rasa_arguments(sys.argv[1:], token)
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
