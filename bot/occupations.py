"""Reading the compiled knowledge file (`occupations.sqlite`, built by `scripts/build_knowledge.py`).

Start-up reads only the names of the occupations and the area list; an occupation's details,
wages and projections are read when a question needs them. The file is opened read-only with
the standard library's sqlite3; one connection is shared behind a lock so any thread may ask.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .areas import NATIONAL, Area
from .schema import KnowledgeError

#: BLS OEWS datatype codes kept: employment, hourly and annual mean, and percentiles.
EMPLOYMENT, HOURLY_MEAN, ANNUAL_MEAN = "01", "03", "04"
HOURLY = {"06": 10, "07": 25, "08": 50, "09": 75, "10": 90}
ANNUAL = {"11": 10, "12": 25, "13": 50, "14": 75, "15": 90}
FILE_NAME = "occupations.sqlite"
SCHEMA_VERSION = "1"
#: The wage columns, in BLS datatype order: employment, hourly mean, annual mean, percentiles.
WAGE_TYPES = (EMPLOYMENT, HOURLY_MEAN, ANNUAL_MEAN, *HOURLY, *ANNUAL)
@dataclass(frozen=True)
class Missing:
    """A value BLS did not publish; `footnote` is BLS's footnote code (0 when none was given)."""

    footnote: int


Value = int | Missing  # whole dollars, cents for hourly wages, or a person count

#: How many occupations' details stay in memory (each is a few kilobytes).
DETAILS_CACHED = 256


@dataclass(frozen=True)
class Wages:
    """One occupation's OEWS figures in one area: whole dollars a year, cents an hour.

    A `Missing` value is one BLS did not publish (its footnote says why); None: no row at all.
    """

    area: Area
    employment: Value | None
    hourly_mean: Value | None
    annual_mean: Value | None
    hourly: tuple[tuple[int, Value | None], ...]  # (percentile, cents)
    annual: tuple[tuple[int, Value | None], ...]  # (percentile, dollars)

    def annual_at(self, percentile: int) -> Value | None:
        return dict(self.annual).get(percentile)

    def hourly_at(self, percentile: int) -> Value | None:
        return dict(self.hourly).get(percentile)


@dataclass(frozen=True)
class Projection:
    """Employment Projections figures as BLS publishes them (counts in thousands, as text)."""

    employment_2024: str | None
    employment_2034: str | None
    change: str | None
    change_percent: str | None
    openings: str | None
    median_wage: str | None
    education: str | None
    experience: str | None
    training: str | None


@dataclass(frozen=True)
class Education:
    """O*NET's Required Level of Education: what workers in the occupation say their job needs."""

    degree_share: str  # % saying an associate's degree or higher, O*NET's percentages summed
    most_common: str  # O*NET's description of the level most workers name
    most_common_share: str
    suppressed: bool  # O*NET recommends suppressing at least one of the estimates


@dataclass(frozen=True)
class Facts:
    """What the sources say about one occupation beyond its role page fields."""

    code: str  # O*NET-SOC code
    group: str | None  # BLS's name for the six-digit SOC group its wages are for
    job_zone: str | None
    related: tuple[str, ...]  # role ids
    education: Education | None
    projection: Projection | None


def _value(cell: int | None) -> Value | None:
    if cell is None:
        return None
    return Missing(-cell - 1) if cell < 0 else cell


class Compiled:
    """An open compiled knowledge file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as error:
            raise KnowledgeError(f"{path}: not a compiled careerbot knowledge file ({error})") from None
        if self.meta.get("schema") != SCHEMA_VERSION:
            raise KnowledgeError(f"{path}: built for another careerbot version (schema {self.meta.get('schema')!r}); rebuild it with scripts/build_knowledge.py")
        self._lock = threading.Lock()
        rows = self._rows("SELECT idx, key, name, kind, short, states FROM areas ORDER BY idx")
        self.areas = tuple(Area(key, name, kind, short, tuple(states.split())) for _, key, name, kind, short, states in rows)
        self._area_index = {a.key: i for i, a in enumerate(self.areas)}
        self.footnotes = dict(self._rows("SELECT code, text FROM footnotes"))
        self.details = lru_cache(maxsize=DETAILS_CACHED)(self._details)

    def _rows(self, sql: str, *parameters: object) -> list[Any]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def names(self) -> list[tuple[str, str, str, int | None, bool, tuple[str, ...]]]:
        """(id, title, O*NET-SOC code, employment, residual, aliases) of every occupation."""
        rows = self._rows("SELECT id, title, code, employment, residual, aliases FROM roles ORDER BY idx")
        return [(i, t, c, e, bool(r), tuple(a.split("\n")) if a else ()) for i, t, c, e, r, a in rows]

    def _details(self, role_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT details FROM roles WHERE id = ?", role_id)
        return json.loads(rows[0][0]) if rows else None

    def facts(self, role_id: str, code: str) -> Facts:
        details = self.details(role_id) or {}
        education = details.get("education")
        projection = details.get("projection")
        return Facts(
            code=code,
            group=details.get("group"),
            job_zone=details.get("job_zone"),
            related=tuple(details.get("related", ())),
            education=Education(**education) if education else None,
            projection=Projection(**projection) if projection else None,
        )

    def wages(self, soc: str, area: str = NATIONAL) -> Wages | None:
        """The figures of a six-digit SOC code ("29-1141") in one area, or None."""
        index = self._area_index.get(area)
        if index is None:
            return None
        rows = self._rows("SELECT * FROM wages WHERE soc = ? AND area = ?", _soc(soc), index)
        return self._wages(rows[0]) if rows else None

    def wages_by_kind(self, soc: str, kind: str) -> list[Wages]:
        """The figures of a SOC code in every area of one kind (state or metro), in key order."""
        rows = self._rows("SELECT * FROM wages WHERE soc = ? ORDER BY area", _soc(soc))
        return [w for w in map(self._wages, rows) if w.area.kind == kind]

    def _wages(self, row: tuple[int, ...]) -> Wages:
        cells = dict(zip(WAGE_TYPES, row[2:]))
        return Wages(
            area=self.areas[row[1]],
            employment=_value(cells[EMPLOYMENT]),
            hourly_mean=_value(cells[HOURLY_MEAN]),
            annual_mean=_value(cells[ANNUAL_MEAN]),
            hourly=tuple((p, _value(cells[code])) for code, p in HOURLY.items()),
            annual=tuple((p, _value(cells[code])) for code, p in ANNUAL.items()),
        )


def _soc(soc: str) -> int:
    return int(soc[:7].replace("-", ""))


def open_compiled(directory: Path) -> Compiled | None:
    """The compiled file of a knowledge directory, or None when it has none (role pages only)."""
    path = directory / FILE_NAME
    return Compiled(path) if path.is_file() else None
