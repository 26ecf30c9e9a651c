#!/usr/bin/env bash
# End-to-end throughput over real news: builds the graph of the Reuters/BBC corpus
# (read from ../shared/corpora, never copied here) and prints wall time and peak RSS.
# A benchmark, not a test: numbers go in the README's table with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpora/reuters21578-bbc.jsonl
[ -f "$corpus" ] || { echo "no $corpus: nothing to measure" >&2; exit 1; }
cargo build --release -q
bytes=$(stat -c %s "$corpus")
docs=$(wc -l < "$corpus")
out=$(mktemp -d)
/usr/bin/time -f "%e %M" -o "$out/time" target/release/stancegraph build "$corpus" --json "$out/g.json" -q
read -r secs rss_kb < "$out/time"
python3 - "$bytes" "$docs" "$secs" "$rss_kb" <<'PY'
import sys
b, d, s, rss = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"| {d:,} articles, {b/1e6:.1f} MB | {s:.2f} s | {b/1e6/s:.1f} MB/s, {d/s:,.0f} docs/s | {rss/1024:.0f} MB |")
PY
rm -rf "$out"

# Queries over the graph of 10,000 articles (answers must come well under a second).
qdir=$(mktemp -d)
head -n 10000 "$corpus" > "$qdir/10k.jsonl"
target/release/stancegraph build "$qdir/10k.jsonl" --json "$qdir/g.json" -q
for q in "positions US" "who --opposes Iran" "matrix" "statements --actor Japan" "actors"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e" -o "$qdir/t" target/release/stancegraph query $q --graph "$qdir/g.json" --format json > /dev/null
  echo "| query $q | $(cat "$qdir/t") s |"
done
rm -rf "$qdir"
