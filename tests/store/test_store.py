"""The store contract, run against the embedded store and a real `oxigraph serve`."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from clustergraph.errors import QuerySyntaxError
from clustergraph.store import AskResult, GraphResult, SelectResult, Store

EX = "http://example.org/"
G1, G2 = EX + "g1", EX + "g2"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def q(s: str, o: str | Literal, g: str, p: NamedNode = LABEL) -> Quad:
    obj = o if isinstance(o, Literal) else NamedNode(EX + o)
    return Quad(NamedNode(EX + s), p, obj, NamedNode(g))


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(
        [
            q("biocat", Literal("Biocat", language="en"), G1),
            q("biom", Literal("BioM", language="de"), G1),
            q("biom", Literal("BioM Biotech Cluster", language="en"), G2),
        ]
    )
    return store


def test_empty_store_has_nothing(store: Store) -> None:
    assert store.count() == 0
    assert store.graphs() == []
    assert store.is_empty()


def test_add_counts_per_graph(filled: Store) -> None:
    assert filled.count() == 3
    assert filled.count(G1) == 2
    assert filled.count(G2) == 1
    assert [g.value for g in filled.graphs()] == [G1, G2]


def test_default_graph_is_the_union_and_graph_tells_the_source(filled: Store) -> None:
    rows = filled.select("SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l").values()
    assert [r["l"] for r in rows] == ["BioM", "BioM Biotech Cluster", "Biocat"]
    rows = filled.select("SELECT ?g WHERE { GRAPH ?g { <http://example.org/biom> ?p ?l } } ORDER BY ?g").values()
    assert [r["g"] for r in rows] == [G1, G2]


def test_bindings_bind_values_as_terms_not_text(filled: Store) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?label }"
    found = filled.select(query, bindings={"label": Literal("Biocat", language="en")})
    assert found.values() == [{"s": EX + "biocat"}]
    # A value that would break the query if it were pasted in is just a literal that matches nothing.
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "', language="en")
    assert len(filled.select(query, bindings={"label": hostile})) == 0
    assert filled.count() == 3


def test_bindings_work_for_aggregates_without_the_variable_projected(filled: Store) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    result = filled.select(query, bindings={"g": NamedNode(G1)})
    assert result.values() == [{"n": "2"}]


def test_ask_and_construct(filled: Store) -> None:
    assert filled.query("ASK { ?s ?p 'nothing' }") == AskResult(False)
    graph = filled.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(graph, GraphResult)
    assert len(graph) == 3
    assert b"Biocat" in graph.serialize(RdfFormat.TURTLE)


def test_dataset_can_be_restricted(filled: Store) -> None:
    result = filled.query("SELECT ?l WHERE { ?s ?p ?l }", default_graph=[G2])
    assert isinstance(result, SelectResult)
    assert result.values() == [{"l": "BioM Biotech Cluster"}]


def test_replace_graph_swaps_one_graph_only(filled: Store) -> None:
    filled.replace_graph(G1, [q("lyonbiopole", Literal("Lyonbiopole", language="fr"), G1)])
    assert filled.count(G1) == 1
    assert filled.count(G2) == 1
    labels = {r["l"] for r in filled.select("SELECT ?l { ?s ?p ?l }").values()}
    assert labels == {"Lyonbiopole", "BioM Biotech Cluster"}


def test_drop_graph_and_clear(filled: Store) -> None:
    filled.drop_graph(G1)
    assert [g.value for g in filled.graphs()] == [G2]
    filled.drop_graph(EX + "never-there")
    filled.clear()
    assert filled.is_empty()


def test_dump_round_trips(filled: Store) -> None:
    data = filled.dump(RdfFormat.N_QUADS)
    quads = set(parse(data, format=RdfFormat.N_QUADS))
    assert len(quads) == 3
    assert q("biocat", Literal("Biocat", language="en"), G1) in quads
    trig = filled.dump(RdfFormat.TRIG)
    assert len(list(parse(trig, format=RdfFormat.TRIG))) == 3


def test_replace_all_swaps_everything(filled: Store) -> None:
    filled.replace_all([q("new", Literal("New"), G2)])  # type: ignore[attr-defined]
    assert filled.count() == 1
    assert [g.value for g in filled.graphs()] == [G2]


def test_unicode_survives(store: Store) -> None:
    store.add([q("cmc", Literal("中国医药城", language="zh"), G1)])
    assert store.select("SELECT ?l { ?s ?p ?l }").values() == [{"l": "中国医药城"}]


def test_syntax_error_is_reported(store: Store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"(?i)syntax|rejected"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_update_runs(filled: Store) -> None:
    filled.update("DELETE WHERE { GRAPH ?g { <http://example.org/biom> ?p ?o } }")
    assert filled.count() == 1
