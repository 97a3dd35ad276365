"""Word lists as data: every entry of intents/ can match what a person types, and the loader
refuses one that cannot (a stem written by hand, a phrase where one word is needed, a word a
synonym rewrites first), naming file and line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from bot.intents import IntentDataError, _word_list, load_intents
from bot.shapes import holds_job
from bot.wordlists import PHRASES, Vocabulary, canonical_entry
from conftest import ROOT

INTENTS = load_intents(ROOT / "intents")
LEXICON = INTENTS.lexicon
LISTS = [f for f in dataclasses.fields(Vocabulary) if "kind" in f.metadata]


def test_no_lexicon_word_class_entry_is_unmatchable() -> None:
    """An entry whose tokens are not all in its own class (a synonym or an abbreviation turns it
    into another word first) can never match as written."""
    data = yaml.safe_load((ROOT / "intents" / "lexicon.yaml").read_text(encoding="utf-8"))
    classes = {
        "function_words": LEXICON.function_words, "domain_words": LEXICON.domain_words,
        "topic_words": LEXICON.topic_words, "off_topic_words": LEXICON.off_topic_words,
        "not_in_role_names": LEXICON.not_in_role_names,
    }
    dead = [
        (key, item) for key, loaded in classes.items() for item in _word_list(Path("lexicon.yaml"), data, key)
        if not LEXICON.tokens(item) or any(t not in loaded for t in LEXICON.tokens(item))
    ]
    assert dead == []


@pytest.mark.parametrize("spec", LISTS, ids=lambda f: f.name)
def test_every_word_list_is_shipped_and_has_no_redundant_entry(spec: dataclasses.Field[object]) -> None:
    """Two entries meaning the same once normalised ("fired" and a hand stem of it) hint that one
    was written for the stemmer, not for people."""
    data = yaml.safe_load((ROOT / "intents" / "words.yaml").read_text(encoding="utf-8"))
    entries = data[spec.name].split() if isinstance(data[spec.name], str) else data[spec.name]
    forms = [canonical_entry(LEXICON, spec.metadata["kind"], e) for e in entries]
    assert entries and len(set(forms)) == len(forms)
    loaded = getattr(INTENTS.vocabulary, spec.name)
    assert loaded == {f if spec.metadata["kind"] == PHRASES else f[0] for f in forms}


def _with_words(tmp_path: Path, replace: tuple[str, str]) -> Path:
    directory = tmp_path / "intents"
    directory.mkdir()
    for name in ("lexicon.yaml", "occupations.yaml", "words.yaml"):
        text = (ROOT / "intents" / name).read_text(encoding="utf-8")
        if name == "words.yaml":
            assert replace[0] in text
            text = text.replace(*replace)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("wishes: want like", "wishes: wanna like", "becomes 'want to'"),  # one word expands to two
        ("in_progress: still", "in_progress: freshman still", "shadowed by the synonym"),
        ("below: high", "below: ???", "becomes 'nothing'"),
    ],
)
def test_an_entry_that_cannot_match_is_refused_with_file_and_line(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    directory = _with_words(tmp_path, (old, new))
    line = 1 + next(i for i, text in enumerate((directory / "words.yaml").read_text().splitlines()) if text.startswith(new))
    with pytest.raises(IntentDataError, match=rf"words\.yaml:{line}: .*{problem}"):
        load_intents(directory)


def test_an_unknown_list_name_is_refused(tmp_path: Path) -> None:
    directory = _with_words(tmp_path, ("below: high", "below: high\nbellow: loud"))
    with pytest.raises(IntentDataError, match=r"words\.yaml:\d+: bellow: no such word list"):
        load_intents(directory)


@pytest.mark.parametrize("text", ["got fired from my ML job", "I got laid off from my job", "I have been fired from my job"])
def test_words_as_typed_match_what_the_stemmer_makes_of_them(text: str) -> None:
    """ "fired" stems to "fire": a hand-stemmed "fir" in Python never matched it."""
    assert not holds_job(LEXICON.tokens(text), INTENTS.vocabulary)
