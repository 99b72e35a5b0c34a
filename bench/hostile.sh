#!/usr/bin/env bash
# Hostile inputs (issue 11: "nothing quadratic in any input"): each single-article input of
# bench/inputs.py at half and at full size, checked and built RUNS times each (alternating),
# with the medians of CPU time (user + system), wall time and peak memory, and the ratio
# full / half of the build's CPU time: about 2 when the cost is linear in the input, 4 when
# it is quadratic.
#
#   bench/hostile.sh [RUNS [KIND...]]       (default 3, every kind)
#   bench/hostile.sh 1 nested-list entities
#
# Sizes (full): the 20 MB article with 100 excerpts, lists and block quotes 50,000 deep (in an
# article, in a free page, ending in a link, and as raw <div>s), 10 MB of `&amp;`, 80,000
# excerpts on a 2.6 MB article (ten sentences a paragraph, and all in one paragraph).
# Each run is stopped after TIMEOUT seconds (default 120). Inputs and outputs go to tmpfs
# (/dev/shm) unless WORK says otherwise; DOSSIER=path/to/binary measures another build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(large nested-list nested-quote nested-page nested-link nested-html entities many-excerpts one-paragraph)
timeout_s=${TIMEOUT:-120}
work=$(mktemp -d -p "${WORK:-/dev/shm}")
trap 'rm -rf "$work"' EXIT
if [ -z "${DOSSIER:-}" ]; then cargo build --release --quiet; fi
bin=${DOSSIER:-$PWD/target/release/dossier}

full_size() {
  case $1 in
    large) echo 20 ;;
    entities) echo 10 ;;
    many-excerpts|one-paragraph) echo 80000 ;;
    *) echo 50000 ;;
  esac
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $runs run(s) of each; $(date -u +%FT%TZ)"
printf '%-14s %-5s %-6s %10s %10s %10s\n' input size cmd "CPU s" "wall s" "peak MiB"
for kind in "${kinds[@]}"; do
  full=$(full_size "$kind")
  for size in $((full / 2)) "$full"; do
    dir=$work/$kind-$size
    python3 bench/inputs.py "$kind" "$dir" --size "$size" >/dev/null
    : >"$work/runs"
    for _ in $(seq "$runs"); do
      for cmd in check build; do
        out=()
        [ "$cmd" = build ] && { rm -rf "$work/public"; out=(-o "$work/public"); }
        if /usr/bin/time -o "$work/time" -f "%U %S %e %M" timeout "$timeout_s" "$bin" "$cmd" "$dir" "${out[@]}" >/dev/null 2>&1; then
          echo "$cmd $(cat "$work/time")" >>"$work/runs"
        else
          echo "$cmd stopped" >>"$work/runs"
        fi
      done
    done
    python3 - "$work/runs" "$kind" "$size" "$work/ratio-$kind" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
kind, size, ratio = sys.argv[2], sys.argv[3], sys.argv[4]
for cmd in ("check", "build"):
    r = [row for row in rows if row[0] == cmd]
    if any(row[1] == "stopped" for row in r):
        print(f"{kind:<14} {size:<5} {cmd:<6} {'stopped':>10}")
        cpu = float("nan")
    else:
        cpu = statistics.median(float(u) + float(s) for _, u, s, _, _ in r)
        wall = statistics.median(float(e) for *_, e, _ in r)
        mem = statistics.median(int(m) for *_, m in r) / 1024
        print(f"{kind:<14} {size:<5} {cmd:<6} {cpu:>10.2f} {wall:>10.2f} {mem:>10.0f}")
    if cmd == "build":
        with open(ratio, "a") as f:
            f.write(f"{cpu}\n")
PY
    rm -rf "$dir"
  done
  python3 - "$work/ratio-$kind" "$kind" <<'PY'
import sys
half, full = (float(x) for x in open(sys.argv[1]).read().split())
print(f"{sys.argv[2]:<14} build CPU full / half: {full / half:.2f}" if half > 0 else "")
PY
done
