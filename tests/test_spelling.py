"""Spelling correction: typos of known words are fixed, real words and short words are left alone."""

from __future__ import annotations

import pytest

from bot import Bot
from bot.spelling import Speller
from conftest import SEED_KNOWLEDGE


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Bot.from_directory(SEED_KNOWLEDGE).matcher.speller


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("salry", "salary"), ("responsibilites", "responsibilities"), ("learnign", "learning"),
     ("enginer", "engineer"), ("machne", "machine"), ("ned", "need"), ("teh", "the")],
)
def test_typos_of_known_words_are_corrected(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("word", ["mayor", "water", "hiking", "electricity", "football", "play", "add", "buy"])
def test_real_words_are_left_alone(speller: Speller, word: str) -> None:
    assert speller.correct(word) == word


@pytest.mark.parametrize("word", ["", "a", "42", "c++", "qwertyuiop"])
def test_odd_input_comes_back_unchanged(speller: Speller, word: str) -> None:
    assert speller.correct(word) == word
