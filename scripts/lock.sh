#!/usr/bin/env bash
# `make lock`: re-lock requirements.txt and requirements-dev.txt, with hashes, from their .in
# files (pip-compile). Today's pins are kept unless a change in a .in file needs another one;
# to move a package on, pass e.g. LOCK_ARGS="--upgrade-package tqdm". Takes a few minutes: the
# hashes of every file of every pinned release are fetched from the package index.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"

lock() {  # lock IN OUT HEADER
    # Compiled onto OUT itself: pip-compile keeps the pins it finds there.
    "$VENV/bin/pip-compile" --quiet --generate-hashes --unsafe-package pip \
        --strip-extras --no-header --no-emit-index-url --no-emit-find-links ${LOCK_ARGS:-} \
        "$1" -o "$2"
    { printf '%s\n' "$3"; cat "$2"; } > "$2.new" && mv "$2.new" "$2"
}

lock requirements.in requirements.txt \
"# Locked with hashes from requirements.in by \`make lock\` (pip-compile): what \`make run\` installs.
# Edit requirements.in, never this file."
lock requirements-dev.in requirements-dev.txt \
"# Locked with hashes from requirements-dev.in by \`make lock\` (pip-compile): tests, linters and
# the lock tool, installed beside requirements.txt by \`make test\`. Edit requirements-dev.in."
echo "Locked requirements.txt and requirements-dev.txt; commit them with the .in files."
