"""Importing BLS Employment Projections Table 1.2 (the CSV export of BLS's workbook).

Figures are kept as the text BLS publishes ("189.1" thousand openings, "4.9" percent,
">=$239,200"), so an answer can say exactly what BLS says; `—` (no entry) is None. Summary rows
(occupation groups) are skipped: careerbot answers for detailed occupations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .occupations import Projection as PublishedProjection
from .tables import DataFileError, Row, read_rows
from .workbook import sheet_rows

EP_RELEASE = "2024-34"
SHEET = "Table 1.2"  # the projection decade Table 1.2's column names are for
TITLE, CODE, KIND = "2024 National Employment Matrix title", "2024 National Employment Matrix code", "Occupation type"
#: Column name -> field, by BLS's Table 1.2 header names (footnote markers such as [1] dropped).
COLUMNS = {
    "Employment, 2024": "employment_2024",
    "Employment, 2034": "employment_2034",
    "Employment change, numeric, 2024–34": "change",
    "Employment change, percent, 2024–34": "change_percent",
    "Occupational openings, 2024–34 annual average": "openings",
    "Median annual wage, dollars, 2024": "median_wage",
    "Typical education needed for entry": "education",
    "Work experience in a related occupation": "experience",
    "Typical on-the-job training needed to attain competency in the occupation": "training",
}
#: Counts in thousands and percents: a number with an optional sign and decimals.
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_COUNTS = ("employment_2024", "employment_2034", "change", "change_percent", "openings")


@dataclass(frozen=True)
class Projection(PublishedProjection):
    """One detailed occupation's row: the figures the runtime reads (counts in thousands, as
    published), plus the SOC code and title that join it to O*NET at build time."""

    soc: str = ""
    title: str = ""


def read_projections(path: str | Path) -> dict[str, Projection]:
    """Table 1.2 rows by six-digit SOC code, from the CSV or BLS's workbook (sheet "Table 1.2",
    with the spreadsheet extra); raises DataFileError naming file and line."""
    path = Path(path)
    columns = (TITLE, CODE, KIND, *COLUMNS)
    if path.suffix.lower() == ".xlsx":
        return _projections(path, sheet_rows(path, SHEET, columns))
    try:
        data = open(path, "rb")
    except OSError as error:
        raise DataFileError(f"{path}: cannot be read: {error.strerror or error}") from None
    with data:
        return _projections(path, read_rows(data, str(path), columns, delimiter=","))


def _projections(path: Path, rows: Iterable[Row]) -> dict[str, Projection]:
    found: dict[str, Projection] = {}
    for row in rows:
        if row[KIND].strip() == "Summary":
            continue
        soc = row[CODE].strip()
        if not re.fullmatch(r"\d{2}-\d{4}", soc):
            row.fail(f"{CODE} must be a SOC code such as 29-1141 (got {soc!r})")
        if soc in found:
            row.fail(f"{soc} is listed twice")
        values = {name: _value(row, column) for column, name in COLUMNS.items()}
        for name in _COUNTS:
            if values[name] is not None and not _NUMBER.fullmatch(values[name] or ""):
                row.fail(f"{_column(name)} must be a number (got {values[name]!r})")
        found[soc] = Projection(soc=soc, title=row[TITLE].strip(), **values)
    if not found:
        raise DataFileError(f"{path}: no detailed occupations (rows whose {KIND} is not Summary)")
    return found


def _value(row: Row, column: str) -> str | None:
    """The published text; thousands separators are dropped from counts, "—" is no value."""
    value = row.text(column)
    if value is None or value in ("—", "-"):
        return None
    return value.replace(",", "") if COLUMNS[column] in _COUNTS else value


def _column(name: str) -> str:
    return next(column for column, field in COLUMNS.items() if field == name)
