#!/usr/bin/env bash
# Installs what the browser tests need, only what is missing (a re-run with everything present
# takes well under a second):
#   - from Debian: chromium, the Noto fonts (Nastaliq for Urdu), Java and npm;
#   - into .venv: Playwright for Python (it drives /usr/bin/chromium; no browser is downloaded);
#   - with npm into build/node/ (git-ignored): axe-core (axe.min.js) and vnu-jar (the Nu HTML
#     checker), pinned, without install scripts (vnu-jar's would download a Java).
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=${VENV:-.venv}
NODE_DIR=${NODE_DIR:-build/node}
AXE_VERSION=4.14.1
VNU_VERSION=26.9.27
PLAYWRIGHT=${PLAYWRIGHT:-playwright>=1.50,<2}
MARKER="$NODE_DIR/.complete-axe-$AXE_VERSION-vnu-$VNU_VERSION"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
installed fonts-noto-core || missing+=(fonts-noto-core)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "The browser tests need ${missing[*]}: install them (sudo apt-get install ${missing[*]})." >&2
    exit 2
  fi
  echo "Installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists are refreshed only when installing from the current ones fails.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  }
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "No $VENV yet: run 'make setup' first, then this script again." >&2
  exit 2
fi
if ! "$VENV/bin/python" -c 'import playwright.sync_api' 2>/dev/null; then
  echo "Installing Playwright for Python into $VENV (the library only, no browser)"
  "$VENV/bin/python" -m pip install --quiet "$PLAYWRIGHT"
fi

if [ ! -f "$MARKER" ]; then
  echo "Installing axe-core $AXE_VERSION and vnu-jar $VNU_VERSION into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --ignore-scripts --no-audit --no-fund --save-exact --silent \
    "axe-core@$AXE_VERSION" "vnu-jar@$VNU_VERSION"
  test -f "$NODE_DIR/node_modules/axe-core/axe.min.js"
  test -f "$NODE_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
  touch "$MARKER"
fi
