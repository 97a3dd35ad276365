"""The page importer: messy pages import to the same role, output is byte-identical on re-import,
hand-added keys survive, a bad page writes nothing, and random or truncated pages only ever
raise KnowledgeError."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.importer import import_pages
from bot.knowledge import KnowledgeError, Role, Step, load_directory, load_role_file

from conftest import FICTIONAL_KNOWLEDGE, FIXTURES, ROOT, SHIPPED_KNOWLEDGE

SEED = ROOT / "pages" / "000_1b9511b4ffaf5428.txt"
SEED_BYTES = SEED.read_bytes()
SHARED = ROOT.parent / "shared"


def import_one(directory: Path, content: bytes, name: str = "page.txt") -> Role:
    page = directory / name
    page.write_bytes(content)
    [written] = import_pages([page], directory / "out")
    return load_role_file(written)


def without_source(role: Role) -> Role:
    return dataclasses.replace(role, source=None)


@pytest.fixture(scope="module")
def seed_role(tmp_path_factory: pytest.TempPathFactory) -> Role:
    return import_one(tmp_path_factory.mktemp("seed"), SEED_BYTES)


def test_seed_page_figures_and_text(seed_role: Role) -> None:
    assert seed_role.id == "software-engineer-machine-learning"
    assert seed_role.title == "Software Engineer Machine Learning"
    assert seed_role.salary is not None
    assert (seed_role.salary.average, seed_role.salary.currency) == (110000, "USD")
    assert seed_role.salary.note == "This figure may vary depending on factors such as location, years of experience, and the company's size."
    assert (seed_role.job_openings, seed_role.degree_required_percent) == (1, 100)
    assert seed_role.summary.endswith("utilize machine learning techniques.")
    assert "Your tasks may include" not in seed_role.summary
    assert seed_role.responsibilities[0] == "Researching, designing, and implementing machine learning algorithms"
    assert len(seed_role.responsibilities) == 6
    assert [step.title for step in seed_role.path] == [
        "Education",
        "Gain Programming Skills",
        "Acquire Machine Learning Knowledge",
        "Build a Portfolio",
        "Gain Practical Experience",
        "Continuously Improve",
    ]
    assert seed_role.path[1].detail.startswith("Develop proficiency in programming languages such as Python")
    assert seed_role.skills == (
        "Python", "Java", "R", "TensorFlow", "PyTorch", "scikit-learn", "supervised learning",
        "unsupervised learning", "deep learning", "reinforcement learning", "feature extraction",
        "dimensionality reduction", "model evaluation",
    )  # fmt: skip
    assert seed_role.source is not None and seed_role.source.page == "page.txt"


def test_shipped_knowledge_is_the_import_of_the_seed_page_plus_aliases(seed_role: Role) -> None:
    shipped = load_role_file(SHIPPED_KNOWLEDGE / "software-engineer-machine-learning.yaml")
    assert shipped.source is not None and shipped.source.page == SEED.name
    assert without_source(shipped) == dataclasses.replace(without_source(seed_role), aliases=shipped.aliases)
    assert len(shipped.aliases) >= 3


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _cr(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r")


def _bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def _trailing_spaces(data: bytes) -> bytes:
    return data.replace(b"\n", b"  \t \n")


def _blank_lines(data: bytes) -> bytes:
    return b"\n\n" + data.replace(b"\n\n", b"\n\n\n\n") + b"\n\n\n"


def _comma_amount(data: bytes) -> bytes:
    return data.replace(b"$110000", b"$110,000")


def _no_blank_between_steps(data: bytes) -> bytes:
    return re.sub(rb"\n\n(?=\d\. )", b"\n", data)


def _all_at_once(data: bytes) -> bytes:
    return _bom(_crlf(_trailing_spaces(_blank_lines(_comma_amount(data)))))


LAYOUT_ONLY: list[Callable[[bytes], bytes]] = [
    _crlf, _cr, _bom, _trailing_spaces, _blank_lines, _comma_amount, _no_blank_between_steps, _all_at_once,
]  # fmt: skip


@pytest.mark.parametrize("mess", LAYOUT_ONLY, ids=[f.__name__.strip("_") for f in LAYOUT_ONLY])
def test_messy_layout_imports_to_the_same_role(tmp_path: Path, seed_role: Role, mess: Callable[[bytes], bytes]) -> None:
    messy = mess(SEED_BYTES)
    assert messy != SEED_BYTES
    assert without_source(import_one(tmp_path, messy)) == without_source(seed_role)


def test_steps_without_bold_titles_get_short_derived_titles(tmp_path: Path, seed_role: Role) -> None:
    plain = re.sub(rb"\*\*[^*]+\*\*: ", b"", SEED_BYTES)
    role = import_one(tmp_path, plain)
    assert [step.detail for step in role.path] == [step.detail for step in seed_role.path]
    assert [step.title for step in role.path] == [
        "Pursue a bachelor's degree",
        "Develop proficiency in programming languages",
        "Learn the fundamentals of machine",
        "Engage in personal projects",
        "Seek internships or entry-level positions",
        "Stay updated with the latest",
    ]


def test_fictional_page_without_bold_titles() -> None:
    role = load_role_file(FICTIONAL_KNOWLEDGE / "devops-engineer.yaml")
    assert role.path[1] == Step("Learn a scripting language", "Learn a scripting language such as Bash or Python.")
    assert role.skills == ("Linux", "networking fundamentals", "Bash", "Python", "Docker", "Kubernetes")


def _page(responsibilities: int, steps: int) -> bytes:
    bullets = "".join(f"- Duty number {n}\n" for n in range(1, responsibilities + 1))
    numbered = "\n".join(f"{n}. **Stage {n}**: Do thing {n}." for n in range(1, steps + 1))
    return (
        "# Kite Tester Average Salaries and Statistics\n\n## Overview\n- Job openings: 2\n"
        "- Average Salary: $1,234,567\n- Degree Requirement: 0% of employers require a degree\n\n"
        f"## Responsibilities\nAs a Kite Tester, you fly kites. Your tasks may include:\n\n{bullets}\n"
        f"## How to become a Kite Tester?\nSteps:\n\n{numbered}\n\nGood luck.\n"
    ).encode()


@pytest.mark.parametrize(("responsibilities", "steps"), [(1, 1), (3, 12), (25, 40)])
def test_any_number_of_steps_and_responsibilities(tmp_path: Path, responsibilities: int, steps: int) -> None:
    role = import_one(tmp_path, _page(responsibilities, steps))
    assert len(role.responsibilities) == responsibilities and len(role.path) == steps
    assert role.path[-1] == Step(f"Stage {steps}", f"Do thing {steps}.")
    assert role.salary is not None and role.salary.average == 1234567
    assert (role.degree_required_percent, role.summary, role.skills) == (0, "As a Kite Tester, you fly kites.", ())
    assert role.salary.note == ""  # the page has no "## Average Salary" section


def test_reimport_is_byte_identical(tmp_path: Path) -> None:
    pages = sorted((FIXTURES / "fictional_pages").glob("*.txt")) + [SEED]
    first = [path.read_bytes() for path in import_pages(pages, tmp_path)]
    second = [path.read_bytes() for path in import_pages(pages, tmp_path)]
    assert first == second
    assert first[0].startswith(b"# Role knowledge for careerbot: Data Engineer.\n# Generated by `careerbot import` from the page 301_data_engineer.txt")


def test_committed_fixture_base_is_current(tmp_path: Path) -> None:
    """The fixture base is regenerated whenever the importer's output changes."""
    pages = sorted((FIXTURES / "fictional_pages").glob("*.txt")) + [SEED]
    for path in import_pages(pages, tmp_path):
        committed = (FICTIONAL_KNOWLEDGE / path.name).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == re.sub(r"aliases:\n(- .*\n)+", "aliases: []\n", committed)


def test_hand_added_keys_survive_reimport(tmp_path: Path) -> None:
    page = tmp_path / "seed.txt"
    page.write_bytes(SEED_BYTES)
    [target] = import_pages([page], tmp_path)
    document = yaml.safe_load(target.read_text(encoding="utf-8"))
    document["aliases"] = ["ML Engineer", "MLE"]
    document["salary"]["percentiles"] = {10: 80000, 90: 150000}
    document["salary"]["average"] = 1  # a hand edit of an imported fact is overwritten
    target.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    import_pages([page], tmp_path)
    role = load_role_file(target)
    assert role.aliases == ("ML Engineer", "MLE")
    assert role.salary is not None and role.salary.percentiles == ((10, 80000), (90, 150000))
    assert role.salary.average == 110000
    assert target.read_text(encoding="utf-8").startswith("# Role knowledge")


@pytest.mark.parametrize(
    ("old", "new", "section"),
    [
        (b"# Software Engineer Machine Learning Average Salaries and Statistics", b"# Software Engineer", "title"),
        (b"## Overview", b"## Summary", "Overview"),
        (b"- Average Salary: $110000", b"- Pay: $110000", "Overview: no 'Average Salary' figure"),
        (b"- Job openings: 1", b"", "Overview: no 'Job openings' figure"),
        (b"## Responsibilities", b"## Duties", "Responsibilities"),
        (b"## How to become", b"## Becoming", "How to become"),
    ],
    ids=["title", "overview", "salary", "openings", "responsibilities", "path"],
)
def test_missing_section_names_file_and_section_and_writes_nothing(
    tmp_path: Path, old: bytes, new: bytes, section: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes((FIXTURES / "fictional_pages" / "301_data_engineer.txt").read_bytes())
    bad = tmp_path / "bad.txt"
    assert old in SEED_BYTES
    bad.write_bytes(SEED_BYTES.replace(old, new))
    into = tmp_path / "out"
    with pytest.raises(KnowledgeError) as caught:
        import_pages([good, bad], into)
    assert str(caught.value).startswith(f"{bad}: {section}")
    assert not into.exists()


def test_failed_import_leaves_existing_files_untouched(tmp_path: Path) -> None:
    into = tmp_path / "out"
    into.mkdir()
    existing = into / "data-engineer.yaml"
    existing.write_text("# hand-made\nid: data-engineer\ntitle: Data Engineer\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"# Nothing here\n")
    with pytest.raises(KnowledgeError):
        import_pages([FIXTURES / "fictional_pages" / "301_data_engineer.txt", bad], into)
    assert existing.read_text(encoding="utf-8") == "# hand-made\nid: data-engineer\ntitle: Data Engineer\n"
    assert sorted(p.name for p in into.iterdir()) == ["data-engineer.yaml"]


def test_broken_existing_file_is_reported_with_its_line(tmp_path: Path) -> None:
    existing = tmp_path / "software-engineer-machine-learning.yaml"
    existing.write_text("id: software-engineer-machine-learning\ntitle: Software Engineer Machine Learning\naliases: MLE\n")
    with pytest.raises(KnowledgeError, match=f"^{re.escape(str(existing))}:3: aliases must be a list"):
        import_pages([SEED], tmp_path)


def test_into_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="must be a directory"):
        import_pages([SEED], Path(SEED))


def test_two_pages_for_one_role_are_rejected(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_BYTES)
    with pytest.raises(KnowledgeError, match="also comes from"):
        import_pages([SEED, copy], tmp_path / "out")


def test_unreadable_pages_are_knowledge_errors(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot be read"):
        import_pages([tmp_path / "missing.txt"], tmp_path)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(SEED_BYTES.replace(b"Overview", b"Overvi\xe9w"))
    with pytest.raises(KnowledgeError, match="not UTF-8"):
        import_pages([latin], tmp_path)


def test_shared_seed_and_eval_pages_give_three_roles(tmp_path: Path) -> None:
    pages = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "eval" / "pages").glob("*.txt"))
    if len(pages) < 3:
        pytest.skip("the shared seed and eval pages are not present")
    import_pages(pages, tmp_path)
    base = load_directory(tmp_path)
    assert base.ids == ("cloud-architect", "software-engineer-machine-learning", "ux-designer")
    figures = {r.id: (r.salary.average if r.salary else None, r.job_openings, r.degree_required_percent) for r in base.roles}
    assert figures == {
        "software-engineer-machine-learning": (110000, 1, 100),
        "cloud-architect": (132000, 4, 70),
        "ux-designer": (79500, 9, 35),
    }
    ux = base.get("ux-designer")
    assert ux is not None
    assert ux.responsibilities == (
        "Interviewing users and analysing their needs",
        "Sketching flows, wireframes and prototypes",
        "Running usability tests",
        "Working with developers to ship the design",
    )
    assert [s.title for s in ux.path] == [
        "Learn Design Fundamentals", "Master the Tools", "Build a Case-Study Portfolio", "Get Feedback", "Apply for Junior Roles",
    ]  # fmt: skip
    cloud = base.get("cloud-architect")
    assert cloud is not None and len(cloud.responsibilities) == 4
    assert cloud.path[2] == Step("Get Certified", "Earn a cloud provider's associate and professional certifications.")


def _import_never_crashes(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        try:
            role = import_one(Path(temp), content)
        except KnowledgeError as error:
            assert "\n" not in str(error) and str(error).startswith(temp)
        else:
            assert role.path and role.responsibilities and role.salary is not None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_random_pages_raise_only_knowledge_error(content: bytes) -> None:
    _import_never_crashes(content)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(SEED_BYTES)), st.sampled_from([b"", b"\n", b"**", b"1. ", b"- ", b"$"]))
def test_truncated_seed_pages_raise_only_knowledge_error(cut: int, tail: bytes) -> None:
    _import_never_crashes(SEED_BYTES[:cut] + tail)


def test_import_command_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "kb"
    assert main(["import", str(SEED), "--into", str(into)]) == 0
    assert capsys.readouterr().out == f"wrote {into / 'software-engineer-machine-learning.yaml'}\n"
    assert main(["check", str(into)]) == 0


def test_import_command_bad_page_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SEED_BYTES.replace(b"## Responsibilities", b""))
    assert main(["import", str(bad), "--into", str(tmp_path / "kb")]) == 2
    assert capsys.readouterr().err == f"careerbot: {bad}: Responsibilities: missing section '## Responsibilities'\n"
    assert not (tmp_path / "kb").exists()


def test_capitalised_names_after_learn_are_skills_but_phrases_are_not() -> None:
    from bot.rolepage import _skills

    assert _skills(["Learn Adobe Illustrator, Photoshop and InDesign."]) == ["Adobe Illustrator", "Photoshop", "InDesign"]
    assert _skills(["Learn the fundamentals of statistics."]) == []


@pytest.mark.parametrize(
    ("detail", "skills"),
    [
        ("Get hands-on with Selenium, Playwright or pytest.", ["Selenium", "Playwright", "pytest"]),
        ("Pick up Python or R for analysis and visualisation.", ["Python", "R"]),
        ("Use Git and GitHub daily for your own code.", ["Git", "GitHub"]),
        ("Finish high school or a GED, with algebra and physics if you can.", []),
    ],
)
def test_lists_of_tool_names_after_a_learning_verb(detail: str, skills: list[str]) -> None:
    from bot.rolepage import _skills

    assert _skills([detail]) == skills


# Figures are read as written, kept as a range, or refused with file, line and text.

SALARY_LINE = 5  # the seed page's "- Average Salary: $110000" line


@pytest.mark.parametrize(
    ("written", "average", "low_high"),
    [
        ("$61.5k", 61500, None),
        ("$61.5K a year", 61500, None),
        ("$61,500", 61500, None),
        ("$110000.00", 110000, None),
        ("$1.25M", 1250000, None),
        ("$110,000/year", 110000, None),
        ("$61000 - $75000", None, (61000, 75000)),
        ("$61,000–$75,000", None, (61000, 75000)),
        ("$61k to $75.5k", None, (61000, 75500)),
        ("$61,000 - 75,000 per year", None, (61000, 75000)),
    ],
)
def test_salary_figures_are_read_as_written(
    tmp_path: Path, written: str, average: int | None, low_high: tuple[int, int] | None
) -> None:
    role = import_one(tmp_path, SEED_BYTES.replace(b"- Average Salary: $110000", f"- Average Salary: {written}".encode()))
    assert role.salary is not None
    assert (role.salary.average, role.salary.range) == (average, low_high)


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("$61,5k", "not a figure"),
        ("$61.5", "not a whole amount"),
        ("$61.5555k", "not a whole amount"),
        ("about $60k", "not a figure"),
        ("$75000 - $61000", "range"),
        ("$61k-", "not a figure"),
    ],
)
def test_unreadable_salary_figures_are_refused_with_file_line_and_text(tmp_path: Path, written: str, why: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SEED_BYTES.replace(b"- Average Salary: $110000", f"- Average Salary: {written}".encode()))
    with pytest.raises(KnowledgeError) as caught:
        import_pages([bad], tmp_path / "out")
    message = str(caught.value)
    assert message.startswith(f"{bad}:{SALARY_LINE}: Overview: "), message
    assert repr(written) in message and why in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("old", "new", "line", "text"),
    [
        (b"- Job openings: 1", b"- Job openings: 1.5", 4, "1.5"),
        (b"- Job openings: 1", b"- Job openings: 1 - 3", 4, "1 - 3"),
        (b"100% of employers", b"85.5% of employers", 6, "85.5%"),
        (b"100% of employers", b"120% of employers", 6, "120%"),
    ],
)
def test_other_unreadable_figures_are_refused_with_their_line(tmp_path: Path, old: bytes, new: bytes, line: int, text: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SEED_BYTES.replace(old, new))
    with pytest.raises(KnowledgeError) as caught:
        import_pages([bad], tmp_path / "out")
    assert str(caught.value).startswith(f"{bad}:{line}: Overview: ") and text in str(caught.value)


def test_job_openings_in_thousands_and_a_spaced_percent_are_read_as_written(tmp_path: Path) -> None:
    role = import_one(tmp_path, SEED_BYTES.replace(b"- Job openings: 1", b"- Job openings: 12.3k").replace(b"100% of", b"85 % of"))
    assert (role.job_openings, role.degree_required_percent) == (12300, 85)


def test_the_bot_says_the_figure_as_written_and_the_range_as_a_range(tmp_path: Path) -> None:
    from bot import Bot

    page = tmp_path / "seed.txt"
    page.write_bytes(SEED_BYTES.replace(b"- Average Salary: $110000", b"- Average Salary: $61.5k"))
    import_pages([page], tmp_path / "k")
    assert "$61,500 a year" in Bot.from_directory(tmp_path / "k").reply("what does an ML engineer make?").text
    page.write_bytes(SEED_BYTES.replace(b"- Average Salary: $110000", b"- Average Salary: $61000 - $75000"))
    import_pages([page], tmp_path / "k")
    text = Bot.from_directory(tmp_path / "k").reply("what does an ML engineer make?").text
    assert "$61,000 to $75,000 a year" in text and "average" not in text.split(".")[0].lower()


# Files: modes follow the umask, .yml files are read and updated.


def test_new_files_follow_the_umask_and_reimport_keeps_the_mode(tmp_path: Path) -> None:
    page = tmp_path / "seed.txt"
    page.write_bytes(SEED_BYTES)
    old = os.umask(0o022)
    try:
        [target] = import_pages([page], tmp_path / "k")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o664)
        import_pages([page], tmp_path / "k")
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
        os.umask(0o077)
        [other] = import_pages([FIXTURES / "fictional_pages" / "301_data_engineer.txt"], tmp_path / "k")
        assert stat.S_IMODE(other.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_an_existing_yml_file_is_updated_in_place(tmp_path: Path) -> None:
    page = tmp_path / "seed.txt"
    page.write_bytes(SEED_BYTES)
    into = tmp_path / "k"
    [written] = import_pages([page], into)
    yml = written.with_suffix(".yml")
    written.rename(yml)
    assert import_pages([page], into) == [yml]
    assert sorted(p.name for p in into.iterdir()) == [yml.name]


def test_import_and_check_agree_on_keys_added_by_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "seed.txt"
    page.write_bytes(SEED_BYTES)
    [target] = import_pages([page], tmp_path / "k")
    assert "keeps aliases and any other keys added by hand" in target.read_text(encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8") + "notes: checked against the 2024 page\n", encoding="utf-8")
    import_pages([page], tmp_path / "k")
    assert "notes: checked against the 2024 page\n" in target.read_text(encoding="utf-8")
    assert main(["check", str(tmp_path / "k")]) == 0
    assert "notes is not a key careerbot reads; kept" in capsys.readouterr().err


def test_every_unreadable_figure_of_a_page_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SEED_BYTES.replace(b"$110000", b"$61,5k").replace(b"100% of", b"85.5% of"))
    assert main(["import", str(bad), "--into", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5: Overview: cannot read the Average Salary figure '$61,5k'" in err
    assert f"{bad}:6: Overview: cannot read the Degree Requirement figure '85.5% of employers require a degree'" in err
    assert not (tmp_path / "out").exists()
