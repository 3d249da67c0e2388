"""kill -9 at any moment of a load, a build or an update: the old content or the new, nothing between."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clustergraph.store import EmbeddedStore
from tests.support.curated import Curated

FILE_TRIPLES = 200_000
HEAVY_UPDATE = (
    "INSERT { GRAPH <https://example.org/test/heavy> { ?a <https://example.org/test/p> ?c } }"
    " WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } }"
)


def generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def clustergraph(*args: str) -> list[str]:
    return [sys.executable, "-c", "from clustergraph.cli import main; main()", *args]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "big.nt"
    with path.open("w", encoding="utf-8") as out:
        for i in range(FILE_TRIPLES):
            out.write(f'<https://example.org/big/{i}> <https://example.org/big/p> "value {i}" .\n')
    return path


@pytest.fixture
def built(curated_folder: Path, curated_data: Curated) -> tuple[Path, int]:
    """A store folder holding the bundled graph, and its number of quads."""
    return curated_folder, curated_data.count


def kill_while_writing(command: list[str], root: Path, delay: float) -> bool:
    """Start ``command``, kill -9 it ``delay`` s after it began a new generation; return whether it did."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    before = set(generations(root))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if set(generations(root)) - before:
            time.sleep(delay)
            break
        time.sleep(0.005)
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return not finished


def check_whole(root: Path, allowed: set[int]) -> int:
    store = EmbeddedStore(root, read_only=True)  # the next start
    count = store.count()
    assert count in allowed, f"{count} quads: neither the old content nor the new"
    assert generations(root) == [(root / "clustergraph-active").read_text().strip()], "orphan folders remain"
    store.close()
    return count


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.5, 1.5])
def test_kill_during_a_bulk_load(built: tuple[Path, int], big_file: Path, delay: float) -> None:
    root, before = built
    kill_while_writing(clustergraph("load", "--no-validate", str(big_file), "--store", str(root)), root, delay)
    check_whole(root, {before, before + FILE_TRIPLES + 1})  # + the graph's description


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.3])
def test_kill_during_a_build(built: tuple[Path, int], delay: float) -> None:
    root, before = built
    EmbeddedStore(root).clear()
    kill_while_writing(clustergraph("build", "--no-validate", "--store", str(root)), root, delay)
    check_whole(root, {0, before})


@pytest.mark.parametrize("delay", [0.0, 0.4, 1.0])
def test_kill_during_an_update(built: tuple[Path, int], delay: float) -> None:
    root, before = built
    code = f"from clustergraph.store import EmbeddedStore; EmbeddedStore({str(root)!r}).update({HEAVY_UPDATE!r})"
    killed = kill_while_writing([sys.executable, "-c", code], root, delay)
    assert killed, "the update finished before it could be killed: make it heavier"
    check_whole(root, {before})


def test_random_kills_never_leave_a_mix(built: tuple[Path, int], big_file: Path) -> None:
    root, before = built
    rng = random.Random(11)
    seen = set()
    for _ in range(3):
        kill_while_writing(
            clustergraph("load", "--no-validate", "--replace", str(big_file), "--store", str(root)),
            root, rng.uniform(0.0, 2.0),
        )
        seen.add(check_whole(root, {before, before + FILE_TRIPLES + 1}))
    assert seen <= {before, before + FILE_TRIPLES + 1}
