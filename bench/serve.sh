#!/usr/bin/env bash
# One-file rebuilds of `dossier serve` (issue 13, item 1; issue 11, item 5): on the synthetic
# dossiers of bench/gen.py (1,000 articles and, unless --no-10k, 10,000), start `dossier serve`,
# then edit one article at a time (a sentence appended, a different article each time) and read
# the server's own figure for each rebuild ("rebuilt in N ms") and the time from the save to
# that line. Prints every edit, then the medians.
#
#   bench/serve.sh              1,000 and 10,000 articles, 7 edits each
#   bench/serve.sh --no-10k     1,000 only
#
# Options: --edits N (default 7), --no-10k, --work DIR (default: a new folder in /dev/shm),
# --keep (keep it). Environment: DOSSIER=path/to/binary (default: cargo build --release).
# Needs python3 and cargo. Sources on tmpfs (/dev/shm) so the disk is not measured; serve
# writes nothing. Nothing here is run by the test suite; figures: docs/performance.md,
# "One-file rebuilds (serve)".
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

edits=7 do10=1 work="" keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --edits) edits=$2; shift ;;
    --no-10k) do10=0 ;;
    --work) work=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v python3 >/dev/null || { echo "error: python3 is needed" >&2; exit 2; }
if [ -z "${DOSSIER:-}" ]; then
  cargo build --release --quiet
  DOSSIER=$repo/target/release/dossier
fi
[ -n "$work" ] || work=$(mktemp -d /dev/shm/dossier-serve-bench.XXXXXX)
mkdir -p "$work"
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT

sizes=(1000)
[ "$do10" = 1 ] && sizes+=(10000)
printf 'machine: %s cores, load %s; %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$DOSSIER" --version)"
for n in "${sizes[@]}"; do
  dir=$work/d$n
  [ -d "$dir/dossier" ] || python3 bench/gen.py --articles "$n" --out "$dir" >/dev/null
  python3 - "$DOSSIER" "$dir/dossier" "$n" "$edits" <<'PY'
import os, re, statistics, subprocess, sys, threading, time, queue, urllib.request

binary, dossier, n, edits = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
proc = subprocess.Popen([binary, "serve", "--port", "0", dossier],
                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
lines = queue.Queue()
def pump():
    for line in proc.stderr:
        lines.put((time.monotonic(), line.rstrip("\n")))
threading.Thread(target=pump, daemon=True).start()

def until(pattern, timeout=600):
    deadline = time.monotonic() + timeout
    while True:
        at, line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        m = re.search(pattern, line)
        if m:
            return at, m, line

try:
    started = time.monotonic()
    _, m, _ = until(r"^built in (\d+) ms")
    first = int(m.group(1))
    _, m, _ = until(r"^serving at (\S+)")
    url = m.group(1).rstrip("/") + "/"
    print(f"{n} articles: first build {first} ms (serve started in {time.monotonic() - started:.1f} s)")
    articles = sorted(os.path.join(r, f) for r, _, fs in os.walk(os.path.join(dossier, "content/articles"))
                      for f in fs if f.endswith(".md"))
    own, seen, page = [], [], []
    for k in range(edits):
        path = articles[(k * 7919) % len(articles)]
        with open(path, "a") as f:
            f.write(f"\nA sentence added by the benchmark, edit {k}.\n")
        saved = time.monotonic()
        at, m, line = until(r"rebuilt in (\d+) ms")
        if "does not build" in line:
            sys.exit(f"edit {k} broke the dossier: {line}")
        own.append(int(m.group(1)))
        seen.append((at - saved) * 1000)
        # What an open page does next: reload itself (pages are rendered when asked for).
        asked = time.monotonic()
        article = os.path.splitext(os.path.basename(path))[0]
        with urllib.request.urlopen(f"{url}articles/{article}/", timeout=600) as r:
            r.read()
        page.append((time.monotonic() - asked) * 1000)
        print(f"  edit {k + 1}: {os.path.relpath(path, dossier)}: rebuilt in {own[-1]} ms; "
              f"save to rebuilt {seen[-1]:.0f} ms; its page then served in {page[-1]:.0f} ms")
        time.sleep(0.3)
    print(f"{n} articles, one-file rebuild: median {statistics.median(own):.0f} ms "
          f"(min {min(own)}, max {max(own)}); save to rebuilt: median {statistics.median(seen):.0f} ms; "
          f"the edited article's page then served in: median {statistics.median(page):.0f} ms")
finally:
    proc.send_signal(2)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
PY
done
