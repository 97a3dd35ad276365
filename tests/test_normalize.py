"""Normalisation: folding (NFKC, case, apostrophes, contractions, punctuation), a stemmer under
which word forms meet, and tokens with abbreviations expanded. Both sides of every comparison go
through these, so their agreement is what the tests check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.normalize import fold, stem, tokens, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ｓａｌａｒｙ", "salary"),  # full-width letters (NFKC)
        ("ﬁnance", "finance"),  # ligature (NFKC)
        ("SALARY Salary salary", "salary salary salary"),
        ("Straße", "strasse"),  # case-folding, not just lower()
        ("What\u2019s next?", "what is next"),  # curly apostrophe
        ("What\u2018s next", "what is next"),
        ("what`s next", "what is next"),
        ("can't", "can not"),
        ("won't", "will not"),
        ("doesn't", "does not"),
        ("I'm done", "i am done"),
        ("they're hiring", "they are hiring"),
        ("I've finished", "i have finished"),
        ("I'll apply", "i will apply"),
        ("I'd like", "i would like"),
        ("let's go", "let us go"),
        ("a bachelor's degree", "a bachelor degree"),  # possessive dropped
        ("salary?!...", "salary"),
        ("pay, duties; path: (steps)", "pay duties path steps"),
        ("snake_case", "snake case"),
        ("  many \t spaces\n here ", "many spaces here"),
        ("C++ and C#", "c++ and c#"),  # symbols that name skills survive
        ("110.5% of 3.2", "110.5% of 3.2"),  # a decimal dot between digits stays
        ("ends with a dot.", "ends with a dot"),
        ("", ""),
        ("?!", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_tidy(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded
    assert folded == folded.casefold()


@given(st.text())
def test_words_follow_the_folded_text(text: str) -> None:
    """One word per folded word, each that word or (a trailing symbol dropped) a prefix of it."""
    folded = fold(text).split()
    found = words(text)
    assert len(found) == len(folded)
    assert all(word and full.startswith(word) for word, full in zip(found, folded))


@pytest.mark.parametrize(
    "forms",
    [
        ("earn", "earns", "earning", "earned"),
        ("salary", "salaries"),
        ("design", "designs", "designing", "designed"),
        ("engineer", "engineers", "engineering"),
        ("require", "requires", "required", "requiring"),
        ("skill", "skills"),
        ("class", "classes"),
        ("study", "studies"),
    ],
)
def test_word_forms_meet_under_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


@pytest.mark.parametrize("forms", [("make", "making"), ("code", "coding"), ("hire", "hiring")])
def test_short_e_words_meet_their_ing_form(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


def test_past_tense_in_ied_meets_the_base_form() -> None:
    assert stem("studied") == stem("study")


@pytest.mark.parametrize("word", ["a", "is", "pay", "bus", "status", "analysis", "always", "c++", "3.5", "r"])
def test_stem_leaves_short_and_protected_words_alone(word: str) -> None:
    assert stem(word) == word


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_stem_never_grows_a_word_and_never_empties_it(word: str) -> None:
    stemmed = stem(word)
    assert 0 < len(stemmed) <= len(word)


EXPANSIONS = {"ml": ("machine", "learning"), "eng": ("engineer",), "cs": ("computer", "science")}


def test_tokens_expand_abbreviations_without_stemming_them() -> None:
    assert tokens("ML eng", EXPANSIONS) == ("machine", "learning", "engineer")


def test_tokens_stem_the_words_that_are_not_abbreviations() -> None:
    assert tokens("What do ML engineers earn?", EXPANSIONS) == (
        "what", "do", "machine", "learning", "engineer", "earn",
    )


def test_tokens_without_expansions_are_stemmed_words() -> None:
    assert tokens("Salaries for Engineers") == ("salary", "for", "engineer")
    assert tokens("ml", None) == ("ml",)


def test_abbreviation_is_matched_as_a_whole_word_only() -> None:
    assert tokens("html csv", EXPANSIONS) == ("html", "csv")


# Without ESC: case is part of an escape sequence's meaning ("ESC P" opens a device control
# string that the sanitiser drops whole, "ESC p" is ESC and a letter), so upper-casing one may
# rightly change what is left (hypothesis found "\x1bp0").
@given(st.text(alphabet=st.characters(max_codepoint=127, blacklist_characters="\x1b")))
def test_spacing_and_case_do_not_change_tokens(text: str) -> None:
    assert tokens(f"  {text.upper()}\t", EXPANSIONS) == tokens(text, EXPANSIONS)


#: Terminal escape sequences a person could paste or type into a question (7-bit and 8-bit).
TYPED_SEQUENCES = ("\x1b[31m", "\x1b[1;31m", "\x1b]0;pwned title\x07", "\x1b]2;pwned\x1b\\", "\x9b2J", "\x1bPpwned\x1b\\")


@pytest.mark.parametrize("sequence", TYPED_SEQUENCES)
def test_escape_sequences_are_removed_before_anything_else(sequence: str) -> None:
    assert fold(f"how much does a {sequence}plumber make?") == fold("how much does a plumber make?")
    assert fold(f"how much does a {sequence} plumber make?") == fold("how much does a plumber make?")


def test_an_emoji_is_a_word_of_its_own_and_dropped_unless_spelled_out() -> None:
    assert words("pay?💰😂") == ["pay", "💰", "😂"]
    assert tokens("pay 😂") == ("pay",)
    assert tokens("💰 😂", {"💰": ("money",)}) == ("money",)
    assert words("clinical hours ⏳") == ["clinical", "hours", "⏳"]  # the technical symbols are pictographs too
