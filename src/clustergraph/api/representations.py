"""Query results in the media types the SPARQL 1.1 Protocol offers.

>>> from clustergraph.store.results import AskResult
>>> offers_for("ASK")[:2]
['application/sparql-results+json', 'application/sparql-results+xml']
>>> render(AskResult(True), "application/json")
(b'{"head": {}, "boolean": true}', 'application/sparql-results+json')
"""

from __future__ import annotations

from pyoxigraph import RdfFormat

from ..errors import NotAcceptableError
from ..namespaces import PREFIXES
from ..store.results import AskResult, GraphResult, QueryResult, SelectResult, to_csv, to_json, to_tsv, to_xml
from .negotiation import best

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
HTML = "text/html"

TABLE_OFFERS = [JSON, XML, CSV, TSV, "application/json", "application/xml", HTML]
BOOLEAN_OFFERS = [JSON, XML, "application/json", "application/xml", HTML]
GRAPH_OFFERS = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/turtle",
    "application/x-turtle",
    "text/plain",
    HTML,
]
#: The RDF format of every graph media type offered (pyoxigraph's own media type table).
RDF_FORMATS: dict[str, RdfFormat] = {
    media: fmt for media in GRAPH_OFFERS if (fmt := RdfFormat.from_media_type(media)) is not None
}
_CANONICAL = {
    "application/json": JSON,
    "application/xml": XML,
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
}


def offers_for(form: str | None) -> list[str]:
    """The media types on offer for a query form (``None``: not known yet)."""
    if form in ("SELECT",):
        return TABLE_OFFERS
    if form == "ASK":
        return BOOLEAN_OFFERS
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_OFFERS
    return list(dict.fromkeys(TABLE_OFFERS + GRAPH_OFFERS))


def offers_for_result(result: QueryResult) -> list[str]:
    """The media types on offer for an answer."""
    if isinstance(result, SelectResult):
        return TABLE_OFFERS
    if isinstance(result, AskResult):
        return BOOLEAN_OFFERS
    return GRAPH_OFFERS


def choose(offers: list[str], accept: str | None) -> str:
    """The negotiated media type.

    Raises
    ------
    NotAcceptableError
        When the client accepts none of the offers.
    """
    chosen = best(offers, accept)
    if chosen is None:
        raise NotAcceptableError(accept or "", [o for o in offers if o not in _CANONICAL])
    return chosen


def render(result: QueryResult, media_type: str) -> tuple[bytes, str]:
    """Serialise an answer (not HTML) in a negotiated media type: body and Content-Type."""
    canonical = _CANONICAL.get(media_type, media_type)
    if isinstance(result, GraphResult):
        fmt = RDF_FORMATS[media_type]
        return result.serialize(fmt, prefixes=dict(PREFIXES)), canonical
    if canonical == JSON:
        return to_json(result).encode("utf-8"), JSON
    if canonical == XML:
        return to_xml(result).encode("utf-8"), XML
    assert isinstance(result, SelectResult)
    if canonical == CSV:
        return to_csv(result).encode("utf-8"), "text/csv; charset=utf-8"
    return to_tsv(result).encode("utf-8"), "text/tab-separated-values; charset=utf-8"
