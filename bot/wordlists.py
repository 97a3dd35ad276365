"""The English word lists that shapes, the path placer and the speller test for, as data.

A literal in Python has to equal what the stemmer makes of a word, and often does not ("fired"
stems to "fire", never "fir"). Here every entry of `intents/words.yaml` is put through
`Lexicon.analyse`, the pipeline questions go through, so an entry means exactly what a person
typing it produces; an entry that pipeline cannot keep as one word is refused with file and line.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import DataError
from .normalize import stem, words

if TYPE_CHECKING:
    from .intents import Lexicon

#: How an entry is canonicalised: as a question's token, as a typed word, as a word ending, or as
#: a phrase of tokens.
TOKENS, TYPED, ENDINGS, PHRASES = "tokens", "typed", "endings", "phrases"

#: The lists naming path steps by number, in order (`step_one` is step 1).
STEP_LISTS = ("step_one", "step_two", "step_three", "step_four", "step_five", "step_six",
              "step_seven", "step_eight", "step_nine")


class IntentDataError(DataError):
    """An unusable file in the intents directory; the message names the file and the problem."""


def _list(kind: str = TOKENS) -> Any:
    return field(default=frozenset(), metadata={"kind": kind})


@dataclass(frozen=True)
class Vocabulary:
    """Every named list of `intents/words.yaml`, canonicalised; see that file for what each is."""

    question_verbs: frozenset[str] = _list()
    question_openers: frozenset[str] = _list()
    requests: frozenset[str] = _list()
    leading_fillers: frozenset[str] = _list()
    wondering: frozenset[str] = _list()
    others: frozenset[str] = _list()
    statement_openers: frozenset[str] = _list()
    speaker: frozenset[str] = _list()
    possessive: frozenset[str] = _list()
    progressive_leads: frozenset[str] = _list(TYPED)
    under_way: frozenset[str] = _list(TYPED)
    beginner: frozenset[str] = _list()
    done_words: frozenset[str] = _list()
    not_a_number: frozenset[str] = _list()
    step_one: frozenset[str] = _list()
    step_two: frozenset[str] = _list()
    step_three: frozenset[str] = _list()
    step_four: frozenset[str] = _list()
    step_five: frozenset[str] = _list()
    step_six: frozenset[str] = _list()
    step_seven: frozenset[str] = _list()
    step_eight: frozenset[str] = _list()
    step_nine: frozenset[str] = _list()
    step_words: frozenset[str] = _list()
    last_words: frozenset[str] = _list()
    step_heads: frozenset[str] = _list()
    concept_openings: frozenset[tuple[str, ...]] = _list(PHRASES)
    meaning_words: frozenset[str] = _list()
    articles: frozenset[str] = _list()
    slot_before: frozenset[str] = _list()
    slot_articles: frozenset[str] = _list()
    slot_after: frozenset[str] = _list()
    other_words: frozenset[str] = _list()
    other_heads: frozenset[str] = _list()
    one_words: frozenset[str] = _list()
    goal_leads: frozenset[tuple[str, ...]] = _list(PHRASES)
    become_words: frozenset[str] = _list()
    become_pronouns: frozenset[str] = _list()
    levels: frozenset[str] = _list()
    wishes: frozenset[str] = _list()
    being: frozenset[str] = _list()
    as_words: frozenset[str] = _list()
    job_words: frozenset[str] = _list()
    holding: frozenset[str] = _list()
    holds_as: frozenset[str] = _list()
    not_holding: frozenset[str] = _list()
    in_progress: frozenset[str] = _list()
    clause_joiners: frozenset[str] = _list()
    below: frozenset[str] = _list()
    not_done: frozenset[str] = _list()
    generic: frozenset[str] = _list()
    from_scratch: frozenset[str] = _list()
    study_fields: frozenset[tuple[str, ...]] = _list(PHRASES)
    degree_words: frozenset[str] = _list()
    study_places: frozenset[tuple[str, ...]] = _list(PHRASES)
    derivations: frozenset[str] = _list(ENDINGS)
    past_markers: frozenset[str] = _list()
    anything: frozenset[str] = _list()
    affirmations: frozenset[str] = _list()
    greeting_alone: frozenset[str] = _list()
    continuations: frozenset[str] = _list()
    alone_fillers: frozenset[str] = _list()
    alone_pay: frozenset[str] = _list()
    alone_count: frozenset[str] = _list()
    walk_words: frozenset[str] = _list()
    start_words: frozenset[str] = _list()
    joiners: frozenset[str] = _list()
    skill_step_words: frozenset[str] = _list()
    education_titles: frozenset[str] = _list(TYPED)
    degree_details: frozenset[str] = _list(TYPED)
    typo_suffixes: frozenset[str] = _list(ENDINGS)
    inflections: frozenset[str] = _list(ENDINGS)
    progressive_ending: frozenset[str] = _list(ENDINGS)
    #: Token -> the step number it names ("third" -> 3), from the `step_*` lists.
    numbers: Mapping[str, int] = field(default_factory=dict)
    #: Uncovered career topics (`intents/uncovered.yaml`): topic name -> its words, as tokens.
    uncovered: tuple[tuple[str, frozenset[tuple[str, ...]]], ...] = ()

def canonical_entry(lexicon: Lexicon, kind: str, entry: str) -> tuple[str, ...]:
    """What the question pipeline makes of one entry: its tokens (or typed words, or the ending)."""
    if kind == ENDINGS:
        return (entry.strip().casefold(),) if entry.strip().isalpha() else ()
    typed = words(entry)
    return tuple(typed) if kind == TYPED else lexicon.analyse(typed)[0]


def shadowing(lexicon: Lexicon, entry: str) -> tuple[str, str] | None:
    """The synonym that rewrites an entry into another word before any list could see it, as
    (the entry's stem, the word it becomes), or None. Such an entry never matches as written:
    "enrolled" in a list is read as whatever word the synonyms make of "enrol"."""
    for word in words(entry):
        for expanded in lexicon.expansions.get(word, (word,)):
            stemmed = stem(expanded)
            target = lexicon.synonyms.get(stemmed, stemmed)
            if target != stemmed:
                return stemmed, target
    return None


def line_of(text: str, key: str) -> int:
    """The line where `key:` opens a line of `text` (1 when it is absent), for errors that name it."""
    match = re.search(rf"^{re.escape(key)}:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _entries(path: Path, text: str, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        raise IntentDataError(f"{path}:{line_of(text, key)}: {key}: missing word list")
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise IntentDataError(f"{path}:{line_of(text, key)}: {key} must be words or a list of phrases")


def read_lists(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of a word-list file and its mapping; a broken file names its file and line."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as error:
        raise IntentDataError(f"{path}: cannot be read: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise IntentDataError(f"{path}{line}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise IntentDataError(f"{path}:1: must be a mapping of list names to words")
    return text, data


def load_vocabulary(directory: Path, lexicon: Lexicon) -> Vocabulary:
    """`words.yaml` and `uncovered.yaml`, canonicalised with `lexicon`. A directory without
    them (a minimal one, for tests) has empty lists; a file missing one list is an error."""
    path = directory / "words.yaml"
    if not path.exists():
        return Vocabulary(uncovered=_load_uncovered(directory / "uncovered.yaml", lexicon))
    text, data = read_lists(path)
    known = {f.name for f in dataclasses.fields(Vocabulary) if "kind" in f.metadata}
    for key in data:
        if key not in known:
            raise IntentDataError(f"{path}:{line_of(text, str(key))}: {key}: no such word list")
    values: dict[str, Any] = {}
    for name in sorted(known):
        kind = Vocabulary.__dataclass_fields__[name].metadata["kind"]
        canonical = set()
        for entry in _entries(path, text, data, name):
            form = canonical_entry(lexicon, kind, entry)
            if not form or (kind != PHRASES and len(form) != 1):
                raise IntentDataError(
                    f"{path}:{line_of(text, name)}: {name}: {entry!r} becomes {' '.join(form) or 'nothing'!r}"
                    " once normalised, so it can never match one word; write the word as typed"
                )
            # A one-word entry a synonym rewrites would silently stand for the synonym's whole
            # group ("freshman" for every study word); a phrase keeps its other words to narrow it.
            shadow = shadowing(lexicon, entry) if kind == TOKENS else None
            if shadow is not None:
                raise IntentDataError(
                    f"{path}:{line_of(text, name)}: {name}: {entry!r} is shadowed by the synonym"
                    f" {shadow[0]!r} -> {shadow[1]!r} in lexicon.yaml, so it can never match as written"
                )
            canonical.add(form if kind == PHRASES else form[0])
        values[name] = frozenset(canonical)
    numbers = {token: n for n, name in enumerate(STEP_LISTS, start=1) for token in values[name]}
    return Vocabulary(**values, numbers=numbers, uncovered=_load_uncovered(directory / "uncovered.yaml", lexicon))


def _load_uncovered(path: Path, lexicon: Lexicon) -> tuple[tuple[str, frozenset[tuple[str, ...]]], ...]:
    """Topics the role pages never cover (interviews, CVs, visas, ...): name -> phrases as tokens."""
    if not path.exists():
        return ()
    text, data = read_lists(path)
    topics = data.get("topics")
    if not isinstance(topics, dict):
        raise IntentDataError(f"{path}:{line_of(text, 'topics')}: topics must map topic names to phrases")
    out = []
    for name, phrases in topics.items():
        entries = _entries(path, text, topics, name) if isinstance(phrases, list) else None
        if not entries:
            raise IntentDataError(f"{path}:{line_of(text, '  ' + str(name))}: topics.{name} must be a list of phrases")
        forms = {canonical_entry(lexicon, PHRASES, e) for e in entries}
        if () in forms:
            raise IntentDataError(f"{path}:{line_of(text, '  ' + str(name))}: topics.{name}: an empty phrase")
        out.append((str(name), frozenset(forms)))
    return tuple(out)
