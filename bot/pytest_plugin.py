"""pytest collects careerbot regression files as test items, one per question or conversation.

Files under the project's `tests/conversations/` are collected on their own; any other .yaml or
.yml file only when named on the command line and holding `questions:` or `conversations:`, so
knowledge files and fixtures are never mistaken for tests. Loading, running and the failure
text are bot/regress.py's and bot/report.py's, so pytest and `careerbot test` always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .regress import Answerer, BotCache, CaseResult, load, run_case
from .regress_file import SUFFIXES, Case, RegressionFileError, is_regression_file
from .report import render_case

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

#: Where a project keeps its regression files, relative to pytest's rootdir.
SUITE_DIR = Path("tests") / "conversations"

#: The run's bots, one per knowledge directory. A conftest may put its own cache here (say,
#: over a stand-in bot) in its `pytest_configure`; the plugin keeps one that is already set.
BOTS = pytest.StashKey[BotCache]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("careerbot").addoption(
        "--careerbot-knowledge",
        metavar="DIR",
        type=Path,
        default=None,
        help="knowledge directory for regression files without their own knowledge: (default: shipped)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash.setdefault(BOTS, BotCache())


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> RegressionFile | None:
    if file_path.suffix not in SUFFIXES:
        return None
    in_suite = file_path.is_relative_to(parent.config.rootpath / SUITE_DIR)
    if in_suite or (parent.session.isinitpath(file_path) and is_regression_file(file_path)):
        return RegressionFile.from_parent(parent, path=file_path)
    return None


class RegressionFile(pytest.File):
    """One regression file; an unusable one is a collection error with its `file:line` lines."""

    def collect(self) -> Iterator[RegressionItem]:
        knowledge: Path | None = self.config.getoption("careerbot_knowledge")
        try:
            suite, bot = load(self.path, self.config.stash[BOTS], knowledge)
        except RegressionFileError as error:
            raise self.CollectError(str(error)) from None
        for case in suite.cases:
            item = RegressionItem.from_parent(self, name=case.name, case=case, bot=bot)
            if case.marked is not None:
                # Non-strict: a known miss that starts passing shows as XPASS; a miss on a turn
                # that is not marked raises RegressionFailed, which the marker does not excuse.
                item.add_marker(pytest.mark.xfail(reason=case.marked, raises=KnownMiss, strict=False))
            yield item


class RegressionFailed(Exception):
    """Raised by a failing item; carries the result so the report shows the runner's reasons."""

    def __init__(self, result: CaseResult) -> None:
        super().__init__(render_case(result))
        self.result = result


class KnownMiss(RegressionFailed):
    """A failure whose every failing part is marked `xfail:` in the file."""


class RegressionItem(pytest.Item):
    """One question or conversation."""

    def __init__(self, *, case: Case, bot: Answerer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.bot = bot

    def runtest(self) -> None:
        result = run_case(self.bot, self.path, self.case)
        if not result.passed:
            raise KnownMiss(result) if result.known_miss is not None else RegressionFailed(result)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, RegressionFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.case.line - 1, f"{self.case.kind}: {self.case.name}"
