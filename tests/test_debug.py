"""`/debug` and `Bot.reply(debug=True)` name what decided an answer; off by default."""

from __future__ import annotations

from bot import Bot
from bot.repl import Chat
from conftest import SEED_KNOWLEDGE


def test_debug_is_off_by_default_and_absent_from_the_dict() -> None:
    reply = Bot.from_directory(SEED_KNOWLEDGE).reply("how much does an ML engineer make?")
    assert reply.debug == ()
    assert "debug" not in reply.to_dict()


def test_debug_names_the_cues_and_rules_that_decided() -> None:
    bot = Bot.from_directory(SEED_KNOWLEDGE)
    reply = bot.reply("I have a CS degree, what next?", debug=True)
    lines = reply.to_dict()["debug"]
    assert any(line.startswith("cue next_step: ") for line in lines)
    assert "rule: statement about oneself" in lines
    assert any(line.startswith("rule: placed: step 1") for line in lines)
    assert lines[-1] == "answered: next_step"


def test_debug_does_not_change_the_answer_or_the_session() -> None:
    plain, debugged = Bot.from_directory(SEED_KNOWLEDGE), Bot.from_directory(SEED_KNOWLEDGE)
    for text in ("what's step 3?", "do I need a degree?", "what's next?"):
        a, b = plain.reply(text, session="s"), debugged.reply(text, session="s", debug=True)
        assert (a.text, a.intent, a.step) == (b.text, b.intent, b.step)


def test_the_chat_debug_switch_shows_the_rules() -> None:
    chat = Chat(Bot.from_directory(SEED_KNOWLEDGE))
    chat.handle("/debug")
    outcome = chat.handle("what does it pay and how many openings are there?")
    assert outcome.reply is not None
    assert "rule: two questions: salary + job_openings" in outcome.reply.debug
