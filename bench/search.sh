#!/usr/bin/env bash
# Search at scale: for synthetic dossiers of each size (bench/gen.py), the size of the search
# index (files, total, largest file, manifest), then, in headless Chromium (bench/search.mjs),
# what a few queries load before their first results and how long each keystroke takes.
#
#   bench/search.sh [ARTICLES ...]          (default: 1000 10000)
#   WORK=/tmp/search-bench bench/search.sh  # keep the dossiers and sites there, reuse them
#
# The queries: the name of the first actor of the corpus (alphabetically), "said" (in nearly
# every document), "k" (one letter: a merged list), "kessport" (a place), "border police"
# (two words), "zzzz" (nothing). QUERIES="a b" replaces them (words separated by commas:
# QUERIES="said,border police"). DOSSIER=path/to/binary measures another build. Needs Python
# 3, node and Debian's Chromium with playwright-core from the site judges (see search.mjs).
# Generating the 10,000-article dossier takes about 30 s and building it 20 s on a quiet
# 2-core machine (its output is about 800 MB); the whole script took 11.5 minutes on a busy
# one (docs/performance.md, "Search at scale").
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
if [ -n "${WORK:-}" ]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
if [ -z "${DOSSIER:-}" ]; then
  cargo build --release --quiet
fi
bin=${DOSSIER:-./target/release/dossier}
started=$(date +%s)
for n in "${sizes[@]}"; do
  dir=$work/g$n
  echo "== $n articles"
  if [ ! -f "$dir/dossier/dossier.yaml" ]; then
    python3 bench/gen.py --articles "$n" --out "$dir" >/dev/null
  fi
  rm -rf "$dir/site"
  /usr/bin/time -o "$dir/time" -f "%e s, %M KiB peak" "$bin" build "$dir/dossier" -o "$dir/site" 2>&1 | grep -E "^(built|search index)" || true
  echo "build: $(cat "$dir/time")"
  python3 - "$dir/site" <<'PY'
import os, sys
site = sys.argv[1]
files = [os.path.join(site, "search-index.js")]
for root, _, names in os.walk(os.path.join(site, "search-index")):
    files += [os.path.join(root, f) for f in names]
sizes = sorted(((os.path.getsize(f), os.path.relpath(f, site)) for f in files), reverse=True)
total = sum(s for s, _ in sizes)
by = {}
for s, p in sizes:
    k = "manifest" if p == "search-index.js" else {"t": "term", "d": "document", "p": "phrase"}[os.path.basename(p)[0]]
    c, b, m = by.get(k, (0, 0, 0))
    by[k] = (c + 1, b + s, max(m, s))
print(f"index: {len(sizes)} files, {total / 1048576:.1f} MiB; largest {sizes[0][1]} ({sizes[0][0] / 1024:.0f} KiB)")
for k, (c, b, m) in sorted(by.items()):
    print(f"  {k} files: {c}, {b / 1048576:.2f} MiB, largest {m / 1024:.1f} KiB")
PY
  actor=$(sed -n 's/^name: "\(.*\)"$/\1/p' "$(find "$dir/dossier/content/actors" -name '*.yaml' | sort | head -1)")
  queries=()
  if [ -n "${QUERIES:-}" ]; then
    IFS=, read -r -a queries <<<"$QUERIES"
  else
    queries=("$actor" said k kessport "border police" zzzz)
  fi
  node bench/search.mjs "$dir/site" "${queries[@]}"
  echo
done
echo "whole script: $(($(date +%s) - started)) s"
