"""The tables behind the name index: built in memory from roles, or read from a compiled file.

Reading 56k O*NET names into an index costs over a second, so `scripts/build_names.py` writes the
O*NET part once into `knowledge/names.sqlite`, and a process looks names up there on demand
(indexed lookups, cached). The file records a fingerprint of everything its keys depend on (the
name-reading vocabulary, the abbreviations, the compiled release): a stale file is ignored and
the index built in memory, so an edited `intents/` never gives wrong names, only a slower start.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from .knowledge import Role

log = logging.getLogger(__name__)

#: Evidence a name gives, strongest first: a role page's own title and aliases, a part of an
#: O*NET title, an O*NET alternate, short or reported title.
PAGE_NAME, TITLE_PART, ALIAS = 3, 2, 1
#: The compiled file's name, beside the knowledge directory's other files.
FILE_NAME = "names.sqlite"
#: Bumped when the way keys are made changes (the stemmer, title splitting).
SCHEMA = "names-3"
#: Lookups cached per process (a question makes a few dozen).
CACHED = 65536

Key = frozenset[str]


class NameTable(Protocol):
    """What the name index asks of its tables."""

    def holders(self, key: Key) -> Mapping[str, int]:
        """Role id -> strongest tier of the roles with a name of exactly these words."""
        ...

    def heads(self, word: str) -> frozenset[str]:
        """Roles a title part of which ends in this word ("designer")."""
        ...

    def keys_with(self, word: str) -> tuple[Key, ...]:
        """Every name key holding this word."""
        ...

    def title_words(self, role_id: str) -> frozenset[str]:
        ...

    def is_short(self, key: Key) -> bool:
        """Whether an alias of these words was written in capitals ("RN")."""
        ...

    def knows(self, word: str) -> bool:
        """Whether any name holds this word."""
        ...


class MemoryTable:
    """Tables built from roles: `parts` gives a role its names of title rank."""

    def __init__(
        self,
        roles: Iterable[Role],
        words: Callable[[str], tuple[str, ...]],
        parts: Callable[[Role], tuple[str, ...]],
        is_head: Callable[[str, tuple[str, ...]], bool],
    ) -> None:
        """`is_head(part, words)` says whether a title part's last word heads it ("Graphic
        Designers": designer; "Benefits" alone: no)."""
        self._exact: dict[Key, dict[str, int]] = defaultdict(dict)
        self._heads: dict[str, set[str]] = defaultdict(set)
        self._titles: dict[str, frozenset[str]] = {}
        self._short: set[Key] = set()
        for role in roles:
            page = role.kind == "page"
            title_words: set[str] = set()
            for part in (role.title,) if role.residual else parts(role):  # a residual group: its own title only
                found = words(part)
                title_words.update(found)
                if page or len(found) > 1 or (found and is_head(part, found)):  # not "Benefits" alone
                    self._add(frozenset(found), role.id, PAGE_NAME if page else TITLE_PART)
                if found and not page and not role.residual and is_head(part, found):
                    self._heads[found[-1]].add(role.id)
            self._titles[role.id] = frozenset(title_words)
            if not page:
                for alias in role.aliases:
                    self._add(frozenset(words(alias)), role.id, ALIAS)
                    if alias.isupper():  # a short title ("RN", "CRNA") is a name however short
                        self._short.add(frozenset(words(alias)))
        self._keys_with: dict[str, list[Key]] = defaultdict(list)
        for key in self._exact:
            for word in key:
                self._keys_with[word].append(key)

    def _add(self, key: Key, role_id: str, tier: int) -> None:
        if key:
            held = self._exact[key]
            held[role_id] = max(tier, held.get(role_id, 0))

    def holders(self, key: Key) -> Mapping[str, int]:
        return self._exact.get(key, {})

    def heads(self, word: str) -> frozenset[str]:
        return frozenset(self._heads.get(word, ()))

    def keys_with(self, word: str) -> tuple[Key, ...]:
        return tuple(self._keys_with.get(word, ()))

    def title_words(self, role_id: str) -> frozenset[str]:
        return self._titles.get(role_id, frozenset())

    def is_short(self, key: Key) -> bool:
        return key in self._short

    def knows(self, word: str) -> bool:
        return word in self._keys_with

    def write(self, path: Path, fingerprint: str) -> None:
        """The tables as a compiled file, rows in sorted order (a rebuild gives the same bytes)."""
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        try:
            db.executescript(_SCHEMA_SQL)
            db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            db.executemany("INSERT INTO names VALUES (?, ?)", sorted(
                (_encode(k), "\n".join(f"{r}\t{t}" for r, t in sorted(v.items()))) for k, v in self._exact.items()
            ))
            db.executemany("INSERT INTO heads VALUES (?, ?)", sorted((w, "\n".join(sorted(r))) for w, r in self._heads.items()))
            db.executemany("INSERT INTO titles VALUES (?, ?)", sorted((r, " ".join(sorted(w))) for r, w in self._titles.items()))
            db.executemany("INSERT INTO words VALUES (?, ?)", sorted(
                (w, "\n".join(sorted(_encode(k) for k in keys))) for w, keys in self._keys_with.items()
            ))
            db.executemany("INSERT INTO short VALUES (?)", sorted((_encode(k),) for k in self._short))
            db.commit()
        finally:
            db.close()


_SCHEMA_SQL = """
PRAGMA page_size = 4096;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE names (key TEXT PRIMARY KEY, holders TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE heads (word TEXT PRIMARY KEY, roles TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE titles (role TEXT PRIMARY KEY, words TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE words (word TEXT PRIMARY KEY, keys TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE short (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""


def _encode(key: Key) -> str:
    return " ".join(sorted(key))


def _decode(text: str) -> Key:
    return frozenset(text.split(" "))


class FileTable:
    """Tables read from a compiled file on demand, each lookup cached; safe to share between threads."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._lookup: Callable[[str, str], str | None] = lru_cache(maxsize=CACHED)(self._query)
        self._keys: Callable[[str], tuple[Key, ...]] = lru_cache(maxsize=CACHED)(self._keys_uncached)

    def _query(self, table: str, value: str) -> str | None:
        """The one value column of `table` for its primary key (table names are this module's)."""
        column, key = _COLUMNS[table]
        with self._lock:
            row = self._db.execute(f"SELECT {column} FROM {table} WHERE {key} = ?", (value,)).fetchone()
        return row[0] if row else None

    def holders(self, key: Key) -> Mapping[str, int]:
        text = self._lookup("names", _encode(key))
        return {r: int(t) for r, t in (line.split("\t") for line in text.split("\n"))} if text else {}

    def heads(self, word: str) -> frozenset[str]:
        text = self._lookup("heads", word)
        return frozenset(text.split("\n")) if text else frozenset()

    def keys_with(self, word: str) -> tuple[Key, ...]:
        return self._keys(word)

    def _keys_uncached(self, word: str) -> tuple[Key, ...]:
        text = self._lookup("words", word)
        return tuple(_decode(k) for k in text.split("\n")) if text else ()

    def title_words(self, role_id: str) -> frozenset[str]:
        text = self._lookup("titles", role_id)
        return frozenset(text.split(" ")) if text else frozenset()

    def is_short(self, key: Key) -> bool:
        return self._lookup("short", _encode(key)) is not None

    def knows(self, word: str) -> bool:
        return self._lookup("words", word) is not None


#: Each table's value column and key column.
_COLUMNS = {
    "names": ("holders", "key"), "heads": ("roles", "word"), "titles": ("words", "role"),
    "words": ("keys", "word"), "short": ("key", "key"),
}


def open_file(path: Path, fingerprint: str) -> FileTable | None:
    """The compiled tables at `path` if they were built for this fingerprint, else None."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.Error as error:
        log.warning("%s: unreadable name index (%s); building it in memory", path, error)
        return None
    if not row or row[0] != fingerprint:
        log.warning("%s: built for other names or vocabulary; building the index in memory "
                    "(rebuild it with scripts/build_names.py)", path)
        db.close()
        return None
    return FileTable(db)


def fingerprint(*parts: object) -> str:
    """A digest of what the keys depend on; parts must have a stable repr (sorted, no sets)."""
    return hashlib.sha256(repr((SCHEMA, *parts)).encode("utf-8")).hexdigest()


class Merged:
    """The union of several tables (role pages in memory, O*NET occupations from the file)."""

    def __init__(self, tables: list[NameTable]) -> None:
        self._tables = tables

    def holders(self, key: Key) -> Mapping[str, int]:
        found: dict[str, int] = {}
        for table in self._tables:
            for role, tier in table.holders(key).items():
                found[role] = max(tier, found.get(role, 0))
        return found

    def heads(self, word: str) -> frozenset[str]:
        return frozenset().union(*(t.heads(word) for t in self._tables))

    def keys_with(self, word: str) -> tuple[Key, ...]:
        return tuple(dict.fromkeys(k for t in self._tables for k in t.keys_with(word)))

    def title_words(self, role_id: str) -> frozenset[str]:
        return frozenset().union(*(t.title_words(role_id) for t in self._tables))

    def is_short(self, key: Key) -> bool:
        return any(t.is_short(key) for t in self._tables)

    def knows(self, word: str) -> bool:
        return any(t.knows(word) for t in self._tables)
