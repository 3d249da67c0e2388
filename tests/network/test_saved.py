"""The projection's records saved beside an embedded store's generation: a new process on the
same generation reads them back instead of scanning, with the same answers; a damaged or stale
file is read again from the store; the file goes when its generation goes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.entrypoints import entry_points
from clustergraph.gaps import gap_report
from clustergraph.network import cache, project, read_records, saved
from clustergraph.store import EmbeddedStore
from tests.support.curated import Curated

ID = "https://w3id.org/clustergraph/id/"
PAIRS = (("Biocat", "Japan"), ("BioM", "Japan"), ("Lyonbiopole", "Japan"), ("North Rhine-Westphalia", "China"))


@pytest.fixture
def folder(curated_data: Curated, tmp_path: Path) -> Path:
    return curated_data.folder(tmp_path / "store")


@pytest.fixture
def no_scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records the scans the cache makes (a test asserts there were none) without stopping them."""
    scans: list[str] = []

    def counted(store):  # type: ignore[no-untyped-def]
        scans.append(store.location)
        return read_records(store)

    monkeypatch.setattr(cache, "read_records", counted)
    yield scans


def _answers(store: EmbeddedStore) -> tuple[object, ...]:
    net = project(store)
    found = [entry_points(store, h, m, network=net).model_dump() for h, m in PAIRS]
    report = gap_report(store, network=net)
    return found, report.brokers, report.coverage, report.missing_links, report.fragmentation, report.summary


def test_a_new_process_reads_the_saved_records_and_gets_the_same_answers(folder: Path, no_scans: list[str]) -> None:
    first = EmbeddedStore(folder, read_only=True)
    fresh = _answers(first)
    path = saved.path_of(first)
    assert path is not None and path.exists() and path.parent == folder
    assert path.name == f".{first.active_location.name}.network.npz"  # type: ignore[union-attr]
    assert len(no_scans) == 1
    first.close()
    cache.forget(first)

    again = EmbeddedStore(folder, read_only=True)  # as a restarted server or the next CLI run
    assert saved.load(path) == read_records(again)
    no_scans.clear()
    assert _answers(again) == fresh
    assert no_scans == []  # read back from the file, no scan of the store
    again.close()


def test_a_damaged_or_stale_file_is_read_again_from_the_store(folder: Path, no_scans: list[str]) -> None:
    store = EmbeddedStore(folder)
    expected = _answers(store)
    path = saved.path_of(store)
    assert path is not None
    good = path.read_bytes()
    for damage in (good[: len(good) // 2], b"not an archive", good[:-200] + bytes(200)):
        path.write_bytes(damage)
        cache.forget(store)
        no_scans.clear()
        assert _answers(store) == expected
        assert len(no_scans) == 1  # read from the store again
        assert saved.load(path) == read_records(store)  # and saved again, whole

    # a file left for another generation (copied under the new one's name) is not taken for it
    org = NamedNode(ID + "saved-test-org")
    store.add([
        Quad(org, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
             NamedNode("http://www.w3.org/ns/org#Organization"), NamedNode(ID.replace("/id/", "/graph/") + "test")),
        Quad(org, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Saved Test Org"),
             NamedNode(ID.replace("/id/", "/graph/") + "test")),
    ])
    newer = saved.path_of(store)
    assert newer is not None and newer != path
    newer.write_bytes(good)
    cache.forget(store)
    assert ID + "saved-test-org" in project(store).records.actors
    rewritten = saved.load(newer)
    assert rewritten is not None and ID + "saved-test-org" in rewritten.actors
    store.close()


def test_the_file_goes_with_its_generation(folder: Path) -> None:
    store = EmbeddedStore(folder)
    project(store)
    old = saved.path_of(store)
    assert old is not None and old.exists()
    store.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:p> <urn:x:b> } }")
    project(store)
    new = saved.path_of(store)
    assert new is not None and new.exists() and new != old
    assert not old.exists()  # removed with the generation before
    assert not old.with_name(old.name.removesuffix(".network.npz")[1:]).exists()
    store.close()


def test_an_in_memory_store_keeps_its_records_in_memory_only(curated_data: Curated, tmp_path: Path) -> None:
    store = curated_data.memory()
    assert saved.path_of(store) is None
    assert project(store).records is project(store).records
