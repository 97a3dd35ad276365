"""The regression file format (CONTRACT.md, "Regression files"): parsing and validation.

A file that is wrong in any way is rejected as a whole, with one `file:line: what is wrong` per
problem, rather than half-run: a check silently skipped would pass and prove nothing. Parsing
walks the composed YAML nodes (safe loader only) so every problem can name its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .reply import Intent

#: What `role:` says when the reply must be about no role at all.
NO_ROLE = "none"
SUFFIXES = (".yaml", ".yml")
FILE_KEYS = ("questions", "conversations", "knowledge")
#: Optional on a question, turn or conversation: `style` (how it is written: "terse", "typos",
#: ...; reported per style by benchmarks/understanding.py) and `xfail` (the reason a known miss
#: is kept visible instead of deleted: it runs, and a pass or a miss is reported as such).
MARK_KEYS = ("style", "xfail")
CONVERSATION_KEYS = ("name", "turns", *MARK_KEYS)
TURN_KEYS = ("user", "intent", "role", "step", "expect", "reject", *MARK_KEYS)
_INTENT_NAMES = tuple(intent.value for intent in Intent)
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be used, as the one line a person can act on."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.message}"


class RegressionFileError(Exception):
    """A file that cannot be run; it carries every problem found in it, so one edit fixes all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ScriptTurn:
    """One message and what the reply to it must satisfy (empty or None: not checked)."""

    user: str
    line: int
    intents: tuple[Intent, ...] = ()
    role: str | None = None  # a role id, NO_ROLE, or None when the role is not checked
    step: int | None = None
    expect: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    style: str | None = None
    xfail: str | None = None  # why this turn is a known miss, or None


@dataclass(frozen=True)
class Case:
    """A question (one turn, fresh session) or a conversation (its turns share one session)."""

    kind: str  # "question" or "conversation"
    name: str
    line: int
    turns: tuple[ScriptTurn, ...]
    style: str | None = None
    xfail: str | None = None  # the whole conversation is a known miss, and why

    def known_miss(self, failing: Sequence[ScriptTurn]) -> str | None:
        """The reason a failure is a known miss: the case is marked, or every failing turn is."""
        if self.xfail is not None:
            return self.xfail
        reasons = [turn.xfail for turn in failing]
        return "; ".join(dict.fromkeys(r for r in reasons if r)) if failing and all(reasons) else None

    @property
    def marked(self) -> str | None:
        """The reason any part of the case is expected to miss (for reporting an unexpected pass)."""
        return self.xfail or next((turn.xfail for turn in self.turns if turn.xfail), None)


@dataclass(frozen=True)
class Suite:
    """One valid regression file. `knowledge` is its own base (resolved against the file's
    directory) or None when the file leaves the choice to the caller."""

    path: Path
    cases: tuple[Case, ...]
    knowledge: Path | None = None
    knowledge_line: int | None = None


def parse_suite(path: Path) -> Suite:
    """Read and validate one file; raises `RegressionFileError` with every problem found."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise RegressionFileError([Problem(path, None, f"cannot read: {error}")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RegressionFileError([Problem(path, line, f"YAML error: {error.problem}")]) from None
    except yaml.YAMLError as error:
        raise RegressionFileError([Problem(path, None, f"YAML error: {error}")]) from None
    if root is None:
        raise RegressionFileError([Problem(path, 1, "empty file: expected questions: and/or conversations:")])
    parser = _Parser(path)
    fields = parser.mapping(root, "the file", FILE_KEYS)
    if fields is None:
        raise RegressionFileError(parser.problems)
    if "questions" not in fields and "conversations" not in fields:
        parser.problem(root, "no questions: or conversations:")
    cases = parser.questions(fields.get("questions")) + parser.conversations(fields.get("conversations"))
    knowledge = fields.get("knowledge")
    directory = path.parent / parser.text(knowledge, "knowledge") if knowledge is not None else None
    if parser.problems:
        raise RegressionFileError(parser.problems)
    return Suite(path, cases, directory, knowledge.start_mark.line + 1 if knowledge is not None else None)


def is_regression_file(path: Path) -> bool:
    """Whether a YAML file looks like a regression file (for collectors that must not guess)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and ("questions" in data or "conversations" in data)


def suggest(name: str, known: Collection[str]) -> str:
    """A "did you mean" hint, or the known names when there are few of them."""
    close = difflib.get_close_matches(name, sorted(known), n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (known: {', '.join(sorted(known))})" if 0 < len(known) <= 20 else ""


class _Parser:
    """Collects problems while it walks the nodes; a bad value yields a placeholder and the
    walk goes on, since the file is rejected anyway and the person wants all the problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, message))

    def mapping(self, node: yaml.Node, what: str, keys: tuple[str, ...]) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping with keys {', '.join(keys)}")
            return None
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                self.problem(key_node, f"unknown key {key!r} in {what} (expected one of: {', '.join(keys)})")
            elif key in fields:
                self.problem(key_node, f"duplicate key {key!r} in {what}")
            else:
                fields[key] = value_node
        return fields

    def text(self, node: yaml.Node, what: str) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag != _NULL_TAG and node.value.strip():
            return str(node.value)
        self.problem(node, f"{what} must be a non-empty text")
        return ""

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.problem(node, f"{what} must be a list")
        return []

    def questions(self, node: yaml.Node | None) -> tuple[Case, ...]:
        cases = []
        for item in self.sequence(node, "questions"):
            turn = self.turn(item, "a question")
            if turn is not None:
                cases.append(Case("question", turn.user, turn.line, (turn,), turn.style, turn.xfail))
        return tuple(cases)

    def conversations(self, node: yaml.Node | None) -> tuple[Case, ...]:
        cases = []
        for item in self.sequence(node, "conversations"):
            fields = self.mapping(item, "a conversation", CONVERSATION_KEYS)
            if fields is None:
                continue
            if "name" not in fields or "turns" not in fields:
                self.problem(item, "a conversation needs a name and turns")
                continue
            name = self.text(fields["name"], "name")
            turns = [self.turn(turn, f"a turn of {name!r}") for turn in self.sequence(fields["turns"], "turns")]
            if not turns:
                self.problem(fields["turns"], f"conversation {name!r} has no turns")
            style, xfail = self.optional(fields, "style"), self.optional(fields, "xfail")
            kept = tuple(replace(t, style=t.style or style) for t in turns if t)
            cases.append(Case("conversation", name, item.start_mark.line + 1, kept, style, xfail))
        return tuple(cases)

    def turn(self, node: yaml.Node, what: str) -> ScriptTurn | None:
        fields = self.mapping(node, what, TURN_KEYS)
        if fields is None:
            return None
        if "user" not in fields:
            self.problem(node, f"{what} has no 'user'")
            return None
        return ScriptTurn(
            user=self.text(fields["user"], "user"),
            line=node.start_mark.line + 1,
            intents=self.intents(fields.get("intent")),
            role=self.text(fields["role"], "role") if "role" in fields else None,
            step=self.step(fields.get("step")),
            expect=self.texts(fields.get("expect"), "expect"),
            reject=self.texts(fields.get("reject"), "reject"),
            style=self.optional(fields, "style"),
            xfail=self.optional(fields, "xfail"),
        )

    def optional(self, fields: dict[str, yaml.Node], key: str) -> str | None:
        return self.text(fields[key], key) if key in fields else None

    def intents(self, node: yaml.Node | None) -> tuple[Intent, ...]:
        items = [node] if isinstance(node, yaml.ScalarNode) else self.sequence(node, "intent")
        if node is not None and not items:
            self.problem(node, "intent must name at least one intent")
        intents = []
        for item in items:
            name = self.text(item, "intent")
            if name in _INTENT_NAMES:
                intents.append(Intent(name))
            elif name:
                self.problem(item, f"unknown intent {name!r}{suggest(name, _INTENT_NAMES)}")
        return tuple(intents)

    def step(self, node: yaml.Node | None) -> int | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG and node.value.isdigit() and int(node.value) >= 1:
            return int(node.value)
        self.problem(node, "step must be a whole number from 1")
        return None

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        return tuple(self.text(item, f"each {what} item") for item in self.sequence(node, what))
