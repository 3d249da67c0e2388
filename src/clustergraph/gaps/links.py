"""Missing links: pairs of actors not tied yet, ranked by what they share and what they add.

Candidates are unconnected pairs with at least one shared neighbour in the actor network.
Each is scored by resource allocation (sum of 1/degree of the shared neighbours) and
Adamic-Adar (sum of 1/log degree), as networkx's ``resource_allocation_index`` and
``adamic_adar_index`` compute them, and by complementary market coverage: the markets one of
them reaches at one step (itself or a direct partner located in or serving the market) and the
other does not. Each suggestion names the neighbours and markets it rests on.
"""

from __future__ import annotations

import networkx as nx
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


def market_reach(net: Network, markets: list[str]) -> dict[str, set[str]]:
    """For every actor, the markets it or a direct partner is located in or serves."""
    recs = net.records
    own = {a: {m for m in markets if recs.located_in(a, m) or recs.serves(a, m)} for a in net.actors}
    return {a: set(own[a]).union(*(own[b] for b in net.actors.neighbors(a))) for a in net.actors}


def missing_links(
    net: Network, markets: list[str], *, limit: int = 15, notes: list[str] | None = None
) -> tuple[list[MissingLink], list[MissingLink]]:
    """Suggestions ranked by resource allocation, and ranked by complementary market coverage."""
    g = net.actors
    notes = notes if notes is not None else []
    pairs: set[tuple[str, str]] = set()
    for u in sorted(g.nodes):
        for v in g.neighbors(u):
            for w in g.neighbors(v):
                if w != u and not g.has_edge(u, w):
                    pairs.add((u, w) if u < w else (w, u))
        if len(pairs) > CANDIDATE_LIMIT:
            notes.append(
                f"missing links: stopped collecting candidate pairs at {CANDIDATE_LIMIT}"
                " (large network); suggestions cover part of it"
            )
            break
    reach = market_reach(net, markets)
    ordered = sorted(pairs)
    ra = nx.resource_allocation_index(g, ordered)
    aa = nx.adamic_adar_index(g, ordered)
    out: list[MissingLink] = []
    for (u, w, ra_score), (_, _, aa_score) in zip(ra, aa, strict=True):
        shared = sorted(nx.common_neighbors(g, u, w), key=lambda x: net.label(x).lower())
        a_brings = sorted(net.records.place_label(m) for m in reach[u] - reach[w])
        b_brings = sorted(net.records.place_label(m) for m in reach[w] - reach[u])
        out.append(
            MissingLink(
                a=u,
                a_label=net.label(u),
                b=w,
                b_label=net.label(w),
                resource_allocation=round(ra_score, 4),
                adamic_adar=round(aa_score, 4),
                complementarity=len(a_brings) + len(b_brings),
                shared_neighbours=[net.label(z) for z in shared],
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
