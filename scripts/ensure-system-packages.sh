#!/usr/bin/env bash
# Install the Debian packages the tests use when they are missing: PostgreSQL for the store's
# PostgreSQL tests, Chromium, Redis, nginx and an emoji font for the widget's screenshots. Without root or apt-get, say what is missing and carry on: the
# tests that need it are then skipped with a visible reason.
set -u
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
for package in "$@"; do
  case "$package" in
    chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    redis) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
    nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
    # Without it Chromium draws the greeting's emoji as an empty box.
    emoji-font) fc-list 2>/dev/null | grep -qi "emoji" || missing+=(fonts-noto-color-emoji) ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Debian packages for the tests: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "warning: could not install ${missing[*]}; the tests that need them will be skipped"
else
  echo "warning: ${missing[*]} not installed and no root/apt-get here; install them with" \
       "'sudo apt-get install ${missing[*]}' or the tests that need them will be skipped"
fi
