#!/usr/bin/env python3
"""Authoring aid for transcripts: runs a draft (comments and `$ ` lines) through the engine and
prints it with the engine's output, generalised the way transcripts.md asks: container IDs,
generated names and committed image IDs become placeholders, and the clock-dependent columns of
`images`, `ps` and `history` tables become `<*>`. The result is a draft to check against Docker
before it is saved; it is never a test by itself."""
import json, re, subprocess, sys, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
known = set()
for path in [root / "engine/data/registry-catalogue.json", root / "engine/src/scenarios.rs"]:
    known.update(re.findall(r"[0-9a-f]{64}", path.read_text()))
left = set((root / "engine/data/names-left.txt").read_text().split())
right = set((root / "engine/data/names-right.txt").read_text().split())

def generalise(line):
    def long(m):
        return m.group(0) if m.group(0) in known else "<LONGID>"
    line = re.sub(r"sha256:([0-9a-f]{64})", lambda m: m.group(0) if m.group(1) in known else "<DIGEST>", line)
    line = re.sub(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])", long, line)
    def short(m):
        t = m.group(0)
        return t if any(k.startswith(t) for k in known) else "<ID>"
    line = re.sub(r"(?<![0-9a-z:])[0-9a-f]{12}(?![0-9a-z])", short, line)
    def name(m):
        a, b = m.group(1), m.group(2)
        return "<NAME>" if a in left and b in right else m.group(0)
    return re.sub(r"\b([a-z]+)_([a-z]+)\d?\b", name, line)

draft = pathlib.Path(sys.argv[1]).read_text()
recorded = subprocess.run([str(root / "target/release/transcript"), "--record", sys.argv[1]],
                          capture_output=True, text=True, check=True).stdout.splitlines()
comments = [l for l in draft.splitlines() if l.startswith("#") and not l.startswith("#!")]
blocks = []  # (command line, output lines)
directive = []
for line in recorded:
    if line.startswith("#!"):
        directive.append(line)
    elif line.startswith("$ "):
        blocks.append((line, []))
    elif blocks:
        blocks[-1][1].append(line)
out = directive + comments
for command, lines in blocks:
    out.append(command)
    cmd = command[2:]
    plain_table = (re.match(r"docker (images|image ls|ps|container ls|history|image history)\b", cmd)
                   and "--format" not in cmd and not re.search(r"\s-[a-zA-Z]*q", cmd))
    body = [l for l in lines if not l.startswith("? ")]
    status = [l for l in lines if l.startswith("? ")]
    if plain_table and len(body) > 1 and "CREATED" in body[0]:
        col = body[0].index("CREATED")
        out.extend(generalise(l[:col]) + "<*>" for l in body)
    else:
        out.extend(generalise(l) for l in body)
    out.extend(status)
print("\n".join(out))
