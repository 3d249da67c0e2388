"""``Store.values``: the rows of a SELECT as plain strings, equal to ``query``'s values on every
kind of store, however the literals are written (tabs, line breaks, quotes, backslashes,
language tags, datatypes, characters outside ASCII), and unbound values as ``None``."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.store import EmbeddedStore, Store
from clustergraph.store.results import term_value, tsv_values

EX = "http://example.org/"
G = NamedNode(EX + "g")
XSD = "http://www.w3.org/2001/XMLSchema#"
OBJECTS = [
    Literal("tab\there, new\nline, carriage\rreturn", language="en"),
    Literal('quotes "double" and \'single\', back\\slash \\t not a tab', language="de-CH"),
    Literal("Zürich, 大阪, emoji 🧬"),
    Literal("42", datatype=NamedNode(XSD + "integer")),
    Literal("2.5", datatype=NamedNode(XSD + "decimal")),
    Literal("true", datatype=NamedNode(XSD + "boolean")),
    Literal("2016-05-01", datatype=NamedNode(XSD + "date")),
    Literal("odd \u0001 control", datatype=NamedNode(EX + "own-type")),
    Literal(""),
    Literal("ends with a backslash \\"),
    NamedNode(EX + "thing/é?q=1#f"),
]
QUERY = """SELECT ?s ?o ?lang ?none WHERE {
  ?s <http://example.org/p> ?o .
  OPTIONAL { ?s <http://example.org/absent> ?none }
  BIND(LANG(?o) AS ?lang)
} ORDER BY ?s"""


def filled(store: Store) -> Store:
    store.add([Quad(NamedNode(f"{EX}s{i:02d}"), NamedNode(EX + "p"), o, G) for i, o in enumerate(OBJECTS)])
    return store


def test_values_are_the_values_of_query(store: Store) -> None:
    filled(store)
    found = store.values(QUERY)
    expected = store.select(QUERY)
    assert found.variables == expected.variables == ["s", "o", "lang", "none"]
    assert found.rows == [tuple(None if t is None else term_value(t) for t in row) for row in expected.rows]
    by_subject = {row[0]: row for row in found.rows}
    assert by_subject[EX + "s00"][1:] == ("tab\there, new\nline, carriage\rreturn", "en", None)
    assert by_subject[EX + "s01"][1:3] == ('quotes "double" and \'single\', back\\slash \\t not a tab', "de-ch")
    assert by_subject[EX + "s02"][1] == "Zürich, 大阪, emoji 🧬"
    assert by_subject[EX + "s08"][1] == "" and by_subject[EX + "s10"][1] == EX + "thing/é?q=1#f"
    assert len(found.rows) == len(OBJECTS)


def test_values_binds_terms_and_answers_empty_and_unbound_rows(store: Store) -> None:
    filled(store)
    one = store.values("SELECT ?o WHERE { ?s <http://example.org/p> ?o }", bindings={"s": NamedNode(EX + "s03")})
    assert one.rows == [("42",)]
    assert store.values("SELECT ?o WHERE { ?s <http://example.org/nothing> ?o }").rows == []
    assert store.values("SELECT ?o WHERE { OPTIONAL { ?s <http://example.org/nothing> ?o } }").rows == [(None,)]


def test_a_query_that_is_no_select_is_refused() -> None:
    with pytest.raises(TypeError):
        EmbeddedStore().values("ASK {}")


def test_tsv_answers_with_a_wrong_number_of_cells_are_an_error() -> None:
    assert tsv_values("?a\t?b\n<http://e/x>\t\n").rows == [("http://e/x", None)]
    with pytest.raises(ValueError, match="2 variables has 3 cells"):
        tsv_values("?a\t?b\n<http://e/x>\t\t\n")
