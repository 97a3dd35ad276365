"""The `build-knowledge` command: the three public releases -> the compiled knowledge file.

An edge like the importer: it reads files and reports one line per problem; the work is done
by the importers and `builder`. Nothing is written when any file is unusable. The importers
are imported by `run` only: `careerbot`'s parser lists this command's options on every start
(`careerbot ask` included), and must not pay for the builder to do so.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_SHARED = _ROOT.parent / "shared" / "data"
#: The release number in an O*NET folder or zip name: "onet-29.3", "db_29_3_text.zip".
_RELEASE = re.compile(r"(\d{2})[._](\d)")


def arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options, shared by the script and `careerbot build-knowledge`."""
    parser.add_argument("--onet", type=Path, default=_SHARED / "onet-29.3", help="O*NET text release: folder or zip")
    parser.add_argument("--onet-release", help="O*NET release number, e.g. 29.3 (default: from the folder or zip name)")
    parser.add_argument("--oews", type=Path, default=_SHARED / "bls-oews-2025", help="folder of BLS oe.* files")
    parser.add_argument("--ep", type=Path, default=_SHARED / "bls-ep-2024-34" / "Table_1_2.csv", help="Employment Projections Table 1.2: the CSV, or BLS's workbook (.xlsx, needs the spreadsheet extra)")
    parser.add_argument("--into", type=Path, default=_ROOT / "knowledge", help="knowledge directory to write into")


def run(options: argparse.Namespace) -> int:
    from .builder import attribution_of, build
    from .oews import read_oews
    from .onet import read_onet
    from .projections import read_projections
    from .tables import DataFileError

    found = _RELEASE.search(options.onet.name)
    release = options.onet_release or (f"{found.group(1)}.{found.group(2)}" if found else None)
    if release is None:
        print(f"{options.onet}: give --onet-release (the name does not say which O*NET release it is)", file=sys.stderr)
        return 2
    try:
        onet = read_onet(options.onet)
        oews = read_oews(options.oews)
        projections = read_projections(options.ep)
    except DataFileError as error:
        print(error, file=sys.stderr)
        return 2
    readme = options.onet / "README.md" if options.onet.is_dir() else None
    text = readme.read_text(encoding="utf-8") if readme is not None and readme.is_file() else ""
    attribution = attribution_of(text) or (
        f"This product includes information from the O*NET {release} Database by the U.S. Department of Labor, "
        "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
        "O*NET® is a trademark of USDOL/ETA."
    )
    target = build(onet, oews, projections, release, attribution, options.into)
    print(f"{target}: {len(onet.occupations)} occupations, {len(oews.areas)} areas, OEWS May {oews.year}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_knowledge", description=__doc__)
    arguments(parser)
    return run(parser.parse_args(argv))
