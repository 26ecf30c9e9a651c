#!/usr/bin/env python3
"""Makes a benchmark corpus of about N MB from a JSON Lines corpus by repetition.

Each repetition gets fresh ids and a one-line dateline that differs per copy, so no
copy is the same text as another (stancegraph counts the same text once, which would
make the repeats free). Generated at bench time into a temporary folder, never
committed: the source corpus's licence is research-use only.
"""
import json
import sys

source, megabytes, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
target = int(megabytes * 1e6)
lines = open(source, encoding="utf-8").read().splitlines()
written = 0
with open(out, "w", encoding="utf-8") as f:
    copy = 0
    while written < target:
        for line in lines:
            if written >= target:
                break
            record = json.loads(line)
            record["id"] = f"{record.get('id', 'doc')}-r{copy}"
            record["text"] = f"Copy {copy}.\n\n{record.get('text', '')}"
            row = json.dumps(record, ensure_ascii=False) + "\n"
            f.write(row)
            written += len(row.encode("utf-8"))
        copy += 1
