"""Career topics the pages never cover get an honest "nothing on that for this role", never
the overview or another section, with the role kept in context (intents/uncovered.yaml)."""

from __future__ import annotations

import pytest

from bot import Bot
from bot.reply import Intent
from conftest import SEED_KNOWLEDGE

MLE = "software-engineer-machine-learning"


@pytest.mark.parametrize(
    "question",
    ["any resume tips?", "can I work remotely?", "do they sponsor visas?", "what are the hours like?",
     "what benefits do they get?", "how should I prepare for the interview?"],
)
def test_an_uncovered_topic_says_so_and_keeps_the_role(question: str) -> None:
    bot = Bot.from_directory(SEED_KNOWLEDGE)
    bot.reply("what does an ML engineer earn?", session="u")
    reply = bot.reply(question, session="u")
    assert (reply.intent, reply.role) == (Intent.OUT_OF_SCOPE, MLE)
    assert "don't have anything on" in reply.text
    assert "$110,000" not in reply.text and "responsible for" not in reply.text  # no figures, no overview
    assert bot.reply("and what do they do?", session="u").role == MLE


def test_an_uncovered_topic_naming_the_role_is_about_it() -> None:
    reply = Bot.from_directory(SEED_KNOWLEDGE).reply("how do I prepare for an ML engineer interview?")
    assert (reply.intent, reply.role) == (Intent.OUT_OF_SCOPE, MLE)
    assert "interview" in reply.text


def test_another_domain_around_the_topic_word_is_declined_as_before() -> None:
    bot = Bot.from_directory(SEED_KNOWLEDGE)
    bot.reply("what does an ML engineer earn?", session="v")
    reply = bot.reply("when does my visa card expire?", session="v")
    assert "don't have anything on" not in reply.text
