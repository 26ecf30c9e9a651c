#!/usr/bin/env python3
"""Makes one plain-text article of about N MB by joining the texts of a JSON Lines
corpus, paragraph after paragraph: a worst case for the per-document passes (thousands
of quotes, mentions and sentences in one document). Generated at bench time into a
temporary folder, never committed: the source corpus's licence is research-use only.
"""
import json
import sys

source, megabytes, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
target = int(megabytes * 1e6)
written = 0
with open(source, encoding="utf-8") as lines, open(out, "w", encoding="utf-8") as f:
    for line in lines:
        if written >= target:
            break
        text = json.loads(line).get("text", "") + "\n\n"
        f.write(text)
        written += len(text.encode("utf-8"))
