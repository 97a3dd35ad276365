"""Two questions in one message get two answers, in the order asked: `Reply.intent` is the
first, the text carries both (one role, two intents)."""

from __future__ import annotations

import pytest

from bot import Bot
from bot.reply import Intent
from conftest import FIXTURES

#: FICTIONAL roles (fictional_knowledge_c): the electrician earns $61,250 and has 7 openings there.
BASE = FIXTURES / "fictional_knowledge_c"


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.from_directory(BASE)


def test_duties_and_pay_in_one_message(bot: Bot) -> None:
    reply = bot.reply("what does an electrician do and how much do they earn?", session="a")
    assert (reply.intent, reply.role) == (Intent.RESPONSIBILITIES, "electrician")
    duties, pay = reply.text.index("tasks may include"), reply.text.index("$61,250")
    assert duties < pay


def test_two_bare_topics_with_the_role_in_context(bot: Bot) -> None:
    bot.reply("tell me about electricians", session="b")
    reply = bot.reply("salary and openings?", session="b")
    assert (reply.intent, reply.role) == (Intent.SALARY, "electrician")
    assert reply.text.index("$61,250") < reply.text.index("7 job openings")


def test_a_statement_joined_to_a_question_is_one_question(bot: Bot) -> None:
    reply = bot.reply("I work in retail now and I'm curious what electricians do all day", session="c")
    assert reply.intent is Intent.RESPONSIBILITIES
    assert "$" not in reply.text


def test_one_question_with_and_inside_stays_one_answer(bot: Bot) -> None:
    reply = bot.reply("what skills and tools does an electrician need?", session="d")
    assert reply.text.count("\n\n") == 0
