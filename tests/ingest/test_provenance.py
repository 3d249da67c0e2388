"""The authoring form of quotes becomes per-statement provenance that plain SPARQL 1.1 reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Triple

from clustergraph.errors import InputError
from clustergraph.ingest.provenance import statement_iri
from clustergraph.ingest.reading import read_file
from clustergraph.store import EmbeddedStore

G = "https://example.org/graph/test"
HEAD = """@prefix cg: <https://w3id.org/clustergraph/ontology#> .
@prefix q: <https://example.org/quote/> .
@prefix e: <https://example.org/> .
"""
QUOTED = """
SELECT ?s ?p ?o ?quote WHERE {
  GRAPH ?g {
    ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
        <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
        <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
        <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ;
        <http://www.w3.org/ns/prov#wasDerivedFrom> ?ev .
    ?ev <http://www.w3.org/ns/oa#hasSource> ?g ;
        <http://www.w3.org/ns/oa#hasSelector> ?sel .
    ?sel a <http://www.w3.org/ns/oa#TextQuoteSelector> ; <http://www.w3.org/ns/oa#exact> ?quote .
  }
}
ORDER BY ?p ?quote
"""


def _store(tmp_path: Path, text: str) -> EmbeddedStore:
    path = tmp_path / "data.ttl"
    path.write_text(HEAD + text, encoding="utf-8")
    store = EmbeddedStore()
    store.add(read_file(path, graph=G))
    return store


def test_each_statement_is_tied_to_the_quotes_it_cites(tmp_path: Path) -> None:
    store = _store(tmp_path, """
q:a cg:quote "Biocat (Catalonia, Spain)"@en .
q:b cg:quote "Biocat (Catalonia)"@en .
e:biocat e:label "Biocat"@en ~ q:a ; e:in e:catalonia ~ q:a ~ q:b .
""")
    rows = [(r["p"], r["quote"]) for r in store.select(QUOTED).values()]
    assert rows == [
        ("https://example.org/in", "Biocat (Catalonia)"),
        ("https://example.org/in", "Biocat (Catalonia, Spain)"),
        ("https://example.org/label", "Biocat (Catalonia, Spain)"),
    ]
    # the statements themselves are asserted; no RDF 1.2 triple term is stored
    assert store.count() == len(store.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert not [q for q in store.select("SELECT ?o WHERE { ?s ?p ?o }").column("o") if isinstance(q, Triple)]


def test_statement_iris_depend_on_the_triple_only(tmp_path: Path) -> None:
    store = _store(tmp_path, 'q:a cg:quote "some words"@en .\ne:x e:p e:y ~ q:a .\n')
    triple = Triple(NamedNode("https://example.org/x"), NamedNode("https://example.org/p"), NamedNode("https://example.org/y"))
    rows = store.select("SELECT ?st WHERE { ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s }")
    assert rows.column("st") == [statement_iri(triple)]


def test_the_shorthand_quotes_every_statement_of_its_node(tmp_path: Path) -> None:
    store = _store(tmp_path, 'e:org e:label "Org"@en ; e:in e:place ; cg:evidence "Org, in Place"@en .\n')
    rows = {(r["p"], r["quote"]) for r in store.select(QUOTED).values()}
    assert rows == {("https://example.org/label", "Org, in Place"), ("https://example.org/in", "Org, in Place")}
    assert not store.select("SELECT * WHERE { ?s <https://w3id.org/clustergraph/ontology#evidence> ?o }").rows


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("e:x e:p e:y ~ q:nowhere .\n", "names no quote"),
        ('q:a cg:quote "A"@en .\nq:b cg:quote "B"@en .\ne:x e:p e:y ~ q:a , q:b .\n', "a comma starts another object"),
        ("e:a e:b <<( e:x e:p e:y )>> .\n", "only read as annotations"),
    ],
)
def test_malformed_annotations_name_the_file_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(HEAD + text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_file(path, graph=G)
    assert str(path) in str(err.value)
