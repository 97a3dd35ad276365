"""Role names at real scale (bot/names.py, bot/name_tables.py) over FICTIONAL occupations of the
O*NET kind, plus the shipped compiled name index being current."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.intents import load_intents
from bot.knowledge import KnowledgeBase, Role, load_directory
from bot.name_tables import FILE_NAME, FileTable, MemoryTable, open_file
from bot.names import default_role, title_parts
from bot.paths import default_intents_dir, default_knowledge_dir
from bot.roles import RoleFinder

INTENTS = load_intents(default_intents_dir())


def onet(title: str, code: str, employment: int, *aliases: str, residual: bool = False) -> Role:
    from bot.knowledge import slugify

    return Role(id=slugify(title), title=title, aliases=aliases, soc=code, employment=employment, residual=residual, kind="onet")


# FICTIONAL occupations shaped like O*NET's (compound titles, shared alternate titles, a residual
# group, a specialty); the employment figures are invented.
ROLES = (
    onet("Lunar and Tidal Kelp Harvesters", "91-0001.00", 50_000, "Kelp Picker"),
    onet("Glacier Designers", "91-0002.00", 90_000, "Designer"),
    onet("Velvet Designers", "91-0003.00", 80_000, "Designer"),
    onet("Designers, All Other", "91-0009.00", 900_000, "Designer", residual=True),
    onet("Comet Technicians", "91-0004.00", 30_000, "Comet Tech", "CMT"),
    onet("Comet Engineers", "91-0005.00", 60_000, "Comet Specialist"),
    onet("Nebula Counselors", "91-0006.00", 40_000),
    onet("Special Nebula Counselors, Upper School", "91-0007.00", 5_000, "School Counselor"),
    onet("Upper School Counselors, Except Special Nebula", "91-0008.00", 45_000, "School Counselor"),
    onet("Opal Cutters", "91-0010.00", 200_000, "Opal Setter"),
    onet("Opal Cutters, Marine", "91-0010.01", 200_000),
)
PAGE = Role(id="software-engineer-machine-learning", title="Software Engineer Machine Learning", aliases=("ML engineer",))


@pytest.fixture(scope="module")
def finder() -> RoleFinder:
    return RoleFinder(KnowledgeBase(tuple(sorted((*ROLES, PAGE), key=lambda r: r.id))), INTENTS.lexicon,
                      INTENTS.lexicon.not_in_role_names, INTENTS.names)


def find(finder: RoleFinder, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from bot.normalize import words

    tokens, surfaces = INTENTS.lexicon.analyse(words(text))
    stems = INTENTS.lexicon.analyse(words(text), canonical=False)[0]
    mention = finder.find(tokens, surfaces, stems)
    return mention.roles, mention.candidates


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("Heavy and Tractor-Trailer Truck Drivers", {"Heavy Truck Drivers", "Truck Drivers", "Tractor-Trailer Truck Drivers"}),
        ("Claims Adjusters, Examiners, and Investigators", {"Claims Adjusters", "Claims Examiners", "Claims Investigators"}),
        ("Opticians, Dispensing", {"Opticians", "Dispensing Opticians"}),
        ("Dispatchers, Except Police, Fire, and Ambulance", {"Dispatchers"}),
        ("Helpers--Electricians", {"Electricians Helpers"}),
        ("Roustabouts, Oil and Gas", {"Roustabouts"}),
    ],
)
def test_titles_split_into_the_names_they_hold(title: str, parts: set[str]) -> None:
    assert parts <= set(title_parts(title))


def test_residual_and_except_wording_is_no_name() -> None:
    assert not any("Other" in p or "Except" in p for p in title_parts("Sales Workers, All Other"))
    assert not any("Except" in p or "Ambulance" in p for p in title_parts("Dispatchers, Except Police, Fire, and Ambulance"))


def test_a_part_of_a_compound_title_names_it(finder: RoleFinder) -> None:
    assert find(finder, "how much does a tidal kelp harvester make")[0] == ("lunar-and-tidal-kelp-harvesters",)
    assert find(finder, "kelp harvesters salary")[0] == ("lunar-and-tidal-kelp-harvesters",)


def test_a_generic_word_asks_which_likeliest_first_never_all_other(finder: RoleFinder) -> None:
    roles, candidates = find(finder, "how much does a designer make")
    assert roles == ()
    assert candidates == ("glacier-designers", "velvet-designers")


def test_tech_reads_as_technician_and_short_titles_name_their_role(finder: RoleFinder) -> None:
    assert find(finder, "comet tech salary")[0] == ("comet-technicians",)
    assert find(finder, "what does a CMT do")[0] == ("comet-technicians",)


def test_the_school_variant_is_not_the_special_one(finder: RoleFinder) -> None:
    assert find(finder, "school counselor salary")[0] == ("upper-school-counselors-except-special-nebula",)


def test_a_specialty_gives_way_to_its_broad_occupation(finder: RoleFinder) -> None:
    assert find(finder, "opal cutter pay")[0] == ("opal-cutters",)


def test_the_page_keeps_its_own_names(finder: RoleFinder) -> None:
    assert find(finder, "ML engineer salary")[0] == (PAGE.id,)


def test_a_qualified_word_no_name_fits_is_a_role_the_base_lacks(finder: RoleFinder) -> None:
    from bot.normalize import words

    text = "how much does a quantum designer make"
    mention = finder.find(*INTENTS.lexicon.analyse(words(text)), INTENTS.lexicon.analyse(words(text), canonical=False)[0])
    assert not mention.roles and mention.unknown_positions


def test_the_one_page_is_the_default_role_among_occupations() -> None:
    assert default_role(KnowledgeBase((PAGE, *ROLES))) == PAGE.id
    assert default_role(KnowledgeBase(ROLES)) is None
    assert default_role(KnowledgeBase((PAGE,))) == PAGE.id


def test_the_compiled_tables_answer_as_the_memory_ones(finder: RoleFinder, tmp_path: Path) -> None:
    table = finder.names.onet_table
    assert isinstance(table, MemoryTable)
    path = tmp_path / FILE_NAME
    table.write(path, "fictional")
    first = path.read_bytes()
    table.write(path, "fictional")
    assert path.read_bytes() == first  # a rebuild gives identical bytes
    stored = open_file(path, "fictional")
    assert isinstance(stored, FileTable)
    assert open_file(path, "other") is None  # stale: ignored
    key = frozenset({"designer"})
    assert dict(stored.holders(key)) == dict(table.holders(key))
    assert stored.heads("designer") == table.heads("designer")
    assert set(stored.keys_with("kelp")) == set(table.keys_with("kelp"))


def test_the_shipped_name_index_is_current() -> None:
    """Fails when occupations.sqlite or the name vocabulary changed without scripts/build_names.py."""
    knowledge = load_directory(default_knowledge_dir())
    finder = RoleFinder(knowledge, INTENTS.lexicon, INTENTS.lexicon.not_in_role_names, INTENTS.names)
    assert isinstance(finder.names.onet_table, FileTable), "run: python scripts/build_names.py"
