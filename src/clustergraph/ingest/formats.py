"""RDF formats by file extension and ``--format`` name.

pyoxigraph knows the standard extensions (``RdfFormat.from_extension``; the server picks formats
by ``RdfFormat.from_media_type``); this module adds the few spellings it does not know that people
use (``.owl``, ``.turtle``, ``.ntriples``, ``.nquads``), keeps to the formats clustergraph reads
(N3 is left out: its formulas are not RDF 1.1; so is ``.txt``, which pyoxigraph reads as
N-Triples but a data folder holds as notes), and raises the project's error that lists what is
accepted. Format *names* (``--format nt``) have no pyoxigraph lookup, so they are a table here.

>>> rdf_format_for("members.ttl").name
'Turtle'
>>> rdf_format_for("ontology.OWL").name
'RDF/XML'
>>> rdf_format_for("graph.nq").name
'N-Quads'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pyoxigraph import RdfFormat

from ..errors import UnknownFormatError

#: The RDF formats clustergraph reads and writes.
RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat.TURTLE,
    RdfFormat.TRIG,
    RdfFormat.N_TRIPLES,
    RdfFormat.N_QUADS,
    RdfFormat.RDF_XML,
    RdfFormat.JSON_LD,
)
#: Extensions in use that ``RdfFormat.from_extension`` does not know.
_MORE_EXTENSIONS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "owl": RdfFormat.RDF_XML,
}
#: Extensions ``RdfFormat.from_extension`` reads besides each format's own (for the messages).
_OTHER_KNOWN_EXTENSIONS = ("json", "xml")
#: Extensions read as CSV sheets (see :mod:`clustergraph.ingest.sheets`).
SHEET_EXTENSIONS = (".csv",)

#: Format names accepted by ``--format`` options.
RDF_FORMAT_NAMES: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ttl": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "ntriples": RdfFormat.N_TRIPLES,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "nq": RdfFormat.N_QUADS,
    "rdfxml": RdfFormat.RDF_XML,
    "xml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
}


def from_extension(extension: str) -> RdfFormat | None:
    """The RDF format a file extension (with or without the dot, any case) means, if one.

    >>> from_extension(".TTL").name, from_extension("jsonld").name, from_extension(".csv"), from_extension("txt")
    ('Turtle', 'JSON-LD', None, None)
    """
    ext = extension.lower().lstrip(".")
    if f".{ext}" not in rdf_extensions():
        return None
    return RdfFormat.from_extension(ext) or _MORE_EXTENSIONS[ext]


@cache
def rdf_extensions() -> tuple[str, ...]:
    """Every file extension read as RDF (with the dot), sorted."""
    names = {fmt.file_extension for fmt in RDF_FORMATS} | {*_MORE_EXTENSIONS, *_OTHER_KNOWN_EXTENSIONS}
    return tuple(sorted(f".{name}" for name in names))


def accepted_extensions() -> list[str]:
    """Every file extension :func:`rdf_format_for` or the sheet reader accepts."""
    return sorted([*rdf_extensions(), *SHEET_EXTENSIONS])


def is_sheet(path: str | Path) -> bool:
    """Tell whether a file is read as a CSV sheet.

    >>> is_sheet("orgs.CSV")
    True
    """
    return Path(path).suffix.lower() in SHEET_EXTENSIONS


def is_readable(path: str | Path) -> bool:
    """Tell whether a file is read at all (as RDF or as a sheet).

    >>> is_readable("places.ttl"), is_readable("notes.md")
    (True, False)
    """
    return is_sheet(path) or from_extension(Path(path).suffix) is not None


def rdf_format_for(path: str | Path, name: str | None = None) -> RdfFormat:
    """Return the RDF format of a file, from an explicit format name or its extension.

    Raises
    ------
    UnknownFormatError
        If neither the name nor the extension is known; the message lists what is accepted.

    >>> rdf_format_for("x.data", "nt").name
    'N-Triples'
    >>> rdf_format_for("notes.docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    clustergraph.errors.UnknownFormatError: notes.docx: unknown format; accepted file extensions are .csv, ...
    """
    if name is not None:
        try:
            return RDF_FORMAT_NAMES[name.lower()]
        except KeyError:
            raise UnknownFormatError(str(path), sorted(RDF_FORMAT_NAMES)) from None
    fmt = from_extension(Path(path).suffix)
    if fmt is None:
        raise UnknownFormatError(str(path), accepted_extensions())
    return fmt
