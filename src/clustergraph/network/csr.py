"""An undirected graph as integer arrays: an edge list and its CSR adjacency.

Nodes are ``0 .. n-1``; edge ``e`` joins ``u[e]`` and ``v[e]``. The adjacency lists every edge
from both ends (``indptr``, ``indices``, ``edge``), sorted by node, so the neighbours of ``i``
are ``indices[indptr[i]:indptr[i+1]]``. This is what scipy's compiled graph routines read
(:meth:`CSRGraph.matrix`) and what rustworkx and igraph graphs are built from
(:mod:`clustergraph.network.algorithms`).

>>> import numpy as np
>>> g = CSRGraph.from_edges(4, np.array([0, 1]), np.array([1, 2]))
>>> g.neighbours(1).tolist(), g.degree().tolist()
([0, 2], [1, 2, 1, 0])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

Ints = npt.NDArray[np.int64]


@dataclass
class CSRGraph:
    """Edges ``(u[e], v[e])`` of an undirected graph on ``n`` nodes, with their adjacency."""

    n: int
    u: Ints
    v: Ints
    indptr: Ints
    indices: Ints
    edge: Ints  # the edge id of each adjacency entry
    _ones: sp.csr_matrix | None = field(default=None, repr=False, compare=False)
    _lists: list[list[int]] | None = field(default=None, repr=False, compare=False)
    _lazy: Neighbours | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_edges(cls, n: int, u: npt.ArrayLike, v: npt.ArrayLike) -> CSRGraph:
        """The graph of these edges (no self-loops, no repeats expected)."""
        uu = np.asarray(u, dtype=np.int64)
        vv = np.asarray(v, dtype=np.int64)
        ends = np.concatenate([uu, vv])
        other = np.concatenate([vv, uu])
        ids = np.concatenate([np.arange(len(uu)), np.arange(len(uu))])
        order = np.lexsort((other, ends))
        counts = np.bincount(ends, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(n, uu, vv, indptr, other[order], ids[order])

    @property
    def m(self) -> int:
        """The number of edges."""
        return len(self.u)

    def neighbours(self, i: int) -> Ints:
        """The neighbours of node ``i``, sorted."""
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def degree(self) -> Ints:
        """The degree of every node."""
        return np.diff(self.indptr)

    def matrix(self, weights: npt.ArrayLike | None = None) -> sp.csr_matrix:
        """The symmetric adjacency matrix (edge weights, or ones; the unweighted one is kept)."""
        if weights is None:
            if self._ones is None:
                data = np.ones(len(self.indices))
                self._ones = sp.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))
            return self._ones
        data = np.asarray(weights, dtype=np.float64)[self.edge]
        return sp.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))

    def lists(self) -> list[list[int]]:
        """The neighbour lists of every node as Python lists (for walks over the whole graph), kept."""
        if self._lists is None:
            flat, ptr = self.indices.tolist(), self.indptr.tolist()
            self._lists = [flat[ptr[i] : ptr[i + 1]] for i in range(self.n)]
        return self._lists

    def lazy_lists(self) -> Neighbours:
        """The neighbour lists, each made when first asked (for searches that stay local)."""
        if self._lazy is None:
            self._lazy = Neighbours(self)
        return self._lazy

    def subgraph_mask(self, keep: npt.NDArray[np.bool_]) -> CSRGraph:
        """The graph without the nodes where ``keep`` is false (same node numbers, their edges gone)."""
        e = keep[self.u] & keep[self.v]
        return CSRGraph.from_edges(self.n, self.u[e], self.v[e])


class Neighbours:
    """Neighbour lists of a :class:`CSRGraph` as Python lists, made when first asked and kept.

    >>> g = CSRGraph.from_edges(3, np.array([0]), np.array([1]))
    >>> g.lazy_lists()[1], g.lazy_lists()[2]
    ([0], [])
    """

    def __init__(self, graph: CSRGraph) -> None:
        self.graph = graph
        self.made: dict[int, list[int]] = {}

    def __getitem__(self, node: int) -> list[int]:
        found = self.made.get(node)
        if found is None:
            g = self.graph
            found = self.made[node] = g.indices[g.indptr[node] : g.indptr[node + 1]].tolist()
        return found

    def __len__(self) -> int:
        return self.graph.n
