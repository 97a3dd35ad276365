"""The role knowledge base: typed, immutable role facts loaded from a directory of YAML files.

Everything the bot says about a role comes from here, so loading is strict: a bad file is
rejected with its file, line and field rather than half-loaded. Sections may be missing (a
role without a path is still a role); the renderers then say what they do not know.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)


class KnowledgeError(ValueError):
    """A knowledge directory or file that cannot be used; the message names file, line and field."""


@dataclass(frozen=True)
class AreaSalary:
    """A salary figure for one area (a US state or metro), for labour-statistics sources."""

    area: str
    average: int


@dataclass(frozen=True)
class Salary:
    """Pay for a role. Percentiles and areas are optional, for richer sources than role pages."""

    average: int
    currency: str = "USD"
    note: str = ""
    percentiles: tuple[tuple[int, int], ...] = ()  # (percentile, wage), ascending
    areas: tuple[AreaSalary, ...] = ()


@dataclass(frozen=True)
class Step:
    """One step on the path to a role: a short title and what it involves."""

    title: str
    detail: str = ""


@dataclass(frozen=True)
class Source:
    """Where a role's facts came from, so a re-import can tell whether the page changed."""

    page: str
    sha256: str


@dataclass(frozen=True)
class Role:
    """One role's facts. Optional fields are `None` or empty when the page lacks the section."""

    id: str
    title: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    salary: Salary | None = None
    job_openings: int | None = None
    degree_required_percent: int | None = None
    responsibilities: tuple[str, ...] = ()
    path: tuple[Step, ...] = ()
    skills: tuple[str, ...] = ()
    source: Source | None = None


@dataclass(frozen=True)
class KnowledgeBase:
    """All roles of one directory, in id order so every listing is deterministic."""

    roles: tuple[Role, ...] = field(default_factory=tuple)
    _by_id: dict[str, Role] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.roles})

    def get(self, role_id: str) -> Role | None:
        """The role with this id, or None (a dict lookup: bases may hold thousands of roles)."""
        return self._by_id.get(role_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)


def load_directory(directory: str | Path) -> KnowledgeBase:
    """Load every `*.yaml` role file of a directory (provisional loader, no line numbers yet)."""
    root = Path(directory)
    if not root.is_dir():
        raise KnowledgeError(f"{root}: not a knowledge directory")
    roles = []
    for path in sorted(root.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        salary = data.get("salary")
        roles.append(
            Role(
                id=data["id"],
                title=data["title"],
                aliases=tuple(data.get("aliases") or ()),
                summary=data.get("summary") or "",
                salary=Salary(
                    average=salary["average"],
                    currency=salary.get("currency", "USD"),
                    note=salary.get("note", ""),
                )
                if salary
                else None,
                job_openings=data.get("job_openings"),
                degree_required_percent=data.get("degree_required_percent"),
                responsibilities=tuple(data.get("responsibilities") or ()),
                path=tuple(Step(s["title"], s.get("detail", "")) for s in data.get("path") or ()),
                skills=tuple(data.get("skills") or ()),
            )
        )
    return KnowledgeBase(tuple(sorted(roles, key=lambda r: r.id)))
