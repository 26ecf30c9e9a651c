#!/usr/bin/env bash
# CI for the Python package and the Spark job (run by .ci/run after the Rust tests):
# a wheel built with maturin and installed into a fresh virtual environment, its
# pytest suite against the CLI, then the Spark job in local mode against `build`.
# Installs what it needs itself; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

echo "== python: setup"
if [ ! -x target/release/stancegraph ]; then
  cargo build --release -q
fi
bin=$repo/target/release/stancegraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v java >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq default-jre-headless) >/dev/null 2>&1 \
    || { echo "could not install default-jre-headless" >&2; exit 1; }
fi
python3 -m venv "$work/venv"
py=$work/venv/bin/python
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q 'maturin>=1.5,<2' pytest hypothesis pandas networkx 'pyspark>=3.5'

echo "== python: wheel (maturin), installed into a fresh environment"
# Its own target folder (python/target) and release profile (no fat LTO): pyo3's
# proc-macro features rebuild serde and everything on it, so nothing would be shared.
"$work/venv/bin/maturin" build --release -q -m python/Cargo.toml -o "$work/wheels"
"$py" -m pip install -q "$work"/wheels/stancegraph-*.whl
(cd "$work" && "$py" -c 'import stancegraph; print("stancegraph", stancegraph.__version__, "formats:", ",".join(stancegraph.FORMATS))')

echo "== python: pytest"
# From outside the repository, so the installed wheel is what is imported.
set +e
(cd "$work" && STANCEGRAPH_BIN=$bin "$py" -m pytest -q -p no:cacheprovider "$repo/python/tests")
status=$?
set -e
case $status in
  0) ;;
  5) echo "pytest collected no tests" >&2; exit 1 ;;
  *) echo "pytest failed (exit $status)" >&2; exit 1 ;;
esac

corpus=../shared/corpora/reuters21578-bbc.jsonl
if [ ! -f "$corpus" ]; then
  echo "$corpus not found: the Spark checks are skipped"
  exit 0
fi

export SPARK_VENV=$work/venv STANCEGRAPH_BIN=$bin MASTER='local[2]'
echo "== spark: the bench corpus through local[2] equals one build, byte for byte"
"$bin" build "$corpus" --json "$work/build.json" -q
start=$(date +%s)
examples/spark/run.sh "$corpus" "$work/spark" > "$work/spark.log" 2>&1 || { cat "$work/spark.log"; exit 1; }
echo "spark job: $(( $(date +%s) - start )) s, $(ls "$work/spark/shards" | grep -c '^part-') partitions"
cmp "$work/build.json" "$work/spark/graph.json" \
  || { echo "the Spark job's graph differs from build's" >&2; exit 1; }
echo "ok   spark graph.json == build graph.json ($(wc -c < "$work/build.json") bytes)"

echo "== spark: a partition with a broken line is reported and the rest kept"
# 3,000 articles over three partitions; line 1,200 cut short, two records without an
# id (they get FILE:LINE, as build gives them) and a blank line.
damaged=$work/damaged/feed.jsonl
mkdir -p "$work/damaged"
head -n 3000 "$corpus" | "$py" -c '
import json, sys
for n, line in enumerate(sys.stdin, 1):
    if n == 1200:
        line = line[: len(line) // 2] + "\n"
    elif n in (10, 2500):
        record = json.loads(line)
        del record["id"]
        line = json.dumps(record, ensure_ascii=False) + "\n"
    elif n == 2000:
        line = "\n"
    sys.stdout.write(line)
' > "$damaged"
set +e
"$bin" build "$damaged" --json "$work/damaged-build.json" -q 2> "$work/damaged-build.err"
build_status=$?
examples/spark/run.sh "$damaged" "$work/damaged-spark" --partitions 3 > "$work/damaged.log" 2>&1
spark_status=$?
set -e
[ "$build_status" -eq 1 ] || { echo "build of the damaged file: exit $build_status, expected 1" >&2; exit 1; }
[ "$spark_status" -eq 1 ] || { cat "$work/damaged.log"; echo "spark job on the damaged file: exit $spark_status, expected 1" >&2; exit 1; }
grep -F "$damaged:1200: error: malformed JSON" "$work/damaged.log" \
  || { cat "$work/damaged.log"; echo "the broken line was not reported as $damaged:1200" >&2; exit 1; }
partitions=$(ls "$work/damaged-spark/shards" | grep -c '^part-')
[ "$partitions" -ge 3 ] || { echo "expected 3 partitions, got $partitions" >&2; exit 1; }
cmp "$work/damaged-build.json" "$work/damaged-spark/graph.json" \
  || { echo "the damaged file's graph differs between the Spark job and build" >&2; exit 1; }
"$py" - "$work/damaged-spark/graph.json" "$damaged" <<'PY'
import json, sys
graph, name = json.load(open(sys.argv[1])), sys.argv[2]
ids = {d["id"] for d in graph["documents"]}
assert f"{name}:10" in ids and f"{name}:2500" in ids, "records without an id are named FILE:LINE"
assert len(ids) > 2500, f"the rest is kept: {len(ids)} documents"
print(f"ok   broken line reported as {name}:1200; {len(ids)} documents kept; graph == build graph")
PY
echo "python and spark: all checks passed"
