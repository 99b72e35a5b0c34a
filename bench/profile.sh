#!/usr/bin/env bash
# Where the time of a build goes: a CPU profile with perf of `dossier build` on the synthetic
# dossier of bench/gen.py, summarised by stage.
#
#   bench/profile.sh [ARTICLES]      (default 1000)
#
# Builds a release binary with line tables (CARGO_PROFILE_RELEASE_DEBUG=line-tables-only, into
# target/profile, so the ordinary release build is untouched), records the build with
# `perf record --call-graph dwarf`, and prints: the functions with the most self time, and
# every sample put in one group by its call stack (page faults, writing, malloc/free, then the
# innermost frame that belongs to a known stage: YAML and Markdown parsing, anchoring,
# sanitising, highlighting, serde_json, templates, dossier's own rendering, ...).
# Needs perf (Debian: linux-perf). Keeps the profile in $OUT (default /dev/shm/dossier-profile).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
out=${OUT:-/dev/shm/dossier-profile}
command -v perf >/dev/null || { echo "error: perf is needed (apt-get install -y linux-perf)" >&2; exit 2; }
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --quiet --target-dir target/profile
bin=$PWD/target/profile/release/dossier
rm -rf "$out" && mkdir -p "$out"
python3 bench/gen.py --articles "$n" --out "$out/corpus" >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
perf record -q -F 499 --call-graph dwarf,32768 -o "$out/perf.data" \
  "$bin" build "$out/corpus/dossier" -o "$out/site" 2>&1 | grep -v '^$' | tail -2
perf report -i "$out/perf.data" --no-children --sort symbol --stdio >"$out/report.txt" 2>/dev/null
grep -E '^ +[0-9.]+%' "$out/report.txt" | sed -n '1,25p' | sed -E 's/^/  /; s/ +- +- *$//' >"$out/top.txt" || true
perf script -i "$out/perf.data" -F comm,ip,sym,dso 2>/dev/null >"$out/stacks.txt"
echo
echo "functions with the most self time:"
cat "$out/top.txt"
echo
python3 - "$out/stacks.txt" <<'PY'
import re, sys
from collections import Counter

# Checked in order; the first that matches a stack (searching from the leaf outwards, except
# for the whole-stack groups) names the sample's group.
WHOLE_STACK = [
    ("page faults (kernel)", re.compile(r"exc_page_fault|do_anonymous_page|handle_mm_fault")),
    ("writing files (kernel: write, mkdir, rename, close)", re.compile(
        r"ksys_write|__x64_sys_write|vfs_write|do_mkdirat|__x64_sys_rename|do_renameat|"
        r"__x64_sys_openat|__x64_sys_close|do_unlinkat|__x64_sys_fsync")),
    ("reading files (kernel)", re.compile(r"ksys_read|__x64_sys_read|vfs_read|filemap_read")),
    ("freeing memory (kernel: munmap, madvise)", re.compile(r"__x64_sys_munmap|__x64_sys_madvise|__x64_sys_brk")),
]
LEAF = [("malloc/free/realloc", re.compile(
    r"^(malloc|free|realloc|calloc|cfree|_int_malloc|_int_free|_int_realloc|malloc_consolidate|"
    r"unlink_chunk|__libc_malloc|__libc_free|__libc_realloc|tcache_|alloc::alloc::|__rdl_|__rust_alloc|"
    r"__rust_dealloc|__rust_realloc|sysmalloc|arena_)"))]
FRAME = [
    ("serde_json", re.compile(r"serde_json::")),
    ("templates (Tera)", re.compile(r"\btera::|pest::")),
    ("YAML parsing", re.compile(r"saphyr|serde_saphyr|dossier::yaml")),
    ("Markdown parsing (pulldown-cmark)", re.compile(r"pulldown_cmark::")),
    ("sanitising (ammonia, html5ever)", re.compile(r"ammonia::|html5ever::|markup5ever|tendril::")),
    ("highlighting (syntect)", re.compile(r"syntect::|fancy_regex::|onig")),
    ("anchoring and quotation marks (dossier::anchor, quotes, normalisation)", re.compile(
        r"dossier::anchor|dossier::quotes|unicode_normalization::|aho_corasick::")),
    ("validation (dossier::validate)", re.compile(r"dossier::validate")),
    ("index (dossier::index)", re.compile(r"dossier::index")),
    ("loading (dossier::load, source)", re.compile(r"dossier::load|dossier::source|walkdir::")),
    ("writing (dossier::write)", re.compile(r"dossier::write")),
    ("rendering: dossier's own code (pages, pictures, search index)", re.compile(r"dossier::render")),
]

def samples(path):
    stack = []
    for line in open(path, errors="replace"):
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line.startswith(("\t", " ")):
            parts = line.split(None, 1)
            if len(parts) == 2:
                stack.append(re.sub(r"\+0x[0-9a-f]+ \(.*\)$|\s+\(.*\)$", "", parts[1].strip()))
    if stack:
        yield stack

def group_of_frames(st):
    for frame in st:
        g = next((g for g, rx in FRAME if rx.search(frame)), None)
        if g:
            return g
    return None

OWN = re.compile(r"^(dossier::[a-z_:]+[a-z_]+)")
INCLUSIVE = [
    ("converting template contexts to Tera values (tera::value::Value::try_from_serializable)",
     re.compile(r"tera::value::Value::try_from_serializable|tera::context::Context::from_serialize")),
    ("executing templates (tera VirtualMachine::render)", re.compile(r"tera::vm::interpreter::VirtualMachine::render")),
    ("building serde_json::Value trees (serde_json::value::to_value, json!)", re.compile(
        r"serde_json::value::to_value|serde_json::value::ser::Serializer|serde_json::value::de|serde_json::map::Map.*insert")),
    ("dropping serde_json::Value trees", re.compile(r"drop_in_place<serde_json::value::Value>")),
    ("JSON for HTML (JSON-LD, dossier.json, search index)", re.compile(r"dossier::render::json_for_html")),
    ("sanitising HTML", re.compile(r"dossier::render::sanitize")),
    ("pictures (dossier::render::svg)", re.compile(r"dossier::render::svg")),
    ("search index (dossier::render::search)", re.compile(r"dossier::render::search")),
    ("anchoring quotes (dossier::anchor)", re.compile(r"dossier::anchor")),
    ("finding mentions (aho-corasick)", re.compile(r"aho_corasick::")),
    ("writing the site (dossier::write)", re.compile(r"dossier::write")),
]
inclusive = Counter()
groups, total, callers, own = Counter(), 0, {}, Counter()
for st in samples(sys.argv[1]):
    total += 1
    # Inclusive time of dossier's own functions: the innermost frame of dossier's code.
    fn = next((m.group(1) for m in map(OWN.match, st) if m), None)
    if fn:
        own[re.sub(r"::\{\{closure\}\}|::\{closure.*$", "", fn)] += 1
    joined = "\n".join(st)
    for label, rx in INCLUSIVE:
        if rx.search(joined):
            inclusive[label] += 1
    group = next((g for g, rx in WHOLE_STACK if rx.search(joined)), None)
    if group is None and st and LEAF[0][1].search(st[0]):
        group = LEAF[0][0]
    if group is not None and not group.startswith(("writing", "reading")):
        # What the allocation or the page fault was for.
        callers.setdefault(group, Counter())[group_of_frames(st) or "other"] += 1
    if group is None:
        group = group_of_frames(st)
    if group is None:
        group = "other: " + (st[0][:60] if st else "?")
    groups[group] += 1
print(f"samples by group ({total} samples at 499 Hz; a sample counts once, in its first matching group):")
other = 0
for g, c in groups.most_common():
    if g.startswith("other: ") and c / total < 0.005:
        other += c
        continue
    print(f"  {100 * c / total:5.1f}%  {g}")
if other:
    print(f"  {100 * other / total:5.1f}%  other (each under 0.5%)")
for g in ("malloc/free/realloc", "page faults (kernel)"):
    if g in callers:
        parts = ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in callers[g].most_common(6))
        print(f"\n{g}, by the stage that called it (% of all samples): {parts}")
print("\nsamples with a given function anywhere on the stack (inclusive, overlapping):")
for label, rx in INCLUSIVE:
    print(f"  {100 * inclusive[label] / total:5.1f}%  {label}")
print("\ndossier's own functions, by inclusive time (the innermost frame of dossier's code):")
for f, c in own.most_common(15):
    print(f"  {100 * c / total:5.1f}%  {f}")
PY
