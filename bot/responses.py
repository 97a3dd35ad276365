"""Rendering a turn into a Reply: one pure renderer per intent, facts from the knowledge base only.

Nothing here guesses or invents: a missing section is said to be missing. Replies are
deterministic (no random phrasing) and every one carries a few follow-up suggestions that the
matcher understands in context, so a widget can offer them as buttons. The words are
`intents/replies.yaml`'s (`Phrases`); this module chooses which to say and fills them in.
"""

from __future__ import annotations

from collections.abc import Callable

from . import figures
from .dialogue import Turn
from .intents import IntentData
from .knowledge import KnowledgeBase, Role, Salary
from .normalize import words
from .pay import asks_place_or_level, pay_text
from .phrasing import Phrases, shipped_phrases
from .reply import Intent, Reply


def help_suggestions(phrases: Phrases) -> tuple[str, ...]:
    """What a new visitor is offered: the pay, the work and the path."""
    return (phrases.ask_salary, phrases.ask_responsibilities, phrases.ask_career_path)


def _suggestion(intent: Intent, phrases: Phrases) -> str | None:
    """The follow-up question that asks for `intent`, for the role intents."""
    return {
        Intent.SALARY: phrases.ask_salary,
        Intent.RESPONSIBILITIES: phrases.ask_responsibilities,
        Intent.CAREER_PATH: phrases.ask_career_path,
        Intent.NEXT_STEP: phrases.ask_next_step,
        Intent.EDUCATION: phrases.ask_education,
        Intent.SKILLS: phrases.ask_skills,
        Intent.JOB_OPENINGS: phrases.ask_job_openings,
    }.get(intent)

#: What to offer after each intent, in order of usefulness (the asked intent itself is skipped).
_FOLLOW_UPS: dict[Intent, tuple[Intent, ...]] = {
    Intent.SALARY: (Intent.RESPONSIBILITIES, Intent.CAREER_PATH, Intent.JOB_OPENINGS),
    Intent.RESPONSIBILITIES: (Intent.SKILLS, Intent.SALARY, Intent.CAREER_PATH),
    Intent.CAREER_PATH: (Intent.NEXT_STEP, Intent.EDUCATION, Intent.SKILLS),
    Intent.NEXT_STEP: (Intent.NEXT_STEP, Intent.SKILLS, Intent.SALARY),
    Intent.EDUCATION: (Intent.SKILLS, Intent.CAREER_PATH, Intent.SALARY),
    Intent.SKILLS: (Intent.CAREER_PATH, Intent.EDUCATION, Intent.RESPONSIBILITIES),
    Intent.JOB_OPENINGS: (Intent.SALARY, Intent.CAREER_PATH, Intent.RESPONSIBILITIES),
    Intent.OVERVIEW: (Intent.RESPONSIBILITIES, Intent.CAREER_PATH, Intent.SKILLS),
}


def money(amount: int, currency: str = "USD") -> str:
    """$110,000 for US dollars; other currencies by code ("EUR 52,000")."""
    return f"${amount:,}" if currency == "USD" else f"{currency} {amount:,}"


def article(title: str, phrases: Phrases | None = None) -> str:
    """ "a" or "an" before a role title, by its first letter (good enough for titles)."""
    p = phrases or shipped_phrases()
    return p.article_before_vowel if title[:1].lower() in p.vowel_letters else p.article


def with_article(role: Role, phrases: Phrases) -> str:
    """ "an ML Engineer"; O*NET titles are plural ("Registered Nurses") and take no article."""
    return role.title if role.kind == "onet" else f"{article(role.title, phrases)} {role.title}"


def _role_suggestions(intent: Intent, phrases: Phrases) -> tuple[str, ...]:
    return tuple(s for s in (_suggestion(i, phrases) for i in _FOLLOW_UPS.get(intent, ())) if s is not None)


def _salary(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    if role.salary is None:
        return p.salary_none(role=with_article(role, p))
    salary = role.salary
    said = p.salary_range if salary.average is None else p.salary_average
    parts = [said(role=with_article(role, p), pay=pay(salary, p)), *_salary_details(salary, p)]
    return " ".join(parts + ([salary.note] if salary.note else []))


def pay(salary: Salary, phrases: Phrases) -> str:
    """The figures as the source gave them: the average, the range ("$61,000 to $75,000"), or
    the average with the range after it. The schema guarantees at least one of the two."""
    span = ""
    if salary.range is not None:
        span = phrases.pay_span(low=money(salary.range[0], salary.currency), high=money(salary.range[1], salary.currency))
    if salary.average is None:
        return span
    average = money(salary.average, salary.currency)
    return phrases.pay_with_range(average=average, span=span) if span else average


def _salary_details(salary: Salary, phrases: Phrases) -> list[str]:
    """Percentiles and area figures, when a richer source than a role page provided them."""
    parts = []
    if salary.percentiles:
        spread = ", ".join(f"{phrases.percentile(p=p)} {money(w, salary.currency)}" for p, w in salary.percentiles)
        parts.append(phrases.spread(spread=spread))
    if salary.areas:
        areas = ", ".join(f"{a.area} {money(a.average, salary.currency)}" for a in salary.areas)
        parts.append(phrases.by_area(areas=areas))
    return parts


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _responsibilities(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    if not role.responsibilities:
        return p.responsibilities_none(role=with_article(role, p))
    return p.responsibilities(role=with_article(role, p), tasks=_bullets(role.responsibilities))


def _step_text(role: Role, number: int) -> str:
    """A step as "Title: detail", or just the detail when the title is its own opening words
    (pages without bold titles)."""
    step = role.path[number - 1]
    if not step.detail:
        return step.title
    if step.detail.lower().startswith(step.title.lower()):
        return step.detail
    return f"{step.title}: {step.detail}"


def _step_line(role: Role, number: int) -> str:
    return f"{number}. {_step_text(role, number)}"


def _career_path(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    if not role.path:
        return p.path_none(role=with_article(role, p))
    steps = "\n".join(_step_line(role, n) for n in range(1, len(role.path) + 1))
    said = p.career_path_derived if role.kind == "onet" else p.career_path
    return said(role=with_article(role, p), steps=steps)


def _next_step(role: Role, step: int | None, intents: IntentData) -> str:
    p = intents.phrases
    if step is None or not role.path:
        return p.path_none(role=with_article(role, p))
    total = len(role.path)
    if step > total:  # every step done
        return p.path_done(role=with_article(role, p), step=_step_text(role, total))
    said = p.next_step_last if step == total else p.next_step
    return said(step=step, total=total, role=with_article(role, p), text=_step_text(role, step))


def _education(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    parts = []
    if role.degree_required_percent is not None:
        parts.append(p.degree_share(percent=role.degree_required_percent, role=with_article(role, p)))
    v = intents.vocabulary
    study = next(
        (s for s in role.path if v.degree_details.intersection(words(s.detail)) or v.education_titles.intersection(words(s.title))),
        None,
    )
    if study is not None:
        parts.append(study.detail or study.title)
    return " ".join(parts) or p.education_none(role=with_article(role, p))


def _skills(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    if role.skills:
        return p.skills(role=with_article(role, p), skills=", ".join(role.skills))
    steps = [  # the steps about skills, for pages that name no skills as a list
        n for n, step in enumerate(role.path, start=1)
        if intents.vocabulary.skill_step_words.intersection(intents.lexicon.tokens(f"{step.title} {step.detail}"))
    ]
    none = p.skills_none(role=with_article(role, p))
    if not steps:
        return none
    lines = "\n".join(_step_line(role, n) for n in steps)
    return f"{none} {p.skills_from_path(steps=lines)}"


def _job_openings(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    if role.job_openings is None:
        return p.openings_none(role=with_article(role, p))
    said = p.openings_one if role.job_openings == 1 else p.openings
    return said(count=role.job_openings, role=with_article(role, p))


def _figures(role: Role, phrases: Phrases) -> str:
    parts = []
    if role.salary is not None:
        said = phrases.figure_salary if role.salary.average is None else phrases.figure_average_salary
        parts.append(said(pay=pay(role.salary, phrases)))
    if role.job_openings is not None:
        said = phrases.figure_opening if role.job_openings == 1 else phrases.figure_openings
        parts.append(said(count=role.job_openings))
    if role.degree_required_percent is not None:
        parts.append(phrases.figure_degree(percent=role.degree_required_percent))
    return "; ".join(parts)


def _overview(role: Role, _: int | None, intents: IntentData) -> str:
    p = intents.phrases
    summary = role.summary or p.summary_none(role=role.title)
    figures = _figures(role, p)
    return f"{role.title}: {summary}" + (f"\n{p.key_figures(figures=figures)}" if figures else "")


_RENDERERS: dict[Intent, Callable[[Role, int | None, IntentData], str]] = {
    Intent.SALARY: _salary,
    Intent.RESPONSIBILITIES: _responsibilities,
    Intent.CAREER_PATH: _career_path,
    Intent.NEXT_STEP: _next_step,
    Intent.EDUCATION: _education,
    Intent.SKILLS: _skills,
    Intent.JOB_OPENINGS: _job_openings,
    Intent.OVERVIEW: _overview,
}


def _small_talk(intent: Intent, phrases: Phrases) -> str | None:
    """The answer to a greeting, goodbye, thanks or a request for help."""
    if intent is Intent.GREETING:
        return phrases.greeting(capabilities=phrases.capabilities)
    if intent is Intent.HELP:
        return phrases.help(capabilities=phrases.capabilities)
    return {Intent.GOODBYE: phrases.goodbye, Intent.THANKS: phrases.thanks}.get(intent)


def forgotten(phrases: Phrases) -> Reply:
    """The reply to a reset (the chat's /reset, Rasa's /restart): a fresh start, with the
    questions a new visitor is offered."""
    return Reply(phrases.forgotten, Intent.GREETING, None, 1.0, None, help_suggestions(phrases))


#: Role titles named in one reply; a base of thousands is listed in part.
MAX_LISTED_ROLES = 12


def _known_roles(knowledge: KnowledgeBase, phrases: Phrases) -> str:
    roles = knowledge.roles
    listed = ", ".join(r.title for r in roles[:MAX_LISTED_ROLES]) or phrases.no_roles
    more = len(roles) - MAX_LISTED_ROLES
    return phrases.roles_and_more(roles=listed, more=more) if more > 0 else listed


def _role_choices(knowledge: KnowledgeBase) -> tuple[str, ...]:
    return tuple(r.title for r in knowledge.roles[:4])


def render(turn: Turn, knowledge: KnowledgeBase, intents: IntentData) -> Reply:
    """The Reply for a turn."""
    intent = turn.intent
    p = intents.phrases
    help_offers = help_suggestions(p)
    roles = tuple(r for r in (knowledge.get(i) for i in turn.roles) if r is not None)
    if turn.unknown_role:
        text = p.unknown_role(name=turn.unknown_role, roles=_known_roles(knowledge, p))
        return Reply(text, intent, None, turn.confidence, None, _role_choices(knowledge))
    if turn.uncovered is not None and roles:
        role = roles[0]
        text = p.uncovered(topic=turn.uncovered, role=with_article(role, p))
        return Reply(text, Intent.OUT_OF_SCOPE, role.id, turn.confidence, None, _role_suggestions(Intent.OVERVIEW, p))
    if turn.ask_role and intent is Intent.COMPARE and len(knowledge.roles) < 2:
        text = p.compare_needs_two(roles=_known_roles(knowledge, p))
        return Reply(text, intent, None, turn.confidence, None, help_offers)
    if turn.ask_role and turn.choices:
        titles = tuple(r.title for r in (knowledge.get(i) for i in turn.choices) if r is not None)
        if len(titles) == 1:
            return Reply(p.do_you_mean(role=titles[0]), intent, None, turn.confidence, None, (p.answer_yes, titles[0]))
        text = p.which_of(roles=", ".join(titles))
        return Reply(text, intent, None, turn.confidence, None, titles[:4])
    if turn.ask_role:
        return Reply(
            p.which_role(roles=_known_roles(knowledge, p)),
            intent, None, turn.confidence, None, _role_choices(knowledge),
        )
    if intent is Intent.COMPARE:
        lines = [
            f"- {r.title}: {_figures(r, p) or figures.key_figures(knowledge, r, p) or p.no_figures}" for r in roles
        ]
        text = "\n".join([p.side_by_side, *lines])
        return Reply(text, intent, roles[0].id, turn.confidence, None, help_offers)
    if intent is Intent.SALARY and roles:
        paid = pay_text(turn, knowledge, roles[0], p)
        if paid is None and asks_place_or_level(turn):
            paid = f"{_salary(roles[0], None, intents)} {p.no_page_area_figures}"
        if paid is not None:
            return Reply(paid, intent, roles[0].id, turn.confidence, None, _role_suggestions(intent, p))
    renderer = _RENDERERS.get(intent)
    if renderer is not None and roles:
        role = roles[0]
        suggestions = _role_suggestions(intent, p)
        if intent is Intent.NEXT_STEP and turn.step == len(role.path):
            suggestions = suggestions[1:]
        step = min(turn.step, len(role.path)) if turn.step is not None else None
        # Two questions in one message: both answers, in the order asked; suggestions skip both.
        # O*NET occupations (and pages naming a SOC code) answer from the public figures first.
        texts = [figures.answer(intent, knowledge, role, p) or renderer(role, turn.step, intents)]
        for also in turn.also:
            render_also = _RENDERERS.get(also)
            if render_also is not None:
                texts.append(figures.answer(also, knowledge, role, p) or render_also(role, None, intents))
        asked_too = {_suggestion(i, p) for i in turn.also}
        suggestions = tuple(s for s in suggestions if s not in asked_too)
        return Reply("\n\n".join(texts), intent, role.id, turn.confidence, step, suggestions)
    if intent is Intent.LIST_ROLES:
        text = p.known_roles(roles=_known_roles(knowledge, p))
        return Reply(text, intent, None, turn.confidence, None, _role_choices(knowledge))
    small_talk = _small_talk(intent, p)
    if small_talk is not None:
        if intent in (Intent.HELP, Intent.GREETING) and len(knowledge.roles) > 1:
            small_talk += f" {p.known_roles(roles=_known_roles(knowledge, p))}"
        return Reply(small_talk, intent, None, turn.confidence, None, help_offers)
    text = p.out_of_scope(capabilities=p.capabilities)
    return Reply(text, Intent.OUT_OF_SCOPE, None, turn.confidence, None, help_offers)
