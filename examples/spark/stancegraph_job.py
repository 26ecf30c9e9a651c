"""A JSON Lines archive through Spark: `stancegraph extract` maps each partition to one
graph line per article, `stancegraph merge` reduces them to the graph one
`stancegraph build` of the whole archive gives, byte for byte.

    spark-submit [--master local[2] | yarn | k8s://...] stancegraph_job.py INPUT OUTDIR
        [--bin stancegraph] [--partitions N] [--format json,graphml,...] [--threads 1]

INPUT is a JSON Lines file or a folder of them (read recursively, hidden entries
skipped, in sorted order, as `build` reads a folder), local or on any file system
Spark reads (hdfs://, s3a://...). OUTDIR gets shards/ (the map step's output, one
part file per partition) and graph.json (plus any other --format).

What makes the result identical to `build`:
- partitions keep input order (one Spark RDD per file, unioned in file order), and the
  reduce folds the shards in that order, so the same text twice is counted once under
  the first id in input order, as `build` counts it;
- a record without an `id` gets the id `build` would give it, `FILE:LINE`, from its
  line number in the file, not in the partition (a first pass counts each partition's
  lines; a second runs only when some record has no id);
- problems (a malformed line, a record with no text) are reported as `build` reports
  them, `FILE:LINE: error: ...`, and the rest of the partition is kept.

Exit status as the CLI's: 0 every line read, 1 some lines skipped (the graph of the
rest is written), 2 the job failed.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import AccumulatorParam, SparkContext, SparkFiles


class ByPartition(AccumulatorParam):
    """A task's problems or figures by (file, partition): a task run twice writes the
    same key twice, so a retried task is not counted twice."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        a.update(b)
        return a


def local_files(path):
    """The files of a local path in `build`'s order and under `build`'s names."""
    if os.path.isfile(path):
        return [path]
    found = []
    for name in sorted(os.listdir(path)):
        if name.startswith("."):
            continue
        full = os.path.join(path, name)
        if os.path.isdir(full) and not os.path.islink(full):
            found.extend(local_files(full))
        elif os.path.isfile(full):
            found.append(full)
    return found


def remote_files(sc, uri):
    """The files under a URI Spark's file systems read (hdfs://, s3a://...), sorted."""
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    if fs.getFileStatus(path).isFile():
        return [uri]
    files, it = [], fs.listFiles(path, True)
    while it.hasNext():
        p = it.next().getPath()
        if not any(part.startswith((".", "_")) for part in p.toUri().getPath().split("/")):
            files.append(p.toString())
    return sorted(files)


def find_binary(name):
    """The CLI on an executor: shipped with --files, a path, or on PATH."""
    if os.sep not in name:
        try:
            shipped = SparkFiles.get(name)
            if os.path.isfile(shipped):
                os.chmod(shipped, 0o755)
                return shipped
        except Exception:  # no SparkFiles outside a task
            pass
        on_path = shutil.which(name)
        if on_path:
            return on_path
    if os.access(name, os.X_OK):
        return name
    raise RuntimeError(f"stancegraph binary {name!r} not found on this executor: ship it with --files or install it")


def high_water_kb(pid):
    """A running process's peak RSS so far (VmHWM). Not `wait4`'s ru_maxrss: that counts
    the forking Python process's memory too, which the child had before its exec."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


ID_FIRST = re.compile(rb'^\s*\{\s*"id"\s*:\s*"')


def without_id(line):
    """The record of a line that has no id `build` would keep (a string or a number),
    else None: the line goes to the CLI as it is (a malformed one is reported there)."""
    if ID_FIRST.match(line):
        return None
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict):
        return None
    ident = record.get("id")
    if isinstance(ident, (str, int, float)) and not isinstance(ident, bool):
        return None
    return record


DIAGNOSTIC = re.compile(r"^(?P<src>.*?)(?::(?P<line>\d+))?: (?P<level>error|warning): (?P<msg>.*)$")


def extractor(name, file_index, binary, threads, offsets, problems, stats):
    """The map step for one file's partitions: lines to a temporary .jsonl (so the CLI
    reads JSON Lines whatever the first line looks like), `stancegraph extract` over
    it, its graph lines out. `offsets` (partition -> lines before it in the file) is
    known on a second pass only: a first pass that meets a record without an id says so
    in `stats`, and its output is thrown away. Diagnostics keep the partition's line
    numbers; the driver adds the offsets."""

    def run(partition, lines):
        exe = find_binary(binary)
        started = time.perf_counter()
        offset = None if offsets is None else offsets.get(partition, 0)
        count, needs_ids, peak, found = 0, False, 0, []
        tmp = tempfile.mkdtemp(prefix="stancegraph-")
        try:
            shard = os.path.join(tmp, "part.jsonl")
            with open(shard, "wb") as out:
                for line in lines:
                    count += 1
                    record = without_id(line)
                    if record is not None:
                        needs_ids = True
                        if offset is not None:
                            record["id"] = f"{name}:{offset + count}"
                            line = json.dumps(record, ensure_ascii=False).encode("utf-8")
                    out.write(line)
                    out.write(b"\n")
            if count == 0 or (needs_ids and offset is None):
                return  # nothing, or a first pass that must be run again with line numbers
            with open(os.path.join(tmp, "stderr"), "w+b") as err:
                proc = subprocess.Popen(
                    [exe, "extract", shard, "-q", "--jobs", str(threads)], stdout=subprocess.PIPE, stderr=err
                )
                for n, out_line in enumerate(proc.stdout):
                    if n % 512 == 0:
                        peak = max(peak, high_water_kb(proc.pid))
                    yield out_line.decode("utf-8").rstrip("\n")
                peak = max(peak, high_water_kb(proc.pid))
                code = proc.wait()
                err.seek(0)
                messages = err.read().decode("utf-8", "replace").splitlines()
            for message in messages:
                m = DIAGNOSTIC.match(message)
                if m and m.group("src") == shard and m.group("msg") == "empty file":
                    continue  # a partition of blank lines; `build` sees the whole file
                if m and m.group("src") == shard:
                    line = int(m.group("line")) if m.group("line") else None
                    found.append((m.group("level"), line, m.group("msg")))
                else:
                    found.append(("error", None, f"(partition {partition}) {message}"))
            if code not in (0, 1):
                raise RuntimeError(f"stancegraph extract failed on {name} partition {partition} (exit {code}): {messages}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            problems.add({(file_index, partition): found})
            stats.add({(file_index, partition): (time.perf_counter() - started, peak, count, needs_ids)})

    return run


def remove(sc, uri):
    """Deletes a folder on any file system Spark writes to."""
    path = sc._jvm.org.apache.hadoop.fs.Path(uri)
    path.getFileSystem(sc._jsc.hadoopConfiguration()).delete(path, True)


class TreeRss:
    """Samples the summed RSS of a process and all its descendants (local mode: the
    JVM, the Python workers and the extract processes), keeping the peak per stage."""

    def __init__(self, root):
        self.root, self.peak, self.stage, self.done = root, {}, None, False
        threading.Thread(target=self.run, daemon=True).start()

    def tree_kb(self):
        children, rss = {}, {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{pid}/statm") as f:
                    rss[int(pid)] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(pid))
        total, todo = 0, [self.root]
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo.extend(children.get(pid, []))
        return total

    def run(self):
        while not self.done:
            if self.stage:
                kb = self.tree_kb()
                self.peak[self.stage] = max(self.peak.get(self.stage, 0), kb)
            time.sleep(0.2)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="a JSON Lines file or a folder of them (local path or URI)")
    ap.add_argument("outdir", help="gets shards/ and graph.json (a local path, or a URI for the shards)")
    ap.add_argument("--bin", default="stancegraph", help="the CLI: a path, or a name shipped with --files or on PATH")
    ap.add_argument("--merge-bin", default=None, help="the CLI on the driver (default: --bin)")
    ap.add_argument("--partitions", type=int, default=None, help="at least this many partitions per file")
    ap.add_argument("--threads", type=int, default=1, help="extraction threads per task (Spark runs the tasks)")
    ap.add_argument("--format", default="json", help="formats to write (the CLI's --format), json always")
    ap.add_argument("--max-evidence", type=int, default=None, help="evidence kept per edge (the CLI's default: 5)")
    ap.add_argument("--measure", action="store_true", help="report each stage's wall time and peak memory")
    args = ap.parse_args(argv)

    clock = {"start": time.perf_counter()}
    sc = SparkContext.getOrCreate()
    sc.setLogLevel("WARN")
    sampler = TreeRss(os.getppid()) if args.measure and sc.master.startswith("local") else None

    def stage(name):
        clock[name] = time.perf_counter()
        if sampler:
            sampler.stage = name

    stage("map")
    remote = "://" in args.input
    files = remote_files(sc, args.input) if remote else local_files(args.input)
    if not files:
        print(f"{args.input}: no files", file=sys.stderr)
        return 2
    out_remote = "://" in args.outdir
    shards = args.outdir.rstrip("/") + "/shards"
    if not out_remote:
        os.makedirs(args.outdir, exist_ok=True)
        shards = "file://" + os.path.abspath(shards)

    def run_map(offsets):
        problems, stats = sc.accumulator({}, ByPartition()), sc.accumulator({}, ByPartition())
        parts = []
        for i, name in enumerate(files):
            uri = name if remote else "file://" + os.path.abspath(name)
            lines = sc.textFile(uri, minPartitions=args.partitions, use_unicode=False)
            mine = None if offsets is None else offsets[i]
            parts.append(lines.mapPartitionsWithIndex(extractor(name, i, args.bin, args.threads, mine, problems, stats)))
        remove(sc, shards)
        (sc.union(parts) if len(parts) > 1 else parts[0]).saveAsTextFile(shards)
        return problems.value, stats.value

    # Line numbers are known once a pass has counted each partition's lines: a record
    # without an id (named FILE:LINE, as `build` names it) needs a second pass.
    problems, stats = run_map(None)
    offsets = {i: {} for i in range(len(files))}
    for (i, p) in sorted(stats):
        offsets[i][p] = sum(stats[(i, q)][2] for q in offsets[i])
    if any(s[3] for s in stats.values()):
        stage("map2")
        print("records without an id: a second pass names them FILE:LINE", file=sys.stderr)
        problems, stats = run_map(offsets)

    found = []
    for (i, p) in sorted(problems):
        for level, line, message in problems[(i, p)]:
            where = files[i] if line is None else f"{files[i]}:{offsets[i][p] + line}"
            found.append((level, f"{where}: {level}: {message}"))
    for _, message in found:
        print(message, file=sys.stderr)

    stage("reduce")
    # The reduce, on the driver: shards in partition order (= input order).
    merge_bin = args.merge_bin or args.bin
    if os.sep not in merge_bin:
        merge_bin = shutil.which(merge_bin) or merge_bin
    formats = ",".join(dict.fromkeys(["json"] + [f for f in args.format.split(",") if f]))
    local_out = args.outdir if not out_remote else tempfile.mkdtemp(prefix="stancegraph-out-")
    cmd = [merge_bin, "merge", "-o", local_out, "--format", formats]
    if args.max_evidence:
        cmd += ["--max-evidence", str(args.max_evidence)]
    if out_remote:
        # Shards on a cluster file system: streamed to the driver a partition at a time.
        merge = subprocess.Popen(cmd + ["-"], stdin=subprocess.PIPE)
        parts = [p for p in remote_files(sc, shards) if p.rsplit("/", 1)[-1].startswith("part-")]
        for line in sc.textFile(",".join(sorted(parts)), use_unicode=False).toLocalIterator():
            merge.stdin.write(line + b"\n")
        merge.stdin.close()
        code = merge.wait()
    else:
        folder = shards[len("file://") :]
        names = sorted(n for n in os.listdir(folder) if n.startswith("part-"))
        merge = subprocess.Popen(cmd + [os.path.join(folder, n) for n in names])
        peak = 0
        while merge.poll() is None:
            peak = max(peak, high_water_kb(merge.pid))
            time.sleep(0.05)
        code = merge.returncode
        clock["merge_rss_kb"] = peak
    if code not in (0, 1):
        print(f"stancegraph merge failed (exit {code})", file=sys.stderr)
        return 2
    stage("end")
    if out_remote:
        print(f"graph written on the driver in {local_out}")
    if args.measure:
        report(clock, stats, sampler)
    errors = sum(1 for level, _ in found if level == "error")
    if errors:
        print(f"problems (see stderr): {errors} line(s) skipped or damaged; the rest is in the graph")
    return 1 if errors or code == 1 else 0


def report(clock, stats, sampler):
    """One line per stage: wall time, and peak memory where it can be measured."""
    if sampler:
        sampler.done = True
    peak = sampler.peak if sampler else {}
    mb = lambda kb: f"{kb / 1024:.0f} MB"  # noqa: E731
    tasks = list(stats.values())
    print(f"measure: start-up {clock['map'] - clock['start']:.1f} s")
    passes = [("map", "map2" if "map2" in clock else "reduce")] + ([("map2", "reduce")] if "map2" in clock else [])
    for name, end in passes:
        print(f"measure: {name} {clock[end] - clock[name]:.1f} s, process tree peak {mb(peak.get(name, 0))}")
    print(
        f"measure: last map pass: {len(tasks)} tasks, {sum(t[2] for t in tasks)} lines, extract "
        f"{sum(t[0] for t in tasks):.1f} task-s, extract peak RSS {mb(max((t[1] for t in tasks), default=0))} per task"
    )
    rss = clock.get("merge_rss_kb")
    print(f"measure: reduce (merge) {clock['end'] - clock['reduce']:.1f} s, merge peak RSS {mb(rss) if rss else 'n/a'}")


if __name__ == "__main__":
    sys.exit(main())
