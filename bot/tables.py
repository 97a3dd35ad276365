"""Reading the public data files (O*NET text, BLS `oe.*`, Employment Projections CSV) by header.

Every source is a table with one header row; importers ask for columns by the names the
publisher gives them, so a reordered or extended release still reads. A short row, a missing
column, a truncated gzip or a value that is not what its column holds raises `DataFileError`
naming the file and line, before anything is written.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, NoReturn, cast


#: A footnote marker in a header name ("Median annual wage, dollars, 2024[1]"), not part of the name.
_FOOTNOTE_MARK = re.compile(r"\[\d+\]$")


class DataFileError(ValueError):
    """A source file that cannot be imported; the message is `file:line: problem`."""


@dataclass(slots=True)
class Row:
    """One data row: its values by column name, and where it came from for error messages.

    Not frozen: millions are made per import, and a frozen dataclass is slower to build."""

    where: str
    line: int
    fields: list[str]
    index: dict[str, int]  # column name -> position, shared by every row of a file

    def __getitem__(self, column: str) -> str:
        return self.fields[self.index[column]]

    def fail(self, problem: str) -> NoReturn:
        raise DataFileError(f"{self.where}:{self.line}: {problem}")

    def text(self, column: str) -> str | None:
        """A text value; O*NET's `n/a` and an empty field both mean "no value"."""
        value = self[column].strip()
        return None if value in ("", "n/a", "N/A") else value

    def decimal(self, column: str) -> Decimal | None:
        """A number exactly as written (thousands separators allowed); `—`, `-` and n/a are None."""
        value = self.text(column)
        if value is None or value in ("—", "-"):
            return None
        try:
            number = Decimal(value.replace(",", ""))
        except InvalidOperation:
            self.fail(f"{column} must be a number (got {value!r})")
        if not number.is_finite():
            self.fail(f"{column} must be a number (got {value!r})")
        return number


class Source:
    """A folder or a zip of table files, as the publisher distributes them."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if zipfile.is_zipfile(self.path):
            self._zip: zipfile.ZipFile | None = zipfile.ZipFile(self.path)
            self._members = {Path(name).name: name for name in self._zip.namelist() if not name.endswith("/")}
        elif self.path.is_dir():
            self._zip = None
            self._members = {p.name: str(p) for p in self.path.iterdir() if p.is_file()}
        else:
            raise DataFileError(f"{self.path}: not a folder or a zip file")

    def has(self, name: str) -> bool:
        return name in self._members or f"{name}.gz" in self._members

    def where(self, name: str) -> str:
        member = self._members.get(name) or self._members.get(f"{name}.gz") or name
        return f"{self.path}:{member}" if self._zip is not None else member

    def rows(self, name: str, columns: Sequence[str], delimiter: str = "\t", progress: str = "") -> Iterator[Row]:
        """The rows of the named file (or `name.gz`), checked against the header; see `read_rows`.

        With a `progress` label, a bar tracks the bytes read (for files that take seconds).
        """
        member = self._members.get(name) or self._members.get(f"{name}.gz")
        if member is None:
            raise DataFileError(f"{self.path}: {name} is missing")
        if self._zip is not None:
            size = self._zip.getinfo(member).file_size
            raw: IO[bytes] = self._zip.open(member)
        else:
            size = Path(member).stat().st_size
            raw = open(member, "rb")
        with raw:
            data = cast(IO[bytes], gzip.GzipFile(fileobj=raw)) if member.endswith(".gz") else raw
            bar = Progress(progress, size) if progress else None
            for count, row in enumerate(read_rows(data, self.where(name), columns, delimiter)):
                if bar is not None and count % 65536 == 0:
                    bar.update(raw.tell())
                yield row
            if bar is not None:
                bar.close()


def read_rows(data: IO[bytes], where: str, columns: Sequence[str], delimiter: str = "\t") -> Iterator[Row]:
    """Rows as dicts keyed by header name; `columns` must all be in the header.

    Tab-separated files are split on tabs only (BLS and O*NET never quote), CSV with the csv
    module. Errors name `where` and the line: a wrong field count, a broken gzip stream, text
    that is not UTF-8.
    """
    text = io.TextIOWrapper(data, encoding="utf-8-sig", newline="")
    lines = _lines(text, where)
    split = _tab_split if delimiter == "\t" else _csv_split(delimiter)
    try:
        number, first = next(lines)
    except StopIteration:
        raise DataFileError(f"{where}:1: the file is empty (expected a header row)") from None
    header = [_FOOTNOTE_MARK.sub("", name).strip() for name in split(first)]
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataFileError(f"{where}:1: the header lacks column(s) {', '.join(repr(c) for c in missing)}")
    index = {name: position for position, name in reversed(list(enumerate(header)))}
    width = len(header)
    for number, line in lines:
        fields = split(line)
        if len(fields) != width:
            if not line.strip():
                continue
            raise DataFileError(f"{where}:{number}: {len(fields)} field(s), the header has {width} (a truncated or malformed line)")
        yield Row(where, number, fields, index)


def _lines(text: io.TextIOWrapper, where: str) -> Iterator[tuple[int, str]]:
    number = 0
    try:
        for number, line in enumerate(text, start=1):
            if not line.endswith("\n") and line.strip():  # publishers end every line, the last too
                raise DataFileError(f"{where}:{number}: the last line has no line end (the file looks truncated)")
            yield number, line.rstrip("\r\n")
    except (EOFError, OSError, zlib.error) as error:  # gzip: truncated stream or bad CRC
        raise DataFileError(f"{where}:{number + 1}: the file is truncated or corrupt ({error})") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{where}:{number + 1}: the file is not UTF-8 text") from None


def _tab_split(line: str) -> list[str]:
    return line.split("\t")


def _csv_split(delimiter: str) -> Callable[[str], list[str]]:
    def split(line: str) -> list[str]:
        return next(csv.reader([line], delimiter=delimiter))

    return split


class Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(1, total), 0
        self._shown = -1
        self._on = sys.stderr.isatty()

    def update(self, done: int) -> None:
        self.done = done
        percent = min(100, self.done * 100 // self.total)
        if self._on and percent != self._shown:
            self._shown = percent
            bar = "#" * (percent // 4)
            sys.stderr.write(f"\r{self.label} [{bar:<25}] {percent:3d}%")
            sys.stderr.flush()

    def close(self) -> None:
        self.update(self.total)
        if self._on:
            sys.stderr.write("\n")
            sys.stderr.flush()
