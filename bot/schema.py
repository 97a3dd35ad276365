"""Strict reading of one YAML document node by node, so every complaint can name its line.

`yaml.safe_load` forgets where each value came from; composing with the SafeLoader keeps the
marks. `Reader` checks shapes (mapping, list, text, whole number) and reports problems as
`file:line: field problem`, the lines that `careerbot check` prints. An optional field that is
broken is noted and reading goes on, so one run reports every broken field; a key the schema
does not know (added by hand) is kept with a warning, as the importer promises.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, TypeVar

import yaml

from .errors import DataError

T = TypeVar("T")


class KnowledgeError(DataError):
    """A knowledge directory or file that cannot be used; the message names file, line and field."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


class KnowledgeErrors(KnowledgeError):
    """Several problems found in one run. Its text is the first problem and how many follow (one
    line, for a chat or a log); `problems` holds every one, for `careerbot check` to list."""

    def __init__(self, problems: Sequence[KnowledgeError]) -> None:
        flat = [p for error in problems for p in (error.problems if isinstance(error, KnowledgeErrors) else (error,))]
        self.problems: tuple[KnowledgeError, ...] = tuple(flat)
        more = len(flat) - 1
        super().__init__(f"{flat[0]} (and {more} more)" if more else str(flat[0]), flat[0].line)


@dataclass(frozen=True)
class Fields:
    """The checked keys of one mapping, still as nodes, and the field path used in messages.

    `problems` is the reader's list: a broken optional key is noted there and read as absent.
    """

    field: str
    nodes: dict[str, yaml.Node]
    problems: list[KnowledgeError]

    def __contains__(self, key: str) -> bool:
        return key in self.nodes

    def read(self, key: str, read: Callable[[yaml.Node, str], T]) -> T:
        """A required key's value (presence is checked by `Reader.mapping`)."""
        return read(self.nodes[key], _join(self.field, key))

    def get(self, key: str, read: Callable[[yaml.Node, str], T], default: T) -> T:
        """An optional key's value, or `default` when the key is absent or broken (noted)."""
        if key not in self.nodes:
            return default
        try:
            return self.read(key, read)
        except KnowledgeError as error:
            self.problems.append(error)
            return default


class Reader:
    """Reads one YAML text with the safe loader; `where` is the file name used in messages."""

    def __init__(self, text: str, where: str) -> None:
        self.where = where
        self.problems: list[KnowledgeError] = []
        #: Keys the schema does not know, kept as written: `file:line: key is not a key ...`.
        self.warnings: list[str] = []
        try:
            self._loader = yaml.SafeLoader(text)
        except yaml.reader.ReaderError as error:  # a control character, found before parsing
            line = text.count("\n", 0, error.position) + 1
            raise KnowledgeError(f"{where}:{line}: YAML error: character {error.character:#x} is not allowed", line) from None

    def root(self) -> yaml.Node:
        """The document's top node; syntax errors and empty files are reported here, with a line."""
        try:
            node = self._loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = f":{mark.line + 1}" if mark is not None else ""
            problem = ", ".join(part for part in (error.context, error.problem) if part) or "not valid YAML"
            number = mark.line + 1 if mark is not None else 0
            raise KnowledgeError(f"{self.where}{line}: YAML syntax error: {problem}", number) from None
        except yaml.YAMLError as error:  # any other loader error carries no mark
            raise KnowledgeError(f"{self.where}: YAML error: {_one_line(str(error))}") from None
        if node is None:
            raise KnowledgeError(f"{self.where}:1: the file is empty (expected a role mapping)", 1)
        return node

    def finish(self) -> None:
        """Raise every problem noted while reading, in line order, if there was any."""
        if self.problems:
            raise KnowledgeErrors(sorted(self.problems, key=lambda error: error.line))

    def fail(self, node: yaml.Node, field: str, problem: str) -> NoReturn:
        """Raise the one-line error."""
        raise self.error(node, field, problem)

    def error(self, node: yaml.Node, field: str, problem: str) -> KnowledgeError:
        """The one-line error; a field name from the file (a key) may hold any character."""
        name = _one_line(field) if field else "the file"
        line = node.start_mark.line + 1
        return KnowledgeError(f"{self.where}:{line}: {name} {problem}", line)

    def value(self, node: yaml.Node, field: str) -> object:
        """The Python value of a scalar, as the safe loader would build it (int, str, bool, ...)."""
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, field, "must be a single value, not a list or mapping")
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as error:  # an unknown tag, such as !!python/object
            self.fail(node, field, f"cannot be read: {_problem(error)}")

    def entries(self, node: yaml.Node, field: str) -> list[tuple[str | int, yaml.Node, yaml.Node]]:
        """(key, key node, value node) of a mapping, rejecting a key given twice."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, field, "must be a mapping of keys to values")
        seen: set[str | int] = set()
        out: list[tuple[str | int, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            key = self.value(key_node, f"{field}[key]" if field else "key")
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self.fail(key_node, _join(field, str(key)), "is not a usable key")
            if key in seen:
                self.fail(key_node, _join(field, str(key)), "is given twice")
            seen.add(key)
            out.append((key, key_node, value_node))
        return out

    def mapping(
        self, node: yaml.Node, field: str, known: Collection[str], required: Collection[str] = ()
    ) -> Fields:
        """A mapping with all of `required`; keys not in `known` were added by hand and are kept
        with a warning (their values must still be safe YAML)."""
        out: dict[str, yaml.Node] = {}
        for key, key_node, value_node in self.entries(node, field):
            if key in known:
                out[str(key)] = value_node
            else:
                self._unknown(key_node, value_node, _join(field, str(key)), known)
        for key in required:
            if key not in out:
                self.fail(node, _join(field, key), "is required")
        return Fields(field, out, self.problems)

    def _unknown(self, key_node: yaml.Node, value_node: yaml.Node, name: str, known: Collection[str]) -> None:
        try:
            self._loader.construct_object(value_node, deep=True)
        except yaml.YAMLError as error:  # an unknown tag, such as !!python/object
            self.problems.append(self.error(value_node, name, f"cannot be read: {_problem(error)}"))
            return
        key = name.rpartition(".")[2]
        close = difflib.get_close_matches(key, list(known), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        self.warnings.append(f"{self.where}:{key_node.start_mark.line + 1}: {_one_line(name)} is not a key careerbot reads{hint}; kept, but not used")

    def items(self, node: yaml.Node, field: str) -> list[tuple[str, yaml.Node]]:
        """(field name with index, node) of each list item, for messages like `path[2].title`."""
        if not isinstance(node, yaml.SequenceNode):
            found = "a mapping" if isinstance(node, yaml.MappingNode) else _kind(self.value(node, field))
            self.fail(node, field, f"must be a list, not {found}")
        return [(f"{field}[{index}]", item) for index, item in enumerate(node.value)]

    def text(self, node: yaml.Node, field: str) -> str:
        value = self.value(node, field)
        if not isinstance(value, str):
            self.fail(node, field, f"must be text (quote it if it is meant as text), not {_kind(value)}")
        if not value.strip():
            self.fail(node, field, "must not be empty (leave the key out instead)")
        return value

    def texts(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        return tuple(self.text(item, name) for name, item in self.items(node, field))

    def whole(self, node: yaml.Node, field: str, maximum: int | None = None) -> int:
        """A whole number from 0 up to `maximum`: figures are counts, wages and percents."""
        value = self.value(node, field)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(node, field, f"must be a whole number, not {_kind(value)}")
        if value < 0:
            self.fail(node, field, f"must not be negative (got {value})")
        if maximum is not None and value > maximum:
            self.fail(node, field, f"must be between 0 and {maximum} (got {value})")
        return value

    def percent(self, node: yaml.Node, field: str) -> int:
        return self.whole(node, field, maximum=100)


def read_utf8(path: Path) -> tuple[bytes, str]:
    """A file's bytes and text (a BOM dropped); unreadable or non-UTF-8 files are KnowledgeErrors."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot be read: {error.strerror or error}") from None
    try:
        return data, data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise KnowledgeError(f"{path}:{line}: the file is not UTF-8 text") from None


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"a yes/no value ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})"
    return type(value).__name__


def _problem(error: yaml.YAMLError) -> str:
    return _one_line(getattr(error, "problem", None) or str(error))


def _one_line(message: str) -> str:
    return " ".join(message.split())
