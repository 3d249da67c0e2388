"""A query's FROM and FROM NAMED are its dataset on every kind of store (issue 12, item 6),
although the default graph is otherwise the union of all named graphs."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.store import EmbeddedStore, SelectResult, Store

A, B = "http://example.org/graph/a", "http://example.org/graph/b"


def fill(store: Store) -> None:
    p = NamedNode("http://example.org/p")
    store.add([
        Quad(NamedNode("http://example.org/x"), p, Literal("in a"), NamedNode(A)),
        Quad(NamedNode("http://example.org/y"), p, Literal("in b"), NamedNode(B)),
    ])


def values(store: Store, text: str) -> list[str]:
    result = store.query(text)
    assert isinstance(result, SelectResult)
    return sorted(str(v["o"]) for v in result.values())


def check(store: Store) -> None:
    fill(store)
    assert values(store, "SELECT ?o WHERE { ?s ?p ?o }") == ["in a", "in b"]
    assert values(store, f"SELECT ?o FROM <{A}> WHERE {{ ?s ?p ?o }}") == ["in a"]
    assert values(store, "PREFIX g: <http://example.org/graph/> SELECT ?o FROM g:b WHERE { ?s ?p ?o }") == ["in b"]
    assert values(store, f"SELECT ?o FROM NAMED <{B}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == ["in b"]
    assert values(store, f"SELECT ?o FROM NAMED <{B}> WHERE {{ ?s ?p ?o }}") == []


def test_from_on_every_store(store: Store) -> None:
    check(store)


def test_from_in_memory() -> None:
    check(EmbeddedStore())
