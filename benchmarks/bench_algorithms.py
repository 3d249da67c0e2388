"""Graph libraries on the projection's actor network: networkx against igraph, rustworkx,
graphblas-algorithms (a networkx backend) and the project's own numpy/scipy code.

For each size, a fresh process projects the synthetic ecosystem (bundled graph included) and
times, on the same actor network, every library that has the algorithm: betweenness (exact on a
2,000-actor piece, sampled with 200 pivots on the whole network), connected components,
articulation points, bridges, communities (Louvain; Leiden too) and shortest-path distances
from a set of 50 actors. Every answer is compared with networkx's: ``equal`` is what
:mod:`clustergraph.network.algorithms` requires before it uses a library. Times are CPU seconds
of this process (``time.process_time``), so a busy machine shows less in them than in wall time.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bench_analytics import prepare_store
from .common import run_child, table

NAME = "algorithms"
SIZES = {"tiny": [200], "small": [1_000, 10_000], "medium": [10_000, 100_000], "large": [10_000, 100_000, 1_000_000]}
K = 200
EXACT_NODES = 2_000
SOURCES = 50


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def measure(store: str) -> dict[str, Any]:
    """Time every library on the actor network of ``store`` (a folder)."""
    import networkx as nx
    import numpy as np

    from clustergraph.network import algorithms, project
    from clustergraph.network.csr import CSRGraph
    from clustergraph.store import open_store

    target = open_store(store)
    net = project(target)
    g = net.actor_edges.graph
    nxg = algorithms.to_networkx(g)
    n = g.n
    rows: list[dict[str, Any]] = []

    def add(task: str, library: str, seconds: float, equal: bool | str) -> None:
        rows.append({"task": task, "library": library, "seconds": round(seconds, 4), "equal": equal})

    # exact betweenness on the first EXACT_NODES actors of the largest component
    biggest = max(nx.connected_components(nxg), key=len)
    piece = sorted(biggest)[:EXACT_NODES]
    sub = nx.convert_node_labels_to_integers(nxg.subgraph(piece).copy())
    edges = np.array(sorted(tuple(sorted(e)) for e in sub.edges), dtype=np.int64).reshape(-1, 2)
    small = CSRGraph.from_edges(sub.number_of_nodes(), edges[:, 0], edges[:, 1])
    t, reference = _timed(lambda: nx.betweenness_centrality(sub))
    ref = np.array([reference[i] for i in range(small.n)])
    add("betweenness, exact (2,000-actor piece)", "networkx", t, True)
    for library in ("igraph", "rustworkx", "numpy"):
        if library in ("numpy",) or algorithms.installed(library):
            _force(library)
            t, found = _timed(lambda: algorithms.betweenness(small))
            add("betweenness, exact (2,000-actor piece)", library, t, bool(np.abs(found - ref).max() < 1e-9))
    _force(None)
    # sampled betweenness on the whole network
    t, reference = _timed(lambda: nx.betweenness_centrality(nxg, k=min(K, n), seed=42))
    ref = np.array([reference[i] for i in range(n)])
    add(f"betweenness, sampled k={K}", "networkx", t, True)
    for library in ("igraph", "numpy"):
        if library == "numpy" or algorithms.installed(library):
            _force(library)
            t, found = _timed(lambda: algorithms.betweenness(g, k=min(K, n), seed=42))
            add(f"betweenness, sampled k={K}", library, t, bool(np.abs(found - ref).max() < 1e-9))
    _force(None)
    add("betweenness, sampled k=200", "rustworkx", 0.0, "no sampling from chosen sources")
    # components
    t, reference = _timed(lambda: nx.number_connected_components(nxg))
    add("connected components", "networkx", t, True)
    t, labels = _timed(lambda: algorithms.components(g))
    add("connected components", "scipy", t, len(set(labels.tolist())) == reference)
    if algorithms.installed("rustworkx"):
        import rustworkx

        rg = algorithms._rustworkx(g)
        t, found = _timed(lambda: rustworkx.connected_components(rg))
        add("connected components", "rustworkx", t, len(found) == reference)
    if algorithms.installed("igraph"):
        ig = algorithms._igraph(g)
        t, found = _timed(lambda: ig.connected_components())
        add("connected components", "igraph", t, len(found) == reference)
    if algorithms.installed("graphblas_algorithms"):
        add("connected components", "graphblas-algorithms", 0.0, "not offered (is_connected only)")
    # articulation points and bridges
    t, reference = _timed(lambda: set(nx.articulation_points(nxg)))
    add("articulation points", "networkx", t, True)
    t, bridges_ref = _timed(lambda: sorted(tuple(sorted(e)) for e in nx.bridges(nxg)))
    add("bridges", "networkx", t, True)
    if algorithms.installed("rustworkx"):
        import rustworkx

        rg = algorithms._rustworkx(g)
        t, found = _timed(lambda: set(rustworkx.articulation_points(rg)))
        add("articulation points", "rustworkx", t, found == reference)
        t, found = _timed(lambda: sorted(tuple(sorted(e)) for e in rustworkx.bridges(rg)))
        add("bridges", "rustworkx", t, found == bridges_ref)
    if algorithms.installed("igraph"):
        ig = algorithms._igraph(g)
        t, found = _timed(lambda: set(ig.articulation_points()))
        add("articulation points", "igraph", t, found == reference)
        t, found = _timed(lambda: sorted(tuple(sorted(ig.es[e].tuple)) for e in ig.bridges()))
        add("bridges", "igraph", t, found == bridges_ref)
    # communities
    connected = nxg.subgraph([v for v in nxg if nxg.degree(v) > 0])
    t, reference = _timed(lambda: nx.community.louvain_communities(connected, seed=42))
    q_ref = nx.community.modularity(connected, reference)
    add("communities (Louvain)", "networkx", t, f"modularity {q_ref:.3f}")
    if algorithms.installed("igraph"):
        ig = algorithms._igraph(g)
        t, found = _timed(lambda: ig.community_multilevel())
        same = sorted(map(sorted, reference)) == sorted(sorted(c) for c in found if len(c) and ig.degree(c[0]) > 0)
        add("communities (Louvain)", "igraph", t, f"{'same' if same else 'other'} partition, modularity {found.q:.3f}")
        t, found = _timed(lambda: ig.community_leiden(objective_function="modularity", n_iterations=-1))
        add("communities (Leiden)", "igraph", t, f"other method, modularity {ig.modularity(found):.3f}")
    # distances from a set of actors
    sources = random.Random(7).sample(range(n), min(SOURCES, n))
    t, reference = _timed(lambda: nx.multi_source_dijkstra_path_length(nxg, set(sources)))
    add(f"distances from {SOURCES} actors", "networkx", t, True)
    t, found = _timed(lambda: algorithms.distances(g, sources))
    add(f"distances from {SOURCES} actors", "scipy", t, {v: int(d) for v, d in enumerate(found) if d >= 0} == reference)
    if algorithms.installed("igraph"):
        ig = algorithms._igraph(g)
        t, found = _timed(lambda: np.min(np.array(ig.distances(source=sources)), axis=0))
        add(f"distances from {SOURCES} actors", "igraph", t,
            {v: int(d) for v, d in enumerate(found) if np.isfinite(d)} == reference)
    if algorithms.installed("graphblas_algorithms"):
        import graphblas_algorithms as ga
        import graphblas_algorithms.nxapi as nxapi

        gb = ga.Graph.from_networkx(nxg)
        t, found = _timed(lambda: [dict(nxapi.single_source_shortest_path_length(gb, s)) for s in sources])
        merged: dict[int, int] = {}
        for d in found:
            for v, x in d.items():
                merged[v] = min(merged.get(v, x), x)
        add(f"distances from {SOURCES} actors", "graphblas-algorithms", t, merged == reference)
    target.close()
    return {"nodes": n, "edges": g.m, "rows": rows}


def _force(library: str | None) -> None:
    import os

    if library is None:
        os.environ.pop("CLUSTERGRAPH_GRAPH_BACKEND", None)
    else:
        os.environ["CLUSTERGRAPH_GRAPH_BACKEND"] = library


def run(sizes: list[int], workdir: Path, *, timeout: float = 3600) -> dict[str, Any]:
    """Measure every library at each size (actors)."""
    import shutil

    out = []
    for actors in sizes:
        folder = prepare_store(workdir, actors)
        done = run_child("benchmarks.bench_algorithms", ["measure", str(folder)], timeout=timeout)
        shutil.rmtree(folder, ignore_errors=True)
        out.append({"actors": actors, **done.report, "ok": done.ok, "error": done.error})
    return {"sizes": out, "targets": []}


def print_result(result: dict[str, Any]) -> None:
    """One table per size: task, library, CPU seconds, ratio to networkx, equal answers."""
    for size in result["sizes"]:
        print(f"\n{size['actors']:,} actors ({size.get('nodes', '?')} nodes, {size.get('edges', '?')} edges)"
              + (f": {size['error']}" if size.get("error") else ""))
        base = {r["task"]: r["seconds"] for r in size.get("rows", []) if r["library"] == "networkx"}
        print(table(["task", "library", "CPU s", "networkx / it", "answer"],
                    [[r["task"], r["library"], r["seconds"],
                      round(base[r["task"]] / r["seconds"], 1) if r["seconds"] and r["task"] in base else None,
                      "equal" if r["equal"] is True else ("DIFFERENT" if r["equal"] is False else r["equal"])]
                     for r in size.get("rows", [])]))


if __name__ == "__main__":
    from .common import child_report

    if len(sys.argv) == 3 and sys.argv[1] == "measure":
        child_report(**measure(sys.argv[2]))
    else:
        raise SystemExit("usage: python -m benchmarks.bench_algorithms measure STORE")
