"""Compile the name index of a knowledge directory's O*NET occupations into names.sqlite.

Usage: python scripts/build_names.py [KNOWLEDGE_DIR]   (default: the shipped knowledge/)
Run after scripts/build_knowledge.py and after editing intents/lexicon.yaml, names.yaml or
occupations.yaml: a file built for other vocabulary is ignored at start-up (the index is then
built in memory, correct but over a second slower). A rebuild gives identical bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.intents import load_intents
from bot.knowledge import load_directory
from bot.name_tables import FILE_NAME, MemoryTable
from bot.paths import default_intents_dir, default_knowledge_dir
from bot.roles import RoleFinder


def main() -> int:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else default_knowledge_dir()
    knowledge = load_directory(directory)
    intents = load_intents(default_intents_dir())
    lexicon = intents.lexicon
    finder = RoleFinder(knowledge, lexicon, lexicon.not_in_role_names, intents.names, compiled_names=False)
    table = finder.names.onet_table
    if not isinstance(table, MemoryTable):
        print(f"{directory}: no O*NET occupations (build knowledge/occupations.sqlite first)", file=sys.stderr)
        return 1
    path = directory / FILE_NAME
    table.write(path, finder.names.fingerprint)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
