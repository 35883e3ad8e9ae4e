#!/usr/bin/env bash
# Why the page cannot reach the 200 KB first-load budget: builds two probes exactly as the
# page is built (same profile, wasm-bindgen, wasm-opt -Oz with the same features) and prints
# their gzip -9 sizes: the yew view layer alone, and the engine alone. Not part of the test
# command (it takes ~2 minutes); see README, Budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue --enable-sign-ext --enable-mutable-globals"
out=target/size-floor
mkdir -p "$out"
for probe in yew-minimal engine-only; do
  dir=tools/size-floor/$probe
  # The playground's lock file, so the probes build offline with the same versions.
  cp Cargo.lock "$dir/Cargo.lock"
  cargo build --quiet --release --offline --target wasm32-unknown-unknown \
    --manifest-path "$dir/Cargo.toml" --target-dir "$out/target"
  # A binary keeps its hyphens in the file name, a library's become underscores.
  name=$probe
  [ -f "$out/target/wasm32-unknown-unknown/release/$name.wasm" ] || name=${probe//-/_}
  wasm-bindgen --target web --out-dir "$out/$probe" "$out/target/wasm32-unknown-unknown/release/$name.wasm"
  # shellcheck disable=SC2086
  wasm-opt -Oz $features "$out/$probe/${name}_bg.wasm" -o "$out/$probe/opt.wasm"
  wasm=$(gzip -9 -c "$out/$probe/opt.wasm" | wc -c)
  js=$(gzip -9 -c "$out/$probe/$name.js" | wc -c)
  printf '%-12s wasm %7d bytes + js %6d bytes = %7d bytes (gzip -9)\n' "$probe" "$wasm" "$js" $((wasm + js))
done
