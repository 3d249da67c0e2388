"""The build cache: a second build of the same inputs is read back, anything changed is built."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clustergraph.ingest import build, buildcache
from clustergraph.ingest.sources import SourceFile, bundled_files
from clustergraph.store import EmbeddedStore
from tests.support.curated import Curated
from tests.support.stores import quads_of


def _without_blank_nodes(store: EmbeddedStore) -> set[str]:
    """The store's quads as N-Quads lines, those with blank nodes left out (their labels are
    drawn anew on every parse of the shapes)."""
    return {line for line in store.dump_bytes().decode().splitlines() if "_:" not in line}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLUSTERGRAPH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_second_build_is_read_from_the_cache_and_holds_the_same_graph(cache: Path, curated_data: Curated,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    first, second, fresh = EmbeddedStore(), EmbeddedStore(), EmbeddedStore()
    built = build(first)
    assert not built.cached and built.validated
    again = build(second)
    assert again.cached and again.validated
    assert (again.files, again.inferred) == (built.files, built.inferred)
    assert _without_blank_nodes(second) == _without_blank_nodes(first) == _without_blank_nodes(curated_data.memory())
    assert second.count() == first.count()
    assert not build(fresh, cache=False).cached  # --fresh

    entry = next(cache.glob("*.nq"))  # a damaged entry is built again, with a warning
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    with caplog.at_level(logging.WARNING, logger="clustergraph.build"):
        rebuilt = build(EmbeddedStore())
    assert not rebuilt.cached and "building again" in caplog.text
    assert build(EmbeddedStore()).cached  # and kept again


def test_the_key_changes_with_any_input_and_with_validation(tmp_path: Path) -> None:
    files = [SourceFile(tmp_path / f.path.name, f.graph, f.role) for f in bundled_files()[:2]]
    for copy, original in zip(files, bundled_files()[:2]):
        copy.path.write_bytes(original.path.read_bytes())
    key = buildcache.key(files, validate=True)
    assert buildcache.key(files, validate=True) == key
    assert buildcache.key(files, validate=False) != key
    files[1].path.write_bytes(files[1].path.read_bytes() + b"\n# one more line\n")
    assert buildcache.key(files, validate=True) != key
    assert buildcache.key([SourceFile(files[0].path, files[0].graph + "x", files[0].role), files[1]],
                          validate=True) != buildcache.key(files, validate=True)


def test_only_the_newest_entries_are_kept(cache: Path) -> None:
    for n in range(buildcache.KEEP + 2):
        buildcache.put(f"k{n}", [], {"n": n})
        os.utime(cache / f"k{n}.json", (1000 + n, 1000 + n))
    buildcache.put("latest", [], {})
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        f"{k}.{ext}" for k in ("latest", "k4", "k3") for ext in ("json", "nq"))


def test_the_command_says_when_it_used_the_cache(tmp_path: Path, cache: Path) -> None:
    command = [sys.executable, "-m", "clustergraph", "build", "--store"]
    env = {**os.environ, "CLUSTERGRAPH_CACHE": str(cache)}
    runs = [subprocess.run([*command, str(tmp_path / f"s{n}"), *extra], capture_output=True, text=True, env=env,
                           timeout=600) for n, extra in enumerate([[], [], ["--fresh"]])]
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    assert ["from the build cache" in r.stderr for r in runs] == [False, True, False]
    assert len(quads_of(EmbeddedStore(tmp_path / "s1", read_only=True))) == len(
        quads_of(EmbeddedStore(tmp_path / "s0", read_only=True)))
