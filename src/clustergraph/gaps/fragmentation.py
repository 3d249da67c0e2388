"""Fragmentation: connected components, Louvain communities (fixed seed) and what bridges them."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from ..network import algorithms
from ..network.projection import Network

SEED = 42
#: Actors, ties and brokers named per component, community or pair of communities.
LISTED = 10


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


def _communities(net: Network) -> list[list[int]]:
    """Louvain communities (networkx, seed 42) of the actors that have a tie, largest first.

    networkx's Louvain is kept: igraph's multilevel and Leiden are much faster but find other
    communities (their own orders and random draws), and the report must not change with the
    library installed.
    """
    e = net.actor_edges
    g = e.graph
    connected = nx.Graph()
    degree = g.degree()
    connected.add_nodes_from(int(i) for i in np.nonzero(degree > 0)[0])
    connected.add_weighted_edges_from(zip(g.u.tolist(), g.v.tolist(), e.weight.tolist(), strict=True), weight="weight")
    found = nx.community.louvain_communities(connected, weight="weight", seed=SEED)
    iris = net.records.iris
    ordered = [sorted(c, key=lambda x: iris[x]) for c in found]
    return sorted(ordered, key=lambda c: (-len(c), [iris[x] for x in c]))


def _modularity(net: Network, member: npt.NDArray[np.int64]) -> float:
    """Newman's weighted modularity of the partition (as networkx's ``modularity``)."""
    e = net.actor_edges
    g = e.graph
    w = e.weight
    total = float(w.sum())
    inside = member[g.u] == member[g.v]
    strength = np.bincount(g.u, weights=w, minlength=g.n) + np.bincount(g.v, weights=w, minlength=g.n)
    per = np.bincount(member[member >= 0], weights=strength[member >= 0])
    return float(w[inside & (member[g.u] >= 0)].sum() / total - (per**2).sum() / (4 * total * total))


def fragmentation(net: Network) -> Fragmentation:
    """Components (largest first), isolated actors, communities and their bridges."""
    e = net.actor_edges
    g = e.graph
    iris, label = net.records.iris, net.label
    degree = g.degree()
    labels = algorithms.components(g)
    groups: dict[int, list[int]] = {}
    for node, c in enumerate(labels.tolist()):
        groups.setdefault(c, []).append(node)
    comps = sorted(groups.values(), key=lambda c: (-len(c), [iris[x] for x in c]))
    components = []
    isolated = []
    for c in comps:
        if len(c) == 1:
            isolated.append(label(iris[c[0]]))
            continue
        best = sorted(c, key=lambda a: (-degree[a], label(iris[a]).lower()))
        components.append(Component(size=len(c), actors=[label(iris[a]) for a in best[:LISTED]]))
    communities: list[Community] = []
    bridges: list[CommunityBridge] = []
    modularity = None
    if g.m:
        ordered = _communities(net)
        member = np.full(g.n, -1, dtype=np.int64)
        for i, c in enumerate(ordered, 1):
            member[c] = i
        modularity = round(_modularity(net, member), 4)
        cu, cv = member[g.u], member[g.v]
        for i, c in enumerate(ordered, 1):
            edges = np.nonzero((cu == i) & (cv == i))[0]
            via = Counter(label(iris[int(x)]) for k in edges for x in e.via_ids[e.via_ptr[k] : e.via_ptr[k + 1]])
            best = sorted(c, key=lambda a: (-degree[a], label(iris[a]).lower()))
            communities.append(
                Community(
                    id=i,
                    size=len(c),
                    actors=[label(iris[a]) for a in best[:LISTED]],
                    held_by=[v for v, _ in via.most_common(3)],
                )
            )
        between: dict[tuple[int, int], CommunityBridge] = {}
        counts: dict[tuple[int, int], Counter[str]] = {}
        cross = np.nonzero(cu != cv)[0]
        for k in sorted(cross.tolist(), key=lambda k: (iris[int(g.u[k])], iris[int(g.v[k])])):
            a, b = int(g.u[k]), int(g.v[k])
            ca, cb = int(member[a]), int(member[b])
            if ca > cb:
                a, b, ca, cb = b, a, cb, ca
            item = between.setdefault((ca, cb), CommunityBridge(community_a=ca, community_b=cb))
            if len(item.ties) < LISTED:
                through = ", ".join(label(iris[int(x)]) for x in e.via_ids[e.via_ptr[k] : e.via_ptr[k + 1]])
                item.ties.append(f"{label(iris[a])} — {label(iris[b])}" + (f" (via {through})" if through else ""))
            counts.setdefault((ca, cb), Counter()).update([iris[a], iris[b]])
        for key, item in between.items():
            ranked = sorted(counts[key].items(), key=lambda kv: (-kv[1], label(kv[0]).lower()))
            item.brokers = [label(x) for x, _ in ranked[:LISTED]]
        bridges = [between[k] for k in sorted(between)]
    return Fragmentation(
        components=components, isolated=isolated, communities=communities, bridges=bridges, modularity=modularity
    )
