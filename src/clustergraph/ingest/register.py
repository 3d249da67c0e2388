"""What every register import shares: records as provenance, the graph description, the commit.

**Provenance.** Each record read from a register file (a CSV row, a JSON object) becomes a
``cg:RegisterRecord`` node in the file's graph with the file (``cg:inFile``), the line it starts
on (``cg:line``), its number among the file's records (``cg:row``) and its id in the register
(``dcterms:identifier``). Every resource the import mints (organisation, project, participation,
programme, call) carries exactly one ``prov:wasDerivedFrom`` such record in that graph, and every
statement about it in that graph was read from that record: a statement's provenance is
``GRAPH ?g { ?s ?p ?o . ?s prov:wasDerivedFrom ?record }`` (the counterpart, for registers, of a
curated statement's quote). A resource many records mention (an organisation in every row of its
participations) is written from the first of them only.

**One graph per file**, described in itself (dataset, programme, release, licence, attribution,
record count); re-importing the same dataset replaces its graph.

>>> record_iri("https://w3id.org/clustergraph/graph/cordis/horizon/organization", 17)
'https://w3id.org/clustergraph/id/record/cordis/horizon/organization/17'
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..namespaces import CG, DCTERMS, GRAPH, ID, PROV, RDF, XSD
from ..store.base import Store
from .bulk import commit_nquads
from .nquads import NQuadsWriter, integer, iri, literal, typed

Progress = Callable[[str], None]

TYPE = iri(RDF + "type")
DERIVED = iri(PROV + "wasDerivedFrom")
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
#: How often (in records) progress is reported.
PROGRESS_EVERY = 20_000


def record_iri(graph: str, row: int) -> str:
    """The IRI of record number ``row`` of the file loaded into ``graph``."""
    return ID + "record/" + graph.removeprefix(GRAPH) + f"/{row}"


@dataclass
class FileReport:
    """What the import of one register file wrote."""

    path: str
    graph: str
    records: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, kind: str, n: int = 1) -> None:
        """Count ``n`` more things of ``kind`` (organisations, participations, ...)."""
        self.counts[kind] = self.counts.get(kind, 0) + n


@dataclass
class ImportReport:
    """What a register import did, file by file."""

    dataset: str
    files: list[FileReport] = field(default_factory=list)
    quads: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def graphs(self) -> list[str]:
        """The graphs written (each replaced what it held)."""
        return [f.graph for f in self.files]


class RecordWriter:
    """Writes one file's quads into its graph, minting record nodes and provenance links."""

    def __init__(self, writer: NQuadsWriter, graph: str, file_name: str) -> None:
        self.writer = writer
        self.graph = graph
        self.g = iri(graph)
        self._file = literal(file_name)
        self.record = ""

    def start_record(self, row: int, line: int | None, identifier: str) -> str:
        """Write the record node of row ``row`` and make it the current one; return its term."""
        self.record = iri(record_iri(self.graph, row))
        q = self.writer.quad
        q(self.record, TYPE, iri(CG + "RegisterRecord"), self.g)
        q(self.record, iri(CG + "inFile"), self._file, self.g)
        q(self.record, iri(CG + "row"), integer(row), self.g)
        if line is not None:
            q(self.record, iri(CG + "line"), integer(line), self.g)
        if identifier:
            q(self.record, iri(DCTERMS + "identifier"), literal(identifier), self.g)
        return self.record

    def mint(self, subject: str) -> None:
        """Say that ``subject`` (a term) was read from the current record."""
        self.writer.quad(subject, DERIVED, self.record, self.g)

    def add(self, s: str, p: str, o: str) -> None:
        """One statement (terms) in this file's graph."""
        self.writer.quad(s, p, o, self.g)

    def describe(
        self,
        *,
        title: str,
        publisher: str,
        licence: str,
        rights: str,
        source: str,
        records: int,
        release: str | None = None,
        extra: list[tuple[str, str]] | None = None,
    ) -> None:
        """Write the graph's description into the graph itself."""
        add = self.add
        add(self.g, TYPE, iri(CG + "RegisterDataset"))
        add(self.g, iri(DCTERMS + "title"), literal(title, lang="en"))
        add(self.g, iri(DCTERMS + "publisher"), literal(publisher))
        add(self.g, iri(DCTERMS + "license"), iri(licence))
        add(self.g, iri(DCTERMS + "rights"), literal(rights))
        add(self.g, iri(DCTERMS + "source"), literal(source))
        add(self.g, iri(CG + "recordCount"), integer(records))
        if release:
            kind = "dateTime" if "T" in release else "date"
            add(self.g, iri(DCTERMS + "modified"), typed(release, XSD + kind))
        for p, o in extra or []:
            add(self.g, p, o)


@contextmanager
def staged(store: Store, drop: Callable[[], list[str]]) -> Iterator[NQuadsWriter]:
    """A writer to a temporary N-Quads file that is committed to ``store`` when the block ends.

    ``drop`` tells, once the writing is done, which graphs the file replaces. If the block
    raises, nothing is committed and the file is removed.
    """
    folder = Path(tempfile.mkdtemp(prefix="clustergraph-import-"))
    path = folder / "import.nq"
    try:
        with path.open("w", encoding="utf-8", newline="\n") as out:
            writer = NQuadsWriter(out)
            yield writer
        commit_nquads(store, path, drop=drop())
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()
