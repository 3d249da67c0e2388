"""Loading user files: every format, and broken input that leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse, serialize

from clustergraph.errors import (
    InputNotFoundError,
    InputSyntaxError,
    UnknownFormatError,
    ValidationError,
)
from clustergraph.ingest import check_files, load_files
from clustergraph.namespaces import graph_iri
from clustergraph.store import EmbeddedStore, Store
from tests.support.stores import quads_of

RESOURCES = Path(__file__).parent.parent / "resources"
VALID = RESOURCES / "user-organisation.ttl"
INVALID = RESOURCES / "user-organisation-invalid.ttl"
HELIX = "https://example.org/test/helix-cluster"


@pytest.fixture
def built(curated_store: Store) -> Store:
    """The bundled graph in each kind of store."""
    return curated_store


def snapshot(store: Store) -> frozenset[object]:
    return quads_of(store)


def big_broken_turtle(path: Path, triples: int = 5000) -> Path:
    """Thousands of valid triples, then a syntax error on the last line."""
    lines = ["@prefix ex: <http://example.org/bulk/> ."]
    lines += [f'ex:s{i} ex:p "value {i}" .' for i in range(triples)]
    lines.append('ex:broken ex:p "no closing quote .')
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_valid_file_goes_to_its_own_described_graph(built: Store) -> None:
    report = load_files(built, [VALID])
    graph = graph_iri("user/user-organisation")
    assert report.graphs == [graph]
    assert report.validated
    rows = built.select(
        "SELECT ?g ?label WHERE { GRAPH ?g { ?org <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
        "FILTER(LANG(?label) = 'de') }",
        bindings={"org": __import__("pyoxigraph").NamedNode(HELIX)},
    ).values()
    assert rows == [{"g": graph, "label": "Helix-Testcluster"}]
    source = built.select(
        "SELECT ?file WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/source> ?file } }",
        bindings={"g": __import__("pyoxigraph").NamedNode(graph)},
    ).values()
    assert source == [{"file": "user-organisation.ttl"}]


@pytest.mark.parametrize(
    ("extension", "fmt"),
    [
        (".nt", RdfFormat.N_TRIPLES),
        (".rdf", RdfFormat.RDF_XML),
        (".jsonld", RdfFormat.JSON_LD),
        (".trig", RdfFormat.TRIG),
        (".nq", RdfFormat.N_QUADS),
    ],
)
def test_every_rdf_syntax_loads(tmp_path: Path, curated_copy: EmbeddedStore, extension: str, fmt: RdfFormat) -> None:
    """Each syntax gives the same triples. Unvalidated: the shapes see quads, whatever the syntax
    was (validated loads are tested above and below)."""
    store = curated_copy
    triples = [q.triple for q in parse(path=str(VALID), format=RdfFormat.TURTLE)]
    target = tmp_path / f"helix{extension}"
    target.write_bytes(serialize(triples, format=fmt) or b"")
    report = load_files(store, [target], graph="https://example.org/test/graph", validate=False)
    assert report.graphs == ["https://example.org/test/graph"]
    assert store.count("https://example.org/test/graph") == len(triples) + 1  # + dcterms:source
    loaded = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://example.org/test/graph> { ?s ?p ?o } }")
    assert set(triples) <= set(loaded.triples)  # type: ignore[union-attr]


def test_graph_option_puts_files_in_one_graph(built: Store) -> None:
    load_files(built, [VALID], graph="https://example.org/test/mine")
    assert "https://example.org/test/mine" in {g.value for g in built.graphs()}


def test_syntax_error_late_in_a_large_file_changes_nothing(built: Store, tmp_path: Path) -> None:
    before = snapshot(built)
    broken = big_broken_turtle(tmp_path / "bulk.ttl")
    with pytest.raises(InputSyntaxError, match=r"bulk\.ttl:5002:\d+: syntax error") as caught:
        load_files(built, [broken], validate=False)
    assert caught.value.line == 5002
    assert snapshot(built) == before


def test_a_broken_second_file_keeps_the_first_out_too(built: Store, tmp_path: Path) -> None:
    before = snapshot(built)
    broken = big_broken_turtle(tmp_path / "bulk.ttl", triples=10)
    with pytest.raises(InputSyntaxError):
        load_files(built, [VALID, broken])
    assert snapshot(built) == before


def test_unknown_extension_lists_the_formats(built: Store, tmp_path: Path) -> None:
    before = snapshot(built)
    odd = tmp_path / "notes.docx"
    odd.write_text("hello")
    with pytest.raises(UnknownFormatError, match=r"notes\.docx: unknown format; accepted .*\.ttl"):
        load_files(built, [odd])
    assert snapshot(built) == before


def test_shape_violation_lists_focus_path_and_message(built: Store) -> None:
    before = snapshot(built)
    with pytest.raises(ValidationError) as caught:
        load_files(built, [INVALID])
    text = str(caught.value)
    assert "nothing was loaded" in text
    assert "https://example.org/test/nameless-cluster rdfs:label" in text
    assert "Cite the quote" in text  # no statement about it is tied to a quote
    assert "user-organisation-invalid.ttl:4" in text, "names the file and line of the node"
    paths = {v.path for v in caught.value.violations}
    assert {"rdfs:label", "cg:locatedIn"} <= paths  # the quote check has an inverse path: no short form
    assert snapshot(built) == before


def test_missing_file(built: Store, tmp_path: Path) -> None:
    before = snapshot(built)
    with pytest.raises(InputNotFoundError, match="no such file"):
        load_files(built, [tmp_path / "absent.ttl"])
    assert snapshot(built) == before


def test_check_files_validates_without_a_store() -> None:
    per_graph, report = check_files([VALID])
    assert report.validated
    assert sum(len(v) for v in per_graph.values()) == report.quads
    with pytest.raises(ValidationError):
        check_files([INVALID])


def test_replace_swaps_the_graph_content(built: Store, tmp_path: Path) -> None:
    load_files(built, [VALID], graph="https://example.org/test/mine", validate=False)  # the validated one is next
    smaller = tmp_path / "smaller.ttl"
    smaller.write_text(VALID.read_text().replace(', "Helix-Testcluster"@de', ""))
    load_files(built, [smaller], graph="https://example.org/test/mine", replace=True)
    labels = built.select(
        "SELECT ?l WHERE { GRAPH <https://example.org/test/mine> "
        "{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
    ).values()
    assert labels == [{"l": "Helix Test Cluster"}]


def test_unvalidated_loads_on_disk_are_bulk_loaded_into_a_new_generation(tmp_path: Path, curated_folder: Path) -> None:
    store = EmbeddedStore(curated_folder)
    pointer = curated_folder / "clustergraph-active"
    before, generation = store.count(), pointer.read_text()
    report = load_files(store, [VALID], validate=False)
    assert pointer.read_text() != generation, "a fresh generation was switched in"
    assert report.files[0][2] is None  # bulk-loaded, not counted
    graph = graph_iri("user/user-organisation")
    assert store.count(graph) == 7  # six triples of the file + dcterms:source
    assert store.count() == before + 7
    load_files(store, [VALID], validate=False, replace=True)
    assert store.count(graph) == 7
    broken = big_broken_turtle(tmp_path / "bulk.ttl", triples=20000)
    generation = pointer.read_text()
    with pytest.raises(InputSyntaxError, match=r"bulk\.ttl:20002:"):
        load_files(store, [broken], validate=False)
    assert pointer.read_text() == generation
    assert store.count() == before + 7
    assert sorted(p.name for p in curated_folder.iterdir() if p.name.startswith("gen-"))[-1] == generation.strip()
