"""Find the CORDIS files in what the user gives, and stream their records with line numbers.

The official downloads are ``cordis-<programme>projects-csv.zip`` and ``...-json.zip`` (FP7,
H2020, HORIZON). A path may be such a zip, the folder it was unpacked into, or single files;
``project`` and ``organization`` files are read (CSV or JSON) and every other file of the
download (topics, legal basis, web links, ...) is skipped. CSV files are ``;``-separated with
every field quoted; their columns are read by name, since the order differs between programmes
and releases. Records are streamed: no file is held in memory.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ...errors import InputError, InputNotFoundError, InputSyntaxError

KINDS = ("project", "organization")
_STEMS = {"project": "project", "projects": "project", "organization": "organization", "organisation": "organization"}
_PROGRAMME = re.compile(r"cordis[-_]?(fp7|h2020|horizon|he)[-_]?projects", re.IGNORECASE)

csv.field_size_limit(2**31 - 1)  # project objectives run to thousands of characters


@dataclass(frozen=True)
class CordisFile:
    """One project or organisation file of a CORDIS download."""

    kind: str  # "project" or "organization"
    format: str  # "csv" or "json"
    name: str  # as shown in messages: "cordis-HORIZONprojects-csv.zip!organization.csv"
    origin: Path  # the zip, folder or file the user named
    open: Callable[[], IO[bytes]]

    @property
    def programme_hint(self) -> str | None:
        """The programme the download's name gives (``FP7``, ``H2020``, ``HORIZON``), if any."""
        match = _PROGRAMME.search(self.name) or _PROGRAMME.search(str(self.origin))
        if not match:
            return None
        found = match.group(1).upper()
        return "HORIZON" if found == "HE" else found


def _kind(name: str) -> tuple[str, str] | None:
    path = Path(name)
    fmt = path.suffix.lower().lstrip(".")
    kind = _STEMS.get(path.stem.lower())
    if kind is None or fmt not in ("csv", "json"):
        return None
    return kind, fmt


def find_files(paths: list[Path]) -> tuple[list[CordisFile], list[str]]:
    """The project and organisation files under ``paths``, projects first; and the skipped names.

    Raises
    ------
    InputNotFoundError
        A path does not exist.
    InputError
        No project or organisation file is found at all.
    """
    found: list[CordisFile] = []
    skipped: list[str] = []
    for path in paths:
        if not path.exists():
            raise InputNotFoundError(str(path))
        if path.is_dir():
            for member in sorted(path.iterdir()):
                _add_file(member, path, found, skipped)
        elif zipfile.is_zipfile(path):
            archive = zipfile.ZipFile(path)
            for info in archive.infolist():
                if info.is_dir():
                    continue
                kind = _kind(info.filename)
                if kind is None:
                    skipped.append(f"{path.name}!{info.filename}")
                    continue
                found.append(
                    CordisFile(kind[0], kind[1], f"{path.name}!{info.filename}", path, _opener(archive, info.filename))
                )
        else:
            _add_file(path, path, found, skipped, explicit=True)
    if not found:
        raise InputError(
            f"{', '.join(map(str, paths))}: no CORDIS project or organization file found (expected"
            " project.csv / organization.csv or their .json, in a cordis-...projects-csv.zip or json.zip,"
            " its folder, or given as files); download them from the CORDIS data sets page (docs/registers.md)"
        )
    found.sort(key=lambda f: (KINDS.index(f.kind), f.name))
    return found, skipped


def _opener(archive: zipfile.ZipFile, member: str) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(member)


def _add_file(path: Path, origin: Path, found: list[CordisFile], skipped: list[str], *, explicit: bool = False) -> None:
    if not path.is_file():
        return
    kind = _kind(path.name)
    if kind is None:
        if explicit:
            raise InputError(
                f"{path}: not a CORDIS project or organization file (the name must be project.csv,"
                " organization.csv, project.json or organization.json, as in the official downloads)"
            )
        skipped.append(str(path))
        return
    found.append(CordisFile(kind[0], kind[1], str(path), origin, lambda: path.open("rb")))


Record = tuple[int, int | None, dict[str, Any]]  # row number, line (None for JSON), fields


def records(file: CordisFile, required: tuple[str, ...]) -> Iterator[Record]:
    """Stream the records of one file: ``(row, line, fields)``, refusing malformed ones.

    Raises
    ------
    InputSyntaxError
        A row with more or fewer fields than the header, broken quoting or JSON, or a missing
        required column (file, line and column named).
    """
    if file.format == "csv":
        yield from _csv_records(file, required)
    else:
        yield from _json_records(file, required)


def _csv_records(file: CordisFile, required: tuple[str, ...]) -> Iterator[Record]:
    with file.open() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, delimiter=";", quotechar='"', doublequote=True, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise InputSyntaxError(file.name, "the file is empty (no header row)", line=1) from None
        except csv.Error as err:
            raise InputSyntaxError(file.name, f"the header does not parse: {err}", line=1) from None
        if len(header) == 1 and "," in header[0]:
            raise InputSyntaxError(
                file.name,
                "the header has one column: this file is comma-separated, but CORDIS files are"
                " ';'-separated (re-download the official file, or convert it)",
                line=1,
            )
        names = [h.strip() for h in header]
        missing = [c for c in required if c not in names]
        if missing:
            raise InputSyntaxError(
                file.name,
                f"missing column(s) {', '.join(missing)}; the header has {', '.join(names)}",
                line=1,
            )
        width = len(names)
        row = 0
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                raise InputSyntaxError(file.name, f"the row does not parse: {err}", line=start) from None
            if not fields:  # a blank line
                start = reader.line_num + 1
                continue
            row += 1
            if len(fields) != width:
                raise InputSyntaxError(
                    file.name,
                    f"the row has {len(fields)} fields, the header {width} (a ';' inside an unquoted"
                    " field, or a missing quote)",
                    line=start,
                    column=min(len(fields), width) + 1,
                )
            yield row, start, dict(zip(names, fields))
            start = reader.line_num + 1


def _json_records(file: CordisFile, required: tuple[str, ...]) -> Iterator[Record]:
    import ijson

    with file.open() as raw:
        row = 0
        try:
            for item in ijson.items(raw, "item", use_float=False):
                row += 1
                if not isinstance(item, dict):
                    raise InputSyntaxError(file.name, f"record {row} is not a JSON object")
                missing = [c for c in required if c not in item]
                if missing:
                    raise InputSyntaxError(file.name, f"record {row} has no field {', '.join(missing)}")
                yield row, None, item
        except ijson.JSONError as err:
            raise InputSyntaxError(file.name, f"the JSON does not parse after record {row}: {err}") from None
