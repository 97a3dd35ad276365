"""Intent data: the shipped `intents/` covers every contract intent (a contract test), cues are
parsed into normalised token runs with "..." gaps, and an unusable intents directory is refused
with an IntentDataError that names the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.intents import Cue, IntentDataError, load_intents
from bot.normalize import stem
from bot.reply import Intent

from conftest import ROOT

INTENTS = ROOT / "intents"


@pytest.fixture(scope="module")
def shipped():
    return load_intents(INTENTS)


def test_every_intent_but_out_of_scope_has_cues(shipped) -> None:
    with_cues = {spec.intent for spec in shipped.specs if spec.cues}
    assert with_cues == set(Intent) - {Intent.OUT_OF_SCOPE}


def test_each_intent_is_defined_once(shipped) -> None:
    names = [spec.intent for spec in shipped.specs]
    assert len(names) == len(set(names))


def test_out_of_scope_has_no_cues(shipped) -> None:
    """Out of scope is what is left when nothing else matches; cues for it would compete."""
    assert not [spec for spec in shipped.specs if spec.intent is Intent.OUT_OF_SCOPE and spec.cues]


def test_every_cue_weight_is_in_range(shipped) -> None:
    weights = [cue.weight for spec in shipped.specs for cue in spec.cues]
    assert weights and all(0 < w <= 1 for w in weights)


def test_every_cue_part_has_tokens(shipped) -> None:
    assert all(part for spec in shipped.specs for cue in spec.cues for part in cue.parts)


def _cues(shipped, intent: Intent) -> tuple[Cue, ...]:
    return next(spec.cues for spec in shipped.specs if spec.intent is intent)


def test_cue_with_a_gap_has_two_parts(shipped) -> None:
    # salary.yaml has "how much ... make": normalised, the parts are two token runs.
    parts = {cue.parts for cue in _cues(shipped, Intent.SALARY)}
    assert (("how", "much"), (stem("make"),)) in parts


def test_cue_without_a_gap_is_one_normalised_run(shipped) -> None:
    # "get paid" and "six figures" are stemmed like questions are.
    parts = {cue.parts for cue in _cues(shipped, Intent.SALARY)}
    assert (("get", "paid"),) in parts
    assert ((stem("six"), stem("figures")),) in parts


def test_lexicon_expands_abbreviations_and_stems(shipped) -> None:
    assert shipped.lexicon.tokens("ML engineers") == tuple(stem(w) for w in ("machine", "learning", "engineer"))
    assert shipped.lexicon.tokens("MLE") == shipped.lexicon.tokens("machine learning engineer")


@pytest.mark.parametrize("spoken", ["m l engineers", "em el engineers", "M. L. engineers", "em ell engineers"])
def test_an_abbreviation_said_letter_by_letter_is_the_abbreviation(shipped, spoken: str) -> None:
    assert shipped.lexicon.tokens(spoken) == shipped.lexicon.tokens("ML engineers")


@pytest.mark.parametrize("words", ["you are right", "are you there", "i see", "a b c"])
def test_letters_that_spell_no_abbreviation_stay_words(shipped, words: str) -> None:
    assert shipped.lexicon.tokens(words) == tuple(stem(w) for w in words.split())


@pytest.mark.parametrize(("entry", "problem"), [
    ("w: double-you", "letter_names.w: 'double-you' is not one word"),
    ("ww: dub", "letter_names.ww: a single letter and its spoken names"),
])
def test_a_letter_name_must_be_one_word_for_a_single_letter(intents_dir: Path, entry: str, problem: str) -> None:
    lexicon = intents_dir / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace("letter_names:\n", f"letter_names:\n  {entry}\n", 1), encoding="utf-8")
    message = _load_error(intents_dir)
    assert "lexicon.yaml" in message and problem in message


def test_lexicon_analyse_keeps_the_typed_word_for_each_token(shipped) -> None:
    tokens, surfaces = shipped.lexicon.analyse(["ml", "nurse"])
    assert len(tokens) == len(surfaces)
    assert surfaces == ("ml", "ml", "nurse")


def test_occupations_are_loaded(shipped) -> None:
    assert {stem("nurse"), stem("plumbers"), stem("dentist")} <= shipped.lexicon.occupations


# --- unusable directories -------------------------------------------------------------------


@pytest.fixture
def intents_dir(tmp_path: Path) -> Path:
    """A minimal intents directory: the shared lexicon and occupations, and no intent files."""
    directory = tmp_path / "intents"
    directory.mkdir()
    for name in ("lexicon.yaml", "occupations.yaml"):
        shutil.copy(INTENTS / name, directory / name)
    return directory


def _load_error(directory: Path) -> str:
    with pytest.raises(IntentDataError) as caught:
        load_intents(directory)
    return str(caught.value)


def test_minimal_dir_loads_with_no_specs(intents_dir: Path) -> None:
    assert load_intents(intents_dir).specs == ()


def test_a_written_cue_with_a_gap_parses(intents_dir: Path) -> None:
    (intents_dir / "salary.yaml").write_text(
        "intent: salary\ncues:\n  How much ... EARN: 0.5\nexamples:\n  - what does a ROLE earn\n",
        encoding="utf-8",
    )
    (spec,) = load_intents(intents_dir).specs
    assert spec.intent is Intent.SALARY
    assert spec.cues == (Cue((("how", "much"), ("earn",)), 0.5),)
    assert spec.examples == ("what does a ROLE earn",)


def test_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert str(missing) in _load_error(missing)


def test_missing_lexicon(intents_dir: Path) -> None:
    (intents_dir / "lexicon.yaml").unlink()
    assert "lexicon.yaml" in _load_error(intents_dir)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("intent: wages\ncues:\n  pay: 1.0\n", "unknown intent name 'wages'"),
        ("cues:\n  pay: 1.0\n", "unknown intent name None"),
        ("intent: salary\ncues:\n  pay: 2\n", "weight"),
        ("intent: salary\ncues:\n  pay: 0\n", "weight"),
        ("intent: salary\ncues:\n  pay: high\n", "weight"),
        ("intent: salary\ncues:\n  how much ...: 1.0\n", "both sides"),
        ("intent: salary\nexamples: what does it pay\n", "examples must be a list"),
        ("- intent: salary\n", "must be a mapping"),
        ("just a sentence\n", "must be a mapping"),
        ("intent: [salary\n", "cannot be read"),
    ],
)
def test_bad_intent_file_names_the_file(intents_dir: Path, content: str, problem: str) -> None:
    (intents_dir / "wages.yaml").write_text(content, encoding="utf-8")
    message = _load_error(intents_dir)
    assert "wages.yaml" in message
    assert problem in message


def test_bad_lexicon_names_the_file(intents_dir: Path) -> None:
    (intents_dir / "lexicon.yaml").write_text("synonyms:\n  salary: pay\n", encoding="utf-8")
    message = _load_error(intents_dir)
    assert "lexicon.yaml" in message and "synonyms.salary" in message


def test_bad_occupations_names_the_file(intents_dir: Path) -> None:
    (intents_dir / "occupations.yaml").write_text("occupations:\n  nurse: 1\n", encoding="utf-8")
    message = _load_error(intents_dir)
    assert "occupations.yaml" in message and "occupations must be a list of words" in message


@pytest.mark.parametrize(("entry", "problem"), [('"~~": done', "reads as no word at all"), ('"\u26d4": no', "quote it")])
def test_an_emoji_entry_that_could_never_match_is_refused(intents_dir: Path, entry: str, problem: str) -> None:
    lexicon = intents_dir / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8").replace("emoji:\n", f"emoji:\n  {entry}\n", 1)
    lexicon.write_text(text, encoding="utf-8")
    message = _load_error(intents_dir)
    assert "lexicon.yaml" in message and problem in message
