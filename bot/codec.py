"""JSON forms of frozen dataclass values, driven by their field annotations, with a format version.

Session state crosses process boundaries (a store shared by several workers), and fields are
added to `State` as the dialogue grows; reading the annotations means a new field is stored with
no change here. Reading is lenient, because a shared store holds whatever another version or a
hand edit left there: a field of the wrong shape falls back to its default, and a value this
version cannot read at all is reported as None, never as an exception.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import logging
import types
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Version of the stored envelope and of the mapping of types to JSON below. Adding a field needs
#: no new version (readers ignore keys they do not know and default the ones they miss); a new
#: version is for a change of meaning, which older readers then refuse instead of misreading.
FORMAT_VERSION = 1


class _Unfit(Exception):
    """A stored value that does not fit its field's annotation."""


def to_json(value: object) -> Any:
    """A JSON-ready form: dataclasses become objects, enums their values, tuples lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [to_json(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"a {type(value).__name__} has no stored form")


def from_json(cls: type[T], data: object) -> T:
    """The inverse of `to_json` for dataclass `cls`; a field that is missing or does not fit
    keeps its default. Raises ValueError when `data` is not an object at all."""
    if not isinstance(data, dict):
        raise ValueError(f"a stored {cls.__name__} must be a JSON object, not {type(data).__name__}")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not field.init or field.name not in data:
            continue
        try:
            values[field.name] = _decode(data[field.name], hints[field.name])
        except _Unfit:
            log.warning("stored %s.%s does not fit %s; using its default", cls.__name__, field.name, hints[field.name])
    return cls(**values)


#: Resolved annotations by class: resolving evaluates strings, so it is done once per class.
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:  # two threads may both resolve; they get the same answer
        hints = _HINTS[cls] = get_type_hints(cls)
    return hints


def _decode(raw: object, hint: Any) -> Any:
    """`raw` read as a value of the annotation `hint`; `_Unfit` when it is not one."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in get_args(hint):
            try:
                return _decode(raw, option)
            except _Unfit:
                continue
        raise _Unfit
    if origin is tuple:
        return _decode_tuple(raw, get_args(hint))
    if hint is type(None):
        if raw is None:
            return None
        raise _Unfit
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(raw)
        except (ValueError, TypeError):
            raise _Unfit from None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        try:
            return from_json(hint, raw)
        except (ValueError, TypeError):  # not an object, or a field without default missing
            raise _Unfit from None
    if hint in (str, int, float, bool):
        return _decode_scalar(raw, hint)
    raise TypeError(f"a field of type {hint!r} has no stored form")


def _decode_tuple(raw: object, items: tuple[Any, ...]) -> tuple[Any, ...]:
    if not isinstance(raw, list):
        raise _Unfit
    if len(items) == 2 and items[1] is Ellipsis:  # tuple[X, ...]
        return tuple(_decode(item, items[0]) for item in raw)
    if len(raw) != len(items):
        raise _Unfit
    return tuple(_decode(item, hint) for item, hint in zip(raw, items))


def _decode_scalar(raw: object, hint: type) -> object:
    """JSON's bool is an int to Python and its 1.0 may arrive as 1: accept exactly the natural forms."""
    if hint is bool:
        fits = isinstance(raw, bool)
    elif hint is float:
        fits = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    else:
        fits = isinstance(raw, hint) and not isinstance(raw, bool)
    if not fits:
        raise _Unfit
    return float(raw) if hint is float else raw  # type: ignore[arg-type]


def dumps(value: object) -> str:
    """`value` as compact JSON inside a versioned envelope, ready for a shared store."""
    return json.dumps({"format": FORMAT_VERSION, "value": to_json(value)}, separators=(",", ":"))


def loads(cls: type[T], raw: str | bytes, where: str) -> T | None:
    """The value `dumps` stored, or None (logged, naming `where`) when it cannot be read: not
    JSON, not an envelope, or another format version (a newer careerbot wrote it)."""
    try:
        envelope = json.loads(raw)
    except (ValueError, RecursionError):
        log.warning("%s: stored value is not JSON; starting afresh", where)
        return None
    version = envelope.get("format") if isinstance(envelope, dict) else None
    if version != FORMAT_VERSION:
        log.warning("%s: stored value has format %r, this version reads %d; starting afresh", where, version, FORMAT_VERSION)
        return None
    try:
        return from_json(cls, envelope.get("value"))
    except ValueError as error:
        log.warning("%s: %s; starting afresh", where, error)
        return None
