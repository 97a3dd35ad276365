"""The importers of the public releases, on small hand-written files in the releases' layouts.

The rows are fictional (occupation "99-9999.00 Test Pilots of Zeppelins"); the layouts are
BLS's and O*NET's. Malformed and truncated files must name file and line and write nothing.
"""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import pytest

from bot.builder import build
from bot.knowledge import load_directory
from bot.occupations import Missing
from bot.oews import read_oews
from bot.onet import read_onet
from bot.projections import read_projections
from bot.tables import DataFileError
from bot import figures

ONET = {
    "Occupation Data.txt": "O*NET-SOC Code\tTitle\tDescription\n99-9999.00\tTest Pilots of Zeppelins\tFly test zeppelins.\n"
    "99-9999.01\tNight Zeppelin Pilots\tFly at night.\n99-9998.00\tZeppelin Crews, All Other\tAll other crews.\n",
    "Task Statements.txt": "O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\n99-9999.00\tT\t1\tFly the zeppelin.\tCore\n"
    "99-9999.00\tT\t2\tPolish the gondola.\tSupplemental\n99-9999.00\tT\t3\tLog the flight.\tn/a\n",
    "Alternate Titles.txt": "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n"
    "99-9999.00\tT\tZeppelin Test Pilot (ZTP)\tZTP\t08\n99-9999.00\tT\tTest Pilots of Zeppelins\t\t08\n",
    "Sample of Reported Titles.txt": "O*NET-SOC Code\tTitle\tReported Job Title\tShown in My Next Move\n99-9999.00\tT\tAirship Pilot\tY\n",
    "Education, Training, and Experience Categories.txt": "Element ID\tElement Name\tScale ID\tScale Name\tCategory\tCategory Description\n"
    + "".join(f"2.D.1\tRL\tRL\tRL\t{c}\tLevel {c}\n" for c in range(1, 13)),
    "Education, Training, and Experience.txt": "O*NET-SOC Code\tTitle\tScale ID\tCategory\tData Value\tRecommend Suppress\n"
    "99-9999.00\tT\tRL\t2\t40.5\tN\n99-9999.00\tT\tRL\t5\t10.25\tN\n99-9999.00\tT\tRL\t6\t49.25\tN\n",
    "Job Zone Reference.txt": "Job Zone\tName\n4\tJob Zone Four: Considerable Preparation Needed\n",
    "Job Zones.txt": "O*NET-SOC Code\tTitle\tJob Zone\n99-9999.00\tT\t4\n",
    "Technology Skills.txt": "O*NET-SOC Code\tTitle\tExample\tHot Technology\n99-9999.00\tT\tWindSock\tN\n99-9999.00\tT\tSkyMap\tY\n",
    "Skills.txt": "O*NET-SOC Code\tTitle\tElement Name\tScale ID\tData Value\n99-9999.00\tT\tNavigation\tIM\t4.5\n99-9999.00\tT\tNavigation\tLV\t6\n",
    "Related Occupations.txt": "O*NET-SOC Code\tTitle\tRelated O*NET-SOC Code\tIndex\n99-9999.00\tT\t99-9999.01\t1\n",
}
OEWS = {
    "oe.area": "state_code\tarea_code\tareatype_code\tarea_name\n00\t0000000\tN\tNational\n48\t4800000\tS\tTexas\n48\t0012420\tM\tAustin-Round Rock-San Marcos, TX\n",
    "oe.occupation": "occupation_code\toccupation_name\tdisplay_level\n999999\tZeppelin Pilots\t3\n999998\tZeppelin Crews, All Other\t3\n",
    "oe.footnote": "footnote_code\tfootnote_text\n4\tWages ... hourly wages or annual salaries.\n5\tThis wage is equal to or greater than $115.00 per hour or $239,200 per year.\n8\tEstimate not released.\n",
}
SERIES = [  # (area, occupation, datatype, value, footnote)
    ("N0000000", "999999", "01", "1200", ""), ("N0000000", "999999", "04", "81250", ""),
    ("N0000000", "999999", "13", "80000", ""), ("N0000000", "999999", "15", "-", "5"),
    ("N0000000", "999999", "03", "39.06", ""), ("S4800000", "999999", "04", "-", "8"),
    ("M0012420", "999999", "04", "90000", ""),
]
EP = (
    "2024 National Employment Matrix title,2024 National Employment Matrix code,Occupation type,\"Employment, 2024\",\"Employment, 2034\","
    "\"Employment change, numeric, 2024–34\",\"Employment change, percent, 2024–34\",\"Occupational openings, 2024–34 annual average\","
    "\"Median annual wage, dollars, 2024[1]\",Typical education needed for entry,Work experience in a related occupation,"
    "Typical on-the-job training needed to attain competency in the occupation\r\n"
    "\"Total, all occupations\",00-0000,Summary,169956.1,175167.9,5211.8,3.1,18863.3,49500,—,—,—\r\n"
    "Zeppelin pilots,99-9999,Line item,\"1,234.5\",1300,65.5,5.3,0.1,80000,Bachelor's degree,Less than 5 years,None\r\n"
)


def data_line(area: str, occupation: str, datatype: str, value: str, note: str, industry: str = "000000") -> str:
    return f"OEU{area}{industry}{occupation}{datatype}\t2025\tA01\t{value}\t{note}\n"


def write_release(root: Path, every_industry: bool = False) -> tuple[Path, Path, Path]:
    onet, oews = root / "onet", root / "oews"
    onet.mkdir(), oews.mkdir()
    for name, text in ONET.items():
        (onet / name).write_text(text, encoding="utf-8")
    for name, text in OEWS.items():
        (oews / name).write_text(text, encoding="utf-8")
    lines = "series_id\tyear\tperiod\tvalue\tfootnote_codes\n" + "".join(data_line(*s) for s in SERIES)
    if every_industry:  # an industry row must be ignored, not mixed in
        lines += data_line("N0000000", "999999", "04", "12345", "", industry="622000")
        (oews / "oe.data.0.Current").write_text(lines, encoding="utf-8")
    else:
        with gzip.open(oews / "oe.data.cross_industry.gz", "wt", encoding="utf-8") as out:
            out.write(lines)
    ep = root / "Table_1_2.csv"
    ep.write_text(EP, encoding="utf-8")
    return onet, oews, ep


@pytest.mark.parametrize("every_industry", [False, True], ids=["cross-industry gzip", "every industry plain"])
def test_oews_keeps_cross_industry_rows_and_withheld_values(tmp_path: Path, every_industry: bool) -> None:
    _, oews, _ = write_release(tmp_path, every_industry)
    release = read_oews(oews)
    national = release.wages["99-9999", "N0000000"]
    assert national["04"] == 81250 and national["03"] == 3906 and national["15"] == Missing(5)
    assert release.wages["99-9999", "S4800000"]["04"] == Missing(8)
    assert release.top_code == (11500, 239200) and release.year == 2025


def test_onet_reads_core_tasks_aliases_and_na(tmp_path: Path) -> None:
    onet, _, _ = write_release(tmp_path)
    pilot = read_onet(onet).occupations["99-9999.00"]
    assert pilot.tasks == ["Fly the zeppelin."]  # n/a and Supplemental are not core
    assert ("ZTP", "short") in pilot.aliases and ("Airship Pilot", "reported") in pilot.aliases
    assert pilot.technologies == [("WindSock", False), ("SkyMap", True)] and pilot.job_zone == 4


def test_onet_zip_reads_like_the_folder(tmp_path: Path) -> None:
    onet, _, _ = write_release(tmp_path)
    archive = tmp_path / "db_29_3_text.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in onet.iterdir():
            out.write(path, f"db_29_3_text/{path.name}")
    assert read_onet(archive).occupations.keys() == read_onet(onet).occupations.keys()
    assert read_onet(archive).occupations["99-9999.00"].aliases == read_onet(onet).occupations["99-9999.00"].aliases


def test_projections_read_thousands_dashes_and_footnoted_headers(tmp_path: Path) -> None:
    _, _, ep = write_release(tmp_path)
    rows = read_projections(ep)
    assert list(rows) == ["99-9999"]  # the Summary row is skipped
    assert rows["99-9999"].employment_2024 == "1234.5" and rows["99-9999"].median_wage == "80000"


def test_the_compiled_base_answers_with_the_figures(tmp_path: Path) -> None:
    onet, oews, ep = write_release(tmp_path)
    into = tmp_path / "kb"
    into.mkdir()
    build(read_onet(onet), read_oews(oews), read_projections(ep), "29.3", "Attribution text.", into)
    kb = load_directory(into)
    pilot = kb.get("test-pilots-of-zeppelins")
    assert pilot is not None and pilot.kind == "onet" and pilot.employment == 1200 and "ZTP" in pilot.aliases
    assert "Test Pilots of Zeppelins" not in pilot.aliases
    text = figures.salary_text(kb, pilot)
    assert "$81,250" in text and "90th percentile $239,200 or more" in text and "BLS OEWS, May 2025" in text
    assert "not released" in figures.salary_text(kb, pilot, "S4800000")
    assert "$90,000" in figures.salary_text(kb, pilot, "M0012420")
    night = kb.get("night-zeppelin-pilots")
    assert night is not None and "Zeppelin Pilots as a whole" in figures.salary_text(kb, night)
    crews = kb.get("zeppelin-crews-all-other")
    assert crews is not None and crews.residual
    assert "1,234,500 in 2024" in figures.outlook_text(kb, pilot) and "100 openings a year" in figures.outlook_text(kb, pilot)
    assert "59.5% of Test Pilots of Zeppelins" in figures.education_share_text(kb, pilot)
    assert pilot.path and "derived" not in pilot.path[0].detail.lower()
    assert kb.area("S4800000") is not None and kb.area("S4800000").short == "TX"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        ("oe.area", "state_code\tarea_code\tareatype_code\tarea_name\n00\t0000000\tN\n", 2, "3 field"),
        ("oe.area", "state_code\tarea_code\tarea_name\n", 1, "lacks column"),
        ("oe.area", "state_code\tarea_code\tareatype_code\tarea_name\n00\t0000000\tN\tNational", 2, "no line end"),
        ("oe.area", "state_code\tarea_code\tareatype_code\tarea_name\n00\t00\tX\tNowhere\n", 2, "not a BLS area"),
    ],
)
def test_malformed_oews_files_name_file_and_line(tmp_path: Path, name: str, text: str, line: int, problem: str) -> None:
    _, oews, _ = write_release(tmp_path)
    (oews / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"{name}:{line}: .*{problem}"):
        read_oews(oews)


def test_a_bad_value_names_its_line(tmp_path: Path) -> None:
    _, oews, _ = write_release(tmp_path)
    lines = "series_id\tyear\tperiod\tvalue\tfootnote_codes\n" + data_line("N0000000", "999999", "04", "8l250", "")
    with gzip.open(oews / "oe.data.cross_industry.gz", "wt", encoding="utf-8") as out:
        out.write(lines)
    with pytest.raises(DataFileError, match=r"oe.data.cross_industry.gz:2: value must be a number"):
        read_oews(oews)


def test_a_truncated_gzip_names_the_file_and_nothing_is_written(tmp_path: Path) -> None:
    onet, oews, ep = write_release(tmp_path)
    big = "series_id\tyear\tperiod\tvalue\tfootnote_codes\n" + "".join(data_line(*SERIES[0]) for _ in range(20000))
    packed = gzip.compress(big.encode())
    (oews / "oe.data.cross_industry.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(DataFileError, match=r"oe.data.cross_industry.gz:\d+: .*truncated"):
        read_oews(oews)
    from bot.build_cli import main

    into = tmp_path / "kb"
    into.mkdir()
    assert main(["--onet", str(onet), "--onet-release", "29.3", "--oews", str(oews), "--ep", str(ep), "--into", str(into)]) == 2
    assert list(into.iterdir()) == []


def test_malformed_onet_and_ep_files_name_file_and_line(tmp_path: Path) -> None:
    onet, _, ep = write_release(tmp_path)
    (onet / "Job Zones.txt").write_text("O*NET-SOC Code\tTitle\tJob Zone\n99-9999.00\tT\tfour\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"Job Zones.txt:2: Job Zone must be a number"):
        read_onet(onet)
    shutil.rmtree(onet)
    ep.write_text(EP.replace("0.1,80000", "lots,80000"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"Table_1_2.csv:3: .*openings.* must be a number"):
        read_projections(ep)


def test_sources_command_and_chat_command_carry_the_attribution(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main
    from conftest import SEED_KNOWLEDGE, SHIPPED_KNOWLEDGE

    assert main(["--knowledge", str(SHIPPED_KNOWLEDGE), "sources"]) == 0
    out = capsys.readouterr().out
    assert "CC BY 4.0" in out and "USDOL/ETA" in out and "May 2025" in out
    assert main(["--knowledge", str(SEED_KNOWLEDGE), "sources"]) == 0
    assert "CC BY" not in capsys.readouterr().out  # a base of role pages uses no O*NET data

    from bot import Bot
    from bot.chat import COMMANDS, Chat

    chat = Chat(Bot.from_directory(SEED_KNOWLEDGE))
    handler, _ = COMMANDS["/sources"]
    assert "Role pages" in (handler(chat, "").message or "")


def test_a_role_page_naming_its_soc_code_shows_blss_figures_beside_its_own(tmp_path: Path) -> None:
    onet, oews, ep = write_release(tmp_path)
    into = tmp_path / "kb"
    into.mkdir()
    build(read_onet(onet), read_oews(oews), read_projections(ep), "29.3", "Attribution text.", into)
    page = "# A fictional role page, for tests.\nid: sky-captain\ntitle: Sky Captain\nsoc: 99-9999\nsalary:\n  average: 70000\njob_openings: 4\n"
    (into / "sky-captain.yaml").write_text(page, encoding="utf-8")
    kb = load_directory(into)
    captain = kb.get("sky-captain")
    assert captain is not None and captain.kind == "page" and captain.soc == "99-9999"
    text = figures.salary_text(kb, captain)
    assert text.index("$70,000") < text.index("$81,250")  # the page first, then BLS, labelled
    assert "role page" in text and "Zeppelin Pilots as a whole, SOC 99-9999" in text
    assert "4 job openings" in figures.outlook_text(kb, captain) and "100 openings a year" in figures.outlook_text(kb, captain)


@pytest.mark.parametrize("code", ["29-1141", "29-1141.01"])
def test_a_page_soc_code_is_checked(tmp_path: Path, code: str) -> None:
    from bot.knowledge import parse_role

    assert parse_role(f"id: a\ntitle: A\nsoc: '{code}'\n", "a.yaml").soc == code
    from bot.schema import KnowledgeError

    with pytest.raises(KnowledgeError, match=r"a.yaml:3: soc must be a SOC code"):
        parse_role("id: a\ntitle: A\nsoc: nurse\n", "a.yaml")


def test_blss_workbook_reads_like_its_csv_export(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl", reason="the spreadsheet extra is not installed")
    from conftest import ROOT

    shared = ROOT.parent / "shared" / "data" / "bls-ep-2024-34"
    if not shared.is_dir():
        pytest.skip("needs ../shared/data")
    assert read_projections(shared / "occupation.xlsx") == read_projections(shared / "Table_1_2.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes((shared / "occupation.xlsx").read_bytes()[:5000])
    with pytest.raises(DataFileError, match=r"broken.xlsx: not a readable Excel workbook"):
        read_projections(broken)

