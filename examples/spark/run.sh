#!/usr/bin/env bash
# examples/spark/run.sh INPUT OUTDIR [job options]
#
# Runs the Spark job in local mode (MASTER, default local[2]) on a JSON Lines file or
# a folder of them, and writes OUTDIR/graph.json (and OUTDIR/shards/, the map step's
# output). Installs what is missing: a Java runtime from the distribution's packages,
# pyspark from PyPI (into a virtual environment, SPARK_VENV), and the CLI (cargo build
# --release, unless STANCEGRAPH_BIN names one). Job options: see stancegraph_job.py.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 INPUT OUTDIR [--partitions N] [--format json,graphml,...]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
input=$1
outdir=$2
shift 2

if ! command -v java >/dev/null 2>&1; then
  echo "installing a Java runtime (default-jre-headless)" >&2
  (apt-get update -qq && apt-get install -y -qq default-jre-headless) >/dev/null \
    || { echo "could not install a Java runtime: install Java 17 or later" >&2; exit 2; }
fi

venv=${SPARK_VENV:-$repo/target/spark-venv}
if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
  echo "installing pyspark into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'pyspark>=3.5' || { echo "could not install pyspark" >&2; exit 2; }
fi

bin=${STANCEGRAPH_BIN:-}
if [ -z "$bin" ]; then
  bin=$repo/target/release/stancegraph
  if [ ! -x "$bin" ]; then
    echo "building the stancegraph CLI (cargo build --release)" >&2
    (cd "$repo" && cargo build --release -q)
  fi
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

export PYSPARK_PYTHON=$venv/bin/python PYSPARK_DRIVER_PYTHON=$venv/bin/python
exec "$venv/bin/spark-submit" \
  --master "${MASTER:-local[2]}" \
  --driver-memory "${DRIVER_MEMORY:-2g}" \
  --driver-java-options "-Dlog4j.configurationFile=file://$here/log4j2.properties" \
  --conf spark.ui.enabled=false \
  --conf spark.ui.showConsoleProgress=false \
  "$here/stancegraph_job.py" "$input" "$outdir" --bin "$bin" "$@"
