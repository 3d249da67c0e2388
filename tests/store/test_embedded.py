"""What only the embedded store does: generations on disk, readers and writers in several processes."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad
from pyoxigraph import Store as OxStore

from clustergraph.errors import ReadOnlyError, StoreBusyError
from clustergraph.store import EmbeddedStore

G = "http://example.org/g"
VALUES = "SELECT ?o { ?s ?p ?o } ORDER BY ?o"


def quad(label: str) -> Quad:
    return Quad(NamedNode("http://example.org/s"), NamedNode("http://example.org/p"), Literal(label), NamedNode(G))


def generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def child(code: str) -> subprocess.Popen[str]:
    """A Python process running ``code``; it prints ``ready`` when it holds what it should, and
    goes on when :func:`go` tells it to (``input()`` in ``code``), however slow the machine."""
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line == "ready", process.stderr.read() if process.stderr else line


def test_data_persists_across_reopen(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    store.add([quad("kept")])
    store.close()
    again = EmbeddedStore(tmp_path / "s")
    assert again.select(VALUES).values() == [{"o": "kept"}]


def test_every_write_switches_to_a_new_generation_and_old_ones_go(tmp_path: Path) -> None:
    root = tmp_path / "s"
    store = EmbeddedStore(root)
    store.add([quad("old")])
    first = (root / "clustergraph-active").read_text().strip()
    store.replace_all([quad("new")])
    second = (root / "clustergraph-active").read_text().strip()
    assert first != second
    assert store.select(VALUES).values() == [{"o": "new"}]
    assert generations(root) == [second], "a generation no reader holds is removed"


def test_a_reader_in_another_process_keeps_its_generation_and_follows_the_pointer(tmp_path: Path) -> None:
    root = tmp_path / "s"
    writer = EmbeddedStore(root)
    writer.add([quad("old")])
    reader = child(
        "from clustergraph.store import EmbeddedStore\n"
        f"s = EmbeddedStore({str(root)!r}, read_only=True)\n"
        "print(s.select('SELECT ?o { ?s ?p ?o }').values()[0]['o']); print('ready', flush=True)\n"
        "input()\n"
        "print(s.select('SELECT ?o { ?s ?p ?o }').values()[0]['o'], flush=True)\n"
    )
    try:
        assert reader.stdout is not None
        assert reader.stdout.readline().strip() == "old"
        wait_ready(reader)
        held = (root / "clustergraph-active").read_text().strip()
        writer.replace_all([quad("new")])  # not refused although a reader holds the store
        assert held in generations(root), "kept while the other process reads it"
        go(reader)
        assert reader.stdout.readline().strip() == "new", "the reader follows the pointer"
        reader.wait(timeout=30)
    finally:
        reader.kill()
    writer.add([quad("newer")])
    assert generations(root) == [(root / "clustergraph-active").read_text().strip()]


def test_a_second_writer_waits_then_says_who_holds_the_store(tmp_path: Path) -> None:
    root = tmp_path / "s"
    EmbeddedStore(root).add([quad("before")])
    holder = child(
        "from pathlib import Path; from clustergraph.store.generations import Generations\n"
        f"with Generations(Path({str(root)!r})).writing(wait=1, what='a slow test write'):\n"
        "    print('ready', flush=True); input()\n"
    )
    try:
        wait_ready(holder)
        start = time.monotonic()
        with pytest.raises(StoreBusyError, match=r"being changed by process \d+ \(a slow test write.*waited 0.5 s"):
            EmbeddedStore(root, wait=0.5).add([quad("refused")])
        assert time.monotonic() - start >= 0.5
        waiting = EmbeddedStore(root, wait=120)
        outcome: dict[str, object] = {}

        def write() -> None:
            try:
                waiting.add([quad("after")])
                outcome["written"] = True
            except Exception as err:  # reported below
                outcome["error"] = err

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.5)
        assert writer.is_alive(), f"the second writer did not wait for the first: {outcome}"
        go(holder)  # the holder finishes its write; the waiting writer goes on
        writer.join(150)
        assert outcome == {"written": True}
        assert waiting.select(VALUES).values() == [{"o": "after"}, {"o": "before"}]
    finally:
        holder.kill()
        holder.wait()


def test_what_a_killed_writer_left_is_removed_at_the_next_start(tmp_path: Path) -> None:
    root = tmp_path / "s"
    EmbeddedStore(root).add([quad("kept")])
    active = (root / "clustergraph-active").read_text().strip()
    unfinished = root / "gen-000099"
    OxStore(str(unfinished)).add(quad("half"))  # as a writer killed before its switch leaves it
    (root / ".gen-000099.readers").touch()
    store = EmbeddedStore(root, read_only=True)
    assert generations(root) == [active]
    assert not (root / ".gen-000099.readers").exists()
    assert store.select(VALUES).values() == [{"o": "kept"}]


def test_read_only_and_plain_folders_refuse_writes(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "s").add([quad("x")])
    with pytest.raises(ReadOnlyError, match="read-only"):
        EmbeddedStore(tmp_path / "s", read_only=True).add([quad("y")])
    plain = OxStore(str(tmp_path / "plain"))
    plain.add(quad("plain"))
    plain.flush()
    del plain
    store = EmbeddedStore(tmp_path / "plain")
    assert store.select(VALUES).values() == [{"o": "plain"}]
    with pytest.raises(ReadOnlyError, match="plain pyoxigraph folder"):
        store.add([quad("y")])
