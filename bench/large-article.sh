#!/usr/bin/env bash
# Benchmark: one large article with 100 excerpts and ACTORS actors whose names occur
# throughout, checked and built in release mode, RUNS times each, alternating; prints the
# medians of CPU time (user + system), wall time and peak memory, and build / check.
# Shows that anchoring, mention finding and rendering stay linear in the size of an article,
# and that a build costs no more than about twice a check (issue 10: "a 5 MB article with
# 100 excerpts and 30 named actors builds in no more than twice its check time").
#
#   bench/large-article.sh [MEGABYTES [ACTORS [RUNS]]]     (default 20 50 3)
#   bench/large-article.sh 5 30                            # the issue 10 figure
#
# bench/compare.sh runs the 20 MB input as one of the targets of issue 11.
#
# Input and output go to tmpfs (/dev/shm, or WORK=dir), as in bench/compare.sh: on the
# disk-backed /tmp, writing the site's 19 MB costs the build system time that swings with
# other sessions' disk writes (build/check from 2.0 to 2.6 within an hour, for the same binary).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
actors=${2:-50}
runs=${3:-3}
dir=$(mktemp -d -p "${WORK:-/dev/shm}")
trap 'rm -rf "$dir"' EXIT
python3 bench/inputs.py large "$dir/dossier" --size "$mb" --actors "$actors"
cargo build --release --quiet
bin=${DOSSIER:-./target/release/dossier}
for i in $(seq "$runs"); do
  for cmd in check build; do
    out=()
    [ "$cmd" = build ] && out=(-o "$dir/public")
    /usr/bin/time -o "$dir/time" -f "%U %S %e %M" "$bin" "$cmd" "$dir/dossier" "${out[@]}" >/dev/null 2>&1
    echo "$cmd $(cat "$dir/time")" >>"$dir/runs"
  done
done
python3 - "$dir/runs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for cmd in ("check", "build"):
    r = [(float(u) + float(s), float(e), int(m)) for c, u, s, e, m in rows if c == cmd]
    med[cmd] = [statistics.median(x[i] for x in r) for i in range(3)]
    cpu, wall, mem = med[cmd]
    print(f"{cmd}: {cpu:.2f} s CPU, {wall:.2f} s wall, {mem / 1024:.0f} MiB peak (median of {len(r)})")
print(f"build / check: {med['build'][0] / med['check'][0]:.2f} CPU, {med['build'][1] / med['check'][1]:.2f} wall")
PY
