#!/usr/bin/env bash
# The benchmark of issue 11: dossier against Hugo on the same synthetic dossier, and the scale
# and robustness targets. Prints every run (wall time, CPU time, peak memory, load average),
# the medians, the ratio dossier/Hugo, the output sizes, and each target as met or not met.
#
#   bench/compare.sh            everything: 1,000 and 10,000 articles side by side with Hugo,
#                               check at 10,000, dossier at 50,000, the 20 MB article and the
#                               adversarial inputs
#   bench/compare.sh --quick    1,000 articles only (dossier and Hugo, 5 runs each)
#
# The whole script took 9 min 23 s on the quiet 2-core machine at the end of the round (most
# of it Hugo at 10,000 articles, about 2 min, and generating the corpora); before the
# optimisations, 21 min with a load of 2 to 5 and 48 min with a load of 7 to 10; --quick 1 to
# 6 min. Figures and their reading: docs/performance.md.
#
# Options: --runs N (runs each at 1,000; default 5), --runs-10k N (dossier runs at 10,000;
# default 3), --no-hugo-10k (skip Hugo's one run at 10,000), --no-50k, --no-inputs (skip the
# 20 MB article and the adversarial inputs), --no-serve (skip the one-file rebuilds of
# `dossier serve`, bench/serve.sh), --no-search (skip the search in Chromium, bench/search.sh;
# it needs Debian's Chromium and the site judges' playwright-core, and is skipped with a note
# when they are missing), --timeout S (limit for each single-article input;
# default 60), --mem-guard GIB (address-space limit for dossier at 10,000 and 50,000 and for
# the inputs, so that a build that would need more memory fails instead of exhausting a shared
# machine; default 8), --work DIR (default: a new folder in /dev/shm), --keep (keep it).
# Environment: DOSSIER=path/to/binary to measure another build (default: cargo build --release).
#
# Needs: python3, GNU time (/usr/bin/time), cargo, and Hugo, which it installs from Debian's
# package if missing (apt-get install -y hugo). Outputs go to tmpfs (/dev/shm) so that the disk
# is not measured. Runs alternate between dossier and Hugo so that a change of load on the
# machine affects both; medians damp the rest. Nothing here is run by the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

runs=5 runs10=3 hugo10=1 do10=1 do50=1 inputs=1 doserve=1 dosearch=1 timeout_s=60 guard_gib=8 work="" keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) do10=0 do50=0 inputs=0 doserve=0 dosearch=0 ;;
    --no-serve) doserve=0 ;;
    --no-search) dosearch=0 ;;
    --runs) runs=$2; shift ;;
    --runs-10k) runs10=$2; shift ;;
    --no-hugo-10k) hugo10=0 ;;
    --no-50k) do50=0 ;;
    --no-inputs) inputs=0 ;;
    --timeout) timeout_s=$2; shift ;;
    --mem-guard) guard_gib=$2; shift ;;
    --work) work=$2; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

started=$(date +%s)
say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- set-up
command -v python3 >/dev/null || die "python3 is needed"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, Debian package 'time') is needed"
if ! command -v hugo >/dev/null; then
  say "Installing Hugo from Debian's package..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y hugo >/dev/null; else sudo apt-get install -y hugo >/dev/null; fi
fi
if [ -z "${DOSSIER:-}" ]; then
  cargo build --release --quiet
  DOSSIER=$repo/target/release/dossier
fi
[ -x "$DOSSIER" ] || die "no dossier binary at $DOSSIER"

if [ -z "$work" ]; then
  [ -d /dev/shm ] || die "/dev/shm is missing: give --work DIR on a tmpfs"
  work=$(mktemp -d /dev/shm/dossier-bench.XXXXXX)
fi
mkdir -p "$work"
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$work"; else say "kept $work"; fi; }
trap cleanup EXIT

say "dossier benchmark (issue 11), $(date -u '+%Y-%m-%d %H:%M UTC')"
say "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
say "dossier: $DOSSIER ($("$DOSSIER" --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo ?))"
say "hugo:    $(hugo version | cut -d' ' -f2)"
say "work:    $work ($(df -T "$work" | awk 'NR==2 {print $2}'))"
say ""

# ------------------------------------------------------------ measuring
# measure NAME OUT [--guard] CMD...: empties OUT, runs CMD under GNU time and appends
# "wall_s peak_kib cpu_s load exit" to $work/NAME.runs.
measure() {
  local name=$1 out=$2; shift 2
  local guard=0
  if [ "${1:-}" = --guard ]; then guard=1; shift; fi
  rm -rf "$out"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local rc=0
  if [ "$guard" = 1 ]; then
    ( ulimit -v $((guard_gib * 1024 * 1024)); /usr/bin/time -f '%e %M %U %S %x' -o "$work/time.txt" "$@" >"$work/log.txt" 2>&1 ) || rc=$?
  else
    /usr/bin/time -f '%e %M %U %S %x' -o "$work/time.txt" "$@" >"$work/log.txt" 2>&1 || rc=$?
  fi
  local wall kib user sys code
  read -r wall kib user sys code < <(tail -1 "$work/time.txt")
  local cpu; cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
  printf '  %-24s wall %7.2f s   cpu %7.2f s   peak %6d MiB   load %5s' "$name" "$wall" "$cpu" $((kib / 1024)) "$load"
  if [ "$rc" != 0 ]; then
    case $code in
      124) printf '   TIMED OUT after %s s' "$timeout_s" ;;
      *) if [ "$rc" -gt 128 ]; then printf '   FAILED (signal %s)' $((rc - 128)); else printf '   FAILED (exit %s)' "$rc"; fi
         printf ': %s' "$(grep -m1 -i 'error\|memory\|panick' "$work/log.txt" | cut -c1-100)" ;;
    esac
  fi
  printf '\n'
  echo "$wall $kib $cpu $load $rc" >>"$work/$name.runs"
}

# Median of column COL (1 wall, 2 peak KiB, 3 cpu) of the successful runs of NAME.
median() {
  awk -v c="$2" '$5 == 0 {print $c}' "$work/$1.runs" | sort -g |
    awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
ok_runs() { awk '$5 == 0' "$work/$1.runs" | wc -l; }
mib() { awk -v k="$1" 'BEGIN {if (k == "nan") print "nan"; else printf "%.0f", k / 1024}'; }
calc() { if [[ "$1" == *nan* ]]; then echo nan; else awk "BEGIN {x = $1; printf \"%.2f\", x}" 2>/dev/null || echo nan; fi; }
size_mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1e6}'; }
# The exports for other tools that dossier writes besides its pages and dossier.json (issue 14,
# after the Hugo site was made and its templates frozen): the Hugo site has no counterpart of
# them, so the two sites are compared in bytes without them.
exports=(annotations.jsonld csv graph.graphml followthemoney.jsonl incidents.ics)
pages_mb() { # dossier's output without those exports
  local dir=$1 total less=0 x
  total=$(du -sb "$dir" | cut -f1)
  for x in "${exports[@]}"; do
    if [ -e "$dir/$x" ]; then less=$((less + $(du -sb "$dir/$x" | cut -f1))); fi
  done
  awk -v t="$total" -v l="$less" 'BEGIN {printf "%.1f", (t - l) / 1e6}'
}
equivalent() { awk "BEGIN {r = $1 / $2; print (r >= 0.75 && r <= 1.25) ? \"yes\" : \"NO\"}"; }

targets=()
target() { # DESCRIPTION MEASURED CONDITION(awk expression, true when met)
  local verdict
  if [[ "$3" == *nan* ]]; then verdict="not measured"
  elif awk "BEGIN {exit !($3)}"; then verdict="met"
  else verdict="NOT MET"; fi
  targets+=("$(printf '%-62s %-44s %s' "$1" "$2" "$verdict")")
}

# ------------------------------------------------------ 1,000 articles
say "== 1,000 articles: generating the dossier and the Hugo site"
python3 bench/gen.py --articles 1000 --out "$work/1k" --hugo | sed 's/^/  /'
say "== 1,000 articles: $runs builds each, alternating, outputs on tmpfs"
for i in $(seq "$runs"); do
  measure dossier-1k "$work/1k/out-dossier" "$DOSSIER" build "$work/1k/dossier" -o "$work/1k/out-dossier"
  measure hugo-1k "$work/1k/out-hugo" hugo --quiet -s "$work/1k/hugo" -d "$work/1k/out-hugo"
done
d1=$(median dossier-1k 1) h1=$(median hugo-1k 1)
d1m=$(median dossier-1k 2) h1m=$(median hugo-1k 2)
say "  median: dossier $d1 s, $(mib "$d1m") MiB (cpu $(median dossier-1k 3) s); Hugo $h1 s, $(mib "$h1m") MiB (cpu $(median hugo-1k 3) s)"
say "  ratio dossier/Hugo: wall $(calc "$d1 / $h1"), cpu $(calc "$(median dossier-1k 3) / $(median hugo-1k 3)"), peak memory $(calc "$d1m / $h1m")"
ds=$(size_mb "$work/1k/out-dossier") hs=$(size_mb "$work/1k/out-hugo") dp=$(pages_mb "$work/1k/out-dossier")
say "  output: dossier $ds MB in $(find "$work/1k/out-dossier" -type f | wc -l) files ($dp MB without the exports for other tools, ${exports[*]}); Hugo $hs MB in $(find "$work/1k/out-hugo" -type f | wc -l) files"
say "  Hugo/dossier $(calc "$hs / $dp") without those exports (the sites are equivalent within ±25%: $(equivalent "$hs" "$dp")); $(calc "$hs / $ds") with them"
target "1,000 articles: build wall <= 0.4 x Hugo's (same run)" "$d1 s vs $h1 s = $(calc "$d1 / $h1") x (cpu $(calc "$(median dossier-1k 3) / $(median hugo-1k 3)") x)" "$d1 <= 0.4 * $h1"
target "1,000 articles: peak memory <= 150 MiB" "$(mib "$d1m") MiB" "$d1m <= 150 * 1024"
rm -rf "$work/1k/out-hugo"
say ""

# ----------------------------------------------------- 10,000 articles
d10=nan d10m=nan c10=nan
if [ "$do10" = 1 ]; then
  say "== 10,000 articles: generating"
  if [ "$hugo10" = 1 ]; then
    python3 bench/gen.py --articles 10000 --out "$work/10k" --hugo | sed 's/^/  /'
  else
    python3 bench/gen.py --articles 10000 --out "$work/10k" | sed 's/^/  /'
  fi
  say "== 10,000 articles: dossier $runs10 times, Hugo once (it is slow here), check $runs10 times"
  for i in $(seq "$runs10"); do
    measure dossier-10k "$work/10k/out-dossier" --guard "$DOSSIER" build "$work/10k/dossier" -o "$work/10k/out-dossier"
    if [ "$i" = 1 ] && [ "$hugo10" = 1 ]; then
      measure hugo-10k "$work/10k/out-hugo" hugo --quiet -s "$work/10k/hugo" -d "$work/10k/out-hugo"
    fi
    measure check-10k "$work/10k/none" "$DOSSIER" check "$work/10k/dossier"
  done
  d10=$(median dossier-10k 1) d10m=$(median dossier-10k 2) c10=$(median check-10k 1)
  say "  median: dossier $d10 s, $(mib "$d10m") MiB ($(calc "$d10 / $d1") x the 1,000 time); check $c10 s, $(mib "$(median check-10k 2)") MiB"
  if [ "$hugo10" = 1 ]; then
    h10=$(median hugo-10k 1)
    say "  Hugo: $h10 s, $(mib "$(median hugo-10k 2)") MiB; ratio dossier/Hugo $(calc "$d10 / $h10")"
    ds=$(size_mb "$work/10k/out-dossier") hs=$(size_mb "$work/10k/out-hugo") dp=$(pages_mb "$work/10k/out-dossier")
    say "  output: dossier $ds MB ($dp MB without the exports for other tools), Hugo $hs MB, Hugo/dossier $(calc "$hs / $dp") without them (within ±25%: $(equivalent "$hs" "$dp")), $(calc "$hs / $ds") with them"
  fi
  say "  largest files: $(find "$work/10k/out-dossier" -type f -printf '%s %P\n' | sort -rn | head -3 | awk '{printf "%s %.1f MB; ", $2, $1 / 1e6}')"
  rm -rf "$work/10k/out-hugo" "$work/10k/hugo"
  say ""
fi
cpu_ratio=nan
if [ "$d10" != nan ]; then cpu_ratio=$(calc "$(median dossier-10k 3) / $(median dossier-1k 3)"); fi
target "10,000 articles: build <= 11 x the 1,000-article time" "$d10 s = $(calc "$d10 / $d1") x (cpu $cpu_ratio x)" "$d10 <= 11 * $d1"
target "10,000 articles: peak memory <= 400 MiB" "$(mib "$d10m") MiB" "$d10m <= 400 * 1024"
target "10,000 articles: check < 1 s" "$c10 s" "$c10 < 1"

# ------------------------------- one-file rebuilds (serve) and the search in Chromium
# Both on the corpora above (1,000 and, unless --quick or 10,000 was skipped, 10,000 articles):
# bench/serve.sh appends a sentence to one article at a time, so this comes after the builds.
s1=nan s10=nan
if [ "$doserve" = 1 ]; then
  say "== one-file rebuilds of dossier serve (bench/serve.sh, 5 edits at each size)"
  mkdir -p "$work/serve"
  ln -sfn "$work/1k" "$work/serve/d1000"
  serve_opts=(--no-10k)
  if [ "$do10" = 1 ]; then ln -sfn "$work/10k" "$work/serve/d10000"; serve_opts=(); fi
  DOSSIER=$DOSSIER bench/serve.sh --work "$work/serve" --keep --edits 5 "${serve_opts[@]}" >"$work/serve.txt" 2>&1 || true
  grep -v '^kept ' "$work/serve.txt" | sed 's/^/  /'
  s1=$(sed -n 's/^1000 articles, one-file rebuild: median \([0-9]*\) ms.*/\1/p' "$work/serve.txt")
  s10=$(sed -n 's/^10000 articles, one-file rebuild: median \([0-9]*\) ms.*/\1/p' "$work/serve.txt")
  s1=${s1:-nan} s10=${s10:-nan}
  say ""
fi
k1=nan k10=nan kb10=nan search_note=""
if [ "$dosearch" = 1 ]; then
  judge=${JUDGE:-}
  for d in "$repo/../shared/tools/judge" "$repo/../../shared/tools/judge"; do
    if [ -z "$judge" ] && [ -d "$d/node_modules/playwright-core" ]; then judge=$(cd "$d" && pwd); fi
  done
  if ! command -v node >/dev/null || ! { command -v chromium >/dev/null || [ -n "${CHROMIUM:-}" ]; } || [ -z "$judge" ]; then
    search_note="needs node, Debian's Chromium and the site judges' playwright-core (shared/tools/judge/setup.sh)"
    say "== search in Chromium: skipped, $search_note"
  else
    say "== search in Chromium (bench/search.sh): what a query loads, each keystroke's time"
    mkdir -p "$work/search"
    ln -sfn "$work/1k" "$work/search/g1000"
    search_sizes=(1000)
    if [ "$do10" = 1 ]; then ln -sfn "$work/10k" "$work/search/g10000"; search_sizes+=(10000); fi
    JUDGE=$judge WORK=$work/search DOSSIER=$DOSSIER bench/search.sh "${search_sizes[@]}" >"$work/search.txt" 2>&1 || true
    sed 's/^/  /' "$work/search.txt"
    # "keystrokes: N, median X ms, slowest Y ms; long tasks: Z", one line per size, in order.
    k1=$(sed -n 's/^keystrokes: .*slowest \([0-9.]*\) ms.*/\1/p' "$work/search.txt" | sed -n 1p)
    k10=$(sed -n 's/^keystrokes: .*slowest \([0-9.]*\) ms.*/\1/p' "$work/search.txt" | sed -n 2p)
    # The most KiB of the index any query loaded before its first results, at the last size.
    kb10=$(awk -F'|' '/^== [0-9]+ articles/ {size = $0} NF == 9 && $5 ~ /^ *[0-9.]+ *$/ {if ($5 + 0 > v[size] + 0) v[size] = $5 + 0; last = size} END {print v[last]}' "$work/search.txt")
    k1=${k1:-nan} k10=${k10:-nan} kb10=${kb10:-nan}
    rm -rf "$work/1k/site" "$work/10k/site"
  fi
  say ""
fi

# ----------------------------------------------------- 50,000 articles
d50=nan d50m=nan big=nan
if [ "$do50" = 1 ]; then
  say "== 50,000 articles (10,000 actors, 5,000 incidents): generating, dossier only"
  python3 bench/gen.py --articles 50000 --out "$work/50k" | sed 's/^/  /'
  rm -rf "$work/10k"
  say "== 50,000 articles: one build into an empty output (address space limited to $guard_gib GiB)"
  measure dossier-50k "$work/50k/out" --guard "$DOSSIER" build "$work/50k/dossier" -o "$work/50k/out"
  if [ "$(ok_runs dossier-50k)" = 1 ]; then
    d50=$(median dossier-50k 1) d50m=$(median dossier-50k 2)
    say "  output: $(size_mb "$work/50k/out") MB in $(find "$work/50k/out" -type f | wc -l) files"
    read -r big bigname < <(find "$work/50k/out" -type f \( -name '*.html' -o -name '*.js' \) -printf '%s %P\n' | sort -rn | head -1)
    say "  largest page or script: $bigname, $(awk -v b="$big" 'BEGIN {printf "%.1f", b / 1048576}') MiB; largest files: $(find "$work/50k/out" -type f -printf '%s %P\n' | sort -rn | head -4 | awk '{printf "%s %.1f MB; ", $2, $1 / 1e6}')"
  else
    d50=failed
    say "  the build failed"
  fi
  rm -rf "$work/50k"
  say ""
fi
if [ "$d50" = failed ]; then
  read -r w k _ _ _ < <(tail -1 "$work/dossier-50k.runs")
  target "50,000 articles: build <= 1.3 x 5 x the 10,000 time" "failed after $w s (memory guard)" "0"
  target "50,000 articles: peak memory < 1 GiB" "> $guard_gib GiB (stopped by the guard)" "0"
  target "50,000 articles: no page or script over 5 MB" "nan (no output)" "nan"
else
  target "50,000 articles: build <= 1.3 x 5 x the 10,000 time" "$d50 s vs $(calc "6.5 * $d10") s" "$d50 <= 6.5 * $d10"
  target "50,000 articles: peak memory < 1 GiB" "$(mib "$d50m") MiB" "$d50m < 1024 * 1024"
  target "50,000 articles: no page or script over 5 MB" "$(awk -v b="$big" 'BEGIN {if (b == "nan") print "nan"; else printf "%.1f MiB", b / 1048576}')" "$big <= 5 * 1048576"
fi

# -------------------------------------------------- single-article inputs
if [ "$inputs" = 1 ]; then
  say "== single-article inputs (each build limited to $timeout_s s and $guard_gib GiB)"
  for kind in large nested-list nested-quote entities many-excerpts; do
    python3 bench/inputs.py "$kind" "$work/$kind" | sed "s/^/  $kind: /"
    measure "$kind" "$work/$kind/out" --guard timeout "$timeout_s" "$DOSSIER" build "$work/$kind" -o "$work/$kind/out"
    if [ "$kind" = many-excerpts ]; then
      measure many-excerpts-check "$work/$kind/none" --guard timeout "$timeout_s" "$DOSSIER" check "$work/$kind"
    fi
    rm -rf "$work/$kind"
  done
  say ""
fi
res() { # NAME: "wall s, MiB" or "> timeout" or "failed"
  if [ ! -f "$work/$1.runs" ]; then echo nan; return; fi
  read -r w k _ _ rc < <(tail -1 "$work/$1.runs")
  if [ "$rc" = 0 ]; then printf '%s s, %s MiB' "$w" $((k / 1024));
  elif [ "$rc" = 124 ]; then printf '> %s s (stopped)' "$timeout_s"; else printf 'failed (%s s, %s MiB)' "$w" $((k / 1024)); fi
}
cond() { # NAME SECONDS [MIB]
  if [ ! -f "$work/$1.runs" ]; then echo nan; return; fi
  read -r w k _ _ rc < <(tail -1 "$work/$1.runs")
  echo "$rc == 0 && $w < $2 && $k < ${3:-1e12} * 1024"
}
target "one 20 MB article, 100 excerpts: build < 1.5 s and < 200 MiB" "$(res large)" "$(cond large 1.5 200)"
target "a list nested 50,000 deep: build < 10 s" "$(res nested-list)" "$(cond nested-list 10)"
target "a quote nested 50,000 deep: build < 10 s" "$(res nested-quote)" "$(cond nested-quote 10)"
target "a 10 MB paragraph of &amp;: build < 10 s" "$(res entities)" "$(cond entities 10)"
target "80,000 excerpts on a 2.6 MB article: build < 10 s" "$(res many-excerpts)" "$(cond many-excerpts 10)"
target "  (the same: check)" "$(res many-excerpts-check)" "$(cond many-excerpts-check 10)"
target "serve, one-file rebuild at 1,000 articles: <= 100 ms" "median $s1 ms (10,000: $s10 ms)" "$s1 <= 100"
if [ -n "$search_note" ]; then
  target "search: each keystroke < 50 ms (slowest of all)" "not measured: $search_note" "nan"
else
  target "search: each keystroke < 50 ms (slowest of all)" "1,000: $k1 ms; 10,000: $k10 ms" "$k1 < 50 && $k10 < 50"
  target "search at 10,000: about 1 MB at most before first results" "$kb10 KiB (the most of any query)" "$kb10 <= 1024"
fi

say "== targets of issue 11, item 2 (this machine: $(nproc) cores, load now $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  %s\n' "${targets[@]}"
say ""
say "not measured here: linearity at other sizes, the layout of the timeline and network at scale (see the 50,000 build's time and largest page)"
elapsed=$(( $(date +%s) - started ))
say "the whole script took $((elapsed / 60)) min $((elapsed % 60)) s"
