"""The search index: the same answers as the SPARQL scan, kept per store generation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.lookup import search
from clustergraph.lookup.index import FILE_NAME, SearchIndex, fold, index_of
from clustergraph.lookup.matching import scan
from clustergraph.namespaces import GRAPH, ID, RDFS
from clustergraph.store import EmbeddedStore

#: Texts a user types: whole names, parts of names, codes, other scripts, one and two letters,
#: FTS5 syntax (which must be taken as text), and texts in no label.
TEXTS = ["bio", "biocat", "Cluster", "es51", "JP", "ja", "b", "to", "日本", "nrw", "alliance", "Japan",
         "medicon valley", '"bio', "bio OR cat", "NEAR(bio cat)", "bio*", "'", "qqxqq"]


def _answers(matches: list) -> list[tuple[str, str, str, list[str]]]:  # type: ignore[type-arg]
    return [(m.iri, m.match, m.name, m.matched_labels) for m in matches]


@pytest.fixture(scope="module")
def accented(curated: EmbeddedStore) -> set[str]:
    """The entities with a label that only matches once accents are ignored (the scan, which
    ignores case only, finds them by fewer labels or not at all)."""
    rows = curated.select("SELECT ?e ?l WHERE { ?e ?p ?l FILTER(isLiteral(?l)) }").values()
    return {r["e"] for r in rows if r["l"] is not None and fold(r["l"]) != r["l"].strip().lower()}  # type: ignore[misc]


@pytest.fixture(scope="module")
def index(curated: EmbeddedStore) -> SearchIndex:
    return SearchIndex.build(curated)


@pytest.mark.parametrize("text", TEXTS)
def test_index_answers_as_the_scan_does(curated: EmbeddedStore, index: SearchIndex, accented: set[str],
                                        text: str) -> None:
    for kinds in (None, ("place",), ("actor", "concept")):
        found = index.search(text, limit=None, kinds=kinds)  # type: ignore[arg-type]
        scanned = scan(curated, text, limit=None, kinds=kinds)  # type: ignore[arg-type]
        assert {m.iri for m in scanned} <= {m.iri for m in found}
        plain = [a for a in _answers(found) if a[0] not in accented]
        assert plain == [a for a in _answers(scanned) if a[0] not in accented]
        assert _answers(index.search(text, limit=3, kinds=kinds)) == _answers(found[:3])  # type: ignore[arg-type]


def test_the_curated_graph_is_searched_through_its_index(curated: EmbeddedStore) -> None:
    assert index_of(curated) is index_of(curated)
    found = search(curated, "biocat", limit=1)[0]
    assert (found.iri, found.kind, found.match) == (ID + "biocat", "actor", "exact")


def _label(entity: str, text: str, lang: str = "en") -> Quad:
    return Quad(NamedNode(ID + entity), NamedNode(RDFS + "label"), Literal(text, language=lang),
                NamedNode(GRAPH + "test"))


def test_accents_and_case_are_ignored() -> None:
    store = EmbeddedStore()
    store.add([_label("zurich", "Zürich", "de"), _label("idf", "Île-de-France", "fr"), _label("koln", "KÖLN")])
    assert [(m.name, m.match) for m in search(store, "zurich")] == [("Zürich", "exact")]
    assert [m.name for m in search(store, "ile-de")] == ["Île-de-France"]
    assert [m.name for m in search(store, "köln")] == [m.name for m in search(store, "koln")] == ["KÖLN"]
    assert [m.name for m in search(store, "ZÜRICH")] == [m.name for m in search(store, "zürich")] == ["Zürich"]


def test_an_in_memory_store_is_indexed_again_after_a_write() -> None:
    store = EmbeddedStore()
    store.add([_label("alpha", "Alpha")])
    assert [m.name for m in search(store, "beta")] == []
    store.add([_label("beta", "Beta")])
    assert [m.name for m in search(store, "beta")] == ["Beta"]


def test_an_on_disk_index_lives_beside_its_generation_and_goes_with_it(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.add([_label("alpha", "Alpha")])
    assert [m.name for m in search(store, "alp")] == ["Alpha"]
    first = store.beside_generation(FILE_NAME)
    assert first is not None and first.is_file()

    other = EmbeddedStore(tmp_path / "store", read_only=True)  # another process, later: opens it as it is
    before = first.stat().st_mtime_ns
    assert [m.name for m in search(other, "alpha")] == ["Alpha"]
    assert first.stat().st_mtime_ns == before
    other.close()

    store.add([_label("alps", "Alpsee")])
    assert [m.name for m in search(store, "alp")] == ["Alpha", "Alpsee"]
    second = store.beside_generation(FILE_NAME)
    assert second is not None and second != first and second.is_file()
    store.add([_label("gamma", "Gamma")])  # the next write removes generations no reader holds
    assert not first.exists()
    store.close()


def test_a_damaged_index_file_is_built_again(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.add([_label("alpha", "Alpha")])
    path = store.beside_generation(FILE_NAME)
    assert path is not None
    path.write_bytes(b"this is no SQLite file")
    assert [m.name for m in search(store, "alpha")] == ["Alpha"]
    assert len(SearchIndex.open(path)) == 1
    store.close()
