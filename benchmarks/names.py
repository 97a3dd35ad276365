"""Measure role resolution with every O*NET occupation loaded.

Usage: python benchmarks/names.py [--onet DIR] [--oews DIR] [--eval FILE] [--clinc FILE] [--knowledge DIR] [--show]
Builds in memory a knowledge base of the 1,016 O*NET 29.3 occupations straight from the shared
text files (titles, alternate and short titles, reported titles as names; OEWS national
employment for ranking; no figures), plus the seed role page, then asks every everyday name of
the evaluation file and prints how many were answered with the right occupation, with a
clarifying question offering it, with another occupation, or declined. With --clinc it also
prints the share of CLINC150 out-of-scope questions declined. For measuring only: nothing here
is training data.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import time
from collections import Counter
from pathlib import Path

import yaml

from bot import Bot
from bot.knowledge import KnowledgeBase, Role, load_directory, slugify
from bot.paths import default_knowledge_dir

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
#: OEWS series ids: OEU + areatype + area (7) + industry (6) + occupation (6) + datatype (2).
NATIONAL_EMPLOYMENT = ("OEUN0000000000000", "01")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def national_employment(oews: Path) -> dict[str, int]:
    """Six-digit SOC code (no dash) -> national employment, from the cross-industry rows."""
    employment: dict[str, int] = {}
    prefix, datatype = NATIONAL_EMPLOYMENT
    with gzip.open(oews / "oe.data.cross_industry.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            series = line[:25]
            if series.startswith(prefix) and series.endswith(datatype):
                value = line.split("\t")[3].strip()
                if value.isdigit():
                    employment[series[17:23]] = int(value)
    return employment


def onet_base(onet: Path, oews: Path, with_seed: bool = True) -> KnowledgeBase:
    """One role per O*NET occupation (names only) and, unless told otherwise, the seed page."""
    names: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for row in _rows(onet / "Occupation Data.txt"):
        titles[row["O*NET-SOC Code"]] = row["Title"]
        names[row["O*NET-SOC Code"]] = []
    for row in _rows(onet / "Alternate Titles.txt"):
        names[row["O*NET-SOC Code"]] += [t for t in (row["Alternate Title"], row["Short Title"]) if t]
    for row in _rows(onet / "Sample of Reported Titles.txt"):
        names[row["O*NET-SOC Code"]].append(row["Reported Job Title"])
    employment = national_employment(oews)
    roles = []
    for code, title in titles.items():
        roles.append(
            Role(
                id=slugify(title),
                title=title,
                aliases=tuple(dict.fromkeys(n for n in names[code] if n != title)),
                soc=code,
                employment=employment.get(code[:7].replace("-", "")),
                residual="All Other" in title,
                kind="onet",
            )
        )
    if with_seed:
        roles += [r for r in load_directory(default_knowledge_dir()).roles if r.kind == "page"]
    return KnowledgeBase(tuple(sorted(roles, key=lambda r: r.id)))


def _notes(path: Path) -> list[tuple[str, ...]]:
    """Per case, the candidates its comment names ("offering candidates such as A; B"), else ()."""
    notes: list[tuple[str, ...]] = []
    pending: tuple[str, ...] = ()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# several fit") and "such as" in line:
            pending = tuple(t.strip() for t in line.split("such as", 1)[1].split(";"))
        elif line.startswith("- user:"):
            notes.append(pending)
            pending = ()
    return notes


def _label(reply_role: str | None, suggestions: tuple[str, ...], want: str, offer: tuple[str, ...], base: KnowledgeBase) -> str:
    """right, fair (a question offering the wanted role, or one of the noted candidates when
    several fit), wrong (another occupation's facts) or declined. A case naming no real
    occupation is right when declined."""
    if reply_role:
        return "right" if reply_role == want else "wrong"
    if want == "none":
        if not offer:
            return "right"
        return "fair" if any(c.casefold() == s.casefold() for c in offer for s in suggestions) else "declined"
    role = base.get(want)
    offered = role is not None and any(role.title.casefold() == s.casefold() for s in suggestions)
    return "fair" if offered else "declined"


def laynames(bot: Bot, path: Path, show: bool) -> Counter[str]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    notes = _notes(path)
    counts: Counter[str] = Counter()
    for number, case in enumerate(cases):
        reply = bot.reply(case["user"], session=f"names-{number}")
        want = str(case.get("role", "none"))
        label = _label(reply.role, tuple(reply.suggestions), want, notes[number], bot.knowledge)
        counts[label] += 1
        if show and label != "right":
            print(f"  {label:8} {case['user']!r} want {want} -> {reply.role} {list(reply.suggestions)[:4]} | {reply.text[:80]!r}")
    return counts


def clinc_declines(bot: Bot, path: Path) -> tuple[int, int]:
    """Declined CLINC150 queries (out of scope with no role; career-adjacent ones need no role)."""
    groups = json.loads(path.read_text(encoding="utf-8"))
    declined = asked = 0
    for group, queries in groups.items():
        for number, question in enumerate(queries):
            reply = bot.reply(question, session=f"clinc-{group}-{number}")
            asked += 1
            declined += reply.role is None and (group == "career_adjacent" or reply.intent.value == "out_of_scope")
    return declined, asked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=SHARED / "data" / "onet-29.3")
    parser.add_argument("--oews", type=Path, default=SHARED / "data" / "bls-oews-2025")
    parser.add_argument("--eval", type=Path, default=SHARED / "eval" / "laynames_dev.yaml")
    parser.add_argument("--clinc", type=Path, default=None)
    parser.add_argument("--knowledge", type=Path, default=None, help="measure a compiled knowledge directory instead")
    parser.add_argument("--show", action="store_true", help="print every case that is not right")
    args = parser.parse_args()
    start = time.perf_counter()
    base = load_directory(args.knowledge) if args.knowledge else onet_base(args.onet, args.oews)
    read = time.perf_counter() - start
    start = time.perf_counter()
    bot = Bot(base)
    build = time.perf_counter() - start
    print(f"roles {len(base.roles)}  read {read:.2f} s  bot built {build:.2f} s")
    start = time.perf_counter()
    counts = laynames(bot, args.eval, args.show)
    took = time.perf_counter() - start
    total = sum(counts.values())
    print(
        f"laynames {total}: right {counts['right']}  fair clarifying {counts['fair']}  "
        f"wrong occupation {counts['wrong']}  declined {counts['declined']}  "
        f"({(counts['right'] + counts['fair']) / max(1, total):.0%} right or fair; {took / max(1, total) * 1000:.2f} ms each)"
    )
    if args.clinc:
        declined, asked = clinc_declines(bot, args.clinc)
        print(f"clinc150 out-of-scope declined {declined}/{asked} ({declined / max(1, asked):.1%})")


if __name__ == "__main__":
    main()
