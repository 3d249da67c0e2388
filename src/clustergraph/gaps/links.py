"""Missing links: pairs of actors not tied yet, ranked by what they share and what they add.

Candidates are unconnected pairs with at least one shared neighbour in the actor network.
Each is scored by resource allocation (sum of 1/degree of the shared neighbours) and
Adamic-Adar (sum of 1/log degree), as networkx's ``resource_allocation_index`` and
``adamic_adar_index`` compute them, and by complementary market coverage: the markets one of
them reaches at one step (itself or a direct partner located in or serving the market) and the
other does not. Each suggestion names the neighbours and markets it rests on.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from ..network.projection import Network

CANDIDATE_LIMIT = 200_000


class MissingLink(BaseModel):
    """A suggested tie between two actors."""

    a: str
    a_label: str
    b: str
    b_label: str
    resource_allocation: float
    adamic_adar: float
    complementarity: int
    shared_neighbours: list[str]
    a_brings: list[str]  # markets a reaches and b does not
    b_brings: list[str]


def market_reach(net: Network, markets: list[str], actors: set[int]) -> dict[int, set[str]]:
    """For these actors (node ids), the markets they or a direct partner are located in or serve."""
    recs = net.records
    own: dict[int, set[str]] = {}
    index = recs.index
    for m in markets:
        for a in recs.market_actors(m):
            own.setdefault(index[a], set()).add(m)
    adjacency = net.actor_edges.graph.lists()
    empty: set[str] = set()
    return {a: own.get(a, empty).union(*(own.get(b, empty) for b in adjacency[a])) for a in actors}


def _candidates(adjacency: list[list[int]], notes: list[str]) -> list[tuple[int, int]]:
    """Unconnected pairs with a shared neighbour (up to :data:`CANDIDATE_LIMIT`)."""
    pairs: set[tuple[int, int]] = set()
    neighbours = [set(x) for x in adjacency]
    for u in range(len(adjacency)):
        mine = neighbours[u]
        for v in adjacency[u]:
            for w in adjacency[v]:
                if w != u and w not in mine:
                    pairs.add((u, w) if u < w else (w, u))
        if len(pairs) > CANDIDATE_LIMIT:
            notes.append(
                f"missing links: stopped collecting candidate pairs at {CANDIDATE_LIMIT}"
                " (large network); suggestions cover part of it"
            )
            break
    return sorted(pairs)


def missing_links(
    net: Network, markets: list[str], *, limit: int = 15, notes: list[str] | None = None
) -> tuple[list[MissingLink], list[MissingLink]]:
    """Suggestions ranked by resource allocation, and ranked by complementary market coverage.

    Resource allocation and Adamic-Adar are the sums networkx's ``resource_allocation_index``
    and ``adamic_adar_index`` compute (tested equal), here on the projection's arrays: those
    functions need a networkx graph of the whole network, and take each pair through Python.
    """
    g = net.actor_edges.graph
    iris = net.records.iris
    notes = notes if notes is not None else []
    adjacency = g.lists()
    pairs = _candidates(adjacency, notes)
    degree = g.degree().astype(np.float64)
    with np.errstate(divide="ignore"):
        inverse_log = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2.0)), 0.0)
    reach = market_reach(net, markets, {x for pair in pairs for x in pair})
    out: list[MissingLink] = []
    label = net.label
    for u, w in pairs:
        shared = np.intersect1d(g.neighbours(u), g.neighbours(w), assume_unique=True)
        ra = float((1.0 / degree[shared]).sum())
        aa = float(inverse_log[shared].sum())
        a_brings = sorted(net.records.place_label(m) for m in reach[u] - reach[w])
        b_brings = sorted(net.records.place_label(m) for m in reach[w] - reach[u])
        out.append(
            MissingLink(
                a=iris[u],
                a_label=label(iris[u]),
                b=iris[w],
                b_label=label(iris[w]),
                resource_allocation=round(ra, 4),
                adamic_adar=round(aa, 4),
                complementarity=len(a_brings) + len(b_brings),
                shared_neighbours=sorted((label(iris[int(z)]) for z in shared), key=str.lower),
                a_brings=a_brings,
                b_brings=b_brings,
            )
        )
    by_shared = sorted(out, key=lambda m: (-m.resource_allocation, -m.adamic_adar, -m.complementarity, m.a, m.b))[
        :limit
    ]
    by_markets = sorted(
        (m for m in out if m.complementarity > 0),
        key=lambda m: (-m.complementarity, -m.resource_allocation, m.a, m.b),
    )[:limit]
    return by_shared, by_markets
