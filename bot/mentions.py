"""Mentions of where and which pay a question asks about: states, metros, percentiles, rankings.

A stage before intent and role matching: it finds the places ("in Texas", "Austin", "NYC", "the
Bay Area", "WA") and pay levels ("top 10%", "entry level", "median", "best-paying states") and
takes their words out of the text, so "salary of a nurse in Washington" is a nurse's salary with
a place, not an unknown "Washington nurse". Place names come from the knowledge's own list of
BLS areas; everyday names, and the words that signal each mention, from `intents/areas.yaml`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
import yaml

from .areas import NATIONAL, Area
from .normalize import words

#: The percentiles BLS publishes; others asked for ("top 1%") are not mentions of a figure.
PUBLISHED = (10, 25, 50, 75, 90)
#: The longest place name tried, in words ("New York-Newark-Jersey City" has four).
MAX_PLACE_WORDS = 5
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)$")
_NUMBER = re.compile(r"(\d+)%?$")


@dataclass(frozen=True)
class Mentions:
    """What a message says about place and pay level, and which of its words said it."""

    areas: tuple[str, ...] = ()
    percentiles: tuple[int, ...] = ()
    entry_level: bool = False
    rank_areas: str | None = None
    positions: frozenset[int] = frozenset()

    @property
    def about_pay(self) -> bool:
        """Whether the message asks for a pay level or a ranking (a pay question in itself)."""
        return bool(self.percentiles or self.entry_level or self.rank_areas)


@dataclass(frozen=True)
class AreaWords:
    """The vocabulary of `intents/areas.yaml`, folded (not stemmed: place names are names)."""

    nicknames: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    locatives: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()
    word_codes: frozenset[str] = frozenset()
    top_words: frozenset[str] = frozenset()
    bottom_words: frozenset[str] = frozenset()
    percent_words: frozenset[str] = frozenset()
    percentile_words: frozenset[str] = frozenset()
    median_words: frozenset[str] = frozenset()
    entry_level: tuple[tuple[str, ...], ...] = ()
    spread: tuple[tuple[str, ...], ...] = ()
    rank_phrases: tuple[tuple[str, ...], ...] = ()
    state_words: frozenset[str] = frozenset()
    metro_words: frozenset[str] = frozenset()


def load_area_words(path: Path, fail: type[Exception]) -> AreaWords:
    """The file's vocabulary; `fail` is the error raised (naming the file) when it is unusable."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise fail(f"{path}: cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise fail(f"{path}: must be a mapping")

    def word_set(key: str) -> frozenset[str]:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise fail(f"{path}: {key} must be words separated by spaces")
        return frozenset(value.split())

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{path}: {key} must be a list of phrases")
        return tuple(tuple(words(v)) for v in value)

    nicknames = data.get("nicknames") or {}
    if not isinstance(nicknames, dict) or not all(isinstance(v, str) for v in nicknames.values()):
        raise fail(f"{path}: nicknames must map a name to a place as BLS names it")
    return AreaWords(
        nicknames={tuple(words(str(k))): tuple(words(v)) for k, v in nicknames.items()},
        locatives=word_set("locatives"),
        joiners=word_set("joiners"),
        word_codes=word_set("word_codes"),
        top_words=word_set("top_words"),
        bottom_words=word_set("bottom_words"),
        percent_words=word_set("percent_words"),
        percentile_words=word_set("percentile_words"),
        median_words=word_set("median_words"),
        entry_level=phrases("entry_level"),
        spread=phrases("spread"),
        rank_phrases=phrases("rank_phrases"),
        state_words=word_set("state_words"),
        metro_words=word_set("metro_words"),
    )


class MentionFinder:
    """Built once per knowledge base from its areas; `find` is called per message."""

    def __init__(self, areas: tuple[Area, ...], vocabulary: AreaWords) -> None:
        self.words = vocabulary
        self._states: dict[tuple[str, ...], str] = {}
        self._codes: dict[str, str] = {}
        self._full: dict[tuple[str, ...], str] = {}
        cities: dict[tuple[str, ...], list[tuple[int, int, str]]] = defaultdict(list)
        for area in areas:
            self._full[tuple(words(area.name))] = area.key
            if area.kind == "national":
                self._full[("national",)] = area.key
            elif area.kind == "state":
                self._states[tuple(words(area.name))] = area.key
                if area.short:
                    self._codes[area.short.casefold()] = area.key
            elif area.kind == "metro" and area.states:  # nonmetropolitan areas have no city names
                names = area.name.rpartition(", ")[0].split("-")
                for rank, city in enumerate(names):
                    for part in city.split("/"):
                        cities[tuple(words(part))].append((rank, -len(names), area.key))
        # A city of several metros is the one it leads, then the larger (more cities in its name).
        self._cities = {name: min(found)[2] for name, found in cities.items()}
        self._nicknames = {k: self._place(v) for k, v in vocabulary.nicknames.items()}
        self._nicknames = {k: v for k, v in self._nicknames.items() if v is not None}

    def _place(self, name: tuple[str, ...]) -> str | None:
        return self._full.get(name) or self._states.get(name) or self._cities.get(name)

    def find(self, text: str, typed: list[str]) -> Mentions:
        """The mentions in a message's folded words; `text` as typed tells "WA" from "wa"."""
        if not typed:
            return Mentions()
        capitals = {w.casefold() for w in re.findall(r"\b[A-Z]{2}\b", text)}
        taken: set[int] = set()
        areas = self._areas(typed, capitals, taken)
        percentiles, entry = self._levels(typed, taken)
        rank = self._rank(typed)
        return Mentions(
            areas=tuple(dict.fromkeys(areas)), percentiles=percentiles, entry_level=entry,
            rank_areas=rank, positions=frozenset(taken),  # places and percentiles: taken out
        )

    def _areas(self, typed: list[str], capitals: set[str], taken: set[int]) -> list[str]:
        found: list[str] = []
        last_end = -2
        i = 0
        while i < len(typed):
            before = typed[i - 1] if i > 0 else ""
            placed = before in self.words.locatives or (before in self.words.joiners and last_end == i - 1)
            hit = None
            for n in range(min(MAX_PLACE_WORDS, len(typed) - i), 0, -1):
                name = tuple(typed[i : i + n])
                after = typed[i + n] if i + n < len(typed) else ""
                short = n == 1 and len(name[0]) <= 2
                if name in self._nicknames and (not short or name[0] in capitals):
                    hit = self._nicknames[name]
                elif name in self._states or name in self._full:
                    hit = self._states.get(name) or self._full[name]
                elif name in self._cities and (placed or after in self.words.metro_words | {"area"}):
                    hit = self._cities[name]
                elif n == 1 and name[0] in self._codes and name[0] in capitals and (
                    placed or name[0] not in self.words.word_codes
                ):
                    hit = self._codes[name[0]]
                if hit is not None:
                    span = range(i - (1 if before in self.words.locatives else 0), i + n)
                    taken.update(span)
                    found.append(hit)
                    last_end = i + n - 1
                    i += n
                    break
            else:
                i += 1
        return [a for a in found if a != NATIONAL] or found

    def _levels(self, typed: list[str], taken: set[int]) -> tuple[tuple[int, ...], bool]:
        """Percentiles asked for ("top 10%", "90th percentile", "median") and entry level."""
        asked: list[int] = []
        w = self.words
        for i, word in enumerate(typed):
            following = typed[i + 1] if i + 1 < len(typed) else ""
            after = typed[i + 2] if i + 2 < len(typed) else ""
            number = _NUMBER.match(following)
            percent = following.endswith("%") or after in w.percent_words
            if word in w.top_words | w.bottom_words and number and percent:
                share = int(number.group(1))
                level = 100 - share if word in w.top_words else share
                if level in PUBLISHED:
                    asked.append(level)
                    taken.update(range(i, i + (2 if following.endswith("%") else 3)))
            ordinal = _ORDINAL.match(word)
            if ordinal and following in w.percentile_words and int(ordinal.group(1)) in PUBLISHED:
                asked.append(int(ordinal.group(1)))
                taken.update((i, i + 1))
            if word in w.median_words:
                asked.append(50)
                taken.add(i)
        # Entry-level and ranking words stay in the text: "an entry-level job" also places a person.
        entry = self._phrases(typed, w.entry_level, set())
        if self._phrases(typed, w.spread, set()):
            asked.extend(PUBLISHED)
        return tuple(sorted(set(asked))), entry

    def _rank(self, typed: list[str]) -> str | None:
        """ "best-paying states", "which cities pay the most": a ranking of states or metros."""
        if not self._phrases(typed, self.words.rank_phrases, set()):
            return None
        kinds = [w for w in typed if w in self.words.state_words | self.words.metro_words]
        return "metro" if any(w in self.words.metro_words for w in kinds) else "state"

    @staticmethod
    def _phrases(typed: list[str], phrases: tuple[tuple[str, ...], ...], taken: set[int]) -> bool:
        found = False
        for phrase in phrases:
            for i in range(len(typed) - len(phrase) + 1):
                if tuple(typed[i : i + len(phrase)]) == phrase:
                    taken.update(range(i, i + len(phrase)))
                    found = True
        return found

