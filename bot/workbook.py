"""Reading a sheet of BLS's Excel workbook as table rows, with the optional `spreadsheet` extra.

BLS publishes Employment Projections as a workbook whose sheets open with a title line, then
the header row, then data, then footnotes. This yields the data rows in the same `Row` form as
the CSV reader, numbered by sheet row, so the importer is one piece of code for both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .tables import DataFileError, Row


def sheet_rows(path: Path, sheet: str, columns: Sequence[str]) -> Iterator[Row]:
    """The rows under the header row (the first row holding every one of `columns`)."""
    try:
        import openpyxl  # the `spreadsheet` extra
    except ImportError:
        raise DataFileError(f"{path}: reading Excel needs the spreadsheet extra (pip install 'careerbot[spreadsheet]'), or export the table to CSV") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise DataFileError(f"{path}: not a readable Excel workbook ({type(error).__name__}: {error})") from None
    if sheet not in book.sheetnames:
        raise DataFileError(f"{path}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
    where = f"{path}:{sheet}"
    index: dict[str, int] | None = None
    for number, cells in enumerate(book[sheet].iter_rows(values_only=True), start=1):
        fields = ["" if cell is None else str(cell) for cell in cells]
        if index is None:
            names = [name.strip() for name in fields]
            if all(any(n == c or n.startswith(f"{c}[") for n in names) for c in columns):
                index = {name.split("[")[0].strip() if name.endswith("]") else name: i for i, name in reversed(list(enumerate(names)))}
            continue
        if sum(1 for f in fields if f) > 1:  # footnote lines fill the first cell only
            yield Row(where, number, fields, index)
    if index is None:
        raise DataFileError(f"{where}: no header row with the columns {', '.join(repr(c) for c in columns)}")
