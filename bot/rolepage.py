"""Parse one role page (the seed page's markdown-like format) into a role's YAML mapping.

Pages are scraped text, so parsing forgives layout (CRLF, a BOM, trailing spaces, extra blank
lines, steps with or without a bold title) but not missing content. Required per page: the
`# <Title> Average Salaries and Statistics` heading; `## Overview` with job openings, average
salary and degree requirement; `## Responsibilities` with at least one bullet; `## How to become
...` with at least one numbered step. `## Average Salary` (the note on what pay varies with) is
optional. Skills are the items of "such as ..." and "including ..." lists in the steps.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .knowledge import KnowledgeError, KnowledgeErrors, slugify
from .schema import read_utf8

_TITLE = re.compile(r"#\s+(.+?)\s+average salaries and statistics\s*", re.IGNORECASE)
_HEADING = re.compile(r"##\s+(.*)")
_BULLET = re.compile(r"\s*[-*+\u2022]\s+(.*)")
_NUMBERED = re.compile(r"\s*\d{1,3}[.)]\s+(.*)")
_BOLD_TITLE = re.compile(r"\*\*(.+?)\*\*\s*[:\-\u2013\u2014]?\s*(.*)")
#: One figure as pages write it: "$110000", "$110,000", "$61.5k", "12.3K", "$1.25M". Bounded in
#: length so that random input can never build a giant integer.
_AMOUNT = r"\$?\s*(\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(\.\d{1,4})?(?:\s?([kKmM])(?![A-Za-z]))?"
#: A figure, or two as a range ("$61,000 - $75,000", "$61k to $75k"), and what follows.
_FIGURES = re.compile(rf"{_AMOUNT}(?:\s*(?:-|\u2013|\u2014|to)\s*{_AMOUNT})?(?P<rest>.*)", re.DOTALL)
#: What may follow a figure: nothing, a space, or punctuation that does not run into digits
#: ("$61,5k" is not $61 followed by ",5k").
_FIGURE_END = re.compile(r"$|\s|[.,;:!?)/](?!\d)")
_SCALES = {"k": 1_000, "m": 1_000_000}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SKILL_LIST = re.compile(r"\b(?:such as|including)\s+(.+?)(?=[.;!?](?:\s|$)|$)", re.IGNORECASE)
#: "Learn Adobe Illustrator, Photoshop and InDesign": names (capitalised) right after a learning verb.
_LEARN_LIST = re.compile(
    r"\b(?i:learn|master|use|pick up|with|fluent in|proficient in|practi[cs]e|know)\s+([A-Z].+?)(?=[.;!?](?:\s|$)|$)"
)
#: Words that end a tool's name in a list ("Python or R for analysis" names "R").
_NAME_END = re.compile(r"\s+(?:for|to|in|with|from|on|at|by|daily|when|as)\b.*$", re.IGNORECASE)
#: Words a derived step title must not end on ("Learn a scripting language such" -> "... language").
_TRAILING_FILLER = frozenset("a an the and or of to in on with for your such as by at from into".split())
#: How many words a derived step title keeps at most.
_TITLE_WORDS = 5
#: A list item longer than this is a phrase, not the name of a skill.
_SKILL_WORDS = 4


@dataclass(frozen=True)
class _Page:
    """One page split into its title and `##` sections (keyed by lowercased heading)."""

    path: Path
    digest: str
    title: str | None
    sections: dict[str, list[str]]
    #: The line number of each section's first line, to name the line of a figure.
    starts: dict[str, int]

    def fail(self, section: str, problem: str, line: int = 0) -> KnowledgeError:
        where = f"{self.path}:{line}" if line else str(self.path)
        return KnowledgeError(f"{where}: {section}: {problem}", line)

    def section(self, prefix: str, label: str) -> list[str]:
        for heading, lines in self.sections.items():
            if heading.startswith(prefix):
                return lines
        raise self.fail(label, f"missing section '## {label}'")


def parse_page(path: Path) -> dict[str, Any]:
    """The role mapping of one page, in file order; raises KnowledgeError naming file and section."""
    return _role_document(_read_page(path))


def _read_page(path: Path) -> _Page:
    data, text = read_utf8(path)
    lines = [line.rstrip() for line in text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    title: str | None = None
    sections: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        heading = _HEADING.fullmatch(line)
        if heading:
            name = heading.group(1).strip().lower()
            starts.setdefault(name, number + 1)
            current = sections.setdefault(name, [])
        elif title is None and (match := _TITLE.fullmatch(line)):
            title = " ".join(match.group(1).split())
        elif current is not None:
            current.append(line)
    return _Page(path, hashlib.sha256(data).hexdigest(), title, sections, starts)


def _role_document(page: _Page) -> dict[str, Any]:
    """The role's YAML mapping in file order; empty optional parts are left out."""
    if not page.title or not slugify(page.title):
        raise page.fail("title", "missing heading '# <Title> Average Salaries and Statistics'")
    page.section("overview", "Overview")
    intro, responsibilities = _list_items(page.section("responsibilities", "Responsibilities"), _BULLET)
    if not responsibilities:
        raise page.fail("Responsibilities", "no bullet items ('- ...')")
    steps = _steps(page)
    pay, openings, degree = _figures(page)
    salary: dict[str, Any] = {"range": list(pay)} if isinstance(pay, tuple) else {"average": pay}
    salary["currency"] = "USD"
    note = _salary_note(page.sections.get("average salary", []))
    if note:
        salary["note"] = note
    document: dict[str, Any] = {"id": slugify(page.title), "title": page.title, "aliases": []}
    summary = _summary(intro)
    if summary:
        document["summary"] = summary
    document.update(
        salary=salary,
        job_openings=openings,
        degree_required_percent=degree,
        responsibilities=responsibilities,
        path=steps,
    )
    skills = _skills(step.get("detail", "") for step in steps)
    if skills:
        document["skills"] = skills
    document["source"] = {"page": page.path.name, "sha256": page.digest}
    return document


def _figures(page: _Page) -> tuple[int | tuple[int, int], int | tuple[int, int], int | tuple[int, int]]:
    """Average salary (or range), job openings and degree percent; every unreadable one is
    reported at once, so one edit of the page fixes them all."""
    problems: list[KnowledgeError] = []
    figures: list[int | tuple[int, int]] = []
    for label, ranges, percent in (("Average Salary", True, False), ("Job openings", False, False), ("Degree Requirement", False, True)):
        try:
            figures.append(_figure(page, label, ranges=ranges, percent=percent))
        except KnowledgeError as error:
            problems.append(error)
    if problems:
        raise KnowledgeErrors(problems)
    return figures[0], figures[1], figures[2]


def _figure(page: _Page, label: str, *, ranges: bool = False, percent: bool = False) -> int | tuple[int, int]:
    """The figure after `label:` in the Overview, read exactly as written: a whole number, or
    (low, high) for a range when `ranges`. Anything else is refused with its line and text:
    a figure is never rounded, cut or guessed."""
    pattern = re.compile(rf"{label}\s*:\s*(.*)", re.IGNORECASE)
    start = next((line for heading, line in page.starts.items() if heading.startswith("overview")), 0)
    for number, line in enumerate(page.section("overview", "Overview"), start=start):
        found = pattern.search(line)
        if found:
            written = found.group(1).strip()
            try:
                return _read_figures(written, ranges=ranges, percent=percent)
            except ValueError as why:
                raise page.fail("Overview", f"cannot read the {label} figure {written!r}: {why}", number) from None
    raise page.fail("Overview", f"no '{label}' figure")


def _read_figures(written: str, *, ranges: bool, percent: bool) -> int | tuple[int, int]:
    """The figure (or range) at the start of `written`; ValueError says why it cannot be read."""
    match = _FIGURES.fullmatch(written)
    rest = match.group("rest") if match else written
    if percent and match and rest.lstrip().startswith("%"):
        rest = rest.lstrip()[1:]
    elif percent:
        raise ValueError("not a figure followed by '%'")
    if match is None or not _FIGURE_END.match(rest):
        raise ValueError("not a figure (write it as 61500, 61,500 or 61.5k)")
    first = _whole(*match.group(1, 2, 3))
    if match.group(4) is None:
        if percent and first > 100:
            raise ValueError("over 100%")
        return first
    if not ranges:
        raise ValueError("a range, where one figure is needed")
    second = _whole(*match.group(4, 5, 6))
    if first >= second:
        raise ValueError("the range's low end is not below its high end")
    return first, second


def _whole(digits: str, fraction: str | None, scale: str | None) -> int:
    """ "61", ".5", "k" -> 61500; a figure that is not a whole number is refused, not rounded."""
    number = Decimal(digits.replace(",", "") + (fraction or "")) * _SCALES.get((scale or "").lower(), 1)
    if number != number.to_integral_value():
        raise ValueError(f"not a whole amount ({number})")
    return int(number)


def _list_items(lines: Sequence[str], marker: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """The paragraph lines before a list, and the list's items with wrapped lines joined.

    A line continues the item above when it is indented or follows it without a blank line;
    anything else after the list (a closing sentence) is not part of it.
    """
    intro: list[str] = []
    items: list[str] = []
    previous_blank = True
    for line in lines:
        match = marker.fullmatch(line)
        if match:
            items.append(match.group(1).strip())
        elif not line.strip():
            pass
        elif not items:
            intro.append(line.strip())
        elif line[:1].isspace() or not previous_blank:
            items[-1] = f"{items[-1]} {line.strip()}"
        previous_blank = not line.strip()
    return intro, [" ".join(item.split()) for item in items if item.strip()]


def _summary(intro: Sequence[str]) -> str:
    """The intro paragraph without its lead-in to the list ("Your tasks may include:")."""
    text = " ".join(" ".join(intro).split())
    return re.sub(r"\s*[^.!?:]*:$", "", text)


def _salary_note(lines: Sequence[str]) -> str:
    """What the salary varies with: the sentences after the one that states the figure."""
    sentences = _SENTENCE_END.split(" ".join(" ".join(lines).split()))
    for index, sentence in enumerate(sentences):
        if "$" in sentence or "average salary" in sentence.lower():
            return " ".join(sentences[index + 1 :])
    return " ".join(sentences)


def _steps(page: _Page) -> list[dict[str, str]]:
    lines = page.section("how to become", "How to become")
    _, items = _list_items(lines, _NUMBERED)
    if not items:
        raise page.fail("How to become", "no numbered steps ('1. ...')")
    steps = []
    for number, item in enumerate(items, start=1):
        bold = _BOLD_TITLE.fullmatch(item)
        title, detail = (bold.group(1).strip().rstrip(":").strip(), bold.group(2).strip()) if bold else ("", item)
        step = {"title": title or _short_title(detail) or f"Step {number}"}
        if detail:
            step["detail"] = detail
        steps.append(step)
    return steps


def _short_title(detail: str) -> str:
    """A step title from the first words of its detail, for pages without bold titles."""
    words = re.split(r"[,.;:!?(]", detail, maxsplit=1)[0].split()[:_TITLE_WORDS]
    while len(words) > 1 and words[-1].lower() in _TRAILING_FILLER:
        words.pop()
    title = " ".join(words).strip("*_ ")
    return title[:1].upper() + title[1:]


def _skills(details: Iterable[str]) -> list[str]:
    """Items of "such as A, B, or C" and "including X and Y" lists in the steps, and lists of
    names after "learn", "master", "pick up", "with" ... that start with a capitalised name
    ("Learn Linux and Bash", "hands-on with Selenium, Playwright or pytest"), in page order."""
    skills: dict[str, str] = {}
    for detail in details:
        for listed in _SKILL_LIST.finditer(detail):
            for item in _split_list(listed.group(1)):
                if item.split()[0].lower() not in ("a", "an", "the"):  # "such as a tutorial": examples, not skills
                    skills.setdefault(item.lower(), item)
        for listed in _LEARN_LIST.finditer(detail):
            items = _split_list(re.sub(r"\s+(?:and|or)$", "", _NAME_END.sub("", listed.group(1))))
            if items and items[0][:1].isupper():  # a list of names: "Selenium, Playwright or pytest"
                for item in items:
                    if item and ":" not in item and item.split()[0].lower() not in _TRAILING_FILLER:
                        skills.setdefault(item.lower(), item)
    return list(skills.values())


def _split_list(phrase: str) -> list[str]:
    """Names in an English list; "supervised and unsupervised learning" names two skills."""
    names: list[str] = []
    for chunk in phrase.split(","):
        chunk = re.sub(r"^\s*(?:and|or)\s+", "", chunk).strip(" *_\"'")
        parts = re.split(r"\s+(?:and|or)\s+", chunk)
        if len(parts) == 2 and _shares_head(parts[0], parts[1]):
            parts[0] = f"{parts[0]} {parts[1].split()[-1]}"
        names.extend(part for part in parts if 0 < len(part.split()) <= _SKILL_WORDS)
    return names


def _shares_head(left: str, right: str) -> bool:
    """True for "supervised and unsupervised learning": one lowercase word, then a parallel phrase."""
    words = right.split()
    return (
        len(left.split()) == 1
        and len(words) >= 2
        and left.islower()
        and words[0].islower()
        and left[-2:] == words[0][-2:]
    )
