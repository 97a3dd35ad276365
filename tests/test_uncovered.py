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
     "what benefits do they get?", "how should I prepare for the interview?", "is there a signing bonus?",
     "do they get stock options?", "how do I negotiate the offer?", "is there a dress code?",
     "do they work weekends?"],
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


@pytest.mark.parametrize(
    ("question", "role"),
    [("what do remote sensing scientists do?", "remote-sensing-scientists-and-technologists"),
     ("how much do compensation and benefits managers make?", "compensation-and-benefits-managers"),
     ("what do dental hygienists earn?", "dental-hygienists")],
)
def test_a_topic_word_inside_the_role_name_is_the_role(question: str, role: str) -> None:
    reply = Bot.from_directory().reply(question)  # the shipped base: every O*NET occupation
    assert reply.role == role
    assert reply.intent is not Intent.OUT_OF_SCOPE and "don't have anything on" not in reply.text


def test_a_topic_beside_a_role_name_holding_its_word_is_still_the_topic() -> None:
    reply = Bot.from_directory().reply("do remote sensing scientists work remotely?")
    assert (reply.intent, reply.role) == (Intent.OUT_OF_SCOPE, "remote-sensing-scientists-and-technologists")
    assert "remote work" in reply.text
