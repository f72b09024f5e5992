#!/usr/bin/env sh
# Print the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10 only).
# Order: $PYTHON, python3.10 on PATH, pyenv's 3.10.x, common install prefixes.
set -eu
is_310() { [ -x "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
for candidate in "${PYTHON:-}" "$(command -v python3.10 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && is_310 "$candidate"; then echo "$candidate"; exit 0; fi
done
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
if command -v pyenv >/dev/null 2>&1; then pyenv_root="$(pyenv root)"; fi
for candidate in "$pyenv_root"/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10 /opt/python*/bin/python3.10; do
  if is_310 "$candidate"; then echo "$candidate"; exit 0; fi
done
echo "error: no Python 3.10 found. Rasa 3.6 needs Python 3.8-3.10." >&2
echo "fix:   install one (e.g. 'pyenv install 3.10' or 'apt install python3.10') or set PYTHON=/path/to/python3.10" >&2
exit 1
