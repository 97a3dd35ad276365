"""Renderers: each states the knowledge base's facts (money formatted, bullets, a numbered path,
the next step by name), offers 2-4 suggestions, says what it does not know rather than failing
on a role with missing sections, and is deterministic."""

from __future__ import annotations

import pytest

from bot.dialogue import State, Turn
from bot.intents import load_intents
from bot.knowledge import AreaSalary, KnowledgeBase, Role, Salary, Step, load_directory
from bot.reply import ROLE_INTENTS, Intent, Reply
from bot.responses import article, money, render

from conftest import FICTIONAL_KNOWLEDGE, ROOT

INTENTS = load_intents(ROOT / "intents")

MLE = "software-engineer-machine-learning"
DATA = "data-engineer"
DEVOPS = "devops-engineer"


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    return load_directory(FICTIONAL_KNOWLEDGE)


def say(base: KnowledgeBase, intent: Intent, *roles: str, step: int | None = None, **extra: object) -> Reply:
    turn = Turn(intent=intent, confidence=0.8, state=State(), roles=roles, step=step, **extra)  # type: ignore[arg-type]
    return render(turn, base, INTENTS)


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (110000, "USD", "$110,000"),
        (101250, "USD", "$101,250"),
        (0, "USD", "$0"),
        (999, "USD", "$999"),
        (1234567, "USD", "$1,234,567"),
        (52000, "EUR", "EUR 52,000"),
    ],
)
def test_money(amount: int, currency: str, text: str) -> None:
    assert money(amount, currency) == text


@pytest.mark.parametrize(("title", "word"), [("Engineer", "an"), ("Data Engineer", "a"), ("ML Engineer", "a")])
def test_article(title: str, word: str) -> None:
    assert article(title) == word


def test_salary_states_the_figure_and_the_note(base: KnowledgeBase) -> None:
    reply = say(base, Intent.SALARY, MLE)
    assert "$110,000" in reply.text
    assert base.get(MLE).salary.note in reply.text  # type: ignore[union-attr]
    assert (reply.intent, reply.role, reply.confidence) == (Intent.SALARY, MLE, 0.8)


def test_salary_of_a_fictional_role(base: KnowledgeBase) -> None:
    assert "$101,250" in say(base, Intent.SALARY, DATA).text


def test_salary_spread_and_areas() -> None:
    role = Role(
        id="test-pilot",
        title="Test Pilot",
        salary=Salary(average=50000, percentiles=((10, 30000), (90, 80000)), areas=(AreaSalary("Nowhere", 45500),)),
    )
    text = say(KnowledgeBase((role,)), Intent.SALARY, "test-pilot").text
    assert all(figure in text for figure in ("$50,000", "$30,000", "$80,000", "Nowhere", "$45,500"))


def test_responsibilities_are_bullets(base: KnowledgeBase) -> None:
    lines = say(base, Intent.RESPONSIBILITIES, DEVOPS).text.splitlines()
    assert [f"- {duty}" for duty in base.get(DEVOPS).responsibilities] == [l for l in lines if l.startswith("- ")]  # type: ignore[union-attr]


def test_career_path_is_numbered_in_order(base: KnowledgeBase) -> None:
    lines = say(base, Intent.CAREER_PATH, DATA).text.splitlines()
    numbered = [l for l in lines if l[:1].isdigit()]
    steps = base.get(DATA).path  # type: ignore[union-attr]
    assert len(numbered) == len(steps)
    for number, (line, step) in enumerate(zip(numbered, steps), start=1):
        assert line.startswith(f"{number}. {step.title}")
        assert step.detail in line


def test_next_step_names_the_step(base: KnowledgeBase) -> None:
    reply = say(base, Intent.NEXT_STEP, MLE, step=2)
    assert "Gain Programming Skills" in reply.text
    assert "2" in reply.text and "6" in reply.text
    assert reply.step == 2


def test_last_step_says_so_and_offers_no_next(base: KnowledgeBase) -> None:
    reply = say(base, Intent.NEXT_STEP, DEVOPS, step=3)
    assert "Practise with containers and orchestration" in reply.text
    assert "last" in reply.text.lower()
    assert not any("next" in s.lower() for s in reply.suggestions)


def test_education_states_the_degree_share(base: KnowledgeBase) -> None:
    text = say(base, Intent.EDUCATION, DEVOPS).text
    assert "45%" in text


def test_skills_are_all_named(base: KnowledgeBase) -> None:
    text = say(base, Intent.SKILLS, DATA).text
    assert all(skill in text for skill in base.get(DATA).skills)  # type: ignore[union-attr]


@pytest.mark.parametrize(("role", "phrase"), [(MLE, "1 job opening "), (DATA, "12 job openings")])
def test_job_openings_count_and_plural(base: KnowledgeBase, role: str, phrase: str) -> None:
    assert phrase in say(base, Intent.JOB_OPENINGS, role).text


def test_overview_has_summary_and_figures(base: KnowledgeBase) -> None:
    text = say(base, Intent.OVERVIEW, DEVOPS).text
    assert base.get(DEVOPS).summary in text  # type: ignore[union-attr]
    assert "$97,300" in text and "7 job openings" in text and "45%" in text


def test_compare_puts_both_roles_side_by_side(base: KnowledgeBase) -> None:
    reply = say(base, Intent.COMPARE, DATA, DEVOPS)
    data_line = next(l for l in reply.text.splitlines() if "Data Engineer" in l)
    devops_line = next(l for l in reply.text.splitlines() if "DevOps Engineer" in l)
    assert "$101,250" in data_line and "$97,300" in devops_line
    assert reply.intent is Intent.COMPARE


@pytest.mark.parametrize("intent", sorted(ROLE_INTENTS))
@pytest.mark.parametrize("role", [MLE, DATA, DEVOPS])
def test_role_replies_offer_two_to_four_suggestions(base: KnowledgeBase, intent: Intent, role: str) -> None:
    steps = len(base.get(role).path)  # type: ignore[union-attr]
    for step in (1, steps) if intent is Intent.NEXT_STEP else (None,):
        reply = say(base, intent, role, step=step)
        assert 2 <= len(reply.suggestions) <= 4, (intent, step, reply.suggestions)
        assert len(set(reply.suggestions)) == len(reply.suggestions)


def test_compare_offers_two_to_four_suggestions(base: KnowledgeBase) -> None:
    assert 2 <= len(say(base, Intent.COMPARE, DATA, DEVOPS).suggestions) <= 4


BARE = Role(id="test-pilot", title="Test Pilot")


@pytest.mark.parametrize("intent", sorted(ROLE_INTENTS - {Intent.OVERVIEW}))
def test_missing_sections_are_said_to_be_missing(intent: Intent) -> None:
    reply = say(KnowledgeBase((BARE,)), intent, BARE.id, step=None)
    assert "I don't have" in reply.text
    assert reply.role == BARE.id


def test_overview_of_a_bare_role_names_it() -> None:
    reply = say(KnowledgeBase((BARE,)), Intent.OVERVIEW, BARE.id)
    assert "Test Pilot" in reply.text


def test_compare_with_a_bare_role(base: KnowledgeBase) -> None:
    knowledge = KnowledgeBase((*base.roles, BARE))
    text = say(knowledge, Intent.COMPARE, DATA, BARE.id).text
    assert "$101,250" in text and "Test Pilot" in text


def test_unknown_role_is_named_and_known_roles_listed(base: KnowledgeBase) -> None:
    reply = say(base, Intent.SALARY, unknown_role="astronaut")
    assert "astronaut" in reply.text
    assert all(role.title in reply.text for role in base.roles)
    assert "$" not in reply.text
    assert reply.role is None
    assert set(reply.suggestions) <= {role.title for role in base.roles}


def test_asking_which_role_offers_the_roles(base: KnowledgeBase) -> None:
    reply = say(base, Intent.SALARY, ask_role=True)
    assert reply.role is None and "$" not in reply.text
    assert reply.suggestions == tuple(role.title for role in base.roles)


def test_list_roles(base: KnowledgeBase) -> None:
    reply = say(base, Intent.LIST_ROLES)
    assert all(role.title in reply.text for role in base.roles)


@pytest.mark.parametrize("intent", [Intent.GREETING, Intent.GOODBYE, Intent.THANKS, Intent.HELP, Intent.OUT_OF_SCOPE])
def test_replies_without_a_role(base: KnowledgeBase, intent: Intent) -> None:
    reply = say(base, intent)
    assert (reply.intent, reply.role, reply.step) == (intent, None, None)
    assert reply.text and 2 <= len(reply.suggestions) <= 4


def test_role_intent_without_a_known_role_falls_back_to_out_of_scope(base: KnowledgeBase) -> None:
    reply = say(base, Intent.SALARY, "no-such-role")
    assert (reply.intent, reply.role) == (Intent.OUT_OF_SCOPE, None)


@pytest.mark.parametrize("intent", list(Intent))
def test_rendering_is_deterministic(base: KnowledgeBase, intent: Intent) -> None:
    roles = (DATA, DEVOPS) if intent is Intent.COMPARE else (DATA,)
    assert say(base, intent, *roles, step=2) == say(base, intent, *roles, step=2)


def test_a_role_without_skills_says_the_page_lists_none_then_what_helps() -> None:
    role = Role(
        id="kite-tester",
        title="Kite Tester",
        path=(Step("Fly kites", "Fly one every day."), Step("Learn knots", "Master the bowline and other knots.")),
    )
    text = say(KnowledgeBase((role,)), Intent.SKILLS, "kite-tester").text
    first, _, rest = text.partition("\n")
    assert "page lists none" in first and "Kite Tester" in first
    assert "Learn knots" in rest and "Fly kites" not in rest
    assert "names these skills" not in text


def test_a_role_without_skills_or_skill_steps_says_the_page_lists_none() -> None:
    role = Role(id="kite-tester", title="Kite Tester")
    text = say(KnowledgeBase((role,)), Intent.SKILLS, "kite-tester").text
    assert "page lists none" in text and "\n" not in text
