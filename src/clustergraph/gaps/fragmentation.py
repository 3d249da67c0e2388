"""Fragmentation: connected components, Louvain communities (fixed seed) and what bridges them."""

from __future__ import annotations

from collections import Counter

import networkx as nx
from pydantic import BaseModel

from ..network.projection import Network

SEED = 42


class Component(BaseModel):
    """A connected part of the actor network."""

    size: int
    actors: list[str]  # labels, best connected first (at most 10)


class Community(BaseModel):
    """A Louvain community of two or more actors."""

    id: int
    size: int
    actors: list[str]
    held_by: list[str]  # the alliances, projects, events, agreements most of its ties go through


class CommunityBridge(BaseModel):
    """Ties between two communities: the actors at both ends and what the ties go through."""

    community_a: int
    community_b: int
    ties: list[str] = []  # "A — B (via X)"
    brokers: list[str] = []  # actors on most of these ties first


class Fragmentation(BaseModel):
    """Components, communities and their bridges."""

    components: list[Component]
    isolated: list[str]
    communities: list[Community]
    bridges: list[CommunityBridge]
    modularity: float | None


def fragmentation(net: Network) -> Fragmentation:
    """Components (largest first), isolated actors, communities and their bridges."""
    g = net.actors
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    components = []
    isolated = []
    for c in comps:
        if len(c) == 1:
            isolated.append(net.label(c[0]))
            continue
        best = sorted(c, key=lambda a: (-g.degree(a), net.label(a).lower()))
        components.append(Component(size=len(c), actors=[net.label(a) for a in best[:10]]))
    connected = g.subgraph([a for a in g if g.degree(a) > 0])
    communities: list[Community] = []
    member_of: dict[str, int] = {}
    bridges: list[CommunityBridge] = []
    modularity = None
    if connected.number_of_edges():
        found = nx.community.louvain_communities(connected, weight="weight", seed=SEED)
        ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
        modularity = round(nx.community.modularity(connected, ordered, weight="weight"), 4)
        for i, c in enumerate(ordered, 1):
            for a in c:
                member_of[a] = i
            via = Counter(
                net.label(x) for a, b, data in connected.subgraph(c).edges(data=True) for x in data.get("via", [])
            )
            best = sorted(c, key=lambda a: (-connected.degree(a), net.label(a).lower()))
            communities.append(
                Community(
                    id=i,
                    size=len(c),
                    actors=[net.label(a) for a in best[:10]],
                    held_by=[v for v, _ in via.most_common(3)],
                )
            )
        between: dict[tuple[int, int], CommunityBridge] = {}
        counts: dict[tuple[int, int], Counter[str]] = {}
        for a, b, data in sorted(connected.edges(data=True), key=lambda e: (e[0], e[1])):
            ca, cb = member_of[a], member_of[b]
            if ca == cb:
                continue
            if ca > cb:
                a, b, ca, cb = b, a, cb, ca
            item = between.setdefault((ca, cb), CommunityBridge(community_a=ca, community_b=cb))
            through = ", ".join(net.label(x) for x in data.get("via", []))
            item.ties.append(f"{net.label(a)} — {net.label(b)}" + (f" (via {through})" if through else ""))
            counts.setdefault((ca, cb), Counter()).update([a, b])
        for key, item in between.items():
            ranked = sorted(counts[key].items(), key=lambda kv: (-kv[1], net.label(kv[0]).lower()))
            item.brokers = [net.label(x) for x, _ in ranked]
        bridges = [between[k] for k in sorted(between)]
    return Fragmentation(
        components=components, isolated=isolated, communities=communities, bridges=bridges, modularity=modularity
    )
