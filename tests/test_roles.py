"""Role resolution by title parts (bot/roles.py): a part of a long title that only one role of
the base holds names that role; a word several titles share names those roles only; and a lone
role's title parts name nothing, so a real occupation it contains stays another occupation."""

from __future__ import annotations

import pytest

from bot.intents import load_intents
from bot.knowledge import load_directory
from bot.matcher import Matcher
from bot.roles import MAX_PART_QUALIFIERS, _title_parts

from conftest import FIXTURES, ROOT, SEED_KNOWLEDGE

FROST = "orchard-frost-guard"
NIGHT = "museum-night-guard"
LIGHTING = "puppet-theatre-lighting-technician"
LAMPS = "museum-night-lamplighter"


@pytest.fixture(scope="module")
def bases() -> dict[str, Matcher]:
    """The guards base and the one-role seed base, read with the shipped intents."""
    intents = load_intents(ROOT / "intents")
    return {name: Matcher(load_directory(path), intents) for name, path in (
        ("guards", FIXTURES / "fictional_knowledge_k"), ("seed", SEED_KNOWLEDGE),
    )}


@pytest.fixture(scope="module")
def guards(bases: dict[str, Matcher]) -> Matcher:
    return bases["guards"]


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("what do frost guards earn", FROST),
        ("the orchard guard salary", FROST),  # not next to each other in the title
        ("is a night guard job hard", NIGHT),  # "night" and "guard" are each in another title, not both
        ("museum guard openings", NIGHT),
        ("theatre lighting technician pay", LIGHTING),  # a generic head ("technician") with its qualifiers
        ("how do I become a puppet technician", LIGHTING),
    ],
)
def test_a_part_only_one_title_holds_names_that_role(guards: Matcher, question: str, role: str) -> None:
    assert guards.match(question).roles == (role,)


def test_a_head_word_with_a_workers_ending_names_its_role_alone(guards: Matcher) -> None:
    """"lamplighter" is in no everyday list of occupations; its ending says it is a worker."""
    assert guards.match("what does a lamplighter do all night").roles == (LAMPS,)
    assert guards.match("what does the museum night staff do").roles != (LAMPS,)


def test_a_head_word_two_titles_share_offers_those_two_only(guards: Matcher) -> None:
    match = guards.match("how much does a guard make")
    assert match.roles == () and set(match.candidates) == {FROST, NIGHT}


def test_the_roles_offered_come_likeliest_first(guards: Matcher) -> None:
    """A word of one title elsewhere in the question puts that role first, before id order."""
    match = guards.match("I help out on an orchard at weekends, what do guards earn?")
    assert match.roles == () and match.candidates == (FROST, NIGHT)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("how much does a lighting designer make", LIGHTING),  # another occupation word
        ("what does a hospital night guard earn", NIGHT),  # another qualifier before the part
    ],
)
def test_a_part_with_other_words_is_another_role(guards: Matcher, question: str, role: str) -> None:
    match = guards.match(question)
    assert role not in match.roles and match.unknown_role is not None


@pytest.mark.parametrize("question", ["software engineer salary", "what does a learning engineer do"])
def test_a_lone_role_has_no_title_parts(bases: dict[str, Matcher], question: str) -> None:
    """With one role there is nothing to set it apart from: the part is another occupation."""
    match = bases["seed"].match(question)
    assert match.roles == ()


def test_one_word_of_a_part_is_not_the_part(tmp_path) -> None:
    """In a bigger base a rare word weighs more, but "frost" alone still only offers the role."""
    source = FIXTURES / "fictional_knowledge_k"
    for path in source.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    night = (source / f"{NIGHT}.yaml").read_text(encoding="utf-8")
    for title in ("Harbour Fog Guard", "Castle Gate Guard", "Bakery Oven Technician"):
        slug = title.lower().replace(" ", "-")
        text = night.replace(NIGHT, slug).replace("Museum Night Guard", title)
        (tmp_path / f"{slug}.yaml").write_text(text, encoding="utf-8")
    match = Matcher(load_directory(tmp_path), load_intents(ROOT / "intents")).match("frost salary")
    assert match.roles == () and match.candidates == (FROST,)


def test_a_long_title_adds_parts_of_a_few_words_only() -> None:
    """A part is the head with at most MAX_PART_QUALIFIERS of the words before it, and in no
    other role's names: here every part without "ferry" is in the other role's."""
    title = ("grand", "old", "river", "ferry", "night", "deck", "lamp", "guard")
    other = frozenset({"grand", "old", "river", "night", "deck", "lamp", "guard", "patrol"})
    parts = _title_parts(title, [other])
    assert parts and all("guard" in p and "ferry" in p and len(p) <= MAX_PART_QUALIFIERS + 1 for p in parts)
    assert frozenset({"river", "ferry", "guard"}) in parts
