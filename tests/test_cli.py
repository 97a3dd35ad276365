"""The `careerbot` command's own plumbing: options in either place, JSON output, exit codes."""

from __future__ import annotations

import json

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
