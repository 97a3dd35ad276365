"""The role knowledge base: typed, immutable role facts loaded from a directory of YAML files.

Everything the bot says about a role comes from here, so loading is strict: a bad file is
rejected with its file, line and field rather than half-loaded. Sections may be missing (a
role without a path is still a role); the renderers then say what they do not know.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from .areas import NATIONAL, Area
from .occupations import Compiled, Facts, Wages, open_compiled
from .schema import KnowledgeError as KnowledgeError
from .schema import KnowledgeErrors as KnowledgeErrors
from .schema import Reader, read_utf8

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AreaSalary:
    """A salary figure for one area (a US state or metro), for labour-statistics sources."""

    area: str
    average: int


@dataclass(frozen=True)
class Salary:
    """Pay for a role: an average, a (low, high) range as a page gave it, or both. Percentiles
    and areas are optional, for richer sources than role pages."""

    average: int | None
    currency: str = "USD"
    note: str = ""
    percentiles: tuple[tuple[int, int], ...] = ()  # (percentile, wage), ascending
    areas: tuple[AreaSalary, ...] = ()
    range: tuple[int, int] | None = None


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
    soc: str | None = None  # O*NET-SOC code such as "29-1141.01"; a role page may name its SOC code
    employment: int | None = None  # national OEWS employment: ranks candidates when a word fits several
    residual: bool = False  # an "All Other" residual group: never chosen for a generic word
    kind: str = "page"  # "page" (a role page) or "onet" (an O*NET occupation)


@dataclass(frozen=True)
class KnowledgeBase:
    """All roles of one directory, in id order so every listing is deterministic.

    Role pages are held whole. O*NET occupations from a compiled file are held by name only
    (id, title, aliases, soc, employment, residual, kind) so start-up stays fast; `get` returns
    the whole role, read from the file on first ask.
    """

    roles: tuple[Role, ...] = field(default_factory=tuple)
    compiled: Compiled | None = field(default=None, repr=False, compare=False)
    _by_id: dict[str, Role] = field(init=False, repr=False, compare=False)
    _by_code: dict[str, Role] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.roles})
        object.__setattr__(self, "_by_code", {r.soc: r for r in self.roles if r.kind == "onet" and r.soc})

    def get(self, role_id: str) -> Role | None:
        """The whole role with this id, or None (a dict lookup: bases hold thousands of roles)."""
        role = self._by_id.get(role_id)
        if role is None or role.kind != "onet" or self.compiled is None:
            return role
        return _whole_role(role, self.compiled.details(role.id) or {})

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)

    @property
    def areas(self) -> tuple[Area, ...]:
        """Every area with BLS wage figures (none for a base of role pages only)."""
        return self.compiled.areas if self.compiled is not None else ()

    def area(self, key: str) -> Area | None:
        return next((a for a in self.areas if a.key == key), None)

    def occupation(self, role: Role) -> Role | None:
        """The O*NET occupation whose figures belong to a role: itself, or the one a page names.

        A page naming a six-digit SOC code ("15-2051") gets that code's .00 occupation.
        """
        if role.kind == "onet":
            return role
        if role.soc is None:
            return None
        return self._by_code.get(role.soc if "." in role.soc else f"{role.soc}.00")

    def facts(self, role: Role) -> Facts | None:
        """What O*NET and BLS say about a role's occupation, or None without a compiled file."""
        found = self.occupation(role)
        if found is None or self.compiled is None or found.soc is None:
            return None
        return self.compiled.facts(found.id, found.soc)

    def wages(self, role: Role, area: str = NATIONAL) -> Wages | None:
        """BLS OEWS figures for a role's SOC group in one area, or None."""
        found = self.occupation(role)
        if found is None or self.compiled is None or found.soc is None:
            return None
        return self.compiled.wages(found.soc, area)

    def wages_by_kind(self, role: Role, kind: str) -> list[Wages]:
        """BLS OEWS figures for a role's SOC group in every state or every metro area."""
        found = self.occupation(role)
        if found is None or self.compiled is None or found.soc is None:
            return []
        return self.compiled.wages_by_kind(found.soc, kind)


def _whole_role(role: Role, details: dict[str, Any]) -> Role:
    """An O*NET occupation's name entry completed with its details from the compiled file."""
    return replace(
        role,
        summary=details.get("description", ""),
        responsibilities=tuple(details.get("tasks", ())),
        skills=tuple(details.get("skills", ())),
        path=tuple(Step(title, detail) for title, detail in details.get("path", ())),
    )


def slugify(title: str) -> str:
    """A role id from its title: lowercase words joined by `-` (the contract's id rule)."""
    return "-".join(re.findall(r"[^\W_]+", title.lower()))


def _keys(model: type[Any]) -> tuple[str, ...]:
    """The YAML keys of a model are its field names, so the schema cannot drift from the code."""
    return tuple(f.name for f in fields(model))


# A role file writes these keys; employment, residual and kind come only from the compiled base.
_PAGE_KEYS = tuple(key for key in _keys(Role) if key not in ("employment", "residual", "kind"))


def parse_role(text: str, where: str, warnings: list[str] | None = None) -> Role:
    """One role from the YAML `text` of the file `where`; raises KnowledgeError naming its line
    (KnowledgeErrors when several fields are broken). Keys added by hand go to `warnings`."""
    reader = Reader(text, where)
    found = reader.mapping(reader.root(), "", _PAGE_KEYS, required=("id", "title"))
    title = found.read("title", reader.text)
    role_id = found.read("id", reader.text)
    if role_id != slugify(title):
        reader.fail(found.nodes["id"], "id", f"must be the slug of the title, {slugify(title)!r} (got {role_id!r})")
    role = Role(
        id=role_id,
        title=title,
        aliases=found.get("aliases", reader.texts, ()),
        summary=found.get("summary", reader.text, ""),
        salary=found.get("salary", partial(_salary, reader), None),
        job_openings=found.get("job_openings", reader.whole, None),
        degree_required_percent=found.get("degree_required_percent", reader.percent, None),
        responsibilities=found.get("responsibilities", reader.texts, ()),
        path=found.get("path", partial(_path, reader), ()),
        skills=found.get("skills", reader.texts, ()),
        source=found.get("source", partial(_source, reader), None),
        soc=found.get("soc", partial(_soc, reader), None),
    )
    reader.finish()
    if warnings is not None:
        warnings.extend(reader.warnings)
    return role


def _salary(reader: Reader, node: yaml.Node, name: str) -> Salary:
    found = reader.mapping(node, name, _keys(Salary))
    if "average" not in found and "range" not in found:
        reader.fail(node, name, "needs an average or a range (low and high)")
    currency = found.get("currency", reader.text, "USD")
    if not re.fullmatch(r"[A-Z]{3}", currency):
        reader.fail(found.nodes["currency"], f"{name}.currency", f"must be a 3-letter code such as USD (got {currency!r})")
    return Salary(
        average=found.get("average", reader.whole, None),
        currency=currency,
        note=found.get("note", reader.text, ""),
        percentiles=found.get("percentiles", partial(_percentiles, reader), ()),
        areas=found.get("areas", partial(_areas, reader), ()),
        range=found.get("range", partial(_range, reader), None),
    )


def _range(reader: Reader, node: yaml.Node, name: str) -> tuple[int, int]:
    """A pay range as a page states it ("$61,000 - $75,000"): kept, never cut to one figure."""
    items = reader.items(node, name)
    if len(items) != 2:
        reader.fail(node, name, f"must be [low, high] (got {len(items)} figure(s))")
    low, high = (reader.whole(item, item_name) for item_name, item in items)
    if low >= high:
        reader.fail(node, name, f"must be [low, high] with low below high (got [{low}, {high}])")
    return low, high


def _percentiles(reader: Reader, node: yaml.Node, name: str) -> tuple[tuple[int, int], ...]:
    percentiles = []
    for key, key_node, value in reader.entries(node, name):
        if not isinstance(key, int) or isinstance(key, bool) or not 0 <= key <= 100:
            reader.fail(key_node, f"{name}.{key}", "must be a percentile between 0 and 100")
        percentiles.append((key, reader.whole(value, f"{name}.{key}")))
    return tuple(sorted(percentiles))


def _areas(reader: Reader, node: yaml.Node, name: str) -> tuple[AreaSalary, ...]:
    areas = []
    for area_name, area_node in reader.items(node, name):
        found = reader.mapping(area_node, area_name, _keys(AreaSalary), required=_keys(AreaSalary))
        areas.append(AreaSalary(area=found.read("area", reader.text), average=found.read("average", reader.whole)))
    return tuple(areas)


def _path(reader: Reader, node: yaml.Node, name: str) -> tuple[Step, ...]:
    items = reader.items(node, name)
    if not items:
        reader.fail(node, name, "must list at least one step (leave the key out if the role has no path)")
    steps = []
    for step_name, step_node in items:
        found = reader.mapping(step_node, step_name, _keys(Step), required=("title",))
        steps.append(Step(title=found.read("title", reader.text), detail=found.get("detail", reader.text, "")))
    return tuple(steps)


def _soc(reader: Reader, node: yaml.Node, name: str) -> str:
    """An O*NET-SOC code ("29-1141.00") or a six-digit SOC code ("29-1141"), as O*NET writes it."""
    code = reader.text(node, name)
    if not re.fullmatch(r"\d{2}-\d{4}(\.\d{2})?", code):
        reader.fail(node, name, f"must be a SOC code such as 29-1141 or 29-1141.01 (got {code!r})")
    return code


def _source(reader: Reader, node: yaml.Node, name: str) -> Source:
    found = reader.mapping(node, name, _keys(Source), required=_keys(Source))
    return Source(page=found.read("page", reader.text), sha256=found.read("sha256", reader.text))


def load_role_file(path: str | Path) -> Role:
    """One role file; raises KnowledgeError with `file:line: field problem`."""
    return parse_role(read_utf8(Path(path))[1], str(path))


def load_directory(directory: str | Path) -> KnowledgeBase:
    """Every `*.yaml` and `*.yml` role file of a directory, validated, plus its compiled O*NET
    occupations; any bad file rejects the whole base, with every problem found (`KnowledgeErrors`).

    Rejecting rather than skipping is deliberate: a bot
    that silently lost a role would give wrong answers ("I don't know that role") instead of a
    clear error at start-up. A role page whose id is also an O*NET occupation's wins: pages
    are first-class, and the occupation's figures remain reachable through the page's `soc`.
    """
    return check_directory(directory, [])


def check_directory(directory: str | Path, warnings: list[str]) -> KnowledgeBase:
    """`load_directory`, noting in `warnings` the keys added by hand (for `careerbot check`)."""
    root = Path(directory)
    if not root.is_dir():
        raise KnowledgeError(f"{root}: not a knowledge directory (it does not exist or is a file)")
    compiled = open_compiled(root)
    files = sorted([*root.glob("*.yaml"), *root.glob("*.yml")])
    if not files and compiled is None:
        raise KnowledgeError(f"{root}: no role files (*.yaml, *.yml) in this knowledge directory")
    seen: dict[str, Path] = {}
    roles = []
    problems: list[KnowledgeError] = []
    for path in files:
        try:
            text = read_utf8(path)[1]
            role = parse_role(text, str(path), warnings)
        except KnowledgeError as error:
            problems.append(error)
            continue
        if role.id in seen:
            line = _line_of_key(text, "id")
            problems.append(KnowledgeError(f"{path}:{line}: id {role.id!r} is already used by {seen[role.id]}", line))
            continue
        seen[role.id] = path
        roles.append(role)
    if problems:
        raise KnowledgeErrors(problems)
    if compiled is not None:
        roles += [
            Role(id=i, title=t, aliases=a, soc=c, employment=e, residual=r, kind="onet")
            for i, t, c, e, r, a in compiled.names() if i not in seen
        ]
    log.debug("loaded %d role(s) from %s", len(roles), root)
    return KnowledgeBase(tuple(sorted(roles, key=lambda r: r.id)), compiled)


def _line_of_key(text: str, key: str) -> int:
    """The line of a top-level key in a file that is known to be valid (for cross-file errors)."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1
