"""Every kind of term comes back as it went in, on every store (Virtuoso's own forms repaired)."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse

from clustergraph.store import EmbeddedStore, GraphResult, Store

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
G = NamedNode(EX + "terms")
P = NamedNode(EX + "value")


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


VALUES = [
    Literal("plain"),
    Literal("Biocat", language="en"),
    Literal("中国医药城", language="zh"),
    Literal("BIO.NRW", language="de"),
    Literal('two\nlines, a "quote" and a tab\t'),
    typed("true", "boolean"),
    typed("false", "boolean"),
    typed("42", "integer"),
    typed("-7", "integer"),
    typed("41.3851", "decimal"),
    typed("2.5", "double"),
    typed("1000", "double"),
    typed("2016-10-09", "date"),
    typed("2016", "gYear"),
    typed("2016-10", "gYearMonth"),
    typed("2016-10-09T10:00:00Z", "dateTime"),
    typed("P3Y", "duration"),
    typed("P1Y6M", "duration"),
    typed("P10D", "duration"),
    typed("PT90S", "duration"),
    Literal("x", datatype=NamedNode(EX + "customType")),
]


def expected(value: Literal) -> Literal:
    """The term as an embedded store gives it back (pyoxigraph's canonical forms)."""
    store = EmbeddedStore()
    store.add([Quad(NamedNode(EX + "s"), P, value, G)])
    term = store.select("SELECT ?o WHERE { ?s ?p ?o }").rows[0][0]
    assert isinstance(term, Literal)
    return term


def subjects(n: int) -> list[NamedNode]:
    return [NamedNode(f"{EX}s{i}") for i in range(n)]


@pytest.fixture
def filled(store: Store) -> Store:
    store.add([Quad(s, P, v, G) for s, v in zip(subjects(len(VALUES)), VALUES)])
    return store


def test_literals_come_back_unchanged_in_select(filled: Store) -> None:
    rows = filled.select("SELECT ?s ?o WHERE { ?s <http://example.org/value> ?o }").rows
    got = {s.value: o for s, o in rows}  # type: ignore[union-attr]
    for s, v in zip(subjects(len(VALUES)), VALUES):
        assert got[s.value] == expected(v), v


def test_literals_come_back_unchanged_in_construct_and_dump(filled: Store) -> None:
    want = {expected(v) for v in VALUES}
    graph = filled.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(graph, GraphResult)
    assert {t.object for t in graph.triples} == want
    dumped = {q.object for q in parse(filled.dump_bytes(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)}
    assert dumped == want


def test_a_literal_can_be_matched_by_its_value(filled: Store) -> None:
    for v in (typed("P3Y", "duration"), typed("true", "boolean"), Literal("Biocat", language="en")):
        found = filled.select("SELECT ?s WHERE { ?s ?p ?o }", bindings={"o": v})
        assert len(found) == 1, v


def test_blank_nodes_keep_their_links(store: Store) -> None:
    node = BlankNode("shape1")
    store.add(
        [
            Quad(NamedNode(EX + "Shape"), NamedNode(EX + "property"), node, G),
            Quad(node, NamedNode(EX + "path"), NamedNode(EX + "label"), G),
            Quad(node, NamedNode(EX + "minCount"), typed("1", "integer"), G),
        ]
    )
    rows = store.select(
        "SELECT ?path ?n WHERE { <http://example.org/Shape> <http://example.org/property> ?b ."
        " ?b <http://example.org/path> ?path ; <http://example.org/minCount> ?n }"
    ).values()
    assert rows == [{"path": EX + "label", "n": "1"}]
    quads = list(parse(store.dump_bytes(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS))
    blank = {q.object for q in quads if isinstance(q.object, BlankNode)}
    assert len(blank) == 1 and {q.subject for q in quads if isinstance(q.subject, BlankNode)} == blank


def test_order_by_sorts_as_the_embedded_store(filled: Store) -> None:
    query = "SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && (LANG(?o) != '' || DATATYPE(?o) = <http://www.w3.org/2001/XMLSchema#string>)) } ORDER BY ?o"
    reference = EmbeddedStore()
    reference.add([Quad(s, P, v, G) for s, v in zip(subjects(len(VALUES)), VALUES)])
    assert filled.select(query).values() == reference.select(query).values()
    # (not isNumeric: Virtuoso 7 holds booleans and durations as numbers and counts them in)
    numbers = (
        "SELECT ?o WHERE { ?s ?p ?o FILTER(DATATYPE(?o) IN (<http://www.w3.org/2001/XMLSchema#integer>,"
        " <http://www.w3.org/2001/XMLSchema#decimal>, <http://www.w3.org/2001/XMLSchema#double>)) } ORDER BY DESC(?o)"
    )
    assert [r["o"] for r in filled.select(numbers).values()] == [r["o"] for r in reference.select(numbers).values()]
