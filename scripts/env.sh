# shellcheck shell=bash
# Settings and secrets from a .env file (git-ignored; see .env.example), for scripts/serve.sh and
# `make ingest`: sourced, it defines load_env. A variable already set in the environment wins
# over the file, and the file's empty values ("SLACK_TOKEN=") leave a setting off or at its
# default. Lines are KEY=value, optionally "export KEY=value" or quoted; # starts a comment.
load_env() {
  local file="${1:-.env}" line key value
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line#"${line%%[![:space:]]*}"}"
    case "$line" in '' | '#'*) continue ;; esac
    line="${line#export }"
    key="${line%%=*}"
    value="${line#*=}"
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ "$value" =~ ^\"(.*)\"$ ]] || [[ "$value" =~ ^\'(.*)\'$ ]]; then
      value="${BASH_REMATCH[1]}"
    fi
    if [ -z "${!key+x}" ]; then
      export "$key=$value"
    fi
  done <"$file"
}
