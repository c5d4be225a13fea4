#!/usr/bin/env bash
# Installs what the CKAN tests need, only what is missing: PostgreSQL and Redis from Debian,
# and CKAN 2.12 in its own venv (.ckan-venv/, reused when its marker file says it is complete).
set -euo pipefail
cd "$(dirname "$0")/../.."

CKAN_VENV=${CKAN_VENV:-.ckan-venv}
CKAN_VERSION=2.12.0
MARKER="$CKAN_VENV/.complete-$CKAN_VERSION"
PYTHON=${PYTHON:-python3}

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "The CKAN tests need ${missing[*]}: install them (sudo apt-get install ${missing[*]})." >&2
    # Without CI the CKAN tests skip, saying why; with CI they must run, so stop here.
    [ -n "${CI:-}" ] && exit 2
    exit 0
  fi
  echo "Installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  }
  # Debian starts the packaged services; the tests run their own on free ports.
  for service in postgresql redis-server; do
    service "$service" stop >/dev/null 2>&1 || true
  done
fi

if [ ! -f "$MARKER" ]; then
  echo "Installing CKAN $CKAN_VERSION into $CKAN_VENV (once; about a minute)"
  rm -rf "$CKAN_VENV"
  "$PYTHON" -m venv "$CKAN_VENV"
  "$CKAN_VENV/bin/python" -m pip install --quiet --upgrade pip
  "$CKAN_VENV/bin/python" -m pip install --quiet "ckan[requirements]==$CKAN_VERSION"
  touch "$MARKER"
fi
