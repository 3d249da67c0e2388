"""Import the official CORDIS downloads (FP7, H2020, HORIZON): projects, organisations, participations.

``import_cordis(store, paths)`` streams every project and organisation file found under
``paths`` (a ``cordis-<programme>projects-csv.zip`` or ``-json.zip``, its folder, or single
files) into a temporary N-Quads file, one named graph per file
(``graph:cordis/<programme>/<file>``), and commits it in one step: a malformed record anywhere
leaves the store as it was, and re-importing a release replaces the graphs of the earlier one.
See :mod:`clustergraph.ingest.register` for how each statement names its record, and
``docs/registers.md`` for what is kept.

>>> from pathlib import Path
>>> from clustergraph.store import EmbeddedStore
>>> from clustergraph.ingest import build
>>> store = EmbeddedStore(); _ = build(store, validate=False)
>>> sample = Path(__file__).parents[4] / "tests" / "resources" / "cordis" / "cordis-HORIZONprojects-csv"
>>> report = import_cordis(store, [sample])
>>> [(f.graph.rsplit("/", 2)[-2:], f.records) for f in report.files]
[(['horizon-europe', 'project'], 100), (['horizon-europe', 'organization'], 100)]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...errors import InputError, InputSyntaxError
from ...namespaces import CG, GRAPH
from ...store.base import Store
from ..nquads import integer, iri
from ..placement import PlaceIndex
from ..register import CC_BY, PROGRESS_EVERY, FileReport, ImportReport, Progress, RecordWriter, staged
from . import values
from .files import CordisFile, find_files, records
from .mapping import ORGANISATION_COLUMNS, PROJECT_COLUMNS, CordisMapper, Field, natural_person, programme_of

__all__ = ["import_cordis"]


def import_cordis(
    store: Store,
    paths: Sequence[str | Path],
    *,
    programme: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import CORDIS project and organisation files into ``store``, all or nothing.

    Parameters
    ----------
    store : Store
        The store; its reference geography places the organisations.
    paths : sequence of str or Path
        Zips, folders or files of the official CORDIS downloads.
    programme : str, optional
        ``FP7``, ``H2020`` or ``HORIZON``, when neither the file names nor the project records
        tell it.
    progress : callable, optional
        Called with a short text as the import goes on.

    Raises
    ------
    InputNotFoundError, InputError, InputSyntaxError
        Before anything is stored (a malformed record names file, line and column).
    """
    files, skipped = find_files([Path(p) for p in paths])
    places = PlaceIndex.from_store(store)
    report = ImportReport(dataset="CORDIS")
    told: dict[Path, str] = {}
    with staged(store, lambda: report.graphs) as writer:
        for file in files:
            code = _programme(file, programme, told)
            graph = GRAPH + f"cordis/{programme_of(code)[1].rsplit('/', 1)[-1]}/{file.kind}"
            if graph in report.graphs:
                raise InputError(f"{file.name}: a second {file.kind} file of {code}; import one release at a time")
            out = RecordWriter(writer, graph, file.name)
            file_report = FileReport(path=file.name, graph=graph)
            _import_file(file, code, out, places, file_report, told, progress)
            report.files.append(file_report)
        report.quads = writer.count
        if progress:
            progress(f"writing {writer.count:,} quads to the store")
    report.notes += [f"skipped {name} (not a project or organization file)" for name in skipped]
    return report


def _programme(file: CordisFile, given: str | None, told: dict[Path, str]) -> str:
    code = given or file.programme_hint or told.get(file.origin)
    if code is None and file.kind == "project":
        for _, _, row in records(file, PROJECT_COLUMNS):
            code = values.text(row.get("frameworkProgramme")) or None
            break
    if code is None:
        raise InputError(
            f"{file.name}: cannot tell the programme (FP7, H2020 or HORIZON): the file name does not say"
            " it and no project file beside it does; keep the official file name"
            " (cordis-HORIZONprojects-csv.zip) or pass --programme"
        )
    try:
        return programme_of(code)[0]
    except values.BadValue as err:
        raise InputError(f"{file.name}: {err}") from None


def _import_file(
    file: CordisFile,
    code: str,
    out: RecordWriter,
    places: PlaceIndex,
    report: FileReport,
    told: dict[Path, str],
    progress: Progress | None,
) -> None:
    mapper = CordisMapper(out, places, code)
    required = PROJECT_COLUMNS if file.kind == "project" else ORGANISATION_COLUMNS
    latest = ""
    persons = 0
    row = 0
    if file.kind == "project":
        told.setdefault(file.origin, code)
    for row, line, fields in records(file, required):
        try:
            stamp = values.timestamp(fields.get("contentUpdateDate"))
        except values.BadValue as err:
            raise _located(file, line, row, fields, "contentUpdateDate", str(err)) from None
        if stamp and stamp > latest:
            latest = stamp
        if file.kind == "organization" and natural_person(fields):
            persons += 1
            continue
        identifier = _record_id(file.kind, fields)
        out.start_record(row, line, identifier)
        try:
            if file.kind == "project":
                mapper.project(fields)
                report.add("projects")
            else:
                mapper.participation(fields)
                report.add("participations")
        except Field as err:
            raise _located(file, line, row, fields, err.column, str(err)) from None
        if progress and row % PROGRESS_EVERY == 0:
            progress(f"{file.name}: {row:,} records")
    report.records = row
    if file.kind == "organization":
        report.add("organisations", sum(1 for s in mapper.seen if "/id/pic/" in s))
        report.add("natural persons left out", persons)
    report.add("places not from a region code", mapper.fallbacks)
    _, programme_iri, label = programme_of(code)
    out.describe(
        title=f"CORDIS {label} projects: {Path(file.name.split('!')[-1]).name}",
        publisher="European Commission, CORDIS (Publications Office of the European Union)",
        licence=CC_BY,
        rights="© European Union",
        source=file.name,
        records=row,
        release=latest or None,
        extra=[
            (iri(CG + "programme"), iri(programme_iri)),
            (iri(CG + "naturalPersonsLeftOut"), integer(persons)),
        ],
    )


def _record_id(kind: str, fields: dict[str, Any]) -> str:
    if kind == "project":
        return values.text(fields.get("id"))
    return f"{values.text(fields.get('projectID'))}/{values.text(fields.get('organisationID'))}"


def _located(
    file: CordisFile, line: int | None, row: int, fields: dict[str, Any], column: str, problem: str
) -> InputError:
    names = list(fields)
    position = names.index(column) + 1 if column in names else None
    if line is None:  # JSON: no lines; the record's number and the field say where
        return InputSyntaxError(file.name, f"record {row}, field {column!r}: {problem}")
    return InputSyntaxError(file.name, f"column {column!r}: {problem}", line=line, column=position)
