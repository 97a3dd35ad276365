"""The knowledge loader: good files load to equal values, each kind of broken file gives one line
naming file, line and field, and `careerbot check` turns that into exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.knowledge import (
    AreaSalary,
    KnowledgeError,
    Step,
    load_directory,
    load_role_file,
    parse_role,
    slugify,
)

from conftest import FICTIONAL_KNOWLEDGE, SEED_KNOWLEDGE, SHIPPED_KNOWLEDGE

#: A small valid role file; the broken cases below change one line and know its number.
MINIMAL = """\
# Fictional role for loader tests.
id: test-pilot
title: Test Pilot
salary:
  average: 50000
job_openings: 3
degree_required_percent: 40
path:
- title: Fly
  detail: Fly a lot.
"""


def write(directory: Path, text: str, name: str = "test-pilot.yaml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_role_loads_with_absent_sections_empty() -> None:
    role = parse_role(MINIMAL, "x.yaml")
    assert (role.id, role.title, role.job_openings, role.degree_required_percent) == ("test-pilot", "Test Pilot", 3, 40)
    assert role.salary is not None and (role.salary.average, role.salary.currency, role.salary.note) == (50000, "USD", "")
    assert role.path == (Step("Fly", "Fly a lot."),)
    assert (role.aliases, role.responsibilities, role.skills, role.summary, role.source) == ((), (), (), "", None)


def test_only_id_and_title_are_required() -> None:
    role = parse_role("id: test-pilot\ntitle: Test Pilot\n", "x.yaml")
    assert role.salary is None and role.job_openings is None and role.path == ()


def test_salary_percentiles_and_areas_load_sorted() -> None:
    text = MINIMAL.replace(
        "  average: 50000\n",
        "  average: 50000\n  percentiles: {90: 80000, 10: 30000, 50: 49000}\n"
        "  areas:\n  - {area: Oregon, average: 52000}\n  - {area: Ohio, average: 47000}\n",
    )
    salary = parse_role(text, "x.yaml").salary
    assert salary is not None
    assert salary.percentiles == ((10, 30000), (50, 49000), (90, 80000))
    assert salary.areas == (AreaSalary("Oregon", 52000), AreaSalary("Ohio", 47000))


BROKEN = [
    # (what is wrong, old text, new text, line, expected message after "file:line: ")
    ("wrong type", "average: 50000", "average: lots", 5, "salary.average must be a whole number"),
    ("fraction", "average: 50000", "average: 50000.5", 5, "salary.average must be a whole number"),
    ("negative", "job_openings: 3", "job_openings: -3", 6, "job_openings must not be negative"),
    ("percent", "degree_required_percent: 40", "degree_required_percent: 140", 7, "degree_required_percent must be between 0 and 100"),
    ("misspelt nested key", "  average: 50000", "  avg: 50000", 5, "salary needs an average or a range"),
    ("id not slug", "id: test-pilot", "id: pilot", 2, "id must be the slug of the title, 'test-pilot'"),
    ("missing title", "title: Test Pilot\n", "", 2, "title is required"),
    ("missing id", "id: test-pilot\n", "", 2, "id is required"),
    ("empty path", "path:\n- title: Fly\n  detail: Fly a lot.\n", "path: []\n", 8, "path must list at least one step"),
    ("blank path", "- title: Fly\n  detail: Fly a lot.\n", "", 8, "path must be a list, not empty"),
    ("path not a list", "- title: Fly\n  detail: Fly a lot.\n", "  title: Fly\n", 9, "path must be a list, not a mapping"),
    ("step without title", "- title: Fly", "- name: Fly", 9, "path[0].title is required"),
    ("number as text", "- title: Fly", "- title: 12", 9, "path[0].title must be text"),
    ("duplicate key", "job_openings: 3\n", "job_openings: 3\njob_openings: 4\n", 7, "job_openings is given twice"),
    ("unsafe tag", "title: Test Pilot", "title: !!python/name:os.system", 3, "title cannot be read"),
    ("empty text", "title: Test Pilot", "title: ''", 3, "title must not be empty"),
    ("bad currency", "  average: 50000", "  average: 50000\n  currency: dollars", 6, "salary.currency must be a 3-letter code"),
    ("bad percentile", "  average: 50000", "  average: 50000\n  percentiles: {150: 1}", 6, "salary.percentiles.150 must be a percentile"),
    ("area without average", "  average: 50000", "  average: 50000\n  areas: [{area: Ohio}]", 6, "salary.areas[0].average is required"),
    ("syntax error", "title: Test Pilot", "title: [Test Pilot", 4, "YAML syntax error"),
]


@pytest.mark.parametrize(("kind", "old", "new", "line", "message"), BROKEN, ids=[case[0] for case in BROKEN])
def test_each_broken_kind_gives_one_line_with_file_line_and_field(
    tmp_path: Path, kind: str, old: str, new: str, line: int, message: str
) -> None:
    assert old in MINIMAL, kind
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(KnowledgeError) as caught:
        load_role_file(path)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", ":1: the file is empty"),
        (b"- a\n- b\n", ":1: the file must be a mapping"),
        (b"id: x\n\xff\n", ":2: the file is not UTF-8"),
        (b"id: x\ntitle: \x07\n", ":2: YAML error: character 0x7 is not allowed"),
        (b"id: x\n---\nid: y\n", ":2: YAML syntax error: expected a single document"),
    ],
    ids=["empty", "list", "not utf-8", "control character", "two documents"],
)
def test_unusable_file_contents(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "role.yaml"
    path.write_bytes(content)
    with pytest.raises(KnowledgeError, match=message):
        load_role_file(path)


def test_a_bom_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "role.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_role_file(path).id == "test-pilot"


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    first = write(tmp_path, MINIMAL, "a.yaml")
    second = write(tmp_path, MINIMAL, "b.yaml")
    with pytest.raises(KnowledgeError) as caught:
        load_directory(tmp_path)
    assert str(caught.value) == f"{second}:2: id 'test-pilot' is already used by {first}"


def test_missing_empty_and_file_directories_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not a knowledge directory"):
        load_directory(tmp_path / "nowhere")
    with pytest.raises(KnowledgeError, match="no role files"):
        load_directory(tmp_path)
    with pytest.raises(KnowledgeError, match="not a knowledge directory"):
        load_directory(write(tmp_path, MINIMAL))


def test_directory_lists_roles_in_id_order(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL.replace("test-pilot", "zeppelin-pilot").replace("Test Pilot", "Zeppelin Pilot"), "z.yaml")
    write(tmp_path, MINIMAL, "t.yaml")
    base = load_directory(tmp_path)
    assert base.ids == ("test-pilot", "zeppelin-pilot")
    assert base.get("zeppelin-pilot") is base.roles[1] and base.get("nobody") is None


def test_seed_knowledge_holds_the_seed_role_only() -> None:
    base = load_directory(SEED_KNOWLEDGE)
    assert base.ids == ("software-engineer-machine-learning",)
    role = base.roles[0]
    assert role.salary is not None and role.salary.average == 110000
    assert (role.job_openings, role.degree_required_percent, len(role.path), len(role.responsibilities)) == (1, 100, 6, 6)
    assert "ML Engineer" in role.aliases
    assert role.source is not None and role.source.page == "000_1b9511b4ffaf5428.txt"


@pytest.mark.parametrize("directory", [SHIPPED_KNOWLEDGE, FICTIONAL_KNOWLEDGE], ids=["shipped", "fictional"])
def test_every_file_is_named_after_its_role_id(directory: Path) -> None:
    for path in sorted(directory.glob("*.yaml")):
        role = load_role_file(path)
        assert path.name == f"{role.id}.yaml"
        assert path.read_text(encoding="utf-8").startswith("# "), "each YAML file opens with a comment"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Software Engineer Machine Learning", "software-engineer-machine-learning"),
        ("UX Designer", "ux-designer"),
        ("  Front-End   Developer (Senior) ", "front-end-developer-senior"),
        ("C++ Developer", "c-developer"),
        ("Ingénieur Données", "ingénieur-données"),
        ("!!!", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text_raises_only_knowledge_error(text: str) -> None:
    try:
        parse_role(text, "random.yaml")
    except KnowledgeError as error:
        assert "\n" not in str(error) and str(error).startswith("random.yaml")


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 200_000), st.floats(allow_nan=False), st.text(max_size=12))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
_role_keys = st.sampled_from(["id", "title", "aliases", "summary", "salary", "job_openings", "degree_required_percent", "responsibilities", "path", "skills", "source", "other"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_role_keys, _values, max_size=6))
def test_random_role_shapes_raise_only_knowledge_error(data: dict[str, object]) -> None:
    data = {"id": "test-pilot", "title": "Test Pilot", **data}
    try:
        parse_role(yaml.safe_dump(data), "shape.yaml")
    except KnowledgeError as error:
        assert "\n" not in str(error) and str(error).startswith("shape.yaml:")


def test_check_command_ok_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FICTIONAL_KNOWLEDGE)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "3 role(s) OK" in out and "data-engineer" in out


def test_check_command_defaults_to_knowledge_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--knowledge", str(SEED_KNOWLEDGE), "check"]) == 0
    assert "software-engineer-machine-learning" in capsys.readouterr().out


def test_check_command_bad_directory_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, MINIMAL.replace("job_openings: 3", "job_openings: -3"))
    assert main(["check", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"careerbot: {path}:6: job_openings must not be negative (got -3)\n"


def test_check_command_missing_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "not a knowledge directory" in capsys.readouterr().err


def test_a_salary_range_loads_and_needs_low_before_high() -> None:
    salary = parse_role(MINIMAL.replace("  average: 50000\n", "  range: [41000, 62000]\n"), "x.yaml").salary
    assert salary is not None and (salary.average, salary.range) == (None, (41000, 62000))
    both = parse_role(MINIMAL.replace("  average: 50000\n", "  average: 50000\n  range: [41000, 62000]\n"), "x.yaml").salary
    assert both is not None and (both.average, both.range) == (50000, (41000, 62000))


@pytest.mark.parametrize(
    ("new", "line", "message"),
    [
        ("  range: [62000, 41000]\n", 5, "salary.range must be [low, high] with low below high"),
        ("  range: [41000]\n", 5, "salary.range must be [low, high]"),
        ("  range: [41000, lots]\n", 5, "salary.range[1] must be a whole number"),
        ("  currency: USD\n", 5, "salary needs an average or a range"),
    ],
)
def test_broken_salary_ranges(new: str, line: int, message: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_role(MINIMAL.replace("  average: 50000\n", new), "x.yaml")
    assert str(caught.value).startswith(f"x.yaml:{line}: {message}"), str(caught.value)


def test_yml_files_are_read_too(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL, "test-pilot.yml")
    assert load_directory(tmp_path).ids == ("test-pilot",)


def test_keys_added_by_hand_are_kept_with_a_warning_that_check_shows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, MINIMAL + "notes: my own notes\nreviewed_by: {name: Ann}\n")
    assert load_directory(tmp_path).ids == ("test-pilot",)
    assert main(["check", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "1 role(s) OK" in captured.out
    assert f"{path}:11: notes is not a key careerbot reads" in captured.err
    assert f"{path}:12: reviewed_by is not a key careerbot reads" in captured.err


def test_a_misspelt_key_is_named_with_the_key_it_resembles(tmp_path: Path) -> None:
    warnings: list[str] = []
    parse_role(MINIMAL.replace("job_openings: 3", "job_opening: 3"), "x.yaml", warnings)
    assert warnings == ["x.yaml:6: job_opening is not a key careerbot reads (did you mean job_openings?); kept, but not used"]


def test_a_hand_added_key_must_still_be_safe_yaml() -> None:
    with pytest.raises(KnowledgeError, match=r"^x.yaml:11: notes cannot be read"):
        parse_role(MINIMAL + "notes: !!python/name:os.system\n", "x.yaml")


def test_check_reports_every_error_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write(tmp_path, MINIMAL.replace("job_openings: 3", "job_openings: -3").replace("degree_required_percent: 40", "degree_required_percent: 140"), "a.yaml")
    second = write(tmp_path, MINIMAL.replace("test-pilot", "kite-pilot").replace("Test Pilot", "Kite Pilot").replace("average: 50000", "average: lots"), "b.yml")
    third = write(tmp_path, "id: x\ntitle: [broken\n", "c.yaml")
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    for expected in (
        f"{first}:6: job_openings must not be negative",
        f"{first}:7: degree_required_percent must be between 0 and 100",
        f"{second}:5: salary.average must be a whole number",
        f"{third}:3: YAML syntax error",
    ):
        assert expected in err, expected
    assert err.count("\n") == 5, err  # one line per problem and a summary
    assert "4 problems" in err
