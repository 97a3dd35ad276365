"""Reply templates (`intents/replies.yaml`): filled from pre-parsed pieces, and a file with a
missing, unknown or malformed template, or a placeholder its renderer does not fill, is refused
when the intents are loaded, naming file and line, never while answering."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from bot.core import Bot
from bot.intents import IntentDataError, load_intents
from bot.knowledge import load_directory
from bot.phrasing import _HOLES, REPLIES_FILE, Phrases, Template, load_phrases, shipped_phrases

from conftest import FICTIONAL_KNOWLEDGE, ROOT


def _intents_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped intents with one line of replies.yaml rewritten."""
    directory = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", directory)
    path = directory / REPLIES_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return directory


def _line(directory: Path, start: str) -> int:
    lines = (directory / REPLIES_FILE).read_text(encoding="utf-8").splitlines()
    return 1 + next(i for i, text in enumerate(lines) if text.startswith(start))


def test_a_template_is_filled_by_name() -> None:
    template = Template((("There are ", "count"), (" job openings for ", "role"), (".", "")))
    assert template(count=3, role="a Plumber") == "There are 3 job openings for a Plumber."


def test_every_declared_placeholder_belongs_to_a_template_field() -> None:
    templates = {f.name for f in dataclasses.fields(Phrases) if f.type == "Template"}
    assert set(_HOLES) <= templates


def test_the_shipped_replies_load_with_every_template() -> None:
    phrases = load_phrases(ROOT / "intents" / REPLIES_FILE)
    assert phrases == shipped_phrases() == load_intents(ROOT / "intents").phrases
    assert phrases.salary_average(role="a Plumber", pay="$1") == "The average salary for a Plumber is $1 a year."


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        # a misspelt placeholder would have raised KeyError mid-answer
        ('salary_average: "The average salary for {role}', 'salary_average: "The average salary for {rol}',
         r"salary_average: unknown placeholder \{rol\} \(this template may use: \{role\}, \{pay\}\)"),
        ('do_you_mean: "Do you mean {role}?"', 'do_you_mean: "Do you mean {role:>20}?"', r"do_you_mean: placeholder \{role\} must be a plain name"),
        ('goodbye: Goodbye, and good luck with your career!', 'goodbye: "{0} Goodbye, and good luck!"', r"goodbye: unknown placeholder \{0\} \(this template may use: none\)"),
        ('which_of: "Which role do you mean: {roles}?"', 'which_of: "Which role do you mean: {roles?"', r"which_of: malformed template"),
        ('median: median', 'median: [median]', r"median: must be text"),
        ('no_roles: no roles yet', 'no_roles: no roles yet\nno_role: none', r"no_role: no such reply"),
    ],
)
def test_a_broken_template_is_refused_at_load_with_file_and_line(tmp_path: Path, old: str, new: str, problem: str) -> None:
    directory = _intents_with(tmp_path, old, new)
    line = _line(directory, new.splitlines()[-1].split(":")[0] + ":")
    with pytest.raises(IntentDataError, match=rf"{re.escape(REPLIES_FILE)}:{line}: {problem}"):
        load_intents(directory)


def test_a_missing_template_is_refused(tmp_path: Path) -> None:
    directory = _intents_with(tmp_path, "thanks: You're welcome! Anything else you'd like to know?\n", "")
    with pytest.raises(IntentDataError, match=rf"{re.escape(REPLIES_FILE)}:1: thanks: missing reply"):
        load_intents(directory)


def test_reworded_data_is_what_the_bot_says(tmp_path: Path) -> None:
    """The words come from the intents directory the bot was given; a doubled brace is a brace."""
    directory = _intents_with(
        tmp_path, "goodbye: Goodbye, and good luck with your career!", 'goodbye: "Bye {{for now}}!"'
    )
    bot = Bot(load_directory(FICTIONAL_KNOWLEDGE), load_intents(directory))
    assert bot.reply("bye").text == "Bye {for now}!"


def test_an_intents_directory_without_replies_speaks_as_the_shipped_one(tmp_path: Path) -> None:
    directory = tmp_path / "intents"
    shutil.copytree(ROOT / "intents", directory)
    (directory / REPLIES_FILE).unlink()
    assert load_intents(directory).phrases == shipped_phrases()
