#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml), run on the staging copy of dist/ before it replaces dist/:
#   1. writes the pre-rendered first view and the Content-Security-Policy into index.html
#      (src/bin/prerender.rs: the app's own components through yew's server renderer);
#   2. writes this build's id and file list into the service worker (sw.js), so each deployment
#      gets its own cache and the page opens offline after one visit;
#   3. writes a .gz (gzip -9) and a .br (brotli -q 11) beside every file a host serves, for
#      hosts that serve precompressed files (README, Serving).
# No `flock /tmp/cargo.lock` here: the trunk build that runs this hook already holds it.
set -euo pipefail
cd "$TRUNK_SOURCE_DIR"
staging="$TRUNK_STAGING_DIR"
cargo run --quiet --features ssr --bin prerender -- "$staging/index.html"
python3 - "$staging" <<'PY'
import hashlib, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
# What the page may need offline: itself, its code, icons, manifest and lessons. Not the
# author's example page nor embed.js (a host page's, served with it but never used by it).
skip = {"sw.js", "embed.js", "embed-example.html", "embed-example.js", "embed-example.css", "_headers"}
files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
               if p.is_file() and p.name not in skip and p.suffix not in (".gz", ".br"))
digest = hashlib.sha256()
for name in files:
    digest.update(name.encode() + b"\0" + (root / name).read_bytes())
worker = root / "sw.js"
text = worker.read_text()
if "'__RMI_BUILD__'" not in text or "['__RMI_FILES__']" not in text:
    sys.exit("sw.js: the placeholders for the build are missing")
text = text.replace("'__RMI_BUILD__'", json.dumps(digest.hexdigest()[:16]))
text = text.replace("['__RMI_FILES__']", json.dumps(files))
worker.write_text(text)
# The headers a host should send (Netlify's and Cloudflare Pages' `_headers` format; README,
# Hosting): the page's own Content-Security-Policy as a header too, and caching by name.
import re
page = (root / "index.html").read_text()
policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
if policy is None:
    sys.exit("index.html: no Content-Security-Policy to send as a header")
(root / "_headers").write_text(f"""/*
  Content-Security-Policy: {policy.group(1)}
  X-Content-Type-Options: nosniff
/*.wasm
  Content-Type: application/wasm
/*.webmanifest
  Content-Type: application/manifest+json
/rmi-playground-*
  Cache-Control: public, max-age=31536000, immutable
/
  Cache-Control: no-cache
/index.html
  Cache-Control: no-cache
/sw.js
  Cache-Control: no-cache
/embed.js
  Cache-Control: no-cache
  Access-Control-Allow-Origin: *
/lessons/*
  Cache-Control: no-cache
""")
PY
find "$staging" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.json' -o -name '*.svg' -o -name '*.webmanifest' \) -print0 |
  while IFS= read -r -d '' f; do
    gzip -9 -n -k -f "$f"
    brotli -q 11 -k -f "$f"
  done
