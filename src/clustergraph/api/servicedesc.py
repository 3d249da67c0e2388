"""The SPARQL 1.1 Service Description of the endpoint, with VoID statistics of the dataset."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ..namespaces import FORMATS, RDF, SD, VOID, XSD
from .settings import Settings

_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)


def description(endpoint: str, counts: list[tuple[str, int]], settings: Settings) -> list[Triple]:
    """Triples describing the service at ``endpoint`` and its dataset.

    >>> ts = description("http://127.0.0.1:8000/sparql", [("http://e/g", 3)], Settings())
    >>> any(t.predicate.value.endswith("#triples") and t.object.value == "3" for t in ts)
    True
    """
    service = NamedNode(endpoint)
    dataset, default = BlankNode(), BlankNode()
    integer = NamedNode(XSD + "integer")
    t: list[Triple] = [
        Triple(service, NamedNode(RDF + "type"), NamedNode(SD + "Service")),
        Triple(service, NamedNode(SD + "endpoint"), service),
        Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Query")),
        Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "UnionDefaultGraph")),
        Triple(service, NamedNode(SD + "defaultDataset"), dataset),
        Triple(dataset, NamedNode(RDF + "type"), NamedNode(SD + "Dataset")),
        Triple(dataset, NamedNode(RDF + "type"), NamedNode(VOID + "Dataset")),
        Triple(dataset, NamedNode(SD + "defaultGraph"), default),
        Triple(default, NamedNode(RDF + "type"), NamedNode(SD + "Graph")),
    ]
    if settings.updates_enabled:
        t.append(Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Update")))
    if settings.allow_service:
        t.append(Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "BasicFederatedQuery")))
    for name in _RESULT_FORMATS:
        t.append(Triple(service, NamedNode(SD + "resultFormat"), NamedNode(FORMATS + name)))
    total = sum(n for _, n in counts)
    t.append(Triple(dataset, NamedNode(VOID + "triples"), Literal(str(total), datatype=integer)))
    t.append(Triple(default, NamedNode(VOID + "triples"), Literal(str(total), datatype=integer)))
    for graph, n in counts:
        named, inner = BlankNode(), BlankNode()
        t += [
            Triple(dataset, NamedNode(SD + "namedGraph"), named),
            Triple(named, NamedNode(RDF + "type"), NamedNode(SD + "NamedGraph")),
            Triple(named, NamedNode(SD + "name"), NamedNode(graph)),
            Triple(named, NamedNode(SD + "graph"), inner),
            Triple(inner, NamedNode(RDF + "type"), NamedNode(SD + "Graph")),
            Triple(inner, NamedNode(VOID + "triples"), Literal(str(n), datatype=integer)),
            Triple(dataset, NamedNode(VOID + "subset"), inner),
        ]
    t.append(Triple(dataset, NamedNode(VOID + "sparqlEndpoint"), service))
    return t
