"""Contract tests: what CONTRACT.md promises and the code could silently drift from. Every
command and option is documented in README.md, every role id is its title's slug, the intent
names and Reply fields are the contract's, and the wheel ships the data folders."""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import bot
from bot.cli import build_parser
from bot.knowledge import slugify
from bot.reply import Intent, Reply

from conftest import FICTIONAL_KNOWLEDGE, ROOT, SHIPPED_KNOWLEDGE

#: The intent names CONTRACT.md fixes; regression files and embedders rely on them.
CONTRACT_INTENTS = {
    "salary", "responsibilities", "career_path", "next_step", "education", "skills", "job_openings",
    "overview", "compare", "list_roles", "greeting", "goodbye", "thanks", "help", "out_of_scope",
}
CONTRACT_REPLY_FIELDS = {"text", "intent", "role", "confidence", "step", "suggestions"}


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_cli_has_the_contract_commands() -> None:
    assert {"chat", "ask", "import", "check", "test"} <= set(_subcommands())


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"careerbot {command}" in _readme()


def _documented_options() -> list[tuple[str, str]]:
    return sorted(
        (command, option)
        for command, parser in _subcommands().items()
        for action in parser._actions
        if action.help != argparse.SUPPRESS
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    )


@pytest.mark.parametrize(("command", "option"), _documented_options())
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    assert option in _readme(), f"careerbot {command} {option} is not documented in README.md"


def test_intent_names_are_the_contract_names() -> None:
    assert {intent.value for intent in Intent} == CONTRACT_INTENTS


def test_reply_has_the_contract_fields() -> None:
    assert CONTRACT_REPLY_FIELDS <= {f.name for f in dataclasses.fields(Reply)}
    assert dataclasses.fields(Reply)  # a dataclass, frozen below
    assert Reply.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_public_names() -> None:
    assert {"answer", "Bot", "Reply"} <= set(bot.__all__)
    assert all(hasattr(bot, name) for name in bot.__all__)


def test_slugify_example_from_the_contract() -> None:
    assert slugify("Software Engineer Machine Learning") == "software-engineer-machine-learning"


def _role_files() -> list[Path]:
    return sorted(SHIPPED_KNOWLEDGE.glob("*.yaml")) + sorted(FICTIONAL_KNOWLEDGE.glob("*.yaml"))


def test_there_are_role_files() -> None:
    assert len(_role_files()) >= 4


@pytest.mark.parametrize("path", _role_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_role_id_is_the_slug_of_its_title_and_its_file_name(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == slugify(data["title"])
    assert path.stem == data["id"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the working tree (hatchling), as `pip install .` would build it."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )
    (built,) = out.glob("careerbot-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_ships_intents_and_knowledge(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    intents = {f"bot/_data/intents/{p.name}" for p in (ROOT / "intents").glob("*.yaml")}
    knowledge = {f"bot/_data/knowledge/{p.name}" for p in SHIPPED_KNOWLEDGE.glob("*.yaml")}
    knowledge.add("bot/_data/knowledge/occupations.sqlite")
    assert intents and knowledge
    assert intents <= names
    assert knowledge <= names
    assert "bot/__init__.py" in names
    assert not [n for n in names if n.startswith(("tests/", "intents/", "knowledge/"))]
