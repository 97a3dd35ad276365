"""Only the person moves their place on the path: questions never change the stored step, and
statements about oneself put the person where a careful reader would (measured on the labelled
placement set over fictional roles of 4-8 steps)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot import Bot
from conftest import FIXTURES, SEED_KNOWLEDGE

_spec = importlib.util.spec_from_file_location("placement_benchmark", Path(__file__).parent.parent / "benchmarks" / "placement.py")
assert _spec is not None and _spec.loader is not None
placement = importlib.util.module_from_spec(_spec)
sys.modules["placement_benchmark"] = placement
_spec.loader.exec_module(placement)


@pytest.fixture(scope="module")
def shipped() -> Bot:
    return Bot.from_directory(SEED_KNOWLEDGE)


def test_the_placement_set_is_placed_right_at_least_95_percent() -> None:
    results = placement.measure(FIXTURES / "placement.yaml")
    right = sum(r.got == r.expected for r in results)
    assert len(results) >= 80
    assert right / len(results) >= 0.95, [r for r in results if r.got != r.expected]


@pytest.mark.parametrize(
    ("before", "question"),
    [
        ([], "which skills do I need?"),
        (["what's step 2?"], "how many jobs are open right now"),
        (["what's step 3?"], "do I need a degree?"),
        (["how do I become one?"], "what skills should I learn?"),
        (["what's step 4?"], "what does it pay?"),
    ],
)
def test_a_question_never_changes_the_step(shipped: Bot, before: list[str], question: str) -> None:
    session = f"q-{question}"
    for text in before:
        shipped.reply(text, session=session)
    step = shipped.state(session).step
    shipped.reply(question, session=session)
    assert shipped.state(session).step == step


def test_what_next_after_questions_walks_on_from_where_the_person_is(shipped: Bot) -> None:
    for text in ("how do I become one?", "what skills should I learn?"):
        shipped.reply(text, session="walk")
    assert shipped.reply("what's next?", session="walk").step == 1


def test_fired_from_a_job_in_the_field_is_not_employed_in_it(shipped: Bot) -> None:
    assert shipped.reply("got fired from my ML job, what's next?").step not in (None, 6)


@pytest.mark.parametrize(
    ("statement", "step"),
    [
        ("I have a degree and use Python every day, what's next?", 3),
        ("just graduated in CS, what's next?", 2),
        # Clause by clause: each clause says one thing done, under way or not done.
        ("I hold a computer science degree and I write Python at work. What now?", 3),
        ("my computer science degree is done but I have never written any Python", 2),
        ("I'm learning PyTorch at the moment, my computer science degree is finished", 2),
        ("I have a history degree and I know Python, what next?", 1),
        ("got a computer science degree, nothing else so far", 2),
        ("I know nothing about machine learning yet, but I have my degree and I code in Java", 3),
        # A question in the message is no part of the statement.
        ("I have a degree in computer science. What should I learn next?", 2),
        # A denial that closes a clause says no to what it follows, back to the last yes.
        ("computer science degree yes, java no", 2),
        ("comp sci degree done and java not yet", 2),
        ("computer science degree ✅ java ❌", 2),
        ("got my computer science degree but flunked the java module", 2),
    ],
)
def test_statements_on_the_shipped_role(shipped: Bot, statement: str, step: int) -> None:
    assert shipped.reply(statement, session=f"s-{statement}").step == step


def test_a_nursing_student_is_on_the_nursing_degree_step() -> None:
    bot = Bot.from_directory(FIXTURES / "fictional_knowledge_c")
    reply = bot.reply("I'm a second-year nursing student, what's next for a registered nurse?")
    assert (reply.role, reply.step) == ("registered-nurse", 2)
