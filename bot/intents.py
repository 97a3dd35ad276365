"""Loading the intent data in `intents/`: cues, example phrasings and the shared lexicon.

Phrasings and synonyms are data so that teaching the bot a new way of asking needs no code
change. Everything is normalised here, once, with the same `Lexicon.tokens` the matcher applies
to questions, so both sides of every comparison agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .classifier import MODEL_FILE, IntentModel, load_model
from .mentions import AreaWords, load_area_words
from .names import NameForms
from .normalize import is_pictograph, stem, words
from .phrasing import REPLIES_FILE, Phrases, load_phrases, shipped_phrases
from .reply import Intent
from .wordlists import IntentDataError, Vocabulary, load_vocabulary

#: In a cue, "..." lets a few words stand between the parts ("how much ... make").
GAP = "..."


#: libyaml's safe loader when PyYAML was built with it (several times faster at start-up).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: Files of the intents directory that hold shared vocabulary rather than one intent.
_SHARED_FILES = frozenset({
    "lexicon.yaml", "occupations.yaml", "real_words.yaml", "words.yaml", "uncovered.yaml", "names.yaml", "areas.yaml",
    "small_talk.yaml", REPLIES_FILE,
})


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations, synonyms and word classes shared by intents, roles and questions."""

    expansions: Mapping[str, tuple[str, ...]]
    synonyms: Mapping[str, str]
    function_words: frozenset[str]
    domain_words: frozenset[str]
    topic_words: frozenset[str]
    off_topic_words: frozenset[str]
    occupations: frozenset[str]
    #: Occupation words too general to name a role alone ("manager", "engineer").
    generic_heads: frozenset[str] = frozenset()
    #: Worker word -> the field it works in, both as tokens ("scientist" -> "scienc").
    fields: Mapping[str, str] = field(default_factory=dict)
    #: Worker word -> the word roles usually use instead, as tokens ("developer" -> "engineer").
    stand_ins: Mapping[str, str] = field(default_factory=dict)
    #: Every word the lexicon itself spells, folded but not stemmed (typos are corrected to these).
    words: frozenset[str] = frozenset()
    #: Words that never belong to a role's name ("compare", "salary").
    not_in_role_names: frozenset[str] = frozenset()
    #: Real English words close to known ones, never "corrected" ("mayor" is not "major").
    real_words: frozenset[str] = frozenset()
    #: Letters as voice typing spells them ("em" -> "m"); a single letter stands for itself.
    letter_names: Mapping[str, str] = field(default_factory=dict)

    def tokens(self, text: str) -> tuple[str, ...]:
        """Normalised tokens: folded, abbreviations expanded, stemmed, synonyms canonical."""
        return self.analyse(words(text))[0]

    def analyse(self, typed: list[str], canonical: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Normalised tokens of folded words and, position by position, the word each came from
        (for replies). Two-word abbreviations ("comp sci") are expanded before one-word ones.
        Role names are read without the concept synonyms (`canonical=False`): "compensation"
        is salary in a question but a word of "Compensation Analyst"."""
        tokens: list[str] = []
        surfaces: list[str] = []
        i = 0
        while i < len(typed):
            pair = f"{typed[i]} {typed[i + 1]}" if i + 1 < len(typed) else ""
            spelled, end = self._spelled_out(typed, i)
            if spelled:  # "m l engineer", "em el engineer": the abbreviation, said letter by letter
                expanded, surface, i = self.expansions[spelled], " ".join(typed[i:end]), end
            elif pair in self.expansions:
                # "4 ml" -> "for ml" -> "for machine learning": one more round for the words it gives
                expanded = tuple(w for word in self.expansions[pair] for w in self._expand(word))
                surface, i = pair, i + 2
            else:
                expanded, surface, i = self._expand(typed[i]), typed[i], i + 1
            for token in expanded:
                stemmed = stem(token)
                tokens.append(self.synonyms.get(stemmed, stemmed) if canonical else stemmed)
                surfaces.append(surface)
        return tuple(tokens), tuple(surfaces)

    def _spelled_out(self, typed: list[str], start: int) -> tuple[str, int]:
        """The abbreviation that the letters from `start` spell, and where they end; ("", start)
        if none. Two letters or more, not all of them function words ("you are" is no "ur"),
        the longest run that spells a known abbreviation."""
        end = start
        while end < len(typed) and (len(typed[end]) == 1 and typed[end].isalpha() or typed[end] in self.letter_names):
            end += 1
        for stop in range(end, start + 1, -1):
            run = typed[start:stop]
            joined = "".join(self.letter_names.get(word, word) for word in run)
            if joined in self.expansions and not all(stem(word) in self.function_words for word in run):
                return joined, stop
        return "", start

    def _expand(self, word: str) -> tuple[str, ...]:
        """An abbreviation's words; a plural abbreviation ("MLEs") is its singular's, pluralised."""
        if word in self.expansions:
            return self.expansions[word]
        if is_pictograph(word):  # an emoji the lexicon does not spell out says nothing
            return ()
        if word.endswith("s") and word[:-1] in self.expansions and len(word) > 2:
            *head, last = self.expansions[word[:-1]]
            return (*head, last + "s")
        return (word,)

    def canonical(self, token: str) -> str:
        """The canonical form of one already-stemmed token (after a typo correction)."""
        return self.synonyms.get(token, token)


@dataclass(frozen=True)
class Cue:
    """A phrase that signals an intent; `parts` are token runs that may have a gap between."""

    parts: tuple[tuple[str, ...], ...]
    weight: float


@dataclass(frozen=True)
class IntentSpec:
    """One intent's data: weighted cues and whole example phrasings (ROLE marks a role name)."""

    intent: Intent
    cues: tuple[Cue, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class IntentData:
    """Everything in an intents directory."""

    lexicon: Lexicon
    specs: tuple[IntentSpec, ...]
    #: Every word the intent files spell (cues and examples), folded but not stemmed.
    words: frozenset[str] = frozenset()
    #: How role names are read (`names.yaml`).
    names: NameForms = NameForms()
    #: How places and pay levels are named (`areas.yaml`).
    areas: AreaWords = AreaWords()
    #: The named word lists of `words.yaml` and the uncovered topics, canonicalised.
    vocabulary: Vocabulary = Vocabulary()
    #: The trained intent model (`model.json`), or None for rules alone.
    model: IntentModel | None = None
    #: Phrases around a question that ask nothing (`small_talk.yaml`): openers, closers, joiners.
    small_talk: tuple[tuple[str, ...], ...] = ((), (), ())
    #: What the bot says (`replies.yaml`); a directory without the file speaks as the shipped one.
    phrases: Phrases = field(default_factory=shipped_phrases)

    @property
    def cue_words(self) -> frozenset[str]:
        """Every word that appears in a cue."""
        return frozenset(w for spec in self.specs for cue in spec.cues for part in cue.parts for w in part)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise IntentDataError(f"{path}: cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise IntentDataError(f"{path}: must be a mapping")
    return data


def _word_list(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key, "")
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise IntentDataError(f"{path}: {key} must be a list of words")


def _stems(items: list[str]) -> frozenset[str]:
    return frozenset(stem(w) for item in items for w in words(item))


def _load_lexicon(directory: Path) -> Lexicon:
    path = directory / "lexicon.yaml"
    data = _read(path)
    expansions: dict[str, tuple[str, ...]] = {}
    for short, long in {**(data.get("abbreviations") or {}), **(data.get("emoji") or {})}.items():
        key = " ".join(words(str(short)))
        if not key:  # read as nothing, it could never match, and would expand every gap
            raise IntentDataError(f"{path}: {short!r} reads as no word at all, so it can never match")
        if not isinstance(long, str):  # YAML reads a bare no as false: "no" must be quoted
            raise IntentDataError(f"{path}: {short!r} must expand to text, not {long!r} (quote it)")
        expansions[key] = tuple(words(str(long)))
    synonyms: dict[str, str] = {}
    for canonical, variants in (data.get("synonyms") or {}).items():
        if not isinstance(variants, list):
            raise IntentDataError(f"{path}: synonyms.{canonical} must be a list")
        for variant in variants:
            synonyms[stem(str(variant).casefold())] = stem(str(canonical).casefold())
    occupations_path = directory / "occupations.yaml"
    real_path = directory / "real_words.yaml"
    occupation_data = _read(occupations_path)
    occupations = _word_list(occupations_path, occupation_data, "occupations")
    generic_heads = _word_list(occupations_path, occupation_data, "generic_heads")
    spelled = {w for key in ("function_words", "domain_words", "topic_words", "off_topic_words")
               for item in _word_list(path, data, key) for w in words(item)}
    spelled.update(w for item in occupations for w in words(item))
    spelled.update(w for long in expansions.values() for w in long)
    spelled.update(w for short in expansions for w in short.split())
    spelled.update(w for variants in (data.get("synonyms") or {}).values() for v in variants for w in words(str(v)))
    return Lexicon(
        expansions=expansions,
        synonyms=synonyms,
        function_words=_stems(_word_list(path, data, "function_words")),
        domain_words=_stems(_word_list(path, data, "domain_words")),
        topic_words=_stems(_word_list(path, data, "topic_words")),
        off_topic_words=_stems(_word_list(path, data, "off_topic_words")),
        occupations=_stems(occupations + generic_heads),
        generic_heads=_stems(generic_heads),
        fields={stem(str(k).casefold()): stem(str(v).casefold()) for k, v in (data.get("fields") or {}).items()},
        stand_ins={stem(str(k).casefold()): stem(str(v).casefold()) for k, v in (data.get("stand_ins") or {}).items()},
        words=frozenset(spelled),
        not_in_role_names=frozenset(synonyms.get(w, w) for w in _stems(_word_list(path, data, "not_in_role_names"))),
        real_words=frozenset(_word_list(real_path, _read(real_path), "real_words")) if real_path.exists() else frozenset(),
        letter_names=_letter_names(path, data.get("letter_names") or {}),
    )


def _letter_names(path: Path, data: Any) -> dict[str, str]:
    """Spoken letter names -> the letter, each checked: a name is one word, a letter one letter."""
    if not isinstance(data, dict):
        raise IntentDataError(f"{path}: letter_names must map each spoken name to its letter")
    names: dict[str, str] = {}
    for letter, spoken in data.items():
        if not (isinstance(letter, str) and len(letter) == 1 and letter.isalpha() and isinstance(spoken, str)):
            raise IntentDataError(f"{path}: letter_names.{letter}: a single letter and its spoken names")
        for name in spoken.split():
            folded = words(name)
            if len(folded) != 1:
                raise IntentDataError(f"{path}: letter_names.{letter}: {name!r} is not one word")
            names[folded[0]] = letter.casefold()
    return names


def _load_spec(path: Path, lexicon: Lexicon) -> tuple[IntentSpec, set[str]]:
    """One intent's spec, and the words its file spells."""
    data = _read(path)
    name = data.get("intent")
    if name not in Intent._value2member_map_:
        raise IntentDataError(f"{path}: intent: unknown intent name {name!r}")
    cues = []
    for phrase, weight in (data.get("cues") or {}).items():
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise IntentDataError(f"{path}: cues.{phrase}: weight must be a number in (0, 1]")
        parts = tuple(lexicon.tokens(part) for part in str(phrase).split(GAP))
        if any(not part for part in parts):
            raise IntentDataError(f"{path}: cues.{phrase}: a cue needs words on both sides of '...'")
        cues.append(Cue(parts, float(weight)))
    examples = data.get("examples") or []
    if not isinstance(examples, list):
        raise IntentDataError(f"{path}: examples must be a list")
    spelled = {w for phrase in data.get("cues") or {} for w in words(str(phrase))}
    spelled.update(w for example in examples for w in words(str(example)))
    return IntentSpec(Intent(name), tuple(cues), tuple(str(e) for e in examples)), spelled


def load_name_forms(path: Path, data: dict[str, Any]) -> NameForms:
    """How role names are read: stop words, shared worker-word forms and role phrase words."""
    forms = data.get("name_forms") or {}
    if not isinstance(forms, dict) or not all(isinstance(v, list) for v in forms.values()):
        raise IntentDataError(f"{path}: name_forms must map a word to a list of words")
    background = []
    for pair in _word_list(path, data, "background"):
        parts = tuple(stem(w) for w in words(pair))
        if len(parts) != 2:
            raise IntentDataError(f"{path}: background: {pair!r} must be two words")
        background.append(parts)
    return NameForms(
        stop_words=_stems(_word_list(path, data, "stop_words")),
        breaks=_stems(_word_list(path, data, "breaks")),
        worker_endings=tuple(sorted(_word_list(path, data, "worker_endings"))),
        canonical={stem(str(v).casefold()): stem(str(k).casefold()) for k, vs in forms.items() for v in vs},
        background=frozenset(background),
        role_leads=_stems(_word_list(path, data, "role_leads")),
        in_passing=_stems(_word_list(path, data, "in_passing")),
        study_next=_stems(_word_list(path, data, "study_next")),
        verbal_endings=tuple(sorted(_word_list(path, data, "verbal_endings"))),
    )


def load_intents(directory: str | Path) -> IntentData:
    """Load `lexicon.yaml`, `occupations.yaml`, one `<intent>.yaml` per intent and, when present,
    the trained model `model.json` and the reply templates `replies.yaml`."""
    root = Path(directory)
    if not root.is_dir():
        raise IntentDataError(f"{root}: not an intents directory")
    lexicon = _load_lexicon(root)
    specs = []
    spelled = set(lexicon.words)
    for path in sorted(root.glob("*.yaml")):
        if path.name not in _SHARED_FILES:
            spec, spec_words = _load_spec(path, lexicon)
            specs.append(spec)
            spelled.update(spec_words)
    names_path = root / "names.yaml"
    names = load_name_forms(names_path, _read(names_path)) if names_path.exists() else NameForms()
    areas_path = root / "areas.yaml"
    areas = load_area_words(areas_path, IntentDataError) if areas_path.exists() else AreaWords()
    try:
        model = load_model(root / MODEL_FILE)
    except ValueError as error:
        raise IntentDataError(str(error)) from None
    talk_path = root / "small_talk.yaml"
    talk = _read(talk_path) if talk_path.exists() else {}
    small_talk = tuple(tuple(_word_list(talk_path, talk, key)) for key in ("openers", "closers", "joiners"))
    replies_path = root / REPLIES_FILE
    phrases = load_phrases(replies_path) if replies_path.exists() else shipped_phrases()
    return IntentData(
        lexicon, tuple(specs), frozenset(spelled), names, areas, load_vocabulary(root, lexicon), model, small_talk,
        phrases,
    )
