"""The launcher's command line.

* ``python -m serving run`` — serve the bot (``make run``): action server, Rasa, chat page;
* ``python -m serving shell`` — ``rasa shell`` against the action server (``make shell``);
* ``python -m serving config [FOLDER]`` — only write Rasa's config files (default ``build/``);
* ``python -m serving exec COMMAND…`` — run a command with the settings in its environment
  (``make ingest`` and ``make forget``: the store ``.env`` names is the one they use).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from serving.launcher import (
    BUILD_DIR,
    LaunchError,
    configure_logging,
    launch,
    run_command,
    write_config,
)
from serving.settings import SettingsError, current

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit status."""
    parser = argparse.ArgumentParser(prog="python -m serving", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="serve the bot until Ctrl-C or SIGTERM")
    commands.add_parser("shell", help="chat with the bot in the terminal")
    config = commands.add_parser("config", help="write credentials.yml and endpoints.yml")
    config.add_argument("folder", nargs="?", type=Path, default=BUILD_DIR)
    execute = commands.add_parser("exec", help="run a command with the settings")
    execute.add_argument("args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    configure_logging()
    # Conversations, credentials and secrets are this user's alone: everything created from here
    # on (the tracker database, build/*.yml) is private (0600 files, 0700 folders).
    os.umask(0o077)
    try:
        settings = current()
        if args.command == "exec":
            if not args.args:
                parser.error("exec needs a command")
            run_command(args.args, settings)
        if args.command == "config":
            write_config(settings, args.folder)
            return 0
        return launch(settings, shell=args.command == "shell")
    except (SettingsError, LaunchError) as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
