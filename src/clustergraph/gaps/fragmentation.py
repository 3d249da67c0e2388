"""Fragmentation: connected components, Louvain communities (fixed seed) and what bridges them."""

from __future__ import annotations

from collections import Counter

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
    """Louvain communities (seed 42) of the actors that have a tie, largest first
    (:func:`clustergraph.network.algorithms.communities`: igraph's multilevel when installed,
    else networkx's)."""
    e = net.actor_edges
    found = algorithms.communities(e.graph, e.weight, seed=SEED)
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


def _best(net: Network, nodes: npt.NDArray[np.int64], degree: npt.NDArray[np.int64], most: int) -> list[str]:
    """The labels of the ``most`` best-connected nodes (then by label), asking labels of the
    few that can be among them only."""
    if len(nodes) > most:
        kth = np.partition(degree[nodes], len(nodes) - most)[len(nodes) - most]
        nodes = nodes[degree[nodes] >= kth]
    iris, label = net.records.iris, net.label
    ranked = sorted(nodes.tolist(), key=lambda a: (-int(degree[a]), label(iris[a]).lower()))
    return [label(iris[a]) for a in ranked[:most]]


def fragmentation(net: Network) -> Fragmentation:
    """Components (largest first), isolated actors, communities and their bridges."""
    e = net.actor_edges
    g = e.graph
    iris, label = net.records.iris, net.label
    degree = g.degree()
    labels = algorithms.components(g)
    order = np.argsort(labels, kind="stable")  # nodes by component, each in id (= IRI) order
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    comps = sorted(np.split(order, cuts) if g.n else [], key=lambda c: (-len(c), iris[int(c[0])]))
    components = []
    isolated = []
    for c in comps:
        if len(c) == 1:
            isolated.append(label(iris[int(c[0])]))
            continue
        components.append(Component(size=len(c), actors=_best(net, c, degree, LISTED)))
    communities: list[Community] = []
    bridges: list[CommunityBridge] = []
    modularity = None
    if g.m:
        ordered = _communities(net)
        member = np.full(g.n, -1, dtype=np.int64)
        for i, members in enumerate(ordered, 1):
            member[members] = i
        modularity = round(_modularity(net, member), 4)
        cu, cv = member[g.u], member[g.v]
        # what the ties inside each community go through, counted per (community, affiliation)
        per_edge = np.diff(e.via_ptr)
        edge_of = np.repeat(np.arange(g.m), per_edge)
        home = np.where(cu == cv, cu, -1)[edge_of]
        keys = home[home > 0] * len(iris) + e.via_ids[home > 0]
        found, times = np.unique(keys, return_counts=True)
        held: dict[int, list[tuple[int, int]]] = {}
        for key, count in zip(found.tolist(), times.tolist(), strict=True):
            held.setdefault(key // len(iris), []).append((count, key % len(iris)))
        for i, members in enumerate(ordered, 1):
            mine = held.get(i, [])
            third = sorted((n for n, _ in mine), reverse=True)[2] if len(mine) > 3 else 0
            via = sorted(((-n, label(iris[x])) for n, x in mine if n >= third), key=lambda t: (t[0], t[1].lower()))
            communities.append(
                Community(
                    id=i,
                    size=len(members),
                    actors=_best(net, np.array(members, dtype=np.int64), degree, LISTED),
                    held_by=[name for _, name in via[:3]],
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
