"""RDF and result formats by file extension and media type.

>>> from clustergraph.ingest.formats import rdf_format_for
>>> rdf_format_for("members.ttl").name
'Turtle'
>>> rdf_format_for("graph.nq").name
'N-Quads'
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat

from ..errors import UnknownFormatError

#: File extensions read as RDF, and the format each means.
RDF_EXTENSIONS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".turtle": RdfFormat.TURTLE,
    ".trig": RdfFormat.TRIG,
    ".nt": RdfFormat.N_TRIPLES,
    ".ntriples": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".nquads": RdfFormat.N_QUADS,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML,
    ".jsonld": RdfFormat.JSON_LD,
    ".json": RdfFormat.JSON_LD,
}

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


def accepted_extensions() -> list[str]:
    """Every file extension :func:`rdf_format_for` or the sheet reader accepts."""
    return sorted([*RDF_EXTENSIONS, *SHEET_EXTENSIONS])


def is_sheet(path: str | Path) -> bool:
    """Tell whether a file is read as a CSV sheet.

    >>> is_sheet("orgs.CSV")
    True
    """
    return Path(path).suffix.lower() in SHEET_EXTENSIONS


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
    try:
        return RDF_EXTENSIONS[Path(path).suffix.lower()]
    except KeyError:
        raise UnknownFormatError(str(path), accepted_extensions()) from None


def is_quad_format(fmt: RdfFormat) -> bool:
    """Tell whether a format can carry named graphs.

    >>> is_quad_format(RdfFormat.TRIG), is_quad_format(RdfFormat.TURTLE)
    (True, False)
    """
    return fmt.supports_datasets
