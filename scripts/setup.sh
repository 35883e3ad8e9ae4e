#!/usr/bin/env bash
# Installs what building and testing the playground needs, skipping whatever is
# already present at the right version, so it is safe to run on every invocation.
#   scripts/setup.sh          toolchain for building the page (wasm target, trunk,
#                             wasm-bindgen-cli, binaryen from npm)
#   scripts/setup.sh browser  the above plus Chromium, ChromeDriver and playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    log "adding $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (compiles for ~12 minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one dependency pinned in its lock file is gone from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -d tools/node_modules/playwright-core ] || [ ! -d tools/node_modules/axe-core ]; then
  log "installing npm tools (binaryen, playwright-core, axe-core) into tools/node_modules"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
fi

# apt-get may find its lock held for a moment on a fresh machine: wait and retry.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2 3 4 5 6; do
    if apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; then
      return 0
    fi
    log "apt-get failed (attempt $attempt), retrying in 10 s"
    sleep 10
  done
  return 1
}

if [ "${1:-}" = browser ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v brotli >/dev/null; then
    log "installing Debian's chromium, chromium-driver and brotli"
    apt_install chromium chromium-driver brotli
  fi
fi
log "tools ready"
