"""Building the bundled graph: every file, one graph each, valid, atomic, same on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustergraph.errors import ValidationError
from clustergraph.ingest import build, bundled_files
from clustergraph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH
from clustergraph.store import EmbeddedStore, Store
from tests.support.curated import Curated


def test_build_loads_one_graph_per_file_and_validates(store: Store) -> None:
    report = build(store)
    assert report.validated
    files = bundled_files()
    graphs = {g.value for g in store.graphs()}
    assert {f.graph for f in files} | {INFERRED_GRAPH} == graphs  # and what the rules infer, in its own graph
    assert {ONTOLOGY_GRAPH, SHAPES_GRAPH} <= graphs
    assert report.inferred > 0 and store.count() == report.quads + report.inferred
    assert store.count(INFERRED_GRAPH) == report.inferred
    # every graph read from a file records the file it came from
    rows = store.select("SELECT ?g ?file WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/source> ?file } }").values()
    assert {r["g"] for r in rows} == graphs - {INFERRED_GRAPH}


def test_embedded_and_remote_builds_hold_the_same_quads(store: Store, curated_data: Curated) -> None:
    """A build into either store holds the quads of the session's in-memory build, graph by graph."""
    build(store)
    reference = curated_data.memory()
    assert store.count() == reference.count()
    for graph in reference.graphs():
        assert store.count(graph.value) == reference.count(graph.value), graph.value


def test_rebuild_replaces_rather_than_adds(curated_store: Store, curated_data: Curated) -> None:
    build(curated_store)
    assert curated_store.count() == curated_data.count


def test_a_failing_build_leaves_the_store_as_it_was(curated_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data file that breaks the shapes stops the build before the store is touched."""
    store = EmbeddedStore(curated_folder)
    before = store.count()
    active = (curated_folder / "clustergraph-active").read_text()

    import clustergraph.ingest.loader as loader
    from clustergraph.ingest.sources import SourceFile

    bad = Path(__file__).parent.parent / "resources" / "user-organisation-invalid.ttl"
    files = [*bundled_files(), SourceFile(bad, "https://example.org/test/bad", "source")]
    monkeypatch.setattr(loader, "bundled_files", lambda: files)
    with pytest.raises(ValidationError, match="nameless-cluster"):
        build(store)
    assert store.count() == before
    assert (curated_folder / "clustergraph-active").read_text() == active
