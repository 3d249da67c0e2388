"""Missing links: pairs of actors not tied yet, ranked by what they share and what they add.

Candidates are unconnected pairs with at least one shared neighbour in the actor network.
Each is scored by resource allocation (sum of 1/degree of the shared neighbours) and
Adamic-Adar (sum of 1/log degree), as networkx's ``resource_allocation_index`` and
``adamic_adar_index`` compute them, and by complementary market coverage: the markets one of
them reaches at one step (itself or a direct partner located in or serving the market) and the
other does not. Each suggestion names the neighbours and markets it rests on.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
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


def _scored_pairs(
    adjacency: list[list[int]], degree: npt.NDArray[np.float64], notes: list[str]
) -> dict[tuple[int, int], list[float]]:
    """Unconnected pairs with a shared neighbour (up to :data:`CANDIDATE_LIMIT`), each with its
    resource allocation and Adamic-Adar sums, added up shared neighbour by shared neighbour."""
    pairs: dict[tuple[int, int], list[float]] = {}
    neighbours = [set(x) for x in adjacency]
    inverse = [1.0 / d if d else 0.0 for d in degree.tolist()]
    inverse_log = [1.0 / math.log(d) if d > 1 else 0.0 for d in degree.tolist()]
    for u in range(len(adjacency)):
        mine = neighbours[u]
        for v in adjacency[u]:
            ra, aa = inverse[v], inverse_log[v]
            for w in adjacency[v]:
                if w > u and w not in mine:
                    found = pairs.get((u, w))
                    if found is None:
                        pairs[(u, w)] = [ra, aa]
                    else:
                        found[0] += ra
                        found[1] += aa
        if len(pairs) > CANDIDATE_LIMIT:
            notes.append(
                f"missing links: stopped collecting candidate pairs at {CANDIDATE_LIMIT}"
                " (large network); suggestions cover part of it"
            )
            break
    return pairs


def missing_links(
    net: Network, markets: list[str], *, limit: int = 15, notes: list[str] | None = None
) -> tuple[list[MissingLink], list[MissingLink]]:
    """Suggestions ranked by resource allocation, and ranked by complementary market coverage.

    Resource allocation and Adamic-Adar are the sums networkx's ``resource_allocation_index``
    and ``adamic_adar_index`` compute (tested equal), here added up while the candidate pairs
    are collected: those functions need a networkx graph of the whole network and walk each
    pair's neighbours again. Only the suggestions listed are spelled out (labels, markets).
    """
    g = net.actor_edges.graph
    iris = net.records.iris
    notes = notes if notes is not None else []
    degree = g.degree().astype(np.float64)
    scored = _scored_pairs(g.lists(), degree, notes)
    reach = market_reach(net, markets, {x for pair in scored for x in pair})
    rows = [
        (round(ra, 4), round(aa, 4), len(reach[u] ^ reach[w]), iris[u], iris[w], u, w)
        for (u, w), (ra, aa) in scored.items()
    ]
    top_shared = sorted(rows, key=lambda r: (-r[0], -r[1], -r[2], r[3], r[4]))[:limit]
    top_markets = sorted((r for r in rows if r[2] > 0), key=lambda r: (-r[2], -r[0], r[3], r[4]))[:limit]
    label = net.label

    def spelled(row: tuple[float, float, int, str, str, int, int]) -> MissingLink:
        ra, aa, comp, a, b, u, w = row
        shared = np.intersect1d(g.neighbours(u), g.neighbours(w), assume_unique=True)
        return MissingLink(
            a=a,
            a_label=label(a),
            b=b,
            b_label=label(b),
            resource_allocation=ra,
            adamic_adar=aa,
            complementarity=comp,
            shared_neighbours=sorted((label(iris[int(z)]) for z in shared), key=str.lower),
            a_brings=sorted(net.records.place_label(m) for m in reach[u] - reach[w]),
            b_brings=sorted(net.records.place_label(m) for m in reach[w] - reach[u]),
        )

    return [spelled(r) for r in top_shared], [spelled(r) for r in top_markets]
