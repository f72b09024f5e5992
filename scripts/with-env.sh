#!/usr/bin/env bash
# Run a command with the settings of .env (see scripts/env.sh): `make ingest` builds the store
# that KNOWLEDGE_DB_URL in .env names, the one the action server then reads.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
load_env .env
exec "$@"
