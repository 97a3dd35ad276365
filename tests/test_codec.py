"""The stored form of session state: every field round-trips by its annotation (so a field added
to `State` later is stored with no change to the codec), junk falls back per field, and an
envelope this version cannot read is None with a logged reason, never an exception."""

from __future__ import annotations

import dataclasses
import enum
import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import codec
from bot.dialogue import State
from bot.reply import Intent


@given(st.from_type(State))
def test_any_state_round_trips_through_the_envelope(state: State) -> None:
    assert codec.loads(State, codec.dumps(state), "test") == state


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass(frozen=True)
class Place:
    """A nested value, as a richer field of State might be one day (an area with its kind)."""

    name: str
    kind: Colour = Colour.RED


def grown_state() -> type:
    """State with fields another branch might add: the codec must store them untouched."""
    extra = [
        ("region", str | None, dataclasses.field(default=None)),
        ("percentile", float | None, dataclasses.field(default=None)),
        ("places", tuple[Place, ...], dataclasses.field(default=())),
        ("pair", tuple[int, str] | None, dataclasses.field(default=None)),
        ("flag", bool, dataclasses.field(default=False)),
    ]
    return dataclasses.make_dataclass("GrownState", extra, bases=(State,), frozen=True)


def test_fields_added_later_are_stored_without_touching_the_codec() -> None:
    grown = grown_state()
    value = grown(role="x", intent=Intent.SALARY, region="Ohio", percentile=90.0, places=(Place("Ohio", Colour.BLUE),), pair=(1, "a"), flag=True)
    assert codec.loads(grown, codec.dumps(value), "test") == value
    assert codec.to_json(value)["places"] == [{"name": "Ohio", "kind": "blue"}]


def test_an_older_value_without_the_new_fields_keeps_their_defaults() -> None:
    grown = grown_state()
    old = codec.dumps(State(role="x", step=2))  # written by a version before the fields existed
    assert codec.loads(grown, old, "test") == grown(role="x", step=2)


def test_a_newer_value_with_fields_this_version_lacks_still_reads() -> None:
    newer = codec.dumps(grown_state()(role="x", region="Ohio"))
    assert codec.loads(State, newer, "test") == State(role="x")


@pytest.mark.parametrize(
    ("field", "junk"),
    [("step", True), ("step", 2.5), ("step", "3"), ("intent", "wages"), ("intent", ["salary"]), ("choices", ["a", 5]), ("choices", "ab"), ("role", 5)],
)
def test_a_field_that_does_not_fit_keeps_its_default(field: str, junk: object, caplog: pytest.LogCaptureFixture) -> None:
    raw = json.dumps({"format": codec.FORMAT_VERSION, "value": {"role": "kept", field: junk}})
    with caplog.at_level(logging.WARNING):
        state = codec.loads(State, raw, "test")
    assert state == (State() if field == "role" else State(role="kept"))
    assert f"State.{field}" in caplog.text


def test_a_float_field_takes_a_whole_number() -> None:
    grown = grown_state()
    assert codec.from_json(grown, {"percentile": 90}).percentile == 90.0


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\xff not json", "not JSON"),
        ("[1]", "format None"),
        ('{"format": 2, "value": {}}', "format 2"),
        ('{"format": "1", "value": {}}', "format '1'"),
        ('{"format": 1, "value": []}', "JSON object"),
        ('{"format": 1}', "JSON object"),
    ],
)
def test_an_envelope_it_cannot_read_is_none_and_logged(raw: str | bytes, words: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert codec.loads(State, raw, "store X session 'v'") is None
    assert words in caplog.text and "store X session 'v'" in caplog.text


def test_a_field_type_with_no_stored_form_is_a_programming_error() -> None:
    odd = dataclasses.make_dataclass("Odd", [("things", dict[str, int], dataclasses.field(default_factory=dict))], frozen=True)
    with pytest.raises(TypeError, match="no stored form"):
        codec.dumps(odd(things={"a": 1}))
    with pytest.raises(TypeError, match="no stored form"):
        codec.from_json(odd, {"things": {"a": 1}})
