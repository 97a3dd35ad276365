"""Rendering a turn into a Reply: one pure renderer per intent, facts from the knowledge base only.

Nothing here guesses or invents: a missing section is said to be missing. Replies are
deterministic (no random phrasing) and every one carries a few follow-up suggestions that the
matcher understands in context, so a widget can offer them as buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from . import figures
from .dialogue import Turn
from .intents import IntentData
from .knowledge import KnowledgeBase, Role, Salary
from .normalize import words
from .pay import asks_place_or_level, pay_text
from .reply import Intent, Reply

HELP_SUGGESTIONS = ("What does it pay?", "What would I do day to day?", "How do I become one?")
_ROLE_SUGGESTIONS: dict[Intent, str] = {
    Intent.SALARY: "What does it pay?",
    Intent.RESPONSIBILITIES: "What would I do day to day?",
    Intent.CAREER_PATH: "How do I become one?",
    Intent.NEXT_STEP: "What's the next step?",
    Intent.EDUCATION: "Do I need a degree?",
    Intent.SKILLS: "Which skills do I need?",
    Intent.JOB_OPENINGS: "How many openings are there?",
}
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
_CAPABILITIES = (
    "I can tell you what a role pays, what the job involves, the education and skills it needs, "
    "how many openings there are, and the steps to become one."
)


def money(amount: int, currency: str = "USD") -> str:
    """$110,000 for US dollars; other currencies by code ("EUR 52,000")."""
    return f"${amount:,}" if currency == "USD" else f"{currency} {amount:,}"


def article(title: str) -> str:
    """ "a" or "an" before a role title, by its first letter (good enough for titles)."""
    return "an" if title[:1].lower() in "aeio" else "a"


def with_article(role: Role) -> str:
    """ "an ML Engineer"; O*NET titles are plural ("Registered Nurses") and take no article."""
    return role.title if role.kind == "onet" else f"{article(role.title)} {role.title}"


def _role_suggestions(intent: Intent) -> tuple[str, ...]:
    return tuple(_ROLE_SUGGESTIONS[i] for i in _FOLLOW_UPS.get(intent, ()))


def _salary(role: Role, _: int | None) -> str:
    if role.salary is None:
        return f"I don't have salary figures for {with_article(role)}."
    salary = role.salary
    if salary.average is None:
        text = f"The salary for {with_article(role)} ranges from {pay(salary)} a year."
    else:
        text = f"The average salary for {with_article(role)} is {pay(salary)} a year."
    text += _salary_details(salary)
    return text + (f" {role.salary.note}" if role.salary.note else "")


def pay(salary: Salary) -> str:
    """The figures as the source gave them: the average, the range ("$61,000 to $75,000"), or
    the average with the range after it. The schema guarantees at least one of the two."""
    span = ""
    if salary.range is not None:
        span = f"{money(salary.range[0], salary.currency)} to {money(salary.range[1], salary.currency)}"
    if salary.average is None:
        return span
    average = money(salary.average, salary.currency)
    return f"{average} (range {span})" if span else average


def _salary_details(salary: Salary) -> str:
    """Percentiles and area figures, when a richer source than a role page provided them."""
    parts = []
    if salary.percentiles:
        spread = ", ".join(f"{p}th percentile {money(w, salary.currency)}" for p, w in salary.percentiles)
        parts.append(f" Spread: {spread}.")
    if salary.areas:
        areas = ", ".join(f"{a.area} {money(a.average, salary.currency)}" for a in salary.areas)
        parts.append(f" By area: {areas}.")
    return "".join(parts)


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _responsibilities(role: Role, _: int | None) -> str:
    if not role.responsibilities:
        return f"I don't have a list of responsibilities for {with_article(role)}."
    return f"As {with_article(role)}, your tasks may include:\n{_bullets(role.responsibilities)}"


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


def _career_path(role: Role, _: int | None) -> str:
    if not role.path:
        return f"I don't have the steps to become {with_article(role)}."
    steps = "\n".join(_step_line(role, n) for n in range(1, len(role.path) + 1))
    label = " (derived from BLS and O*NET, not a role page)" if role.kind == "onet" else ""
    return f"How to become {with_article(role)}, step by step{label}:\n{steps}"


def _next_step(role: Role, step: int | None) -> str:
    if step is None or not role.path:
        return f"I don't have the steps to become {with_article(role)}."
    total = len(role.path)
    if step > total:  # every step done
        return (
            f"You have done every step on the way to {with_article(role)}. The last one, worth keeping "
            f"up: {_step_text(role, total)}"
        )
    lead = (
        f"Your next step is the last one, step {step} of {total}," if step == total
        else f"Your next step is step {step} of {total}"
    )
    return f"{lead} on the way to {with_article(role)}: {_step_text(role, step)}"


def _education(role: Role, intents: IntentData) -> str:
    parts = []
    if role.degree_required_percent is not None:
        parts.append(
            f"{role.degree_required_percent}% of employers require a degree for {with_article(role)}."
        )
    v = intents.vocabulary
    study = next(
        (s for s in role.path if v.degree_details.intersection(words(s.detail)) or v.education_titles.intersection(words(s.title))),
        None,
    )
    if study is not None:
        parts.append(study.detail or study.title)
    return " ".join(parts) or f"I don't have education requirements for {with_article(role)}."


def _skills(role: Role, intents: IntentData) -> str:
    if role.skills:
        return f"Skills named for {with_article(role)}: {', '.join(role.skills)}."
    steps = [  # the steps about skills, for pages that name no skills as a list
        n for n, step in enumerate(role.path, start=1)
        if intents.vocabulary.skill_step_words.intersection(intents.lexicon.tokens(f"{step.title} {step.detail}"))
    ]
    none = f"I don't have a list of skills for {with_article(role)}: its page lists none."
    if not steps:
        return none
    lines = "\n".join(_step_line(role, n) for n in steps)
    return f"{none} What helps, from the steps of its path:\n{lines}"


def _job_openings(role: Role, _: int | None) -> str:
    if role.job_openings is None:
        return f"I don't have figures on openings for {with_article(role)}."
    noun = "opening" if role.job_openings == 1 else "openings"
    return f"There {'is' if role.job_openings == 1 else 'are'} {role.job_openings} job {noun} for {with_article(role)} in my data."


def _figures(role: Role) -> str:
    parts = []
    if role.salary is not None:
        noun = "salary" if role.salary.average is None else "average salary"
        parts.append(f"{noun} {pay(role.salary)}")
    if role.job_openings is not None:
        parts.append(f"{role.job_openings} job opening{'s' if role.job_openings != 1 else ''}")
    if role.degree_required_percent is not None:
        parts.append(f"{role.degree_required_percent}% of employers require a degree")
    return "; ".join(parts)


def _overview(role: Role, _: int | None) -> str:
    summary = role.summary or f"{role.title} is one of the roles I know."
    figures = _figures(role)
    return f"{role.title}: {summary}" + (f"\nKey figures: {figures}." if figures else "")


_RENDERERS: dict[Intent, Callable[[Role, int | None], str]] = {
    Intent.SALARY: _salary,
    Intent.RESPONSIBILITIES: _responsibilities,
    Intent.CAREER_PATH: _career_path,
    Intent.NEXT_STEP: _next_step,
    Intent.JOB_OPENINGS: _job_openings,
    Intent.OVERVIEW: _overview,
}

_SMALL_TALK: dict[Intent, str] = {
    Intent.GREETING: f"Hello! I'm careerbot. {_CAPABILITIES}",
    Intent.GOODBYE: "Goodbye, and good luck with your career!",
    Intent.THANKS: "You're welcome! Anything else you'd like to know?",
    Intent.HELP: f"{_CAPABILITIES} Ask in your own words, for example \"What does it pay?\" or \"How do I become one?\".",
}


#: What a visitor sees after asking to start over (the chat's /reset, Rasa's /restart).
_FORGOTTEN = "Forgotten. Which role would you like to talk about?"


def forgotten() -> Reply:
    """The reply to a reset: a fresh start, with the questions a new visitor is offered."""
    return Reply(_FORGOTTEN, Intent.GREETING, None, 1.0, None, HELP_SUGGESTIONS)


#: Role titles named in one reply; a base of thousands is listed in part.
MAX_LISTED_ROLES = 12


def _known_roles(knowledge: KnowledgeBase) -> str:
    roles = knowledge.roles
    listed = ", ".join(r.title for r in roles[:MAX_LISTED_ROLES]) or "no roles yet"
    more = len(roles) - MAX_LISTED_ROLES
    return f"{listed} and {more} more (name one to ask about it)" if more > 0 else listed


def _role_choices(knowledge: KnowledgeBase) -> tuple[str, ...]:
    return tuple(r.title for r in knowledge.roles[:4])


def _renderer(intent: Intent, intents: IntentData) -> Callable[[Role, int | None], str] | None:
    """The renderer of an intent; education and skills read word lists of the intent data."""
    if intent is Intent.EDUCATION:
        return lambda role, _: _education(role, intents)
    if intent is Intent.SKILLS:
        return lambda role, _: _skills(role, intents)
    return _RENDERERS.get(intent)


def render(turn: Turn, knowledge: KnowledgeBase, intents: IntentData) -> Reply:
    """The Reply for a turn."""
    intent = turn.intent
    roles = tuple(r for r in (knowledge.get(i) for i in turn.roles) if r is not None)
    if turn.unknown_role:
        text = (
            f"Sorry, I have no data on {turn.unknown_role}: it is not a role in my knowledge base. "
            f"I can tell you about: {_known_roles(knowledge)}."
        )
        return Reply(text, intent, None, turn.confidence, None, _role_choices(knowledge))
    if turn.uncovered is not None and roles:
        role = roles[0]
        text = (
            f"I don't have anything on {turn.uncovered} for {with_article(role)}: my knowledge covers "
            f"what it pays, what the job involves, the education and skills it needs, openings and the path."
        )
        return Reply(text, Intent.OUT_OF_SCOPE, role.id, turn.confidence, None, _role_suggestions(Intent.OVERVIEW))
    if turn.ask_role and intent is Intent.COMPARE and len(knowledge.roles) < 2:
        text = f"I can only compare roles I know, and I know just one: {_known_roles(knowledge)}."
        return Reply(text, intent, None, turn.confidence, None, HELP_SUGGESTIONS)
    if turn.ask_role and turn.choices:
        titles = tuple(r.title for r in (knowledge.get(i) for i in turn.choices) if r is not None)
        if len(titles) == 1:
            return Reply(f"Do you mean {titles[0]}?", intent, None, turn.confidence, None, ("Yes", titles[0]))
        text = f"Which role do you mean: {', '.join(titles)}?"
        return Reply(text, intent, None, turn.confidence, None, titles[:4])
    if turn.ask_role:
        return Reply(
            f"Which role do you mean? I know about: {_known_roles(knowledge)}.",
            intent, None, turn.confidence, None, _role_choices(knowledge),
        )
    if intent is Intent.COMPARE:
        lines = [f"- {r.title}: {_figures(r) or figures.key_figures(knowledge, r) or 'no figures'}" for r in roles]
        text = "Side by side:\n" + "\n".join(lines)
        return Reply(text, intent, roles[0].id, turn.confidence, None, HELP_SUGGESTIONS)
    if intent is Intent.SALARY and roles:
        paid = pay_text(turn, knowledge, roles[0])
        if paid is None and asks_place_or_level(turn):
            paid = _salary(roles[0], None) + " Its page gives no figures by area or percentile."
        if paid is not None:
            return Reply(paid, intent, roles[0].id, turn.confidence, None, _role_suggestions(intent))
    renderer = _renderer(intent, intents)
    if renderer is not None and roles:
        role = roles[0]
        suggestions = _role_suggestions(intent)
        if intent is Intent.NEXT_STEP and turn.step == len(role.path):
            suggestions = suggestions[1:]
        step = min(turn.step, len(role.path)) if turn.step is not None else None
        # Two questions in one message: both answers, in the order asked; suggestions skip both.
        # O*NET occupations (and pages naming a SOC code) answer from the public figures first.
        texts = [figures.answer(intent, knowledge, role) or renderer(role, turn.step)]
        for also in turn.also:
            render_also = _renderer(also, intents)
            if render_also is not None:
                texts.append(figures.answer(also, knowledge, role) or render_also(role, None))
        suggestions = tuple(s for s in suggestions if s not in {_ROLE_SUGGESTIONS.get(i) for i in turn.also})
        return Reply("\n\n".join(texts), intent, role.id, turn.confidence, step, suggestions)
    if intent is Intent.LIST_ROLES:
        text = f"I know about these roles: {_known_roles(knowledge)}."
        return Reply(text, intent, None, turn.confidence, None, _role_choices(knowledge))
    if intent in _SMALL_TALK:
        text = _SMALL_TALK[intent]
        if intent in (Intent.HELP, Intent.GREETING) and len(knowledge.roles) > 1:
            text += f" I know about these roles: {_known_roles(knowledge)}."
        return Reply(text, intent, None, turn.confidence, None, HELP_SUGGESTIONS)
    text = f"Sorry, that's outside what I can help with. {_CAPABILITIES}"
    return Reply(text, Intent.OUT_OF_SCOPE, None, turn.confidence, None, HELP_SUGGESTIONS)
