"""What the bot says, as data: the reply templates of `intents/replies.yaml`, parsed once at load.

Renderers decide which facts to say; the words they say them in live in the data file, so that
rewording an answer (or saying it in another language) needs no code change. `_HOLES` declares
the named placeholders each template may use; a file missing a template, naming an unknown one,
or using a placeholder its renderer does not fill is refused at load with file and line, never
discovered while answering.
"""

from __future__ import annotations

import dataclasses
import functools
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import default_intents_dir
from .wordlists import IntentDataError, line_of, read_lists

#: The file of an intents directory that holds the reply templates.
REPLIES_FILE = "replies.yaml"


@dataclass(frozen=True)
class Template:
    """A reply with named holes, split at load into (text, placeholder) pieces so that filling
    it is a join, not a parse; a piece's placeholder is empty where the text has no hole after it."""

    pieces: tuple[tuple[str, str], ...]

    def __call__(self, **values: str | int) -> str:
        return "".join(text + (str(values[name]) if name else "") for text, name in self.pieces)


@dataclass(frozen=True)
class Phrases:
    """Every reply template and reply word; `intents/replies.yaml` says where each is used."""

    # follow-up suggestions, one per role intent, and the answer to "Do you mean X?"
    ask_salary: str
    ask_responsibilities: str
    ask_career_path: str
    ask_next_step: str
    ask_education: str
    ask_skills: str
    ask_job_openings: str
    answer_yes: str
    # small talk, starting over and apologising
    capabilities: str
    greeting: Template
    goodbye: str
    thanks: str
    help: Template
    out_of_scope: Template
    forgotten: str
    apology: str
    # the roles known, and questions back when a role is unclear
    no_roles: str
    roles_and_more: Template
    known_roles: Template
    unknown_role: Template
    uncovered: Template
    compare_needs_two: Template
    do_you_mean: Template
    which_of: Template
    which_role: Template
    side_by_side: str
    no_figures: str
    no_page_area_figures: str
    # grammar: the article before a role title, by its first letter
    article: str
    article_before_vowel: str
    vowel_letters: str
    # answers from a role page
    salary_none: Template
    salary_range: Template
    salary_average: Template
    pay_span: Template
    pay_with_range: Template
    spread: Template
    by_area: Template
    percentile: Template
    median: str
    responsibilities_none: Template
    responsibilities: Template
    path_none: Template
    career_path: Template
    career_path_derived: Template
    path_done: Template
    next_step_last: Template
    next_step: Template
    degree_share: Template
    education_none: Template
    skills: Template
    skills_none: Template
    skills_from_path: Template
    openings_none: Template
    openings_one: Template
    openings: Template
    figure_salary: Template
    figure_average_salary: Template
    figure_opening: Template
    figure_openings: Template
    figure_degree: Template
    summary_none: Template
    key_figures: Template
    # answers from the public figures (BLS, O*NET)
    release_oews: Template
    release_ep: Template
    release_onet: Template
    not_published: str
    not_released: str
    or_more: Template
    noun_figures: str
    noun_projections: str
    source_group: Template
    no_soc: Template
    nationally: str
    in_area: Template
    for_that_area: str
    no_wages: Template
    an_hour: str
    a_year: str
    entry_level: Template
    mean_median: Template
    wages: Template
    hourly_only: str
    page_salary: Template
    no_ranked_states: Template
    no_ranked_metros: Template
    best_paying_states: Template
    best_paying_metros: Template
    ranked_line: Template
    area_no_figures: Template
    area_line: Template
    areas_head: Template
    page_opening: Template
    page_openings: Template
    no_projection: Template
    outlook: Template
    education_figures_none: Template
    education_asked: Template
    imprecise: str
    entry_education: Template
    key_pay: Template
    key_openings: Template
    core_tasks: Template
    onet_skills: Template
    onet_overview: Template
    related: Template
    # where the knowledge comes from (/sources)
    sources_pages: str
    sources_wages: Template
    sources_outlook: Template
    sources_onet: Template


#: The placeholders each `Template` field of `Phrases` may use: the ones its renderer fills.
_HOLES: dict[str, str] = {
    # small talk, starting over and apologising
    "greeting": "capabilities", "help": "capabilities", "out_of_scope": "capabilities",
    # the roles known, and questions back when a role is unclear
    "roles_and_more": "roles more", "known_roles": "roles", "unknown_role": "name roles", "uncovered": "topic role",
    "compare_needs_two": "roles", "do_you_mean": "role", "which_of": "roles", "which_role": "roles",
    # answers from a role page
    "salary_none": "role", "salary_range": "role pay", "salary_average": "role pay", "pay_span": "low high",
    "pay_with_range": "average span", "spread": "spread", "by_area": "areas", "percentile": "p",
    "responsibilities_none": "role", "responsibilities": "role tasks", "path_none": "role",
    "career_path": "role steps", "career_path_derived": "role steps", "path_done": "role step",
    "next_step_last": "step total role text", "next_step": "step total role text", "degree_share": "percent role",
    "education_none": "role", "skills": "role skills", "skills_none": "role", "skills_from_path": "steps",
    "openings_none": "role", "openings_one": "count role", "openings": "count role", "figure_salary": "pay",
    "figure_average_salary": "pay", "figure_opening": "count", "figure_openings": "count", "figure_degree": "percent",
    "summary_none": "role", "key_figures": "figures",
    # answers from the public figures (BLS, O*NET)
    "release_oews": "year", "release_ep": "release", "release_onet": "release", "or_more": "amount",
    "source_group": "source noun group soc", "no_soc": "role", "in_area": "area", "no_wages": "role where",
    "entry_level": "spread", "mean_median": "mean unit median others", "wages": "role where source body",
    "page_salary": "average role", "no_ranked_states": "role", "no_ranked_metros": "role",
    "best_paying_states": "role source", "best_paying_metros": "role source", "ranked_line": "n area mean unit",
    "area_no_figures": "area", "area_line": "area mean median unit", "areas_head": "role source",
    "page_opening": "count", "page_openings": "count", "no_projection": "role",
    "outlook": "role source openings now later change percent", "education_figures_none": "role",
    "education_asked": "onet share role level level_share", "entry_education": "ep education",
    "key_pay": "mean median unit source", "key_openings": "openings source", "core_tasks": "role onet tasks",
    "onet_skills": "role onet skills", "onet_overview": "role onet summary", "related": "onet roles",
    # where the knowledge comes from (/sources)
    "sources_wages": "oews", "sources_outlook": "release", "sources_onet": "onet attribution",
}


def _parse(text: str, allowed: tuple[str, ...], where: str) -> tuple[tuple[str, str], ...]:
    """A template's pieces; a placeholder that is not a plain allowed name is an error."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise IntentDataError(f"{where}: malformed template ({error}); write a literal brace as {{{{ or }}}}") from None
    pieces = []
    for literal, name, spec, conversion in parsed:
        if name is not None and name not in allowed:
            known = ", ".join("{" + a + "}" for a in allowed) or "none"
            raise IntentDataError(f"{where}: unknown placeholder {{{name}}} (this template may use: {known})")
        if spec or conversion:  # numbers and money are formatted by the renderer
            raise IntentDataError(f"{where}: placeholder {{{name}}} must be a plain name, without ! or :")
        pieces.append((literal, name or ""))
    return tuple(pieces)


def load_phrases(path: Path) -> Phrases:
    """The templates of one replies file; every template is required and checked here."""
    text, data = read_lists(path)
    fields = {f.name: f for f in dataclasses.fields(Phrases)}
    for key in data:
        if key not in fields:
            raise IntentDataError(f"{path}:{line_of(text, str(key))}: {key}: no such reply")
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        where = f"{path}:{line_of(text, name)}: {name}"
        raw = data.get(name)
        if raw is None:
            raise IntentDataError(f"{where}: missing reply")
        if not isinstance(raw, str):
            raise IntentDataError(f"{where}: must be text")
        pieces = _parse(raw, tuple(_HOLES.get(name, "").split()), where)
        values[name] = Template(pieces) if spec.type == "Template" else "".join(t for t, _ in pieces)
    return Phrases(**values)


@functools.cache
def shipped_phrases() -> Phrases:
    """The shipped replies: the words of a renderer called without a bot's intent data (the
    console's welcome, a figure asked for directly), and of an intents directory without its own
    replies file."""
    return load_phrases(default_intents_dir() / REPLIES_FILE)
