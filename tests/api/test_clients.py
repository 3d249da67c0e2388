"""Real SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

from typing import Any

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from clustergraph.namespaces import GRAPH, ID

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { GRAPH <%s> { ?s rdfs:label|<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } } ORDER BY ?s ?label LIMIT 5""" % (
    GRAPH + "sectors"
)


def wrapper(served: Any, fmt: str, query: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(served.url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_json(served: Any) -> None:
    result = wrapper(served, JSON, LABELS).queryAndConvert()
    rows = result["results"]["bindings"]  # type: ignore[index]
    assert len(rows) == 5 and rows[0]["s"]["value"].startswith(ID + "sector")


def test_sparqlwrapper_xml(served: Any) -> None:
    document = wrapper(served, XML, LABELS).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]  # type: ignore[union-attr]
    assert len(uris) == 5 and uris[0].startswith(ID + "sector")


def test_sparqlwrapper_csv(served: Any) -> None:
    text = wrapper(served, CSV, LABELS).queryAndConvert()
    lines = text.decode("utf-8").splitlines()  # type: ignore[union-attr]
    assert lines[0] == "s,label" and len(lines) == 6


def test_sparqlwrapper_post(served: Any) -> None:
    sparql = wrapper(served, JSON, LABELS)
    sparql.setMethod("POST")
    assert len(sparql.queryAndConvert()["results"]["bindings"]) == 5  # type: ignore[index]


def test_sparqlwrapper_turtle_for_construct(served: Any) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }" % (GRAPH + "sectors")
    data = wrapper(served, TURTLE, query).queryAndConvert()
    graph = rdflib.Graph().parse(data=data, format="turtle")  # type: ignore[arg-type]
    assert len(graph) > 10
    assert (
        rdflib.URIRef(ID + "sector"),
        rdflib.RDF.type,
        rdflib.URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme"),
    ) in graph


def test_rdflib_sparqlstore(served: Any) -> None:
    store = SPARQLStore(served.url + "/sparql")
    graph = rdflib.ConjunctiveGraph(store=store) if hasattr(rdflib, "ConjunctiveGraph") else rdflib.Dataset(store=store)
    rows = list(graph.query(LABELS))
    assert len(rows) == 5 and str(rows[0][0]).startswith(ID + "sector")
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }" % (GRAPH + "sectors")).graph
    assert constructed is not None and len(constructed) > 10
    store.close()
