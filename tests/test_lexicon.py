"""The shared vocabulary must not contradict itself: stemming can fold two different words into
one key ("routing" and "route"), and a key that is both off-topic and a cue would silently make
a real career question look like another domain's."""

from __future__ import annotations

from bot import Bot
from conftest import SEED_KNOWLEDGE


def test_no_off_topic_word_is_also_an_on_topic_or_neutral_word() -> None:
    intents = Bot.from_directory(SEED_KNOWLEDGE).intents
    lexicon = intents.lexicon
    on_topic = lexicon.topic_words | lexicon.domain_words | lexicon.function_words | intents.cue_words
    assert lexicon.off_topic_words & on_topic == frozenset()


def test_no_occupation_is_an_off_topic_word() -> None:
    lexicon = Bot.from_directory(SEED_KNOWLEDGE).intents.lexicon
    assert lexicon.occupations & lexicon.off_topic_words == frozenset()
