"""Virtuoso's closure paths (``P*`` joined with other patterns), repaired from the query's parse.

Virtuoso 7.2 often answers a ``*`` path joined with the rest of a query with no rows; the
remote store evaluates each such path on its own and binds what it reaches
(:func:`clustergraph.store.virtuoso.rewrite_closures`). These ask the real server (started on
127.0.0.1 by the session fixture) and compare with the embedded store on the same graph.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pyoxigraph import NamedNode

from clustergraph.store import RemoteStore, SelectResult, Store
from clustergraph.store.virtuoso import rewrite_closures
from tests.conftest import Curated

QUESTIONS = {
    # a first ``a/`` step, a variable subject, joined with a label
    "typed organisations": """SELECT ?org ?name WHERE {
        ?org a/rdfs:subClassOf* org:Organization . ?org rdfs:label ?name }""",
    # a path whose subject is an IRI (a FILTER EXISTS), inside OPTIONAL, and a ``+``
    "classes above": """SELECT ?class ?top WHERE {
        ?class rdfs:subClassOf+ org:Organization .
        OPTIONAL { ?class rdfs:subClassOf ?top . cg:Company rdfs:subClassOf* org:Organization } }""",
    # the same text inside a string is not a pattern and stays as it is
    "string kept": """SELECT ?class (CONCAT("?x rdfs:subClassOf* org:Organization .", STR(?class)) AS ?said)
        WHERE { ?class rdfs:subClassOf* org:Organization }""",
}


@pytest.fixture(scope="module")
def both(curated_data: Curated, curated_virtuoso) -> Iterator[tuple[Store, Store]]:  # type: ignore[no-untyped-def]
    embedded = curated_data.memory()
    remote = RemoteStore(curated_virtuoso.store_url())
    yield embedded, remote
    remote.close()
    embedded.close()


def _rows(store: Store, text: str) -> list[tuple[str, ...]]:
    answer = store.query(text)
    assert isinstance(answer, SelectResult)
    return sorted(tuple("" if t is None else str(t) for t in row) for row in answer.rows)


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_closure_paths_joined_with_other_patterns_answer_as_embedded(both: tuple[Store, Store], name: str) -> None:
    embedded, remote = both
    expected = _rows(embedded, QUESTIONS[name])
    assert expected, f"{name}: the curated graph should answer this question"
    assert _rows(remote, QUESTIONS[name]) == expected


def test_the_rewrite_writes_parsed_terms_not_query_text() -> None:
    asked: list[str] = []

    def closure(text: str) -> list[NamedNode]:
        asked.append(text)
        return [NamedNode("http://e/Top")]

    query = 'PREFIX ex: <http://e/>\nSELECT * { ?a ex:sub*   ex:Top # ex:x* ex:y .\n . ?a ex:p "ex:q* ex:r ." }'
    rewritten = rewrite_closures(query, closure)
    # the helper query holds the expanded IRIs (the prefix is not copied), and only one was asked
    assert asked == ["SELECT DISTINCT ?closure WHERE { ?closure <http://e/sub>* <http://e/Top> }"]
    assert rewritten == (
        'PREFIX ex: <http://e/>\nSELECT * { VALUES ?a { <http://e/Top> } # ex:x* ex:y .\n . ?a ex:p "ex:q* ex:r ." }'
    )


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?a nope:sub* <http://e/T> }",  # a prefix the query does not declare
        "SELECT * { ?a <http://e/sub>* <http://e/T> ",  # not SPARQL
        "SELECT * { ?a (<http://e/sub>)* <http://e/T> . ?a <http://e/s>*/<http://e/t> <http://e/T> }",  # not P* O
    ],
)
def test_what_is_not_a_plain_closure_pattern_is_sent_unchanged(query: str) -> None:
    def closure(text: str) -> list[NamedNode]:
        raise AssertionError(f"no helper query should run, but {text!r} was asked")

    assert rewrite_closures(query, closure) == query
