"""Answers built on the public figures: wages by area and percentile, outlook, education share.

Pure functions of the knowledge base and explicit parameters (role, area keys, percentiles,
ranking kind), so the matcher's slots map straight onto them. Every figure is said as BLS or
O*NET publishes it, withheld values as BLS says them, and every answer names its source and
release.
"""

from __future__ import annotations

from decimal import Decimal

from .areas import NATIONAL, Area
from .knowledge import KnowledgeBase, Role
from .occupations import Missing, Value, Wages
from .reply import Intent

PERCENTILES = (10, 25, 50, 75, 90)
ENTRY_LEVEL = (10, 25)
#: How many areas a best-paying answer lists unless asked for another number.
RANKED = 5


def releases(knowledge: KnowledgeBase) -> dict[str, str]:
    """Source labels with their releases, from the compiled file's own record of them."""
    meta = knowledge.compiled.meta if knowledge.compiled is not None else {}
    return {
        "oews": f"BLS OEWS, May {meta.get('oews_year', '?')}",
        "ep": f"BLS Employment Projections {meta.get('ep_release', '?')}",
        "onet": f"O*NET {meta.get('onet_release', '?')}",
    }


def dollars(value: Value | None, knowledge: KnowledgeBase, hourly: bool = False) -> str:
    """A wage as BLS publishes it: "$97,550", "$48.76", "$239,200 or more", "not released"."""
    if value is None:
        return "not published"
    if isinstance(value, Missing):
        return _withheld(value, knowledge, hourly)
    return f"${value // 100:,}.{value % 100:02d}" if hourly else f"${value:,}"


def _withheld(value: Missing, knowledge: KnowledgeBase, hourly: bool) -> str:
    meta = knowledge.compiled.meta if knowledge.compiled is not None else {}
    if str(value.footnote) == meta.get("top_code_footnote"):
        top = int(meta["top_code_hourly" if hourly else "top_code_annual"])
        return f"{dollars(top, knowledge, hourly)} or more"
    note = knowledge.compiled.footnotes.get(value.footnote) if knowledge.compiled is not None else None
    return "not released" if note == "Estimate not released." else "not published"


def _hourly_only(wages: Wages, knowledge: KnowledgeBase) -> bool:
    """Whether BLS gives hourly figures but no annual ones (a top-coded annual one counts)."""
    meta = knowledge.compiled.meta if knowledge.compiled is not None else {}
    top = meta.get("top_code_footnote")
    annual = [wages.annual_mean, *(v for _, v in wages.annual)]
    hourly = [wages.hourly_mean, *(v for _, v in wages.hourly)]
    published = any(isinstance(v, int) or (isinstance(v, Missing) and str(v.footnote) == top) for v in annual)
    return not published and any(isinstance(v, int) for v in hourly)


def _ordinal(p: int) -> str:
    return "median" if p == 50 else f"{p}th percentile"


def _source(knowledge: KnowledgeBase, role: Role, source: str, noun: str = "figures") -> str:
    """The source label, and whose figures these are when not the role's own: a specialty's
    or a role page's SOC group, said as such."""
    facts = knowledge.facts(role)
    occupation = knowledge.occupation(role)
    group = facts.group if facts is not None else None
    soc = occupation.soc[:7] if occupation is not None and occupation.soc else ""
    if group and (role.kind != "onet" or not (occupation and occupation.soc or "").endswith(".00")):
        return f"{source}, {noun} for {group} as a whole, SOC {soc}"
    return source


def _no_figures(role: Role) -> str:
    return f"I don't have BLS figures for {role.title}: its role page names no SOC code."


def _area_label(area: Area) -> str:
    return "nationally" if area.kind == "national" else f"in {area.name}"


def salary_text(knowledge: KnowledgeBase, role: Role, area: str = NATIONAL,
                percentiles: tuple[int, ...] = (), entry_level: bool = False) -> str:
    """Pay for a role in one area: mean and median, or the asked percentiles (entry level: the
    lower ones, labelled). A role page shows its own figure first, then BLS's beside it."""
    lead = _page_figure(role)
    if knowledge.occupation(role) is None:
        return lead or f"I don't have salary figures for {role.title}."
    wages = knowledge.wages(role, area)
    place = knowledge.area(area)
    source = _source(knowledge, role, releases(knowledge)["oews"])
    if wages is None or place is None:
        where = _area_label(place) if place is not None else "for that area"
        return f"{lead} BLS OEWS publishes no wage figures for {role.title} {where}.".strip()
    hourly = _hourly_only(wages, knowledge)
    unit = " an hour" if hourly else " a year"
    asked = ENTRY_LEVEL if entry_level else tuple(p for p in PERCENTILES if p in percentiles)
    values = dict(wages.hourly if hourly else wages.annual)
    if asked:
        spread = ", ".join(f"{_ordinal(p)} {dollars(values.get(p), knowledge, hourly)}" for p in asked)
        label = "Entry-level pay is nearer the lower percentiles: " if entry_level else ""
        body = f"{label}{spread}{unit}"
    else:
        mean = wages.hourly_mean if hourly else wages.annual_mean
        body = f"mean {dollars(mean, knowledge, hourly)}{unit}, median {dollars(values.get(50), knowledge, hourly)}"
        others = ", ".join(f"{_ordinal(p)} {dollars(values.get(p), knowledge, hourly)}" for p in PERCENTILES if p != 50)
        body += f"; {others}"
    only = " BLS publishes hourly wages only for this occupation." if hourly else ""
    text = f"{role.title} {_area_label(place)} ({source}): {body}.{only}"
    return f"{lead} {text}" if lead else text


def _page_figure(role: Role) -> str:
    if role.kind == "onet" or role.salary is None:
        return ""
    return f"The role page gives an average salary of ${role.salary.average:,} a year for {role.title}."


def best_paying_text(knowledge: KnowledgeBase, role: Role, kind: str = "state", count: int = RANKED) -> str:
    """The areas of one kind (state or metro) with the highest mean wage for a role."""
    if knowledge.occupation(role) is None:
        return _no_figures(role)
    ranked = []
    for wages in knowledge.wages_by_kind(role, kind):
        hourly = _hourly_only(wages, knowledge)
        mean = wages.hourly_mean if hourly else wages.annual_mean
        if isinstance(mean, int):
            ranked.append((-mean, wages.area.key, wages, hourly))
    if not ranked:
        return f"BLS OEWS publishes no {kind} wage figures for {role.title}."
    lines = [
        f"{n}. {w.area.name}: mean {dollars(w.hourly_mean if h else w.annual_mean, knowledge, h)}{' an hour' if h else ' a year'}"
        for n, (_, _, w, h) in enumerate(sorted(ranked)[:count], start=1)
    ]
    plural = "states" if kind == "state" else "metro areas"
    head = f"Best-paying {plural} for {role.title} by mean wage ({_source(knowledge, role, releases(knowledge)['oews'])}):"
    return "\n".join([head, *lines])


def areas_side_by_side_text(knowledge: KnowledgeBase, role: Role, areas: tuple[str, ...]) -> str:
    """Mean and median pay for a role in two or more areas, one line each."""
    if knowledge.occupation(role) is None:
        return _no_figures(role)
    lines = []
    for key in areas:
        place, wages = knowledge.area(key), knowledge.wages(role, key)
        if place is None:
            continue
        if wages is None:
            lines.append(f"- {place.name}: no figures published")
            continue
        h = _hourly_only(wages, knowledge)
        mean = wages.hourly_mean if h else wages.annual_mean
        median = wages.hourly_at(50) if h else wages.annual_at(50)
        lines.append(f"- {place.name}: mean {dollars(mean, knowledge, h)}, median {dollars(median, knowledge, h)}{' an hour' if h else ' a year'}")
    head = f"{role.title}, side by side ({_source(knowledge, role, releases(knowledge)['oews'])}):"
    return "\n".join([head, *lines])


def _thousands(text: str | None) -> str:
    """A count BLS publishes in thousands ("189.1") as the number it stands for ("189,100")."""
    if text is None:
        return "not published"
    return f"{int(Decimal(text) * 1000):,}"


def outlook_text(knowledge: KnowledgeBase, role: Role) -> str:
    """Openings, employment and growth over the projection decade, as BLS projects them."""
    facts = knowledge.facts(role)
    p = facts.projection if facts is not None else None
    page = (f"The role page counts {role.job_openings} job opening{'s' if role.job_openings != 1 else ''}. "
            if role.kind != "onet" and role.job_openings is not None else "")
    if p is None:
        return (page + f"BLS Employment Projections has no figures for {role.title}.").strip() if facts else (
            page.strip() or f"I don't have figures on openings for {role.title}.")
    source = _source(knowledge, role, releases(knowledge)["ep"], "projections")
    change = f"{'+' if not (p.change or '').startswith('-') else ''}{_thousands(p.change)}" if p.change else "not published"
    return (
        f"{page}{role.title} ({source}): "
        f"{_thousands(p.openings)} openings a year on average; employment {_thousands(p.employment_2024)} in 2024, "
        f"projected {_thousands(p.employment_2034)} in 2034 ({change}, {p.change_percent or 'not published'}%)."
    )


def education_share_text(knowledge: KnowledgeBase, role: Role) -> str:
    """The share of workers who say their job needs a degree, the most common level, and BLS's
    typical entry education."""
    facts = knowledge.facts(role)
    if facts is None or (facts.education is None and facts.projection is None):
        return f"I don't have education figures for {role.title}."
    parts = []
    labels = releases(knowledge)
    e = facts.education
    if e is not None:
        parts.append(
            f"{labels['onet']} asks workers (not employers) what level of education their job needs: "
            f"{e.degree_share}% of {role.title} say an associate's degree or higher (O*NET's levels from "
            f"associate's degree up to post-doctoral training count as a degree). The most common answer is "
            f"{e.most_common.split(' - ')[0]} ({e.most_common_share}%)."
        )
        if e.suppressed:
            parts.append("O*NET marks part of this estimate as imprecise (few respondents).")
    if facts.projection is not None and facts.projection.education:
        parts.append(f"{labels['ep']}: the typical education needed for entry is: {facts.projection.education}.")
    return " ".join(parts)


def sources_text(knowledge: KnowledgeBase) -> str:
    """Where the knowledge comes from, with O*NET's CC BY 4.0 attribution when it is used."""
    lines = ["Role pages: the pages each role file names (careerbot import)."]
    if knowledge.compiled is not None:
        labels = releases(knowledge)
        lines += [
            f"Wages: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics ({labels['oews']}), public domain.",
            f"Outlook: U.S. Bureau of Labor Statistics, {labels['ep'].removeprefix('BLS ')}, public domain.",
            f"Occupations, tasks, titles, education, skills: {labels['onet']}. {knowledge.compiled.meta.get('attribution', '')}",
        ]
    return "\n".join(lines)


def key_figures(knowledge: KnowledgeBase, role: Role) -> str:
    """National mean and median pay and yearly openings, for overviews and comparisons."""
    wages = knowledge.wages(role)
    facts = knowledge.facts(role)
    parts = []
    if wages is not None:
        h = _hourly_only(wages, knowledge)
        mean, median = (wages.hourly_mean, wages.hourly_at(50)) if h else (wages.annual_mean, wages.annual_at(50))
        parts.append(f"mean pay {dollars(mean, knowledge, h)}, median {dollars(median, knowledge, h)}{' an hour' if h else ' a year'} ({releases(knowledge)['oews']})")
    if facts is not None and facts.projection is not None and facts.projection.openings:
        parts.append(f"{_thousands(facts.projection.openings)} openings a year ({releases(knowledge)['ep']})")
    return "; ".join(parts)


def answer(intent: Intent, knowledge: KnowledgeBase, role: Role) -> str | None:
    """The national answer for an intent the public figures serve, or None (the page's own
    renderer answers). A role page without a SOC code is always answered from the page."""
    if knowledge.occupation(role) is None:
        return None
    if intent is Intent.SALARY:
        return salary_text(knowledge, role)
    if intent is Intent.JOB_OPENINGS:
        return outlook_text(knowledge, role)
    if role.kind != "onet":
        return None
    onet = releases(knowledge)["onet"]
    if intent is Intent.EDUCATION:
        return education_share_text(knowledge, role)
    if intent is Intent.RESPONSIBILITIES and role.responsibilities:
        tasks = "\n".join(f"- {task}" for task in role.responsibilities)
        return f"Core tasks of {role.title} ({onet}):\n{tasks}"
    if intent is Intent.SKILLS and role.skills:
        return f"Technologies and skills for {role.title} ({onet}; hot technologies first): {', '.join(role.skills)}."
    if intent is Intent.OVERVIEW and role.summary:
        figures = key_figures(knowledge, role)
        facts = knowledge.facts(role)
        related = [r.title for r in (knowledge.get(i) for i in (facts.related if facts else ())) if r is not None]
        return (f"{role.title} ({onet}): {role.summary}" + (f"\nKey figures: {figures}." if figures else "")
                + (f"\nRelated occupations ({onet}): {', '.join(related)}." if related else ""))
    return None
