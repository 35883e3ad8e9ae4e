#!/usr/bin/env bash
# Runs every test of the playground: the engine and the transcripts natively.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "== native tests (engine, transcripts, app logic)"
cargo test --workspace --release

echo "== transcript runner over tests/transcripts"
cargo run --release --quiet --bin transcript -- tests/transcripts/*.txt
