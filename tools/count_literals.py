"""Counts the English word literals left in rule code (issue #15's bar: at most 100).

A literal counts when it is a string of lower-case words ("said", "according to") in
non-test code: everything from `#[cfg(test)] mod tests` on, and comments, are skipped.
Usage: python3 tools/count_literals.py [files...]   (default: the language modules)
"""
import glob
import re
import sys

DEFAULT = ["src/extract/*.rs", "src/text/*.rs", "src/lexicon/*.rs", "src/date.rs", "src/ingest.rs"]
WORDS = re.compile(r"[a-z][a-z'\-]*( [a-z][a-z'\-]*)*")


def literals(source):
    cut = re.search(r"#\[cfg\(test\)\]\s*mod tests", source)
    if cut:
        source = source[: cut.start()]
    source = re.sub(r"//[^\n]*", "", source)
    return [s for s in re.findall(r'"((?:[^"\\]|\\.)*)"', source) if WORDS.fullmatch(s)]


def main():
    files = sys.argv[1:] or sorted(f for pattern in DEFAULT for f in glob.glob(pattern))
    total = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            found = literals(f.read())
        total += len(found)
        if found:
            print(f"{len(found):5d} {path}")
    print(f"{total:5d} total")


if __name__ == "__main__":
    main()
