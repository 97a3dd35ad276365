"""The per-user intents cache: used when it matches, rebuilt when intents/ changes, never fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.intents import load_intents
from bot.intents_cache import cache_dir, cached_intents
from conftest import ROOT


def copy_intents(tmp_path: Path) -> Path:
    target = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", target)
    return target


def test_the_cache_gives_what_loading_gives_and_is_written_once(tmp_path: Path) -> None:
    intents = copy_intents(tmp_path)
    first = cached_intents(intents)
    (written,) = cache_dir().glob("intents-*.pickle")
    assert cached_intents(intents) == first == load_intents(intents)
    assert list(cache_dir().glob("intents-*.pickle")) == [written]


def test_a_changed_intents_file_rebuilds_the_cache(tmp_path: Path) -> None:
    intents = copy_intents(tmp_path)
    before = cached_intents(intents)
    (old,) = cache_dir().glob("intents-*.pickle")
    lexicon = intents / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a comment changes the digest\n", encoding="utf-8")
    after = cached_intents(intents)
    (new,) = cache_dir().glob("intents-*.pickle")
    assert new != old and after == before  # same data (a comment), but a new key: the old file is gone


def test_a_corrupt_cache_falls_back_to_loading(tmp_path: Path) -> None:
    intents = copy_intents(tmp_path)
    cached_intents(intents)
    (path,) = cache_dir().glob("intents-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cached_intents(intents) == load_intents(intents)


def test_two_installations_keep_a_cache_file_each(tmp_path: Path) -> None:
    """Two checkouts of one user must not evict each other's file (each start would parse again)."""
    one, other = copy_intents(tmp_path / "one"), copy_intents(tmp_path / "other")
    cached_intents(one)
    cached_intents(other)
    assert len(list(cache_dir().glob("intents-*.pickle"))) == 2
    cached_intents(one)  # found, not rewritten: the other installation's file stays
    assert len(list(cache_dir().glob("intents-*.pickle"))) == 2
