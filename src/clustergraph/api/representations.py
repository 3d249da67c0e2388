"""Query results in the media types the SPARQL 1.1 Protocol offers.

>>> from clustergraph.store.results import AskResult
>>> offers_for("ASK")[:2]
['application/sparql-results+json', 'application/sparql-results+xml']
>>> render(AskResult(True), "application/json")
(b'{"head": {}, "boolean": true}', 'application/sparql-results+json')
"""

from __future__ import annotations

from functools import lru_cache

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


#: The serialiser a worker uses for each media type (see :data:`clustergraph.store.worker.FORMATS`).
WORKER_FORMATS = {
    JSON: "json",
    "application/json": "json",
    XML: "xml",
    "application/xml": "xml",
    CSV: "csv",
    TSV: "tsv",
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "n-triples",
    "text/plain": "n-triples",
    "application/rdf+xml": "rdf-xml",
    "application/ld+json": "json-ld",
}
_CONTENT_TYPES = {CSV: "text/csv; charset=utf-8", TSV: "text/tab-separated-values; charset=utf-8"}
_FORMS = {"solutions": "SELECT", "boolean": "ASK", "graph": "CONSTRUCT"}


def content_type(media_type: str) -> str:
    """The ``Content-Type`` of an answer in a negotiated media type.

    >>> content_type("application/json"), content_type("text/csv")
    ('application/sparql-results+json', 'text/csv; charset=utf-8')
    """
    canonical = _CANONICAL.get(media_type, media_type)
    return _CONTENT_TYPES.get(canonical, canonical)


@lru_cache(maxsize=256)
def media_per_form(accept: str | None) -> dict[str, str]:
    """For each answer form (``solutions``, ``boolean``, ``graph``), the negotiated media type.

    A form the client accepts no media type for is left out. Cached: clients send few headers.

    >>> media_per_form("text/csv, */*;q=0.1")["solutions"], media_per_form("text/csv")
    ('text/csv', {'solutions': 'text/csv'})
    """
    chosen = {form: best(offers_for(keyword), accept) for form, keyword in _FORMS.items()}
    return {form: media for form, media in chosen.items() if media is not None}


def render_named(result: QueryResult, name: str) -> bytes:
    """Serialise an answer with a worker format name, in Python (stores without workers)."""
    media = next(m for m, n in WORKER_FORMATS.items() if n == name)
    return render(result, media)[0]


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
