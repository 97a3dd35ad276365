"""Answers carry the exact figures of the public releases in ../shared/data.

The expected values are read here from the raw shared files (BLS's gzip, the EP CSV, O*NET's
text file), not copied from the bot's output, so a wrong join, column or conversion fails.
Skipped where ../shared is absent (users' machines).
"""

from __future__ import annotations

import csv
import gzip
import re
from decimal import Decimal
from pathlib import Path

import pytest

from bot import figures
from bot.knowledge import KnowledgeBase, load_directory, slugify
from bot.reply import Intent
from conftest import ROOT, SHIPPED_KNOWLEDGE

DATA = ROOT.parent / "shared" / "data"
pytestmark = pytest.mark.skipif(
    not (DATA / "bls-oews-2025").is_dir() or not (SHIPPED_KNOWLEDGE / "occupations.sqlite").is_file(),
    reason="needs ../shared/data and the compiled knowledge file",
)
#: The series read from BLS's file: (area key, SOC without dash, datatype).
WANTED = {
    ("N0000000", "291141", "04"), ("N0000000", "291141", "13"), ("N0000000", "291141", "11"), ("N0000000", "291141", "15"),
    ("S4800000", "291141", "13"), ("S4800000", "291141", "15"),
    ("M0012420", "291141", "04"), ("M0012420", "291141", "13"),
    ("N0000000", "272011", "08"), ("N0000000", "272011", "04"),
}


@pytest.fixture(scope="module")
def raw() -> dict[tuple[str, str, str], tuple[str, str]]:
    """Wanted series and the first top-coded annual 90th percentile: (value, footnote codes)."""
    found: dict[tuple[str, str, str], tuple[str, str]] = {}
    with gzip.open(DATA / "bls-oews-2025" / "oe.data.cross_industry.gz", "rt", encoding="utf-8") as rows:
        next(rows)
        for line in rows:
            series, _, _, value, notes = line.rstrip("\n").split("\t")
            key = (series[3:11], series[17:23], series[23:])
            if key in WANTED:
                found[key] = (value, notes)
            elif key[2] == "15" and notes == "5" and ("top", "", "") not in found and key[1] == "291215":
                found[key] = (value, notes)
                found["top", "", ""] = key  # type: ignore[assignment]
    return found


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_directory(SHIPPED_KNOWLEDGE)


def money(text: str) -> str:
    number = Decimal(text)
    return f"${number:,.2f}" if number != number.to_integral_value() else f"${int(number):,}"


def test_national_state_and_metro_wages_are_blss(kb: KnowledgeBase, raw: dict) -> None:  # type: ignore[type-arg]
    nurse = kb.get("registered-nurses")
    assert nurse is not None
    national = figures.salary_text(kb, nurse)
    for datatype in ("04", "13", "11", "15"):
        assert money(raw["N0000000", "291141", datatype][0]) in national
    assert "BLS OEWS, May 2025" in national
    texas = figures.salary_text(kb, nurse, "S4800000", percentiles=(90,))
    assert "Texas" in texas and money(raw["S4800000", "291141", "15"][0]) in texas
    assert money(raw["S4800000", "291141", "13"][0]) not in texas, "only the asked percentile"
    austin = figures.salary_text(kb, nurse, "M0012420")
    assert "Austin" in austin and money(raw["M0012420", "291141", "04"][0]) in austin
    assert money(raw["M0012420", "291141", "13"][0]) in austin


def test_a_top_coded_wage_is_said_as_bls_says_it(kb: KnowledgeBase, raw: dict) -> None:  # type: ignore[type-arg]
    area, soc, _ = raw["top", "", ""]
    assert raw[area, soc, "15"][0] == "-"
    footnotes = (DATA / "bls-oews-2025" / "oe.footnote").read_text(encoding="utf-8")
    top = re.search(r"^5\t.*\$([\d,]+) per year", footnotes, re.MULTILINE)
    assert top is not None
    role = next(r for r in kb.roles if r.soc == f"{soc[:2]}-{soc[2:]}.00")
    text = figures.salary_text(kb, role, area, percentiles=(90,))
    assert f"90th percentile ${top.group(1)} or more" in text


def test_an_hourly_only_occupation_answers_in_hourly_wages(kb: KnowledgeBase, raw: dict) -> None:  # type: ignore[type-arg]
    actors = kb.get("actors")
    assert actors is not None and raw["N0000000", "272011", "04"] == ("-", "4")
    text = figures.salary_text(kb, actors)
    assert f"median {money(raw['N0000000', '272011', '08'][0])}" in text and "hourly" in text
    assert "a year" not in text


def test_a_specialty_shows_its_soc_groups_wages_and_says_so(kb: KnowledgeBase, raw: dict) -> None:  # type: ignore[type-arg]
    acute = kb.get("acute-care-nurses")
    assert acute is not None and acute.soc == "29-1141.01"
    text = figures.salary_text(kb, acute)
    assert "Registered Nurses as a whole" in text and money(raw["N0000000", "291141", "13"][0]) in text


def test_openings_and_growth_are_the_projections(kb: KnowledgeBase) -> None:
    with open(DATA / "bls-ep-2024-34" / "Table_1_2.csv", encoding="utf-8-sig") as table:
        row = next(r for r in csv.DictReader(table) if r["2024 National Employment Matrix code"] == "29-1141")
    nurse = kb.get("registered-nurses")
    assert nurse is not None
    text = figures.outlook_text(kb, nurse)
    openings = int(Decimal(row["Occupational openings, 2024–34 annual average"]) * 1000)
    assert f"{openings:,} openings a year" in text
    assert f"{row['Employment change, percent, 2024–34']}%" in text
    assert "BLS Employment Projections 2024-34" in text


def test_the_degree_share_is_onets_levels_from_associates_up(kb: KnowledgeBase) -> None:
    share = Decimal(0)
    with open(DATA / "onet-29.3" / "Education, Training, and Experience.txt", encoding="utf-8") as table:
        for r in csv.DictReader(table, delimiter="\t"):
            if r["O*NET-SOC Code"] == "29-1141.00" and r["Scale ID"] == "RL" and int(r["Category"]) >= 5:
                share += Decimal(r["Data Value"])
    nurse = kb.get("registered-nurses")
    assert nurse is not None
    text = figures.education_share_text(kb, nurse)
    assert f"{share.normalize():f}% of Registered Nurses" in text
    assert "not employers" in text and "O*NET 29.3" in text


def test_best_paying_states_are_ranked_by_mean(kb: KnowledgeBase) -> None:
    nurse = kb.get("registered-nurses")
    assert nurse is not None
    means = sorted(((w.annual_mean, w.area.name) for w in kb.wages_by_kind(nurse, "state") if isinstance(w.annual_mean, int)), reverse=True)
    text = figures.best_paying_text(kb, nurse, "state", 3)
    lines = text.splitlines()[1:]
    assert [line.split(". ", 1)[1].split(":")[0] for line in lines] == [name for _, name in means[:3]]


def test_two_areas_side_by_side(kb: KnowledgeBase, raw: dict) -> None:  # type: ignore[type-arg]
    nurse = kb.get("registered-nurses")
    assert nurse is not None
    text = figures.areas_side_by_side_text(kb, nurse, ("S4800000", "M0012420"))
    assert money(raw["S4800000", "291141", "13"][0]) in text and money(raw["M0012420", "291141", "04"][0]) in text


def test_the_seed_page_keeps_its_own_figure(kb: KnowledgeBase) -> None:
    seed = kb.get("software-engineer-machine-learning")
    assert seed is not None and seed.kind == "page"
    assert "$110,000" in figures.salary_text(kb, seed)


def test_sources_carry_onets_attribution(kb: KnowledgeBase) -> None:
    text = figures.sources_text(kb)
    assert "CC BY 4.0" in text and "USDOL/ETA" in text and "O*NET 29.3" in text


def test_occupations_are_roles_with_contract_ids(kb: KnowledgeBase) -> None:
    onet = [r for r in kb.roles if r.kind == "onet"]
    assert len(onet) == sum(1 for _ in open(DATA / "onet-29.3" / "Occupation Data.txt", encoding="utf-8")) - 1
    police = kb.get("police-and-sheriff-s-patrol-officers")
    assert police is not None and police.responsibilities and police.path
    residual = [r for r in onet if r.residual]
    assert residual and all("All Other" in r.title for r in residual)
    nurse = kb.get("registered-nurses")
    assert nurse is not None and "RN" in nurse.aliases and nurse.employment
    assert all(r.id == slugify(r.title) for r in onet)
    overview = figures.answer(Intent.OVERVIEW, kb, nurse) or ""
    assert "Related occupations (O*NET 29.3): " in overview and "Nurse Practitioners" in overview


@pytest.mark.slow
def test_a_rebuild_gives_identical_bytes(tmp_path: Path) -> None:
    from bot.build_cli import main

    assert main(["--into", str(tmp_path)]) == 0
    assert (tmp_path / "occupations.sqlite").read_bytes() == (SHIPPED_KNOWLEDGE / "occupations.sqlite").read_bytes()


def test_state_postal_codes_come_from_blss_metro_names(kb: KnowledgeBase) -> None:
    lines = (DATA / "bls-oews-2025" / "oe.area").read_text(encoding="utf-8").splitlines()[1:]
    states = {f"S{r.split(chr(9))[1]}": r.split(chr(9))[3] for r in lines if r.split("\t")[2] == "S"}
    assert {a.key: a.name for a in kb.areas if a.kind == "state"} == states
    texas = kb.area("S4800000")
    assert texas is not None and texas.short == "TX"
    with_codes = [a for a in kb.areas if a.kind == "state" and a.short]
    assert len({a.short for a in with_codes}) == len(with_codes) >= 52  # 50 states, DC, PR: each its own
