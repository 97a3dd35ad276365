"""Compiling O*NET, BLS OEWS and BLS Employment Projections into one SQLite knowledge file.

Run at build time (`scripts/build_knowledge.py`, `careerbot build-knowledge`), never at start-up:
the bot then reads a few small tables when it starts and an occupation's details only when
asked about it. The output is deterministic (sorted inserts, no timestamps), so a rebuild from
the same releases gives identical bytes, and it is written to a temporary file first, so a
failed import leaves the previous file untouched.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from .areas import metro_states, postal_codes
from .knowledge import slugify
from .occupations import EMPLOYMENT, FILE_NAME, SCHEMA_VERSION, WAGE_TYPES, Missing, Value
from .oews import OewsArea, OewsRelease
from .onet import DEGREE_CATEGORIES, Occupation, OnetRelease
from .projections import EP_RELEASE, Projection

#: How many technologies and skills a role lists (hot technologies first); the rest stay unsaid.
TECHNOLOGIES_LISTED = 12
SKILLS_LISTED = 8
RELATED_LISTED = 6
_ATTRIBUTION = re.compile(r'"(This product includes information from the O\*NET.*?USDOL/ETA\.)"', re.DOTALL)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE footnotes (code INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE areas (idx INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    kind TEXT NOT NULL, short TEXT NOT NULL, states TEXT NOT NULL);
CREATE TABLE roles (idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL, title TEXT NOT NULL,
    employment INTEGER, residual INTEGER NOT NULL, aliases TEXT NOT NULL, details TEXT NOT NULL);
CREATE TABLE wages (soc INTEGER NOT NULL, area INTEGER NOT NULL, {columns},
    PRIMARY KEY (soc, area)) WITHOUT ROWID;
"""


def encode(value: Value | None) -> int | None:
    """A wage cell: the figure, or for a value BLS withheld -(footnote + 1); NULL when absent."""
    if value is None:
        return None
    return -(value.footnote + 1) if isinstance(value, Missing) else value


def build(onet: OnetRelease, oews: OewsRelease, projections: dict[str, Projection], onet_release: str,
          attribution: str, into: str | Path) -> Path:
    """Write `into/occupations.sqlite` and return its path."""
    target = Path(into) / FILE_NAME
    temporary = target.with_name(target.name + ".tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        _write(connection, onet, oews, projections, onet_release, attribution)
        connection.commit()
    except BaseException:
        connection.close()
        temporary.unlink(missing_ok=True)
        raise
    connection.close()
    os.replace(temporary, target)
    return target


def _write(db: sqlite3.Connection, onet: OnetRelease, oews: OewsRelease, projections: dict[str, Projection],
           onet_release: str, attribution: str) -> None:
    db.execute("PRAGMA journal_mode=OFF")
    columns = ", ".join(f"v{code} INTEGER" for code in WAGE_TYPES)
    db.executescript(_SCHEMA.format(columns=columns))
    meta = {
        "schema": SCHEMA_VERSION, "onet_release": onet_release, "oews_year": str(oews.year), "ep_release": EP_RELEASE,
        "attribution": attribution, "top_code_footnote": str(oews.top_code_footnote or ""),
        "top_code_hourly": str(oews.top_code[0]) if oews.top_code else "",
        "top_code_annual": str(oews.top_code[1]) if oews.top_code else "",
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    db.executemany("INSERT INTO footnotes VALUES (?, ?)", sorted(oews.footnotes.items()))
    areas = sorted(oews.areas.values(), key=lambda a: a.key)
    postal = postal_codes([(a.state_code, a.name, a.kind) for a in areas])
    db.executemany("INSERT INTO areas VALUES (?, ?, ?, ?, ?, ?)", [
        (index, a.key, a.name, a.kind, *_short_and_states(a, postal)) for index, a in enumerate(areas)
    ])
    area_index = {a.key: index for index, a in enumerate(areas)}
    ids = {code: slugify(o.title) for code, o in onet.occupations.items()}
    db.executemany("INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        _role_row(index, o, ids, onet, oews, projections) for index, o in enumerate(sorted(onet.occupations.values(), key=lambda o: ids[o.code]))
    ])
    socs = {o.soc for o in onet.occupations.values()}
    wages = sorted((int(soc.replace("-", "")), area_index[area], values)
                   for (soc, area), values in oews.wages.items() if soc in socs)
    marks = ", ".join("?" * (len(WAGE_TYPES) + 2))
    db.executemany(f"INSERT INTO wages VALUES ({marks})", (
        (soc, area, *(encode(values.get(code)) for code in WAGE_TYPES)) for soc, area, values in wages
    ))


def _short_and_states(area: OewsArea, postal: dict[str, str]) -> tuple[str, str]:
    """A state's postal code, and the postal codes an area lies in (space-separated)."""
    if area.kind == "state":
        short = postal.get(area.state_code, "")
        return short, short
    return "", " ".join(metro_states(area.name)) if area.kind == "metro" else ""


def _role_row(index: int, o: Occupation, ids: dict[str, str], onet: OnetRelease, oews: OewsRelease,
              projections: dict[str, Projection]) -> tuple[object, ...]:
    national = oews.wages.get((o.soc, "N0000000"), {})
    employment = national.get(EMPLOYMENT)
    details = {
        "description": o.description,
        "tasks": o.tasks,
        "skills": _skills(o),
        "related": [ids[c] for c in o.related[:RELATED_LISTED]],
        "education": _education(o, onet),
        "job_zone": onet.job_zones.get(o.job_zone) if o.job_zone is not None else None,
        "group": oews.occupations.get(o.soc),  # BLS's name for the SOC group the wages are for
        "projection": _projection(projections.get(o.soc)),
        "path": _path(projections.get(o.soc), onet.job_zones.get(o.job_zone) if o.job_zone is not None else None),
    }
    return (index, ids[o.code], o.code, o.title, employment if isinstance(employment, int) else None,
            int(", All Other" in o.title or o.title.endswith("All Other")), "\n".join(_aliases(o)),
            json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _aliases(o: Occupation) -> Iterable[str]:
    """Alternate, short and reported titles, each once (case-insensitively), never the title."""
    seen = {o.title.casefold()}
    for name, _ in o.aliases:
        key = name.casefold()
        if key not in seen and "\n" not in name:
            seen.add(key)
            yield name


def _skills(o: Occupation) -> list[str]:
    """Hot technologies first, then the other technologies, then O*NET's most important skills."""
    technologies = [name for name, hot in o.technologies if hot] + [name for name, hot in o.technologies if not hot]
    skills = [name for name, _ in sorted(o.skills, key=lambda item: (-item[1], item[0]))]
    return technologies[:TECHNOLOGIES_LISTED] + skills[:SKILLS_LISTED]


def _education(o: Occupation, onet: OnetRelease) -> dict[str, object] | None:
    """The % of workers per required level, the degree share and the most common level."""
    if not o.education:
        return None
    share = sum((v for c, v in o.education.items() if c in DEGREE_CATEGORIES), Decimal(0))
    common = max(sorted(o.education), key=lambda c: o.education[c])
    return {
        "degree_share": _text(share),
        "most_common": onet.education_levels[common],
        "most_common_share": _text(o.education[common]),
        "suppressed": o.education_suppressed,
    }


def _path(p: Projection | None, job_zone: str | None) -> list[list[str]]:
    """Steps (title, detail) from what BLS and O*NET name: entry education, related work
    experience, on-the-job training and O*NET's job zone. The sources name no licences in
    the files imported, so no step claims one."""
    steps = []
    if p is not None and p.education:
        steps.append(["Education", f"BLS: the typical education needed for entry is: {p.education}."])
    if p is not None and p.experience and p.experience != "None":
        steps.append(["Work experience", f"BLS: work experience in a related occupation is typical for entry: {p.experience}."])
    if p is not None and p.training and p.training != "None":
        steps.append(["On-the-job training", f"BLS: the typical training to become competent is: {p.training}."])
    if job_zone:
        steps.append(["Preparation", f"O*NET rates the preparation needed as {job_zone}."])
    return steps


def _projection(p: Projection | None) -> dict[str, str | None] | None:
    if p is None:
        return None
    return {
        "employment_2024": p.employment_2024, "employment_2034": p.employment_2034, "change": p.change,
        "change_percent": p.change_percent, "openings": p.openings, "median_wage": p.median_wage,
        "education": p.education, "experience": p.experience, "training": p.training,
    }


def _text(number: Decimal) -> str:
    """A sum of O*NET's percentages as written, without a trailing zero ("55.92", "100")."""
    return format(number.normalize(), "f")


def attribution_of(readme: str) -> str | None:
    """O*NET's attribution sentence from the release's README, whitespace made single."""
    found = _ATTRIBUTION.search(readme)
    return " ".join(found.group(1).split()) if found else None
