"""Importing BLS OEWS wages from BLS's `oe.*` time-series flat files (plain or gzip).

A series id packs area, industry, occupation and datatype; only cross-industry rows
(industry `000000`) are kept, so `oe.data.0.Current` with every industry works as well as a
cross-industry extract. A value BLS did not publish (`-`) keeps its footnote code, so the bot
can say it as BLS does ("$239,200 or more", "not released") instead of inventing a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .occupations import ANNUAL_MEAN, EMPLOYMENT, HOURLY, HOURLY_MEAN, WAGE_TYPES, Missing, Value
from .tables import DataFileError, Row, Source

#: Data files in the order tried: BLS's full current file, then a cross-industry extract.
DATA_FILES = ("oe.data.0.Current", "oe.data.cross_industry", "oe.data.1.AllData")
ALL_INDUSTRIES = "000000"
KEPT = frozenset(WAGE_TYPES)
HOURLY_TYPES = frozenset((HOURLY_MEAN, *HOURLY))
AREA_KINDS = {"N": "national", "S": "state", "M": "metro"}
#: The footnote text that states the top-coded values, e.g. "... $115.00 per hour or $239,200 per year."
_TOP_CODE = re.compile(r"\$([\d,]+\.\d\d) per hour or \$([\d,]+) per year")


@dataclass(frozen=True)
class OewsArea:
    key: str  # areatype + area code: "S4800000"
    name: str
    kind: str  # national / state / metro
    state_code: str  # BLS's two-digit state code ("48"); "00" for the nation


@dataclass
class OewsRelease:
    year: int
    areas: dict[str, OewsArea]
    occupations: dict[str, str]  # "29-1141" -> BLS's name
    footnotes: dict[int, str]
    top_code: tuple[int, int] | None  # (hourly cents, annual dollars) from the footnotes
    top_code_footnote: int | None
    wages: dict[tuple[str, str], dict[str, Value]]  # (soc, area key) -> datatype -> value


def read_oews(path: str | Path) -> OewsRelease:
    """The `oe.*` files in folder `path`; raises DataFileError naming file and line."""
    source = Source(path)
    areas = {}
    for row in source.rows("oe.area", ("area_code", "areatype_code", "area_name", "state_code")):
        kind = AREA_KINDS.get(row["areatype_code"])
        if kind is None or not re.fullmatch(r"\d{7}", row["area_code"]):
            row.fail(f"not a BLS area (areatype {row['areatype_code']!r}, area {row['area_code']!r})")
        key = row["areatype_code"] + row["area_code"]
        areas[key] = OewsArea(key, _text(row, "area_name"), kind, row["state_code"])
    occupations = {}
    for row in source.rows("oe.occupation", ("occupation_code", "occupation_name")):
        code = row["occupation_code"]
        if not re.fullmatch(r"\d{6}", code):
            row.fail(f"occupation_code must be six digits (got {code!r})")
        occupations[f"{code[:2]}-{code[2:]}"] = _text(row, "occupation_name")
    footnotes = {}
    for row in source.rows("oe.footnote", ("footnote_code", "footnote_text")):
        footnotes[_footnote(row, row["footnote_code"])] = _text(row, "footnote_text")
    top = [(code, m) for code, text in footnotes.items() if (m := _TOP_CODE.search(text))]
    top_code = (_cents(top[0][1][1]), int(top[0][1][2].replace(",", ""))) if top else None
    name = next((n for n in DATA_FILES if source.has(n)), None)
    if name is None:
        raise DataFileError(f"{source.path}: no OEWS data file (looked for {', '.join(DATA_FILES)}, plain or .gz)")
    year, wages = _read_data(source, name, areas, occupations)
    return OewsRelease(year, areas, occupations, footnotes, top_code, top[0][0] if top else None, wages)


def _read_data(
    source: Source, name: str, areas: dict[str, OewsArea], occupations: dict[str, str]
) -> tuple[int, dict[tuple[str, str], dict[str, Value]]]:
    wages: dict[tuple[str, str], dict[str, Value]] = {}
    years: set[int] = set()
    columns = ("series_id", "year", "period", "value", "footnote_codes")
    known_areas, known_socs = set(areas), set(occupations)
    year_text = ""
    for row in source.rows(name, columns, progress=f"OEWS {name}"):
        series = row["series_id"].strip()
        if series[11:17] != ALL_INDUSTRIES or series[23:] not in KEPT:
            if len(series) != 25 or not series.startswith("OEU"):
                row.fail(f"series_id must be an OEWS series such as OEUN000000000000029114113 (got {series!r})")
            continue
        area, soc, datatype = series[3:11], f"{series[17:19]}-{series[19:23]}", series[23:]
        if area not in known_areas or soc not in known_socs or not series.startswith("OEU"):
            _unknown(row, series, area, soc, areas)
        if row["year"] != year_text:  # checked once per year seen, not once per row
            year_text = row["year"]
            years.add(_year(row))
        wages.setdefault((soc, area), {})[datatype] = _value(row, datatype)
    if len(years) > 1:
        raise DataFileError(f"{source.where(name)}: holds several years ({', '.join(map(str, sorted(years)))}); keep one release")
    if not years:
        raise DataFileError(f"{source.where(name)}: no cross-industry rows (industry {ALL_INDUSTRIES})")
    return years.pop(), wages


def _unknown(row: Row, series: str, area: str, soc: str, areas: dict[str, OewsArea]) -> None:
    if len(series) != 25 or not series.startswith("OEU"):
        row.fail(f"series_id must be an OEWS series such as OEUN000000000000029114113 (got {series!r})")
    if area not in areas:
        row.fail(f"area {area} is not in oe.area")
    row.fail(f"occupation {soc} is not in oe.occupation")


def _value(row: Row, datatype: str) -> Value:
    text = row["value"].strip()
    if text.isdigit() and datatype not in HOURLY_TYPES:  # the common case, without Decimal
        return int(text)
    if text == "-":
        codes = [c for c in row["footnote_codes"].replace(",", " ").split() if c]
        return Missing(_footnote(row, codes[0]) if codes else 0)
    try:
        number = Decimal(text.replace(",", ""))
    except ArithmeticError:
        row.fail(f"value must be a number or - (got {text!r})")
    if not number.is_finite() or number < 0:
        row.fail(f"value must be a number or - (got {text!r})")
    scaled = number * 100 if datatype in HOURLY_TYPES else number
    if scaled != scaled.to_integral_value():
        unit = "dollars and cents" if datatype in HOURLY_TYPES else "a whole number"
        row.fail(f"value must be {unit} (got {text!r})")
    return int(scaled)


def _year(row: Row) -> int:
    if not re.fullmatch(r"\d{4}", row["year"].strip()):
        row.fail(f"year must be four digits (got {row['year']!r})")
    return int(row["year"])


def _footnote(row: Row, code: str) -> int:
    if not code.strip().isdigit():
        row.fail(f"footnote code must be a number (got {code!r})")
    return int(code)


def _text(row: Row, column: str) -> str:
    value = row.text(column)
    if value is None:
        row.fail(f"{column} is empty")
    return value


def _cents(text: str) -> int:
    dollars, cents = text.replace(",", "").split(".")
    return int(dollars) * 100 + int(cents)
