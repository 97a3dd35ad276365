"""The `careerbot` command's own plumbing: options in either place, JSON output, exit codes."""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from conftest import FICTIONAL_KNOWLEDGE


@pytest.mark.parametrize(
    "argv",
    [
        ["--knowledge", str(FICTIONAL_KNOWLEDGE), "ask", "data engineer salary", "--json"],
        ["ask", "data engineer salary", "--json", "--knowledge", str(FICTIONAL_KNOWLEDGE)],
    ],
)
def test_knowledge_works_before_or_after_the_subcommand(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["role"] == "data-engineer" and "101,250" in reply["text"]


def test_without_knowledge_the_shipped_base_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "data engineer salary", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)  # the shipped base has no fictional data engineer page
    assert reply["role"] != "data-engineer" and "101,250" not in reply["text"]


def test_a_missing_knowledge_directory_is_one_line_and_exit_2(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["--knowledge", str(tmp_path / "nowhere"), "ask", "hi"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("careerbot: ") and "\n" not in err


def hostile_knowledge(tmp_path: Path) -> Path:
    """The fictional base with a salary note that tries to recolour and retitle the terminal."""
    directory = tmp_path / "knowledge"
    shutil.copytree(FICTIONAL_KNOWLEDGE, directory)
    role = directory / "data-engineer.yaml"
    text = role.read_text(encoding="utf-8")
    note = re.search(r"^  note: .*$", text, re.MULTILINE)
    assert note is not None
    hostile = '  note: "Pays \\e[31mred\\e[0m money.\\e]0;pwned\\a Really."'
    role.write_text(text[: note.start()] + hostile + text[note.end() :], encoding="utf-8")
    return directory


def test_ask_prints_no_escape_sequences_from_knowledge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(hostile_knowledge(tmp_path)), "ask", "what does a data engineer earn?"]) == 0
    out = capsys.readouterr().out
    assert "Pays red money. Really." in out
    assert "\x1b" not in out and "\x07" not in out


def test_ask_json_keeps_the_text_but_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(hostile_knowledge(tmp_path)), "ask", "what does a data engineer earn?", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Pays" in json.loads(out)["text"]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main([flag])
    assert leaving.value.code == 0
    assert capsys.readouterr().out.strip() == f"careerbot {importlib.metadata.version('careerbot')}"


def test_ask_joins_unquoted_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(FICTIONAL_KNOWLEDGE), "ask", "how much does a data engineer make?", "--json"]) == 0
    quoted = json.loads(capsys.readouterr().out)
    words = ["ask", "how", "much", "does", "a", "data", "engineer", "make?", "--json", "--knowledge", str(FICTIONAL_KNOWLEDGE)]
    assert main(words) == 0
    assert json.loads(capsys.readouterr().out) == quoted
    assert quoted["role"] == "data-engineer" and quoted["intent"] == "salary"


def test_ask_without_a_question_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["ask"])
    assert leaving.value.code == 2
    assert "QUESTION" in capsys.readouterr().err
