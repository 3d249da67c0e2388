"""The store contract, run against the embedded store and a real `oxigraph serve`."""

from __future__ import annotations

from pathlib import Path

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


def test_dump_round_trips(filled: Store, tmp_path: Path) -> None:
    data = filled.dump_bytes(RdfFormat.N_QUADS)
    quads = set(parse(data, format=RdfFormat.N_QUADS))
    assert len(quads) == 3
    assert q("biocat", Literal("Biocat", language="en"), G1) in quads
    trig = filled.dump_bytes(RdfFormat.TRIG)
    assert len(list(parse(trig, format=RdfFormat.TRIG))) == 3
    with (tmp_path / "g2.nq").open("wb") as out:  # streamed into a file, one graph only
        filled.dump(out, RdfFormat.N_QUADS, graphs=[G2])
    assert set(parse(path=str(tmp_path / "g2.nq"), format=RdfFormat.N_QUADS)) == {
        q("biom", Literal("BioM Biotech Cluster", language="en"), G2)
    }


def test_graph_counts(filled: Store) -> None:
    assert filled.graph_counts() == {G1: 2, G2: 1}


def test_default_prefixes_apply_and_own_declarations_win(filled: Store) -> None:
    rows = filled.select("SELECT ?l WHERE { ?s rdfs:label ?l FILTER(lang(?l) = 'de') }").values()
    assert rows == [{"l": "BioM"}]
    own = "PREFIX rdfs: <http://example.org/not-rdfs#> ASK { ?s rdfs:label ?l }"
    assert filled.query(own) == AskResult(False)
    with pytest.raises(QuerySyntaxError):  # no default prefixes: cg: is unknown (Virtuoso knows rdfs: itself)
        filled.query("ASK { ?s cg:label ?l }", prefixes={})


def test_replace_all_swaps_everything(filled: Store) -> None:
    filled.replace_all([q("new", Literal("New"), G2)])
    assert filled.count() == 1
    assert [g.value for g in filled.graphs()] == [G2]


def test_bulk_load_drops_then_loads_all_or_nothing(filled: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.nt"
    good.write_text('<http://example.org/new> <http://www.w3.org/2000/01/rdf-schema#label> "New" .\n')
    bad = tmp_path / "bad.nt"
    bad.write_text('<http://example.org/a> <http://example.org/p> "ok" .\n<http://example.org/b> oops .\n')
    extra = [q("extra", Literal("Extra"), G1)]
    with pytest.raises(SyntaxError):
        filled.bulk_load([(good, RdfFormat.N_TRIPLES, G2), (bad, RdfFormat.N_TRIPLES, G2)], extra=extra, drop=[G1])
    assert filled.graph_counts() == {G1: 2, G2: 1}, "a file that does not parse changes nothing"
    filled.bulk_load([(good, RdfFormat.N_TRIPLES, G2)], extra=extra, drop=[G1])
    assert filled.graph_counts() == {G1: 1, G2: 2}
    labels = {r["l"] for r in filled.select("SELECT ?l { GRAPH ?g { ?s ?p ?l } }").values()}
    assert labels == {"New", "Extra", "BioM Biotech Cluster"}


def test_unicode_survives(store: Store) -> None:
    store.add([q("cmc", Literal("中国医药城", language="zh"), G1)])
    assert store.select("SELECT ?l { ?s ?p ?l }").values() == [{"l": "中国医药城"}]


def test_syntax_error_is_reported(store: Store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"(?i)syntax|rejected"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_update_runs(filled: Store) -> None:
    filled.update("DELETE WHERE { GRAPH ?g { <http://example.org/biom> ?p ?o } }")
    assert filled.count() == 1
