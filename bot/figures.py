"""Answers built on the public figures: wages by area and percentile, outlook, education share.

Pure functions of the knowledge base and explicit parameters (role, area keys, percentiles,
ranking kind), so the matcher's slots map straight onto them. Every figure is said as BLS or
O*NET publishes it, withheld values as BLS says them, and every answer names its source and
release. The words are `intents/replies.yaml`'s; a public function called without `phrases`
speaks with the shipped ones.
"""

from __future__ import annotations

from decimal import Decimal

from .areas import NATIONAL, Area
from .knowledge import KnowledgeBase, Role
from .occupations import Missing, Value, Wages
from .phrasing import Phrases, shipped_phrases
from .reply import Intent

PERCENTILES = (10, 25, 50, 75, 90)
ENTRY_LEVEL = (10, 25)
#: How many areas a best-paying answer lists unless asked for another number.
RANKED = 5


def releases(knowledge: KnowledgeBase, phrases: Phrases) -> dict[str, str]:
    """Source labels with their releases, from the compiled file's own record of them."""
    meta = knowledge.compiled.meta if knowledge.compiled is not None else {}
    return {
        "oews": phrases.release_oews(year=meta.get("oews_year", "?")),
        "ep": phrases.release_ep(release=meta.get("ep_release", "?")),
        "onet": phrases.release_onet(release=meta.get("onet_release", "?")),
    }


def dollars(value: Value | None, knowledge: KnowledgeBase, phrases: Phrases, hourly: bool = False) -> str:
    """A wage as BLS publishes it: "$97,550", "$48.76", "$239,200 or more", "not released"."""
    if value is None:
        return phrases.not_published
    if isinstance(value, Missing):
        return _withheld(value, knowledge, phrases, hourly)
    return f"${value // 100:,}.{value % 100:02d}" if hourly else f"${value:,}"


def _withheld(value: Missing, knowledge: KnowledgeBase, phrases: Phrases, hourly: bool) -> str:
    meta = knowledge.compiled.meta if knowledge.compiled is not None else {}
    if str(value.footnote) == meta.get("top_code_footnote"):
        top = int(meta["top_code_hourly" if hourly else "top_code_annual"])
        return phrases.or_more(amount=dollars(top, knowledge, phrases, hourly))
    note = knowledge.compiled.footnotes.get(value.footnote) if knowledge.compiled is not None else None
    # the footnote as BLS words it in the release, not a phrase of ours
    return phrases.not_released if note == "Estimate not released." else phrases.not_published


def _hourly_only(wages: Wages, knowledge: KnowledgeBase) -> bool:
    """Whether BLS gives hourly figures but no annual ones (a top-coded annual one counts)."""
    meta = knowledge.compiled.meta if knowledge.compiled is not None else {}
    top = meta.get("top_code_footnote")
    annual = [wages.annual_mean, *(v for _, v in wages.annual)]
    hourly = [wages.hourly_mean, *(v for _, v in wages.hourly)]
    published = any(isinstance(v, int) or (isinstance(v, Missing) and str(v.footnote) == top) for v in annual)
    return not published and any(isinstance(v, int) for v in hourly)


def _unit(phrases: Phrases, hourly: bool) -> str:
    return phrases.an_hour if hourly else phrases.a_year


def _ordinal(p: int, phrases: Phrases) -> str:
    return phrases.median if p == 50 else phrases.percentile(p=p)


def _source(knowledge: KnowledgeBase, role: Role, source: str, phrases: Phrases, noun: str | None = None) -> str:
    """The source label, and whose figures these are when not the role's own: a specialty's
    or a role page's SOC group, said as such."""
    facts = knowledge.facts(role)
    occupation = knowledge.occupation(role)
    group = facts.group if facts is not None else None
    soc = occupation.soc[:7] if occupation is not None and occupation.soc else ""
    if group and (role.kind != "onet" or not (occupation and occupation.soc or "").endswith(".00")):
        return phrases.source_group(source=source, noun=noun or phrases.noun_figures, group=group, soc=soc)
    return source


def _no_figures(role: Role, phrases: Phrases) -> str:
    return phrases.no_soc(role=role.title)


def _area_label(area: Area, phrases: Phrases) -> str:
    return phrases.nationally if area.kind == "national" else phrases.in_area(area=area.name)


def salary_text(knowledge: KnowledgeBase, role: Role, area: str = NATIONAL,
                percentiles: tuple[int, ...] = (), entry_level: bool = False, phrases: Phrases | None = None) -> str:
    """Pay for a role in one area: mean and median, or the asked percentiles (entry level: the
    lower ones, labelled). A role page shows its own figure first, then BLS's beside it."""
    p = phrases or shipped_phrases()
    lead = _page_figure(role, p)
    if knowledge.occupation(role) is None:
        return lead or p.salary_none(role=role.title)
    wages = knowledge.wages(role, area)
    place = knowledge.area(area)
    source = _source(knowledge, role, releases(knowledge, p)["oews"], p)
    if wages is None or place is None:
        where = _area_label(place, p) if place is not None else p.for_that_area
        return " ".join(filter(None, (lead, p.no_wages(role=role.title, where=where))))
    hourly = _hourly_only(wages, knowledge)
    unit = _unit(p, hourly)
    asked = ENTRY_LEVEL if entry_level else tuple(n for n in PERCENTILES if n in percentiles)
    values = dict(wages.hourly if hourly else wages.annual)
    if asked:
        spread = ", ".join(f"{_ordinal(n, p)} {dollars(values.get(n), knowledge, p, hourly)}" for n in asked)
        body = p.entry_level(spread=f"{spread} {unit}") if entry_level else f"{spread} {unit}"
    else:
        mean = wages.hourly_mean if hourly else wages.annual_mean
        others = ", ".join(f"{_ordinal(n, p)} {dollars(values.get(n), knowledge, p, hourly)}" for n in PERCENTILES if n != 50)
        body = p.mean_median(
            mean=dollars(mean, knowledge, p, hourly), unit=unit, median=dollars(values.get(50), knowledge, p, hourly),
            others=others,
        )
    text = p.wages(role=role.title, where=_area_label(place, p), source=source, body=body)
    text = f"{text} {p.hourly_only}" if hourly else text
    return f"{lead} {text}" if lead else text


def _page_figure(role: Role, phrases: Phrases) -> str:
    if role.kind == "onet" or role.salary is None:
        return ""
    return phrases.page_salary(average=f"${role.salary.average:,}", role=role.title)


def best_paying_text(knowledge: KnowledgeBase, role: Role, kind: str = "state", count: int = RANKED,
                     phrases: Phrases | None = None) -> str:
    """The areas of one kind (state or metro) with the highest mean wage for a role."""
    p = phrases or shipped_phrases()
    if knowledge.occupation(role) is None:
        return _no_figures(role, p)
    ranked = []
    for wages in knowledge.wages_by_kind(role, kind):
        hourly = _hourly_only(wages, knowledge)
        mean = wages.hourly_mean if hourly else wages.annual_mean
        if isinstance(mean, int):
            ranked.append((-mean, wages.area.key, wages, hourly))
    states = kind == "state"
    if not ranked:
        return (p.no_ranked_states if states else p.no_ranked_metros)(role=role.title)
    lines = [
        p.ranked_line(n=n, area=w.area.name, mean=dollars(w.hourly_mean if h else w.annual_mean, knowledge, p, h), unit=_unit(p, h))
        for n, (_, _, w, h) in enumerate(sorted(ranked)[:count], start=1)
    ]
    head = (p.best_paying_states if states else p.best_paying_metros)(
        role=role.title, source=_source(knowledge, role, releases(knowledge, p)["oews"], p)
    )
    return "\n".join([head, *lines])


def areas_side_by_side_text(knowledge: KnowledgeBase, role: Role, areas: tuple[str, ...],
                            phrases: Phrases | None = None) -> str:
    """Mean and median pay for a role in two or more areas, one line each."""
    p = phrases or shipped_phrases()
    if knowledge.occupation(role) is None:
        return _no_figures(role, p)
    lines = []
    for key in areas:
        place, wages = knowledge.area(key), knowledge.wages(role, key)
        if place is None:
            continue
        if wages is None:
            lines.append(p.area_no_figures(area=place.name))
            continue
        h = _hourly_only(wages, knowledge)
        mean = wages.hourly_mean if h else wages.annual_mean
        median = wages.hourly_at(50) if h else wages.annual_at(50)
        lines.append(p.area_line(
            area=place.name, mean=dollars(mean, knowledge, p, h), median=dollars(median, knowledge, p, h), unit=_unit(p, h)
        ))
    head = p.areas_head(role=role.title, source=_source(knowledge, role, releases(knowledge, p)["oews"], p))
    return "\n".join([head, *lines])


def _thousands(text: str | None, phrases: Phrases) -> str:
    """A count BLS publishes in thousands ("189.1") as the number it stands for ("189,100")."""
    if text is None:
        return phrases.not_published
    return f"{int(Decimal(text) * 1000):,}"


def outlook_text(knowledge: KnowledgeBase, role: Role, phrases: Phrases | None = None) -> str:
    """Openings, employment and growth over the projection decade, as BLS projects them."""
    p = phrases or shipped_phrases()
    facts = knowledge.facts(role)
    projection = facts.projection if facts is not None else None
    page = ""
    if role.kind != "onet" and role.job_openings is not None:
        page = (p.page_opening if role.job_openings == 1 else p.page_openings)(count=role.job_openings)
    if projection is None:
        if facts:
            return " ".join(filter(None, (page, p.no_projection(role=role.title))))
        return page or p.openings_none(role=role.title)
    source = _source(knowledge, role, releases(knowledge, p)["ep"], p, p.noun_projections)
    change = projection.change
    signed = f"{'+' if not change.startswith('-') else ''}{_thousands(change, p)}" if change else p.not_published
    text = p.outlook(
        role=role.title, source=source, openings=_thousands(projection.openings, p),
        now=_thousands(projection.employment_2024, p), later=_thousands(projection.employment_2034, p),
        change=signed, percent=projection.change_percent or p.not_published,
    )
    return f"{page} {text}" if page else text


def education_share_text(knowledge: KnowledgeBase, role: Role, phrases: Phrases | None = None) -> str:
    """The share of workers who say their job needs a degree, the most common level, and BLS's
    typical entry education."""
    p = phrases or shipped_phrases()
    facts = knowledge.facts(role)
    if facts is None or (facts.education is None and facts.projection is None):
        return p.education_figures_none(role=role.title)
    parts = []
    labels = releases(knowledge, p)
    e = facts.education
    if e is not None:
        parts.append(p.education_asked(
            onet=labels["onet"], share=e.degree_share, role=role.title,
            level=e.most_common.split(" - ")[0], level_share=e.most_common_share,
        ))
        if e.suppressed:
            parts.append(p.imprecise)
    if facts.projection is not None and facts.projection.education:
        parts.append(p.entry_education(ep=labels["ep"], education=facts.projection.education))
    return " ".join(parts)


def sources_text(knowledge: KnowledgeBase, phrases: Phrases | None = None) -> str:
    """Where the knowledge comes from, with O*NET's CC BY 4.0 attribution when it is used."""
    p = phrases or shipped_phrases()
    lines = [p.sources_pages]
    if knowledge.compiled is not None:
        meta = knowledge.compiled.meta
        labels = releases(knowledge, p)
        lines += [
            p.sources_wages(oews=labels["oews"]),
            p.sources_outlook(release=meta.get("ep_release", "?")),
            p.sources_onet(onet=labels["onet"], attribution=meta.get("attribution", "")),
        ]
    return "\n".join(lines)


def key_figures(knowledge: KnowledgeBase, role: Role, phrases: Phrases) -> str:
    """National mean and median pay and yearly openings, for overviews and comparisons."""
    wages = knowledge.wages(role)
    facts = knowledge.facts(role)
    parts = []
    if wages is not None:
        h = _hourly_only(wages, knowledge)
        mean, median = (wages.hourly_mean, wages.hourly_at(50)) if h else (wages.annual_mean, wages.annual_at(50))
        parts.append(phrases.key_pay(
            mean=dollars(mean, knowledge, phrases, h), median=dollars(median, knowledge, phrases, h),
            unit=_unit(phrases, h), source=releases(knowledge, phrases)["oews"],
        ))
    if facts is not None and facts.projection is not None and facts.projection.openings:
        parts.append(phrases.key_openings(
            openings=_thousands(facts.projection.openings, phrases), source=releases(knowledge, phrases)["ep"]
        ))
    return "; ".join(parts)


def answer(intent: Intent, knowledge: KnowledgeBase, role: Role, phrases: Phrases | None = None) -> str | None:
    """The national answer for an intent the public figures serve, or None (the page's own
    renderer answers). A role page without a SOC code is always answered from the page."""
    p = phrases or shipped_phrases()
    if knowledge.occupation(role) is None:
        return None
    if intent is Intent.SALARY:
        return salary_text(knowledge, role, phrases=p)
    if intent is Intent.JOB_OPENINGS:
        return outlook_text(knowledge, role, p)
    if role.kind != "onet":
        return None
    onet = releases(knowledge, p)["onet"]
    if intent is Intent.EDUCATION:
        return education_share_text(knowledge, role, p)
    if intent is Intent.RESPONSIBILITIES and role.responsibilities:
        tasks = "\n".join(f"- {task}" for task in role.responsibilities)
        return p.core_tasks(role=role.title, onet=onet, tasks=tasks)
    if intent is Intent.SKILLS and role.skills:
        return p.onet_skills(role=role.title, onet=onet, skills=", ".join(role.skills))
    if intent is Intent.OVERVIEW and role.summary:
        figures = key_figures(knowledge, role, p)
        facts = knowledge.facts(role)
        related = [r.title for r in (knowledge.get(i) for i in (facts.related if facts else ())) if r is not None]
        return (p.onet_overview(role=role.title, onet=onet, summary=role.summary)
                + (f"\n{p.key_figures(figures=figures)}" if figures else "")
                + (f"\n{p.related(onet=onet, roles=', '.join(related))}" if related else ""))
    return None
