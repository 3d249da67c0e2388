"""What only the embedded store does: generations on disk, locks, reopening."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.errors import StoreLockedError
from clustergraph.store import EmbeddedStore

G = "http://example.org/g"


def quad(label: str) -> Quad:
    return Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), Literal(label), NamedNode(G))


def test_data_persists_across_reopen(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    store.add([quad("kept")])
    store.close()
    del store
    again = EmbeddedStore(tmp_path / "s")
    assert again.select("SELECT ?o { ?s ?p ?o }").values() == [{"o": "kept"}]


def test_replace_all_writes_a_new_generation_and_switches(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    store.add([quad("old")])
    first = (tmp_path / "s" / "clustergraph-active").read_text().strip()
    store.replace_all([quad("new")])
    second = (tmp_path / "s" / "clustergraph-active").read_text().strip()
    assert first != second
    assert store.select("SELECT ?o { ?s ?p ?o }").values() == [{"o": "new"}]
    # the previous generation is kept intact for readers that still hold it
    assert (tmp_path / "s" / first).is_dir()
    store.replace_all([quad("newer")])
    assert not (tmp_path / "s" / first).exists(), "generations two steps old are pruned"


def test_refresh_follows_a_rebuild_by_another_handle(tmp_path: Path) -> None:
    reader = EmbeddedStore(tmp_path / "s")
    reader.add([quad("old")])
    reader.close()
    writer = EmbeddedStore(tmp_path / "s")
    writer.replace_all([quad("new")])
    writer.close()
    reader2 = EmbeddedStore(tmp_path / "s")
    assert reader2.refresh() is False
    assert reader2.select("SELECT ?o { ?s ?p ?o }").values() == [{"o": "new"}]


def test_locked_store_says_what_to_do(tmp_path: Path) -> None:
    location = tmp_path / "s"
    EmbeddedStore(location).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from clustergraph.store import EmbeddedStore;"
            f"s = EmbeddedStore({str(location)!r}); s.count(); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match=r"locked by another process.*clustergraph serve"):
            EmbeddedStore(location).count()
    finally:
        holder.kill()
        holder.wait()
