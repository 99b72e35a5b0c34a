#!/usr/bin/env bash
# Regenerate the README screenshots: build the example, then shoot every kind of page at desktop
# and phone widths with Debian's headless Chromium (viewport-sized PNGs, no network).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet -- build . -o "$out/site" 2>/dev/null
shoot() { # shoot NAME PATH WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --virtual-time-budget=5000 --user-data-dir="$out/profile" --window-size="$3,$4" \
    --screenshot="docs/screenshots/$1.png" "file://$out/site/$2" >/dev/null 2>&1
}
for page in "home index.html" \
            "actor actors/pakistan/index.html" \
            "incident incidents/2008-11-26-mumbai-attacks/index.html" \
            "article articles/2008-11-29-pakistan-withdraws-spy-chief-pledge/index.html" \
            "excerpt excerpts/bolton-fm-assured-me/index.html" \
            "timeline timeline/index.html" \
            "network graph/index.html" \
            "search search/index.html?q=haqq" \
            "tag tags/mumbai-2008/index.html"; do
  set -- $page
  shoot "$1-desktop" "$2" 1280 900
  shoot "$1-phone" "$2" 390 844
done
ls -l docs/screenshots/*.png
