"""Tests for the pytest plugin (bot/pytest_plugin.py), run in a scratch project through `pytester`.

The scratch project's conftest puts a stand-in bot in the plugin's cache, so these tests check
collection and reporting, not the matcher; one test runs the real bot with an expectation that
fails whatever it answers.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

IMPOSSIBLE = "zq-this-text-is-in-no-reply-xj"

STAND_IN = """\
from bot.pytest_plugin import BOTS
from bot.regress import BotCache
from bot.reply import Intent, Reply


class Knowledge:
    ids = ("fictional-moon-gardener",)


class EchoBot:
    knowledge = Knowledge()

    def reply(self, text, session=None):
        return Reply("echo: " + text, Intent.HELP, None, 0.5)


def pytest_configure(config):
    config.stash[BOTS] = BotCache(lambda knowledge: EchoBot())
"""

SUITE = """\
questions:
- user: hello there
  intent: help
- user: what does a moon gardener earn?
  intent: salary
  role: fictional-moon-gardener
  expect: ["42,000"]
conversations:
- name: two turns
  turns:
  - user: hi
  - user: what can you do?
    expect: ["echo: what can you do"]
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\n")
    pytester.makeconftest(STAND_IN)
    (pytester.path / "tests" / "conversations").mkdir(parents=True)
    (pytester.path / "tests" / "conversations" / "suite.yaml").write_text(SUITE, encoding="utf-8")
    return pytester


def test_collects_one_item_per_question_or_conversation_with_its_file_and_line(project: pytest.Pytester) -> None:
    items, _ = project.inline_genitems()
    assert [item.nodeid for item in items] == [
        "tests/conversations/suite.yaml::hello there",
        "tests/conversations/suite.yaml::what does a moon gardener earn?",
        "tests/conversations/suite.yaml::two turns",
    ]
    assert [item.location for item in items] == [
        ("tests/conversations/suite.yaml", 1, "question: hello there"),
        ("tests/conversations/suite.yaml", 3, "question: what does a moon gardener earn?"),
        ("tests/conversations/suite.yaml", 8, "conversation: two turns"),
    ]


def test_a_failing_item_shows_the_runner_reasons(project: pytest.Pytester) -> None:
    result = project.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "FAIL *suite.yaml:4 question",
            "  user: what does a moon gardener earn?",
            "    - intent: expected salary, got help (confidence 0.50)",
            "    - role: expected fictional-moon-gardener, got none",
            "    - missing text: '42,000'",
            "    reply: echo: what does a moon gardener earn?",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")


def test_yaml_elsewhere_is_collected_only_when_named(project: pytest.Pytester) -> None:
    fixtures = project.path / "tests" / "fixtures"
    fixtures.mkdir()
    (fixtures / "looks_like_one.yaml").write_text(SUITE, encoding="utf-8")
    (fixtures / "role.yaml").write_text("id: moon-gardener\ntitle: Moon Gardener\n", encoding="utf-8")
    project.runpytest("--collect-only", "-q").stdout.fnmatch_lines(["3 tests collected*"])
    named = project.runpytest("--collect-only", "-q", "tests/fixtures/looks_like_one.yaml")
    named.stdout.fnmatch_lines(["tests/fixtures/looks_like_one.yaml::two turns", "3 tests collected*"])


def test_a_named_yaml_file_that_is_not_a_regression_file_is_left_alone(project: pytest.Pytester) -> None:
    (project.path / "role.yaml").write_text("id: moon-gardener\ntitle: Moon Gardener\n", encoding="utf-8")
    result = project.runpytest("--collect-only", "-q", "role.yaml")
    result.stdout.no_fnmatch_line("*role.yaml::*")
    assert result.ret != pytest.ExitCode.OK


def test_a_malformed_file_is_a_collection_error_with_file_and_line(project: pytest.Pytester) -> None:
    bad = project.path / "tests" / "conversations" / "bad.yaml"
    bad.write_text("questions:\n- user: hi\n  intent: greting\n", encoding="utf-8")
    result = project.runpytest()
    result.stdout.fnmatch_lines(["*tests/conversations/bad.yaml:3: unknown intent 'greting'; did you mean 'greeting'?"])
    assert result.ret == pytest.ExitCode.INTERRUPTED


def test_the_real_bot_fails_an_impossible_expectation(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\n")
    suite = pytester.path / "tests" / "conversations" / "real.yaml"
    suite.parent.mkdir(parents=True)
    suite.write_text(f"questions:\n- user: how much does an ML engineer make?\n  expect: [{IMPOSSIBLE}]\n", encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"    - missing text: '{IMPOSSIBLE}'"])


XFAIL_SUITE = """\
questions:
- user: a known miss
  intent: salary
  style: terse
  xfail: the stand-in never answers salary
- user: marked but passing
  intent: help
  xfail: was a miss once
conversations:
- name: one marked turn and one real failure
  turns:
  - user: first
    intent: salary
    xfail: known
  - user: second
    intent: salary
- name: only the marked turn misses
  style: polite
  turns:
  - user: first
    intent: salary
    xfail: known
  - user: second
    intent: help
"""


def test_xfail_marks_known_misses_without_excusing_unmarked_turns(project: pytest.Pytester) -> None:
    (project.path / "tests" / "conversations" / "suite.yaml").write_text(XFAIL_SUITE, encoding="utf-8")
    result = project.runpytest("-rxX")
    result.assert_outcomes(xfailed=2, xpassed=1, failed=1)
    result.stdout.fnmatch_lines(["*XFAIL*a known miss*the stand-in never answers salary*"])
