#!/usr/bin/env bash
# Pages and pictures at scale (issue 11): builds the synthetic dossier of bench/gen.py with N
# articles (N/5 actors, N/10 incidents) and prints the largest files a reader loads (every
# page, script and feed; dossier.json, the download, is listed apart), then how long the
# pictures take to make (bench/pictures.rs, median of 3).
#
#   bench/scale.sh [ARTICLES]          (default 10000)
#
# The corpus and the site go to $OUT (default /dev/shm/dossier-scale); a corpus already there
# for the same N is reused (50,000 articles take minutes to generate).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
out=${OUT:-/dev/shm/dossier-scale}
mkdir -p "$out"
cargo build --release --quiet --bin dossier --example pictures
if [ "$(cat "$out/corpus-size" 2>/dev/null)" != "$n" ]; then
  rm -rf "$out/corpus"
  python3 bench/gen.py --articles "$n" --out "$out/corpus" >/dev/null
  echo "$n" >"$out/corpus-size"
fi
rm -rf "$out/site"
/usr/bin/time -o "$out/time" -f "%e s, %M KiB" ./target/release/dossier build "$out/corpus/dossier" -o "$out/site" | tail -1
echo "build: $(cat "$out/time")"
echo "largest files a reader loads:"
find "$out/site" -type f ! -name dossier.json -printf '%s %P\n' | sort -n | tail -8 | sed 's/^/  /'
echo "dossier.json (download): $(stat -c %s "$out/site/dossier.json") bytes"
echo "pages: $(find "$out/site" -name index.html | wc -l)"
./target/release/examples/pictures "$out/corpus/dossier"
