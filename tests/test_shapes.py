"""Question shapes, on normalised tokens: statements, numbered steps, steps done, jobs held."""

from __future__ import annotations

import pytest

from bot.intents import load_intents
from bot.shapes import LAST_STEP, final_question, holds_job, is_statement, step_number, steps_done
from conftest import ROOT

INTENTS = load_intents(ROOT / "intents")
LEXICON = INTENTS.lexicon
V = INTENTS.vocabulary


def tokens(text: str) -> tuple[str, ...]:
    return LEXICON.tokens(text)


@pytest.mark.parametrize(
    ("text", "statement"),
    [("I have a CS degree", True), ("ok got my degree", True), ("my portfolio is ready", True),
     ("how do I become one?", False), ("what skill I need", False), ("my son wants to be a nurse", False)],
)
def test_statements_and_questions(text: str, statement: bool) -> None:
    assert is_statement(tokens(text), V) is statement


@pytest.mark.parametrize(
    ("text", "number"),
    [("what's step 3?", 3), ("step three please", 3), ("the 2nd step", 2), ("and the last one?", LAST_STEP),
     ("steps 2 become one", None), ("what's next?", None)],
)
def test_step_numbers(text: str, number: int | None) -> None:
    assert step_number(tokens(text), V) == number


@pytest.mark.parametrize(
    ("text", "done"), [("finished step one, next?", 1), ("I've done the first two steps", 2), ("what's step 2?", None)]
)
def test_steps_done_place_rather_than_ask(text: str, done: int | None) -> None:
    assert steps_done(tokens(text), V) == done


@pytest.mark.parametrize(
    ("text", "holds"),
    [("I've been working in ML for a year", True), ("I just got my first ML job", True),
     ("I want a job in ML", False), ("I lost my job", False)],
)
def test_holding_a_job(text: str, holds: bool) -> None:
    assert holds_job(tokens(text), V) is holds


@pytest.mark.parametrize(
    ("text", "question"),
    [("I quit my job. What now?", "What now?"), ("I quit my job.  Is a degree needed?", "Is a degree needed?"),
     ("What now? Does it pay?", None), ("how much do they make?", None), ("I quit. I am sad.", None)],
)
def test_the_question_a_message_ends_with_after_telling(text: str, question: str | None) -> None:
    assert final_question(text) == question
