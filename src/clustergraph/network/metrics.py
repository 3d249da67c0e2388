"""Measures of the actor network shared by every view: one betweenness number everywhere.

The network page, the gap report, the Markdown brief and the notebook view all take a node's
betweenness from :func:`betweenness`, so an actor has the same number on each of them (for the
same relations and year). It is exact up to :data:`EXACT_LIMIT` nodes; above, it is estimated
from :data:`SAMPLE_K` source nodes drawn with a fixed seed, and the note says so.

>>> import networkx as nx
>>> values, note = betweenness(nx.path_graph(3))
>>> values[1], note
(1.0, None)

The projection's own numbers come from :func:`betweenness_array` on its arrays, computed by the
fastest library installed (:mod:`clustergraph.network.algorithms`), the same values.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import numpy.typing as npt

from . import algorithms
from .csr import CSRGraph

#: Up to this many nodes betweenness is exact.
EXACT_LIMIT = 2000
#: Sources sampled above :data:`EXACT_LIMIT` nodes.
SAMPLE_K = 200
#: The seed of the sample.
SEED = 42


def _note(n: int, k: int) -> str:
    return (
        f"betweenness sampled with k={k} pivots (seed {SEED}) because the actor network has"
        f" {n} nodes (> {EXACT_LIMIT}); values are estimates"
    )


def betweenness_array(graph: CSRGraph) -> tuple[npt.NDArray[np.float64], str | None]:
    """:func:`betweenness` of a graph given as arrays: a value per node id, and the note."""
    n = graph.n
    if n <= EXACT_LIMIT:
        return algorithms.betweenness(graph), None
    k = min(SAMPLE_K, n)
    return algorithms.betweenness(graph, k=k, seed=SEED), _note(n, k)


def betweenness(graph: nx.Graph, *, weight: str | None = None) -> tuple[dict[Hashable, float], str | None]:
    """Normalised betweenness centrality of every node, and a note when it is sampled.

    Parameters
    ----------
    graph : networkx.Graph
        The actor network (or any undirected graph).
    weight : str, optional
        Edge attribute used as distance; default: every edge counts one (hops).

    Returns
    -------
    tuple
        Node -> betweenness in [0, 1]; ``None`` or the sentence saying it was sampled.
    """
    n = graph.number_of_nodes()
    if n <= 2:
        return dict.fromkeys(graph.nodes, 0.0), None
    if n <= EXACT_LIMIT:
        return nx.betweenness_centrality(graph, weight=weight), None
    k = min(SAMPLE_K, n)
    return nx.betweenness_centrality(graph, k=k, seed=SEED, weight=weight), _note(n, k)
