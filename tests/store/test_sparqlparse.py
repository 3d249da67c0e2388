"""The SPARQL parser: what it finds in a query (form, SERVICE, LOAD, FROM, where to bind) and
what it refuses (bad syntax with line and column, static errors, nesting the engine cannot take)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from clustergraph.store.sparqlparse import MAX_DEPTH, SparqlSyntaxError, parse, parse_query, parse_update
from clustergraph.store.sparqlparse.lex import MAX_NESTING
from clustergraph.store.sparqltext import bind_values, expand_delete_where, order_by, query_dataset
from tests.api.ssrf_spellings import spellings

URL = "http://127.0.0.1:9/"


def test_every_spelling_of_a_remote_call_is_found() -> None:
    found = spellings(URL)
    assert len(found) > 900
    for kind, text in found:
        shape = parse(text, kind)
        assert shape.calls_out, text


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
        "SELECT * WHERE { ?s <http://e/SERVICE> ?o }",
        "PREFIX service: <http://e/> SELECT * WHERE { ?s service:SERVICE ?o }",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT * WHERE { BIND('''\nSERVICE <http://127.0.0.1:9/> {}\n''' AS ?x) }",
    ],
)
def test_the_word_in_strings_comments_iris_and_names_is_no_call(text: str) -> None:
    assert parse_query(text).services == ()


def test_service_targets_and_loads_are_named() -> None:
    shape = parse_query("SELECT * { SERVICE ?s { } SERVICE SILENT <http://a/> { SERVICE ex:b { } } }")
    assert shape.services == ("?s", "<http://a/>", "ex:b")
    assert parse_update("LOAD <http://a/x> ; load silent <http://b/y> INTO GRAPH <http://g/>").loads == (
        "<http://a/x>",
        "<http://b/y>",
    )


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * {}", "SELECT"),
        ("PREFIX ex: <http://e/SELECT> ASK {}", "ASK"),
        ('CONSTRUCT { ?s ?p "SELECT" } WHERE { ?s ?p ?o }', "CONSTRUCT"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://e/a>", "DESCRIBE"),
        ("# SELECT\nask { }", "ASK"),
    ],
)
def test_form(text: str, form: str) -> None:
    assert parse_query(text).form == form


def test_dataset_from_the_query() -> None:
    text = "PREFIX g: <http://g/> SELECT * FROM g:one FROM NAMED <two> WHERE { ?s ?p ?o }"
    assert query_dataset(text, base="http://h/") == (["http://g/one"], ["http://h/two"])
    assert query_dataset("BASE <http://b/> SELECT * FROM <x> {}") == (["http://b/x"], [])
    assert query_dataset("SELECT * {}") is None


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("SELECT * WHERE { ?s ?p }", 1, 24, "unexpected '}'"),
        ("SELECT *\nWHERE {\n  ?s ?p ?o\n  FILTER(?o > )\n}", 4, 15, "expected an expression"),
        ("SELECT * WHERE { ?s ?p 'open\n}", 1, 24, "string that does not end"),
        ("SELEC * {}", 1, 1, "unknown word 'SELEC'"),
        ("SELECT * { ?s ?p ?o } LIMIT 1.5", 1, 29, "expected an integer"),
        ("SELECT (?x AS ?y) (?x AS ?y) { ?x ?p ?o }", 1, 26, "assigns ?y twice"),
        ("SELECT ?o { ?s ?p ?o } GROUP BY ?s", 1, 8, "neither grouped"),
        ("SELECT * { ?s ?p ?o BIND(1 AS ?o) }", 1, 31, "already in scope"),
        ("SELECT * { VALUES (?a ?b) { (1) } }", 1, 29, "1 value(s) for 2 variable(s)"),
        ("INSERT DATA { ?s <http://e/p> 1 }", 1, 13, "cannot hold variables"),
        ("DELETE DATA { _:b <http://e/p> 1 }", 1, 13, "cannot hold blank nodes"),
        ("SELECT * { ?s ?p '\\uD800' }", 1, 19, "names no Unicode character"),
    ],
)
def test_refusals_name_line_column_and_problem(text: str, line: int, column: int, words: str) -> None:
    kind = "update" if text.startswith(("INSERT", "DELETE")) else "query"
    with pytest.raises(SparqlSyntaxError) as caught:
        parse(text, kind)
    assert (caught.value.line, caught.value.column) == (line, column), str(caught.value)
    assert words in str(caught.value)
    assert f"line {line}, column {column}" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE " + "{" * 100_000 + "}" * 100_000,
        "SELECT * WHERE { FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }",
        "SELECT * WHERE { ?s ?p " + "[ <http://e/p> " * 100_000 + "1" + " ]" * 100_000 + " }",
        "SELECT * WHERE { ?s ?p " + "( " * 100_000 + "1" + " )" * 100_000 + " }",
    ],
)
def test_deep_nesting_is_refused_quickly(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(SparqlSyntaxError, match=f"more than {MAX_NESTING} deep"):
        parse_query(text)
    assert time.perf_counter() - started < 30  # linear: it stops at the first bracket too many


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { " + " UNION ".join(["{}"] * 5000) + " }",
        "SELECT * WHERE { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(5000)) + " }",
        "SELECT * WHERE { " + " ".join(["OPTIONAL {}"] * 5000) + " }",
        "SELECT * WHERE { FILTER(" + " + ".join(["1"] * 5000) + ") }",
        "SELECT " + " ".join(f"(1 AS ?v{i})" for i in range(5000)) + " {}",
    ],
)
def test_long_chains_that_the_engine_nests_are_refused(text: str) -> None:
    with pytest.raises(SparqlSyntaxError, match=f"at most {MAX_DEPTH}"):
        parse_query(text)


def test_long_flat_lists_are_fine() -> None:
    parse_query("SELECT * WHERE { VALUES ?x { " + " ".join(str(i) for i in range(20_000)) + " } }")
    parse_query("SELECT * WHERE { " + " . ".join(f"?s <http://e/p> ?o{i}" for i in range(5000)) + " }")
    parse_update("INSERT DATA { " + " ".join(f"<http://e/{i}> <http://e/p> {i} ." for i in range(20_000)) + " }")


def test_values_go_where_the_parse_says() -> None:
    a = {"a": NamedNode("http://e/a")}
    assert bind_values('SELECT * { ?s ?p "{" . ?s ?q ?a }', a) == (
        'SELECT * { VALUES (?a) { (<http://e/a>) } ?s ?p "{" . ?s ?q ?a }'
    )
    assert bind_values("# {\nASK WHERE { ?a ?p ?o }", a) == "# {\nASK WHERE { VALUES (?a) { (<http://e/a>) } ?a ?p ?o }"
    inner = bind_values("SELECT ?a { SELECT ?a { ?a ?p ?o } }", a)
    assert parse_query(inner).where is not None and "{ { SELECT ?a" not in inner
    assert inner == "SELECT ?a { VALUES (?a) { (<http://e/a>) } { SELECT ?a { ?a ?p ?o } } }"
    assert bind_values("SELECT ?n { BIND(?x + 1 AS ?n) }", {"x": Literal(41)}).count("VALUES") == 1
    assert bind_values("PREFIX é: <http://e/> SELECT * WHERE { ?a é:p ?o }", a) == (
        "PREFIX é: <http://e/> SELECT * WHERE { VALUES (?a) { (<http://e/a>) } ?a é:p ?o }"
    )


def test_order_by_and_delete_where() -> None:
    assert order_by("SELECT * { } ORDER BY ?a DESC(?b)") == [("a", False), ("b", True)]
    assert order_by("SELECT * { } ORDER BY (?a + 1)") is None
    assert expand_delete_where("PREFIX e: <http://e/> DELETE WHERE { e:a ?p ?o }") == (
        "PREFIX e: <http://e/> DELETE { e:a ?p ?o } WHERE { e:a ?p ?o }"
    )


def test_every_bundled_query_parses() -> None:
    root = Path(__file__).resolve().parents[2]
    texts = [*(root / "queries").glob("*.rq"), *(root / "src/clustergraph/sparql").glob("*.rq")]
    assert len(texts) > 20
    for path in texts:
        parse_query(path.read_text(encoding="utf-8"))
