#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml), run on the staging copy of dist/ before it replaces dist/:
#   1. writes the pre-rendered first view and the Content-Security-Policy into index.html
#      (src/bin/prerender.rs: the app's own components through yew's server renderer);
#   2. writes a .gz (gzip -9) and a .br (brotli -q 11) beside every file a host serves, for
#      hosts that serve precompressed files (README, Serving).
# No `flock /tmp/cargo.lock` here: the trunk build that runs this hook already holds it.
set -euo pipefail
cd "$TRUNK_SOURCE_DIR"
staging="$TRUNK_STAGING_DIR"
cargo run --quiet --features ssr --bin prerender -- "$staging/index.html"
find "$staging" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.json' -o -name '*.svg' \) -print0 |
  while IFS= read -r -d '' f; do
    gzip -9 -n -k -f "$f"
    brotli -q 11 -k -f "$f"
  done
