#!/usr/bin/env bash
# Benchmark: one 20 MB article with 100 excerpts and 50 actors whose names occur throughout,
# built in release mode. Shows that anchoring, mention finding and rendering stay linear in the
# size of an article. Usage: bench/large-article.sh [MEGABYTES] (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$mb" <<'PY'
import os, sys
root, mb = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{root}/content/articles"); os.makedirs(f"{root}/content/actors")
open(f"{root}/dossier.yaml", "w").write('title: "Benchmark"\n')
actors = [f"Actor Number{i}" for i in range(50)]
for i, name in enumerate(actors):
    open(f"{root}/content/actors/actor-{i}.yaml", "w").write(f'name: "{name}"\nkind: person\n')
paras, size, n = [], 0, 0
while size < mb * 1024 * 1024:
    p = (f"Paragraph {n}: {actors[n % 50]} *said* that the [report](https://example.org/{n}) "
         f"was \u201cnot accurate\u201d \u2014 and {actors[(n * 7) % 50]} replied on line {n}.")
    paras.append(p); size += len(p.encode()) + 2; n += 1
open(f"{root}/content/articles/2020-01-01-big.md", "w").write(
    '---\ntitle: "Big"\noutlet: "Wire"\npublished: 2020-01-01\n---\n' + "\n\n".join(paras) + "\n")
step = max(1, n // 100)
with open(f"{root}/content/articles/2020-01-01-big.yaml", "w") as f:
    f.write("excerpts:\n")
    for k, i in enumerate(range(0, n, step)):
        if k == 100: break
        f.write(f'  - id: e{k}\n    quote: "Paragraph {i}: {actors[i % 50]} said that the report"\n'
                f'    speaker: actor-{i % 50}\n    stance: statement\n')
print(f"article: {size / 1048576:.1f} MiB, {n} paragraphs, 100 excerpts, 50 actors")
PY
cargo build --release --quiet
/usr/bin/time -f "peak memory: %M KiB, wall: %e s" ./target/release/dossier build "$dir" -o "$dir/public" 2>&1 | grep -v "^warning\|^ *|\|^ *=\|^ -->\|^$" | tail -4
