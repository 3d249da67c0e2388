"""Node positions computed in Python, so large networks draw with the browser's physics off.

Two layouts:

:func:`force_layout`
    A force-directed layout in numpy: springs along edges, and repulsion between all nodes
    approximated on a coarse grid (each node is pushed by the mass of every grid cell, and by the
    nodes sharing its cell), so one step costs O(n x cells + edges) instead of O(n^2). It is
    meant for networks too large for the browser to lay out (thousands of nodes), and is
    deterministic for a given seed.
:func:`geo_layout`
    Nodes at their coordinates (longitude, latitude) on an equirectangular plane, nodes sharing a
    place spread on a small sunflower spiral around it, nodes without coordinates in rows below
    the map.

>>> import networkx as nx
>>> pos = force_layout(nx.path_graph(4), seed=1)
>>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np

#: Pixels per degree of longitude/latitude in the geographic layout.
GEO_SCALE = 12.0


def force_layout(
    graph: nx.Graph, *, seed: int = 42, iterations: int = 60, size: float | None = None, grid: int = 12
) -> dict[Hashable, tuple[float, float]]:
    """Force-directed positions (pixels) for every node of ``graph``.

    Parameters
    ----------
    graph : networkx.Graph
        Any undirected graph.
    seed : int
        Seed of the starting positions (same seed, same layout).
    iterations : int
        Steps of the simulation.
    size : float, optional
        Side of the square the layout fills, in pixels; default grows with the square root of
        the number of nodes.
    grid : int
        Cells per side of the repulsion grid.

    Returns
    -------
    dict
        Node -> (x, y), rounded to 0.1 pixel.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = force_layout(g, seed=3)
    >>> d = lambda u, v: ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
    >>> d("a", "b") < d("a", "y")
    True
    >>> force_layout(nx.Graph()) == {}
    True
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    side = size if size is not None else max(400.0, 60.0 * math.sqrt(n))
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in graph.edges if u != v], dtype=np.int64).reshape(-1, 2)
    k = side / math.sqrt(n)  # ideal edge length
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        # repulsion: every node from the centre of mass of every grid cell (k^2 * mass / d)
        lo = pos.min(axis=0)
        span = np.maximum(pos.max(axis=0) - lo, 1e-6)
        cell = np.minimum((grid * (pos - lo) / span).astype(np.int64), grid - 1)
        cid = cell[:, 0] * grid + cell[:, 1]
        mass = np.bincount(cid, minlength=grid * grid).astype(float)
        sx = np.bincount(cid, weights=pos[:, 0], minlength=grid * grid)
        sy = np.bincount(cid, weights=pos[:, 1], minlength=grid * grid)
        full = mass > 0
        centres = np.stack([sx[full] / mass[full], sy[full] / mass[full]], axis=1)
        masses = mass[full]
        delta = pos[:, None, :] - centres[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=2), (k * 0.5) ** 2)
        disp += (delta * (k * k * masses[None, :] / dist2)[:, :, None]).sum(axis=1)
        # inside a cell the centre of mass is close: a random nudge keeps nodes apart
        disp += rng.normal(0, k * 0.05, size=pos.shape) * (mass[cid] > 1)[:, None]
        # attraction along edges (d^2 / k)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-6)
            pull = d * (length / k)[:, None]
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        # gravity keeps separate components in view
        disp -= pos * 0.02 * k / side * math.sqrt(n)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-6)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    return {node: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for i, node in enumerate(nodes)}


def geo_layout(
    coordinates: Mapping[Hashable, tuple[float, float] | None], *, scale: float = GEO_SCALE, spacing: float = 9.0
) -> dict[Hashable, tuple[float, float]]:
    """Positions on an equirectangular plane: x = longitude x scale, y = -latitude x scale.

    Parameters
    ----------
    coordinates : mapping
        Node -> (latitude, longitude), or ``None`` when the node has no known place.
    scale : float
        Pixels per degree (the map outline is drawn with the same scale).
    spacing : float
        Distance in pixels between nodes sharing a place (they sit on a sunflower spiral).

    Returns
    -------
    dict
        Node -> (x, y). Nodes without coordinates sit in rows below the map (south of 90°S).

    Examples
    --------
    >>> pos = geo_layout({"madrid": (40.4, -3.7), "a": (0.0, 0.0), "b": (0.0, 0.0), "nowhere": None})
    >>> pos["madrid"]
    (-44.4, -484.8)
    >>> pos["a"] != pos["b"]
    True
    >>> pos["nowhere"][1] > 62 * GEO_SCALE
    True
    """
    shared: dict[tuple[float, float], list[Hashable]] = defaultdict(list)
    unplaced: list[Hashable] = []
    for node, coords in coordinates.items():
        if coords is None:
            unplaced.append(node)
        else:
            shared[(round(coords[0], 4), round(coords[1], 4))].append(node)
    golden = math.pi * (3 - math.sqrt(5))
    out: dict[Hashable, tuple[float, float]] = {}
    for (lat, lon), group in shared.items():
        cx, cy = lon * scale, -lat * scale
        for i, node in enumerate(group):
            r = spacing * math.sqrt(i)
            out[node] = (round(cx + r * math.cos(i * golden), 1), round(cy + r * math.sin(i * golden), 1))
    per_row = 60
    for i, node in enumerate(unplaced):
        row, col = divmod(i, per_row)
        out[node] = (round((-90 + col * 3) * scale, 1), round((96 + row * 2) * scale, 1))
    return out
