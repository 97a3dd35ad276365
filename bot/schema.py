"""Strict reading of one YAML document node by node, so every complaint can name its line.

`yaml.safe_load` forgets where each value came from; composing with the SafeLoader keeps the
marks. `Reader` checks shapes (mapping, list, text, whole number) and raises `KnowledgeError`
as `file:line: field problem`, the one line that `careerbot check` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, TypeVar

import yaml

from .errors import DataError

T = TypeVar("T")


class KnowledgeError(DataError):
    """A knowledge directory or file that cannot be used; the message names file, line and field."""


@dataclass(frozen=True)
class Fields:
    """The checked keys of one mapping, still as nodes, and the field path used in messages."""

    field: str
    nodes: dict[str, yaml.Node]

    def __contains__(self, key: str) -> bool:
        return key in self.nodes

    def read(self, key: str, read: Callable[[yaml.Node, str], T]) -> T:
        """A required key's value (presence is checked by `Reader.mapping`)."""
        return read(self.nodes[key], _join(self.field, key))

    def get(self, key: str, read: Callable[[yaml.Node, str], T], default: T) -> T:
        """An optional key's value, or `default` when the key is absent."""
        return self.read(key, read) if key in self.nodes else default


class Reader:
    """Reads one YAML text with the safe loader; `where` is the file name used in messages."""

    def __init__(self, text: str, where: str) -> None:
        self.where = where
        try:
            self._loader = yaml.SafeLoader(text)
        except yaml.reader.ReaderError as error:  # a control character, found before parsing
            line = text.count("\n", 0, error.position) + 1
            raise KnowledgeError(f"{where}:{line}: YAML error: character {error.character:#x} is not allowed") from None

    def root(self) -> yaml.Node:
        """The document's top node; syntax errors and empty files are reported here, with a line."""
        try:
            node = self._loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = f":{mark.line + 1}" if mark is not None else ""
            problem = ", ".join(part for part in (error.context, error.problem) if part) or "not valid YAML"
            raise KnowledgeError(f"{self.where}{line}: YAML syntax error: {problem}") from None
        except yaml.YAMLError as error:  # any other loader error carries no mark
            raise KnowledgeError(f"{self.where}: YAML error: {_one_line(str(error))}") from None
        if node is None:
            raise KnowledgeError(f"{self.where}:1: the file is empty (expected a role mapping)")
        return node

    def fail(self, node: yaml.Node, field: str, problem: str) -> NoReturn:
        """Raise the one-line error; a field name from the file (a key) may hold any character."""
        name = _one_line(field) if field else "the file"
        raise KnowledgeError(f"{self.where}:{node.start_mark.line + 1}: {name} {problem}")

    def value(self, node: yaml.Node, field: str) -> object:
        """The Python value of a scalar, as the safe loader would build it (int, str, bool, ...)."""
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, field, "must be a single value, not a list or mapping")
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as error:  # an unknown tag, such as !!python/object
            self.fail(node, field, f"cannot be read: {_one_line(getattr(error, 'problem', None) or str(error))}")

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
        """A mapping with only `known` keys and all of `required`."""
        out: dict[str, yaml.Node] = {}
        for key, key_node, value_node in self.entries(node, field):
            if key not in known:
                self.fail(key_node, _join(field, str(key)), f"is not a known key (known: {', '.join(known)})")
            out[str(key)] = value_node
        for key in required:
            if key not in out:
                self.fail(node, _join(field, key), "is required")
        return Fields(field, out)

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


def _one_line(message: str) -> str:
    return " ".join(message.split())
