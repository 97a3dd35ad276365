"""Measure wrapper invariance: how often words around a question change its intent or role.

Usage: python benchmarks/wrappers.py [-v]
Every turn of the corpus's train and dev files (corpus/splits.yaml, which include the regression
files) is asked alone and inside each wrapper of tests/data/wrappers.yaml (a list kept for
measurement, apart from the bot's data), each in a fresh session. Prints the flip rate per
wrapper and overall; with -v, every flip.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from bot.corpus import questions_of, split_files, wrapper_flips

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    files = split_files(ROOT)
    questions = questions_of(files["train"] + files["dev"])
    wrappers = yaml.safe_load((ROOT / "tests" / "data" / "wrappers.yaml").read_text(encoding="utf-8"))["wrappers"]
    flips, asked, shown = wrapper_flips(questions, wrappers)
    per = Counter()
    for line in shown:
        for w in wrappers:
            head, _, tail = w.partition("{q}")
            if line[1:].startswith(head) and tail.strip() in line:
                per[w] += 1
                break
    for w in wrappers:
        print(f"  {per[w] / len(questions):6.1%}  {w!r}")
    print(f"wrapped questions that change intent or role: {flips}/{asked} = {flips / asked:.2%}"
          f" ({len(questions)} questions x {len(wrappers)} wrappers)")
    if "-v" in sys.argv:
        print("\n".join(shown))


if __name__ == "__main__":
    main()
