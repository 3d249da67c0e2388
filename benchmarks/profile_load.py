"""Where ``clustergraph load --no-validate`` spends its time, phase by phase, against bulk_load.

``python -m benchmarks.profile_load FILE [SCRATCH]`` times, on the same N-Quads file, in one
process (each phase into a fresh on-disk store):

1. ``read_file`` (what ``load_files`` calls): pyoxigraph's parser into a Python list of Quads;
2. ``EmbeddedStore.add`` = ``pyoxigraph.Store.extend`` of that list (one transaction);
3. ``Store.bulk_extend`` of the same list (the bulk loader fed from Python objects);
4. ``Store.bulk_load(path=...)`` straight from the file (the baseline);
5. ``Store.load(path=...)`` straight from the file (transactional, no Python objects);

and prints the seconds of each, so the cost of the Python list, of the transaction and of the
path through Python objects can be told apart.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path


def main(file: str, scratch: str | None = None) -> dict[str, float]:
    from pyoxigraph import RdfFormat, Store

    from clustergraph.ingest.reading import read_file

    where = Path(scratch or tempfile.mkdtemp(prefix="cg-profile-"))
    out: dict[str, float] = {}

    def fresh(name: str) -> Store:
        path = where / name
        shutil.rmtree(path, ignore_errors=True)
        return Store(str(path))

    t = time.perf_counter()
    quads = read_file(file, graph="https://w3id.org/clustergraph/graph/user/x")
    out["read_file (parse into a list)"] = time.perf_counter() - t
    store = fresh("extend")
    t = time.perf_counter()
    store.extend(quads)
    out["Store.extend(list) (EmbeddedStore.add)"] = time.perf_counter() - t
    del store
    store = fresh("bulk-extend")
    t = time.perf_counter()
    store.bulk_extend(quads)
    out["Store.bulk_extend(list)"] = time.perf_counter() - t
    del store, quads
    store = fresh("bulk-load")
    t = time.perf_counter()
    store.bulk_load(path=file, format=RdfFormat.N_QUADS)
    out["Store.bulk_load(path) (baseline)"] = time.perf_counter() - t
    del store
    store = fresh("load")
    t = time.perf_counter()
    store.load(path=file, format=RdfFormat.N_QUADS)
    out["Store.load(path) (transactional)"] = time.perf_counter() - t
    del store
    shutil.rmtree(where, ignore_errors=True)
    return out


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit("usage: python -m benchmarks.profile_load FILE [SCRATCH]")
    for phase, seconds in main(*sys.argv[1:]).items():
        print(f"{seconds:8.3f} s  {phase}")
