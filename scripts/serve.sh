#!/usr/bin/env bash
# Serve the bot: the action server (loopback only), Rasa (REST and socket.io channels) and the
# chat widget page (web/, loopback only), or `rasa shell`.
# Usage: scripts/serve.sh [shell]. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
# Conversations, credentials and secrets are this user's alone: everything created from here on
# (the tracker database, build/*.yml) is private (0600 files, 0700 folders).
umask 077
# Settings and secrets from .env (git-ignored; see .env.example), read first so that every step
# below (ports, the credentials and endpoints files, the store check) sees them.
. scripts/env.sh
load_env .env
VENV=.venv/bin
RASA_PORT="${RASA_PORT:-5005}"
# Rasa serves the public channels (widget, Slack): every interface by default; 127.0.0.1 keeps
# it to this machine (behind a reverse proxy, say).
RASA_HOST="${RASA_HOST:-0.0.0.0}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
ACTIONS_HOST="${ACTIONS_HOST:-127.0.0.1}"
# The chat widget page (web/): its port, and the origins allowed on Rasa's socket.io channel
# (channels/socketio.py; default: this page's, http://localhost:$WEB_PORT and 127.0.0.1).
export WEB_PORT="${WEB_PORT:-8080}"
WEB_HOST="${WEB_HOST:-127.0.0.1}"
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONWARNINGS="ignore::DeprecationWarning,ignore::UserWarning"
export PYTHONPATH="$PWD"

"$VENV/python" -m knowledge stats >/dev/null || exit 1
"$VENV/python" -m channels.credentials build/credentials.yml
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}"
"$VENV/python" -m serving.endpoints build/endpoints.yml
# Files written before this launcher was private (or by an older version) become so too.
chmod 600 build/credentials.yml build/endpoints.yml
for private in var/*.db var/*.db-journal; do
  if [ -e "$private" ]; then chmod 600 "$private"; fi
done
# Request bodies above 1 MB are refused by the web server itself (Sanic's default is 100 MB).
export SANIC_REQUEST_MAX_SIZE="${SANIC_REQUEST_MAX_SIZE:-1000000}"

pids=()
helpers=()
cleanup() {
  for pid in "${pids[@]}" "${helpers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C or a TERM is how the bot is meant to stop: stop the servers and exit cleanly (make
# would otherwise report "Error 130/143"). Any other end still stops them, with its own status.
trap 'trap - EXIT; cleanup; exit 0' INT TERM
trap cleanup EXIT

echo "==> Starting the action server on http://$ACTIONS_HOST:$ACTIONS_PORT"
"$VENV/python" -m actions.server --port "$ACTIONS_PORT" --host "$ACTIONS_HOST" &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$ACTIONS_PORT/health" >/dev/null 2>&1 && break
  sleep 0.5
done

if [ "${1:-}" = "shell" ]; then
  # Real `rasa shell`, with buttons printed as numbered options (see channels/console.py).
  "$VENV/python" -m channels.console shell -m models/ml-career-guide.tar.gz \
    --endpoints build/endpoints.yml -p "$RASA_PORT"
  exit $?
fi
echo "==> Starting the chat widget page"
"$VENV/python" web/server.py --host "$WEB_HOST" --port "$WEB_PORT" --rasa-port "$RASA_PORT" &
pids+=($!)
if [ -n "${RASA_API_TOKEN:-}" ]; then
  # Rasa's HTTP API (trackers, model, ...) only ever with a token; without one it stays off.
  # The token goes through the environment, not the command line (`ps` shows that to anyone).
  echo "==> Rasa HTTP API enabled (token from RASA_API_TOKEN)"
fi
echo "==> Starting Rasa on http://$RASA_HOST:$RASA_PORT (REST: /webhooks/rest/webhook)"
RASA_API_TOKEN="${RASA_API_TOKEN:-}" "$VENV/python" -m serving.rasa_run \
  -m models/ml-career-guide.tar.gz -i "$RASA_HOST" --port "$RASA_PORT" \
  --endpoints build/endpoints.yml --credentials build/credentials.yml &
pids+=($!)
# Rasa's start-up log pushes the widget's address out of sight: repeat it once Rasa answers.
probe_host="$RASA_HOST"
case "$RASA_HOST" in 0.0.0.0 | "::") probe_host=127.0.0.1 ;; esac
(
  for _ in $(seq 1 600); do
    kill -0 $$ 2>/dev/null || exit 0
    if curl -fsS "http://$probe_host:$RASA_PORT/" >/dev/null 2>&1; then
      echo "==> Ready. Chat widget: http://localhost:$WEB_PORT"
      exit 0
    fi
    sleep 1
  done
) &
# Not one of pids (its end is no reason to stop), but stopped with them.
helpers+=($!)
wait -n "${pids[@]}"
