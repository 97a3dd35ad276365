"""Small talk around a question (bot/smalltalk.py and the matcher's use of it): wrappers are cut
only where what is dropped is small talk alone, and a message of small talk stays small talk."""

from __future__ import annotations

import pytest

from bot import Bot
from bot.smalltalk import SmallTalk


def test_cuts_offer_the_opener_clause_the_opener_and_the_closer() -> None:
    talk = SmallTalk(["sorry"], ["thanks"], ["but"])
    assert list(talk.cuts("sorry to bother you, but what is the pay? thanks")) == [
        ("sorry to bother you, but ", "what is the pay? thanks", True),
        ("sorry ", "to bother you, but what is the pay? thanks", False),
        ("? thanks", "sorry to bother you, but what is the pay?", True),
    ]
    assert list(talk.cuts("thanks")) == [] and list(talk.cuts("what is the pay?")) == []


def test_a_dash_inside_a_word_ends_no_clause() -> None:
    assert [kept for _, kept, _ in SmallTalk(["ok"], []).cuts("ok so day-to-day tasks?")] == ["so day-to-day tasks?"]


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.from_directory()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("thanks! and what do they earn?", "salary"),
        ("Hey! Quick question: what degree do ML engineers need? Thanks in advance :)", "education"),
        ("sorry to bug you, but what does an ML engineer do all day?", "responsibilities"),
        ("hi there", "greeting"),
        ("thanks a lot!", "thanks"),
        ("thanks for the help", "thanks"),
        ("hello, what's the weather like in Paris tomorrow?", "out_of_scope"),
        ("hello, tell me the weather in Paris", "out_of_scope"),  # a request, though no "?"
        ("thanks, that is encouraging", "thanks"),  # a remark after thanks asks nothing to decline
        ("cheers, that sounds grand", "thanks"),
    ],
)
def test_small_talk_is_the_answer_only_when_nothing_else_is_asked(bot: Bot, text: str, intent: str) -> None:
    assert bot.reply(text, session=text).intent.value == intent
