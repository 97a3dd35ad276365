"""Build knowledge/occupations.sqlite from the O*NET, BLS OEWS and BLS Employment Projections releases.

Usage (defaults: the releases in ../shared/data, output into knowledge/):
    python scripts/build_knowledge.py [--onet DIR|ZIP] [--oews DIR] [--ep Table_1_2.csv] [--into DIR]

The same as `careerbot build-knowledge`. Deterministic: the same releases give identical bytes.
"""

from __future__ import annotations

import sys

from bot.build_cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
