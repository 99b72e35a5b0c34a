#!/usr/bin/env bash
# Benchmark: one 20 MB article with 100 excerpts and 50 actors whose names occur throughout,
# built in release mode. Shows that anchoring, mention finding and rendering stay linear in the
# size of an article. Usage: bench/large-article.sh [MEGABYTES] (default 20).
# bench/compare.sh runs the same input as one of the targets of issue 11.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 bench/inputs.py large "$dir/dossier" --size "$mb"
cargo build --release --quiet
/usr/bin/time -f "peak memory: %M KiB, wall: %e s" ./target/release/dossier build "$dir/dossier" -o "$dir/public" 2>&1 | grep -v "^warning\|^ *|\|^ *=\|^ -->\|^$" | tail -4
