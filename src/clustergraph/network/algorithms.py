"""Graph algorithms on the projection's arrays, compiled where networkx is the bottleneck.

Each function gives networkx's answer (the same numbers, tested against networkx) from the
fastest library installed, measured on this project's networks (``benchmarks/bench_algorithms.py``,
BENCHMARKS.md):

betweenness
    igraph when installed (``pip install 'clustergraph[igraph]'``; igraph is GPL, so it is an
    optional extra), else rustworkx for exact values (Apache-2.0, a dependency) and this
    module's own vectorised Brandes accumulation for sampled values: no permissive library
    accumulates dependencies from chosen sources, which sampling needs to give networkx's own
    estimate (same seed, same pivots, same values).
components, distances from a set of nodes
    scipy's compiled ``csgraph`` routines.
articulation points, bridges
    rustworkx, else networkx.
communities
    igraph's multilevel (Louvain) when installed, with a fixed seed, else networkx's
    ``louvain_communities`` with the same seed. Louvain visits nodes in a random order, so the
    two libraries may split a large graph differently; on the curated graph they give the same
    communities (tested), and each gives the same ones on every run.

``CLUSTERGRAPH_GRAPH_BACKEND`` (``igraph``, ``rustworkx``, ``numpy`` or ``networkx``) picks one
for every function that has it, for comparisons and tests.

>>> import numpy as np
>>> from clustergraph.network.csr import CSRGraph
>>> g = CSRGraph.from_edges(4, np.array([0, 1, 2]), np.array([1, 2, 3]))
>>> [round(x, 3) for x in betweenness(g).tolist()]
[0.0, 0.667, 0.667, 0.0]
>>> sorted(articulation_points(g)), bridges(g)
([1, 2], [(0, 1), (1, 2), (2, 3)])
"""

from __future__ import annotations

import importlib.util
import os
import random
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse.csgraph import connected_components, dijkstra, shortest_path

from .csr import CSRGraph

Floats = npt.NDArray[np.float64]
BACKENDS = ("igraph", "rustworkx", "numpy", "networkx")
#: igraph draws from one random number generator per process: seeded runs take turns.
_igraph_random = threading.Lock()


@cache
def installed(name: str) -> bool:
    """Whether a graph library can be imported."""
    return importlib.util.find_spec(name) is not None


def chosen(*candidates: str) -> str:
    """The backend to use among ``candidates`` (in order of speed): the one forced by
    ``$CLUSTERGRAPH_GRAPH_BACKEND`` when it is a candidate, else the first installed."""
    forced = os.environ.get("CLUSTERGRAPH_GRAPH_BACKEND", "").strip().lower()
    if forced and forced not in BACKENDS:
        raise ValueError(f"CLUSTERGRAPH_GRAPH_BACKEND={forced!r}: use one of {', '.join(BACKENDS)}")
    if forced in candidates and (forced in ("numpy", "networkx") or installed(forced)):
        return forced
    for name in candidates:
        if name in ("numpy", "networkx") or installed(name):
            return name
    return candidates[-1]


def to_networkx(g: CSRGraph) -> Any:
    """The graph as a networkx graph on nodes ``0 .. n-1``."""
    import networkx as nx

    out = nx.Graph()
    out.add_nodes_from(range(g.n))
    out.add_edges_from(zip(g.u.tolist(), g.v.tolist(), strict=True))
    return out


def _igraph(g: CSRGraph) -> Any:
    import igraph

    return igraph.Graph(n=g.n, edges=list(zip(g.u.tolist(), g.v.tolist(), strict=True)))


def _rustworkx(g: CSRGraph) -> Any:
    import rustworkx

    out = rustworkx.PyGraph(multigraph=False)
    out.add_nodes_from(range(g.n))
    out.add_edges_from_no_data(list(zip(g.u.tolist(), g.v.tolist(), strict=True)))
    return out


def _dependencies(g: CSRGraph, sources: Sequence[int]) -> Floats:
    """Brandes' dependency accumulation from ``sources``, ordered pairs (as networkx counts).

    One compiled breadth-first search per source (scipy) gives the distances; the shortest-path
    DAG is processed a layer at a time with numpy: path counts forward, dependencies backward.
    """
    matrix = g.matrix()
    src = np.concatenate([g.u, g.v])
    dst = np.concatenate([g.v, g.u])
    out = np.zeros(g.n)
    for s in sources:
        dist = shortest_path(matrix, indices=int(s), unweighted=True, directed=False)
        hops = np.where(np.isfinite(dist), dist, -1).astype(np.int64)
        dag = (hops[src] >= 0) & (hops[dst] == hops[src] + 1)
        a, b = src[dag], dst[dag]
        layer = hops[b]
        order = np.argsort(layer, kind="stable")
        a, b, layer = a[order], b[order], layer[order]
        bounds = [0, *(np.flatnonzero(np.diff(layer)) + 1).tolist(), len(layer)]
        sigma = np.zeros(g.n)
        sigma[int(s)] = 1.0
        for i in range(len(bounds) - 1):
            x, y = a[bounds[i] : bounds[i + 1]], b[bounds[i] : bounds[i + 1]]
            np.add.at(sigma, y, sigma[x])
        delta = np.zeros(g.n)
        for i in range(len(bounds) - 2, -1, -1):
            x, y = a[bounds[i] : bounds[i + 1]], b[bounds[i] : bounds[i + 1]]
            np.add.at(delta, x, sigma[x] / sigma[y] * (1 + delta[y]))
        delta[int(s)] = 0.0
        out += delta
    return out


def betweenness(g: CSRGraph, *, k: int | None = None, seed: int = 42) -> Floats:
    """Normalised betweenness centrality of every node, as networkx's
    ``betweenness_centrality(G, k=k, seed=seed)`` gives it (the same pivots when sampled).

    Parameters
    ----------
    g : CSRGraph
        An undirected graph.
    k : int, optional
        Sample this many source nodes (networkx's pivots for ``seed``); default: exact.
    seed : int
        The sample's seed.
    """
    n = g.n
    if n <= 2:
        return np.zeros(n)
    sources = None if k is None or k >= n else random.Random(seed).sample(range(n), k)
    backend = (
        chosen("igraph", "rustworkx", "numpy", "networkx") if sources is None else chosen("igraph", "numpy", "networkx")
    )
    if backend == "networkx":
        import networkx as nx

        values = nx.betweenness_centrality(to_networkx(g), k=None if sources is None else k, seed=seed)
        return np.array([values[i] for i in range(n)])
    if sources is None:
        if backend == "rustworkx":
            import rustworkx

            found = rustworkx.betweenness_centrality(_rustworkx(g), normalized=True)
            return np.array([found[i] for i in range(n)])
        if backend == "igraph":
            raw = 2.0 * np.array(_igraph(g).betweenness(directed=False))
        else:
            raw = _dependencies(g, range(n))
        return raw / ((n - 1) * (n - 2))
    raw = (
        2.0 * np.array(_igraph(g).betweenness(directed=False, sources=sources))
        if backend == "igraph"
        else (_dependencies(g, sources))
    )
    # networkx's rescaling of a sample without endpoints: N = n - 1 pairs ends per source
    big_n, kk = n - 1, len(sources)
    scale = np.full(n, 1.0 / (kk * (big_n - 1)))
    scale[sources] = 1.0 / ((kk - 1) * (big_n - 1)) if kk > 1 else np.nan
    out: Floats = raw * scale
    return out


def components(g: CSRGraph) -> npt.NDArray[np.int32]:
    """The connected component of every node (a label per node)."""
    found = connected_components(g.matrix(), directed=False)
    labels: npt.NDArray[np.int32] = np.asarray(found[1], dtype=np.int32)
    return labels


def distances(g: CSRGraph, sources: Sequence[int], limit: float = np.inf) -> npt.NDArray[np.int64]:
    """Hops from the nearest of ``sources`` to every node (``-1`` beyond ``limit`` or unreached)."""
    if len(sources) == 0:
        return np.full(g.n, -1, dtype=np.int64)
    found = dijkstra(g.matrix(), directed=False, indices=list(sources), unweighted=True, limit=limit, min_only=True)
    return np.where(np.isfinite(found), found, -1).astype(np.int64)


def articulation_points(g: CSRGraph) -> set[int]:
    """The nodes whose removal splits a component."""
    if chosen("rustworkx", "networkx") == "rustworkx":
        import rustworkx

        return {int(x) for x in rustworkx.articulation_points(_rustworkx(g))}
    import networkx as nx

    return {int(x) for x in nx.articulation_points(to_networkx(g))}


def bridges(g: CSRGraph) -> list[tuple[int, int]]:
    """The edges whose removal splits a component, as sorted ``(u, v)`` with ``u < v``."""
    found: Any
    if chosen("rustworkx", "networkx") == "rustworkx":
        import rustworkx

        found = rustworkx.bridges(_rustworkx(g))
    else:
        import networkx as nx

        found = nx.bridges(to_networkx(g))
    pairs = [(int(e[0]), int(e[1])) for e in found]
    return sorted((min(a, b), max(a, b)) for a, b in pairs)


def communities(g: CSRGraph, weights: npt.ArrayLike, *, seed: int = 42) -> list[list[int]]:
    """Louvain communities of the nodes that have an edge (weighted, resolution 1), each a
    sorted list of node ids, in no particular order.

    Parameters
    ----------
    g : CSRGraph
        An undirected graph.
    weights : array_like
        The weight of every edge.
    seed : int
        The seed of the random visiting order: the same seed gives the same communities.

    Examples
    --------
    >>> two = CSRGraph.from_edges(7, np.array([0, 0, 1, 3, 3, 4, 2]), np.array([1, 2, 2, 4, 5, 5, 3]))
    >>> sorted(communities(two, np.ones(7)))
    [[0, 1, 2], [3, 4, 5]]
    """
    w = np.asarray(weights, dtype=np.float64)
    nodes = np.nonzero(g.degree() > 0)[0]
    if chosen("igraph", "networkx") == "igraph":
        import igraph

        at = np.full(g.n, -1, dtype=np.int64)
        at[nodes] = np.arange(len(nodes))
        graph = igraph.Graph(n=len(nodes), edges=list(zip(at[g.u].tolist(), at[g.v].tolist(), strict=True)))
        with _igraph_random:
            igraph.set_random_number_generator(random.Random(seed))
            try:
                found = graph.community_multilevel(weights=w.tolist())
            finally:
                igraph.set_random_number_generator(random)
        return [sorted(int(nodes[i]) for i in part) for part in found]
    import networkx as nx

    out = nx.Graph()
    out.add_nodes_from(nodes.tolist())
    out.add_weighted_edges_from(zip(g.u.tolist(), g.v.tolist(), w.tolist(), strict=True), weight="weight")
    return [sorted(int(x) for x in c) for c in nx.community.louvain_communities(out, weight="weight", seed=seed)]
