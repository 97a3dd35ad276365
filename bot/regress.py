"""Runs regression files (bot/regress_file.py) against a bot: `careerbot test` and the pytest plugin.

Both front ends use this module, so a file means the same thing everywhere. Each question gets
a fresh session and each conversation one session of its own; one bot is built per knowledge
directory. Rendering the results lives in bot/report.py.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from .exitcodes import EXIT_UNUSABLE
from .regress_file import (
    NO_ROLE,
    SUFFIXES,
    Case,
    Problem,
    RegressionFileError,
    ScriptTurn,
    Suite,
    parse_suite,
    suggest,
)
from .reply import Reply
from .report import Report, render_text, to_json, write_junit
from .terminal import clean


class RoleIds(Protocol):
    @property
    def ids(self) -> tuple[str, ...]: ...


class Answerer(Protocol):
    """What the runner needs of a bot (`Bot` fits); tests pass a scripted stand-in."""

    @property
    def knowledge(self) -> RoleIds: ...

    def reply(self, text: str, session: str | None = None) -> Reply: ...


def _load_bot(knowledge: Path | None) -> Answerer:
    from .core import Bot

    return Bot.from_directory(knowledge)


class BotCache:
    """One bot per knowledge directory: building a matcher is the slow part of a run."""

    def __init__(self, load: Callable[[Path | None], Answerer] = _load_bot) -> None:
        self._load = load
        self._bots: dict[Path | None, Answerer] = {}

    def get(self, knowledge: Path | None) -> Answerer:
        """The bot over `knowledge` (None: the shipped base); raises what the loader raises."""
        key = knowledge.resolve() if knowledge is not None else None
        if key not in self._bots:
            self._bots[key] = self._load(key)
        return self._bots[key]


@dataclass(frozen=True)
class TurnResult:
    turn: ScriptTurn
    reply: Reply
    reasons: tuple[str, ...]  # empty when the reply satisfies the turn

    @property
    def passed(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class CaseResult:
    """A question or conversation after the run; a conversation passes when all its turns do."""

    path: Path
    case: Case
    turns: tuple[TurnResult, ...]

    @property
    def passed(self) -> bool:
        return all(turn.passed for turn in self.turns)

    @property
    def known_miss(self) -> str | None:
        """Why this failure was expected (its `xfail:` reasons), or None for a real failure or a pass."""
        return None if self.passed else self.case.known_miss([t.turn for t in self.turns if not t.passed])


def load(path: Path, bots: BotCache, knowledge: Path | None = None) -> tuple[Suite, Answerer]:
    """A valid file and the bot it runs against: the file's own `knowledge:` wins over
    `knowledge` (the command line's), which wins over the shipped base.

    Raises `RegressionFileError` for a bad file, a base that cannot be loaded, or a role id
    the base does not hold (a check against a role that cannot exist would always fail).
    """
    suite = parse_suite(path)
    directory = suite.knowledge or knowledge
    try:
        bot = bots.get(directory)
    except Exception as error:  # whatever the loader raises, the file cannot run: say why
        where = suite.knowledge_line if suite.knowledge is not None else None
        raise RegressionFileError([Problem(path, where, f"cannot load knowledge: {error}")]) from None
    known = frozenset(bot.knowledge.ids)
    unknown = [
        Problem(path, turn.line, f"unknown role {turn.role!r} in the knowledge base used{suggest(turn.role, known)}")
        for case in suite.cases
        for turn in case.turns
        if turn.role is not None and turn.role != NO_ROLE and turn.role not in known
    ]
    if unknown:
        raise RegressionFileError(unknown)
    return suite, bot


def check(turn: ScriptTurn, reply: Reply) -> tuple[str, ...]:
    """Every way `reply` falls short of `turn`, as lines a person can read."""
    reasons = []
    if turn.intents and reply.intent not in turn.intents:
        wanted = " or ".join(intent.value for intent in turn.intents)
        reasons.append(f"intent: expected {wanted}, got {reply.intent.value} (confidence {reply.confidence:.2f})")
    if turn.role is not None and reply.role != (None if turn.role == NO_ROLE else turn.role):
        reasons.append(f"role: expected {turn.role}, got {reply.role or NO_ROLE}")
    if turn.step is not None and reply.step != turn.step:
        reasons.append(f"step: expected {turn.step}, got {reply.step if reply.step is not None else 'none'}")
    text = reply.text.casefold()
    reasons.extend(f"missing text: {want!r}" for want in turn.expect if want.casefold() not in text)
    reasons.extend(f"forbidden text: {bad!r}" for bad in turn.reject if bad.casefold() in text)
    return tuple(reasons)


def run_case(bot: Answerer, path: Path, case: Case) -> CaseResult:
    """Run one question or conversation in a session nobody else uses."""
    session = f"careerbot-test-{uuid.uuid4().hex}"
    results = []
    for turn in case.turns:
        reply = bot.reply(turn.user, session=session)
        results.append(TurnResult(turn, reply, check(turn, reply)))
    return CaseResult(path, case, tuple(results))


def find_files(paths: Sequence[Path]) -> Iterator[Path | Problem]:
    """The files to run: files as given, directories searched for *.yaml and *.yml."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            yield from found
            if not found:
                yield Problem(path, None, "no .yaml or .yml files in this directory")
        elif path.is_file():
            yield path
        else:
            yield Problem(path, None, "no such file or directory")


def collect(paths: Sequence[Path], knowledge: Path | None, bots: BotCache) -> Iterator[CaseResult | Problem]:
    """Run every usable file; an unusable one yields its problems and the others still run."""
    for path in find_files(paths):
        if isinstance(path, Problem):
            yield path
            continue
        try:
            suite, bot = load(path, bots, knowledge)
        except RegressionFileError as error:
            yield from error.problems
            continue
        yield from (run_case(bot, suite.path, case) for case in suite.cases)


def run(
    paths: Sequence[Path],
    knowledge: Path | None,
    *,
    as_json: bool = False,
    junit: Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    bots: BotCache | None = None,
) -> int:
    """`careerbot test`: the report on `out`, unusable files on `err`, and the exit code:
    0 all passed, 1 some failed, 2 some file was unusable. 2 wins over 1: a run that skipped a
    file proves nothing about it, so CI must see it as broken rather than as plain failures.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    items = list(collect(paths, knowledge, bots or BotCache()))
    report = Report(
        results=tuple(item for item in items if isinstance(item, CaseResult)),
        problems=tuple(item for item in items if isinstance(item, Problem)),
    )
    for problem in report.problems:
        print(clean(str(problem)), file=err)
    out.write(json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n" if as_json else render_text(report))
    if junit is not None:
        try:
            write_junit(report, junit)
        except OSError as error:
            print(f"careerbot: cannot write {junit}: {error}", file=err)
            return EXIT_UNUSABLE
    return report.exit_code
