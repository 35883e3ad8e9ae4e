#!/usr/bin/env bash
# Serves the playground on http://127.0.0.1:8080 (installs the build tools first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
exec trunk serve --release --offline --address 127.0.0.1 --port 8080
