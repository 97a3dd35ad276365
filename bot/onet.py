"""Importing the O*NET text release (a folder or O*NET's zip) into plain per-occupation records.

Only what careerbot answers from is read: titles and descriptions, core tasks, alternate,
short and reported titles, required level of education, job zones, technologies, skills and
related occupations. Columns are read by O*NET's header names; `n/a` and empty are the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .tables import Row, Source

CODE = "O*NET-SOC Code"
#: O*NET's Required Level of Education categories that are a degree: 5 (associate's) to 12.
DEGREE_CATEGORIES = frozenset(range(5, 13))


@dataclass
class Occupation:
    """One O*NET-SOC occupation as the release describes it (mutable while importing)."""

    code: str
    title: str
    description: str
    tasks: list[str] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name, kind: alternate/short/reported)
    education: dict[int, Decimal] = field(default_factory=dict)  # RL category -> % of respondents
    education_suppressed: bool = False  # O*NET recommends suppressing at least one RL estimate
    job_zone: int | None = None
    technologies: list[tuple[str, bool]] = field(default_factory=list)  # (example, hot)
    skills: list[tuple[str, Decimal]] = field(default_factory=list)  # (skill, importance)
    related: list[str] = field(default_factory=list)  # codes, by O*NET's index

    @property
    def soc(self) -> str:
        """The six-digit SOC code BLS uses ("29-1141.01" -> "29-1141")."""
        return self.code[:7]


@dataclass
class OnetRelease:
    occupations: dict[str, Occupation]
    education_levels: dict[int, str]  # RL category -> O*NET's description
    job_zones: dict[int, str]  # zone -> name ("Job Zone Four: Considerable Preparation Needed")


def read_onet(path: str | Path) -> OnetRelease:
    """The release in `path` (folder or zip); raises DataFileError naming file and line."""
    source = Source(path)
    occupations: dict[str, Occupation] = {}
    for row in source.rows("Occupation Data.txt", (CODE, "Title", "Description")):
        code = _code(row)
        if code in occupations:
            row.fail(f"{code} is listed twice")
        occupations[code] = Occupation(code, _required(row, "Title"), row.text("Description") or "")

    def occupation(row: Row) -> Occupation:
        found = occupations.get(_code(row))
        if found is None:
            row.fail(f"{row[CODE]} is not in Occupation Data.txt")
        return found

    for row in source.rows("Task Statements.txt", (CODE, "Task", "Task Type")):
        if row.text("Task Type") == "Core":
            occupation(row).tasks.append(_required(row, "Task"))
    for row in source.rows("Alternate Titles.txt", (CODE, "Alternate Title", "Short Title")):
        target = occupation(row)
        target.aliases.append((_required(row, "Alternate Title"), "alternate"))
        short = row.text("Short Title")
        if short:
            target.aliases.append((short, "short"))
    for row in source.rows("Sample of Reported Titles.txt", (CODE, "Reported Job Title")):
        occupation(row).aliases.append((_required(row, "Reported Job Title"), "reported"))
    levels = _read_education(source, occupation)
    zones = {}
    for row in source.rows("Job Zone Reference.txt", ("Job Zone", "Name")):
        zones[_whole(row, "Job Zone")] = _required(row, "Name")
    for row in source.rows("Job Zones.txt", (CODE, "Job Zone")):
        occupation(row).job_zone = _whole(row, "Job Zone")
    for row in source.rows("Technology Skills.txt", (CODE, "Example", "Hot Technology")):
        occupation(row).technologies.append((_required(row, "Example"), row.text("Hot Technology") == "Y"))
    for row in source.rows("Skills.txt", (CODE, "Element Name", "Scale ID", "Data Value")):
        if row["Scale ID"] == "IM":
            occupation(row).skills.append((_required(row, "Element Name"), _number(row, "Data Value")))
    related: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in source.rows("Related Occupations.txt", (CODE, "Related O*NET-SOC Code", "Index")):
        occupation(row)
        related[_code(row)].append((_whole(row, "Index"), _code(row, "Related O*NET-SOC Code")))
    for code, items in related.items():
        occupations[code].related = [c for _, c in sorted(items) if c in occupations]
    return OnetRelease(occupations, levels, zones)


def _read_education(source: Source, occupation: Callable[[Row], Occupation]) -> dict[int, str]:
    """Required Level of Education (scale RL): % of workers per level, and what each level is."""
    levels = {}
    columns: tuple[str, ...] = ("Scale ID", "Category", "Category Description")
    for row in source.rows("Education, Training, and Experience Categories.txt", columns):
        if row["Scale ID"] == "RL":
            levels[_whole(row, "Category")] = _required(row, "Category Description")
    columns = (CODE, "Scale ID", "Category", "Data Value", "Recommend Suppress")
    for row in source.rows("Education, Training, and Experience.txt", columns):
        if row["Scale ID"] != "RL":
            continue
        target = occupation(row)
        category = _whole(row, "Category")
        if category not in levels:
            row.fail(f"Category {category} is not a Required Level of Education category")
        target.education[category] = _number(row, "Data Value")
        target.education_suppressed |= row.text("Recommend Suppress") == "Y"
    return levels


def _code(row: Row, column: str = CODE) -> str:
    code = row[column].strip()
    if len(code) != 10 or code[2] != "-" or code[7] != "." or not (code[:2] + code[3:7] + code[8:]).isdigit():
        row.fail(f"{column} must be an O*NET-SOC code such as 29-1141.00 (got {code!r})")
    return code


def _required(row: Row, column: str) -> str:
    value = row.text(column)
    if value is None:
        row.fail(f"{column} is empty")
    return value


def _number(row: Row, column: str) -> Decimal:
    value = row.decimal(column)
    if value is None:
        row.fail(f"{column} is empty")
    return value


def _whole(row: Row, column: str) -> int:
    value = _number(row, column)
    if value != value.to_integral_value():
        row.fail(f"{column} must be a whole number (got {row[column]!r})")
    return int(value)
