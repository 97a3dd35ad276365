"""Mentions of places and pay levels (bot/mentions.py) over a FICTIONAL list of areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.areas import Area
from bot.intents import IntentDataError, load_intents
from bot.mentions import MentionFinder, Mentions, load_area_words
from bot.normalize import words
from bot.paths import default_intents_dir

# FICTIONAL areas in BLS's naming style, plus two real state names the nicknames point at.
AREAS = (
    Area("N0000000", "National", "national"),
    Area("S9100000", "Lunaria", "state", "LU", ("LU",)),
    Area("S9200000", "Oregon", "state", "OR", ("OR",)),
    Area("S0600000", "California", "state", "CA", ("CA",)),
    Area("M0090001", "Kelpton-Tidal Falls, LU", "metro", "", ("LU",)),
    Area("M0090002", "San Francisco-Oakland-Fremont, CA", "metro", "", ("CA",)),
)
FINDER = MentionFinder(AREAS, load_intents(default_intents_dir()).areas)


def find(text: str) -> Mentions:
    return FINDER.find(text, words(text))


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("how much do nurses make in Lunaria", ("S9100000",)),
        ("nurse salary LU", ("S9100000",)),
        ("nurse pay in Kelpton", ("M0090001",)),
        ("nurse pay in Tidal Falls", ("M0090001",)),
        ("pay in the Bay Area", ("M0090002",)),
        ("salary in Cali", ("S0600000",)),
        ("Lunaria vs Oregon", ("S9100000", "S9200000")),
        ("a nurse in OR", ("S9200000",)),
        ("should I move or stay", ()),  # "or" typed in lower case is no state
        ("Kelpton is nice", ()),  # a city needs a place word before it
        ("salary nationally", ("N0000000",)),
    ],
)
def test_places(text: str, areas: tuple[str, ...]) -> None:
    assert find(text).areas == areas


def test_place_words_are_taken_out_of_the_text() -> None:
    found = find("how much do nurses make in Lunaria")
    assert found.positions == frozenset({5, 6})


@pytest.mark.parametrize(
    ("text", "percentiles", "entry"),
    [
        ("what about the top 10%?", (90,), False),
        ("top 25 percent of nurses", (75,), False),
        ("bottom 10% pay", (10,), False),
        ("90th percentile salary", (90,), False),
        ("median pay", (50,), False),
        ("entry level salary", (), True),
        ("starting salary for a nurse", (), True),
        ("top 1% of nurses", (), False),  # BLS publishes no 99th percentile
    ],
)
def test_pay_levels(text: str, percentiles: tuple[int, ...], entry: bool) -> None:
    found = find(text)
    assert (found.percentiles, found.entry_level) == (percentiles, entry)


def test_rankings() -> None:
    assert find("best paying states for nurses").rank_areas == "state"
    assert find("which cities pay the most for nurses").rank_areas == "metro"
    assert find("where do nurses earn the most").rank_areas == "state"
    assert find("how much do nurses earn").rank_areas is None


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "areas.yaml"
    path.write_text("nicknames: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(IntentDataError, match="areas.yaml: nicknames"):
        load_area_words(path, IntentDataError)
