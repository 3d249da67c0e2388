"""Brokerage: who holds the network together, and who would be cut off without them.

Measures on the actor network: betweenness centrality (the projection's one number, see
:mod:`clustergraph.network.metrics`), Burt's constraint and effective size (weighted by edge
weight, for the brokers listed; see :mod:`.structural`), articulation points and bridges.

A broker is an articulation point (someone is cut off without it) or an actor on at least
:data:`NEGLIGIBLE` of the shortest paths between other actors; an actor on fewer brokers nothing
a reader could act on and is not listed.
For an articulation point, *pieces* lists what its component falls apart into when it leaves:
each piece's actors and the alliances, projects, events and agreements that hold them. Every
piece is cut off from every other; ``cut_off`` names the actors of all pieces but the largest.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from ..network import algorithms
from ..network.projection import Network
from .structural import constraint as burt_constraint
from .structural import effective_size

#: Betweenness below which an actor that is no articulation point is not listed as a broker.
NEGLIGIBLE = 0.01
LISTED = 100  # actors named per piece and per cut-off list (counts are always whole)
PIECES_SHOWN = 5  # pieces described in words


class Piece(BaseModel):
    """A part of a component that loses its ties to the other parts when a broker leaves."""

    actors: list[str]  # labels (the first LISTED of them)
    actor_iris: list[str]
    groups: list[str]  # labels of the alliances, projects, events, agreements holding them
    size: int = 0  # number of actors in the piece


class Broker(BaseModel):
    """An actor that brokers between parts of the network."""

    actor: str
    label: str
    betweenness: float
    constraint: float | None
    effective_size: float | None
    articulation_point: bool
    cut_off: list[str] = []  # labels of actors cut off
    cut_off_iris: list[str] = []
    cut_off_count: int = 0  # all actors cut off (the lists above name the first LISTED)
    pieces: list[Piece] = []

    def cut_off_text(self) -> str:
        """What falls apart without this actor, in words."""
        if not self.pieces:
            return ""
        parts = []
        for piece in self.pieces[:PIECES_SHOWN]:
            size = piece.size or len(piece.actors)
            names = ", ".join(piece.actors[:4]) + (" ..." if size > 4 else "")
            held = f" (through {', '.join(piece.groups[:2])})" if piece.groups else ""
            parts.append(f"{size} actor(s){held}: {names}")
        if len(self.pieces) > PIECES_SHOWN:
            parts.append(f"and {len(self.pieces) - PIECES_SHOWN} more piece(s)")
        return "splits into " + " | ".join(parts)


class Bridge(BaseModel):
    """An edge whose removal splits a component."""

    a: str
    a_label: str
    b: str
    b_label: str
    via: list[str]  # labels of the alliances, projects, events or agreements behind the edge


def _clean(x: float | None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), 4)


def _weighted_neighbourhood(net: Network, nodes: list[int]) -> nx.Graph:
    """The weighted edges touching ``nodes`` or their neighbours: all Burt's measures of
    ``nodes`` read (every neighbour's full strength included), as a small networkx graph."""
    e = net.actor_edges
    g = e.graph
    near = set(nodes)
    for v in nodes:
        near.update(int(x) for x in g.neighbours(v))
    mask = np.zeros(g.n, dtype=bool)
    mask[list(near)] = True
    keep = np.nonzero(mask[g.u] | mask[g.v])[0]
    out = nx.Graph()
    out.add_weighted_edges_from(
        zip(g.u[keep].tolist(), g.v[keep].tolist(), e.weight[keep].tolist(), strict=True), weight="weight"
    )
    return out


def _pieces(net: Network, v: int, labels: npt.NDArray[np.int32]) -> list[list[int]]:
    """What the component of ``v`` falls apart into without it, largest first."""
    g = net.actor_edges.graph
    keep = labels == labels[v]
    keep[v] = False
    parts = algorithms.components(g.subgraph_mask(keep))
    groups: dict[int, list[int]] = {}
    for node in np.nonzero(keep)[0].tolist():
        groups.setdefault(int(parts[node]), []).append(node)
    iris = net.records.iris
    split = [sorted(p, key=lambda x: iris[x]) for p in groups.values()]
    return sorted(split, key=lambda p: (-len(p), [iris[x] for x in p]))


def _groups(net: Network, piece: list[int]) -> list[str]:
    """The labels of the alliances, projects, events and agreements that hold a piece (and the
    actors of the piece that others are tied to), most ties first."""
    g = net.affiliation_edges.graph
    n_actors, iris = net.records.actor_count, net.records.iris
    nodes = np.array(piece, dtype=np.int64)
    starts, ends = g.indptr[nodes], g.indptr[nodes + 1]
    sizes = ends - starts
    flat = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
    neighbours = g.indices[flat]
    inside = np.zeros(g.n, dtype=bool)
    inside[nodes] = True
    held = neighbours[(neighbours >= n_actors) | inside[neighbours]]
    found, counts = np.unique(held, return_counts=True)
    ranked = sorted(zip((-counts).tolist(), found.tolist(), strict=True))[:20]
    groups = Counter({net.label(iris[x]): -c for c, x in ranked})
    return [label for label, _ in groups.most_common(5)]


def brokers(net: Network, *, limit: int = 10, notes: list[str] | None = None) -> tuple[list[Broker], list[Bridge]]:
    """Brokers ranked by betweenness (articulation points first among equals), and bridges."""
    e = net.actor_edges
    g = e.graph
    iris = net.records.iris
    notes = notes if notes is not None else []
    bc, note = net.betweenness()
    if note:
        notes.append(note)
    articulation = algorithms.articulation_points(g)
    values = np.fromiter((bc[iri] for iri in iris[: g.n]), dtype=np.float64, count=g.n)
    is_cut = np.zeros(g.n, dtype=bool)
    is_cut[list(articulation)] = True
    listed = np.nonzero((values >= NEGLIGIBLE) | is_cut)[0]
    if len(listed) > limit:  # only those that can be among the first ``limit`` are sorted (ties kept)
        kth = np.partition(values[listed], len(listed) - limit)[len(listed) - limit]
        listed = listed[values[listed] >= kth]
    ranked = sorted(listed.tolist(), key=lambda v: (-values[v], not is_cut[v], net.label(iris[v]).lower()))
    chosen = ranked[:limit]
    # Burt's measures cost about the cube of a node's degree, so they are computed for the
    # brokers listed only (the report shows no other), on their neighbourhood.
    degree = g.degree()
    structural_nodes = [v for v in chosen if degree[v] > 0]
    near = _weighted_neighbourhood(net, structural_nodes)
    constraint = burt_constraint(near, structural_nodes, weight="weight")
    esize = effective_size(near, structural_nodes, weight="weight")
    labels = algorithms.components(g)

    out: list[Broker] = []
    for v in chosen:
        cut: list[str] = []
        cut_count = 0
        found: list[Piece] = []
        if v in articulation:
            split = _pieces(net, v, labels)
            cut_count = sum(len(p) for p in split[1:])
            cut = sorted((iris[a] for p in split[1:] for a in p), key=lambda a: net.label(a).lower())[:LISTED]
            for p in split[:LISTED]:
                members = sorted((iris[a] for a in p), key=lambda a: net.label(a).lower())[:LISTED]
                found.append(
                    Piece(
                        actors=[net.label(a) for a in members], actor_iris=members, groups=_groups(net, p), size=len(p)
                    )
                )
        out.append(
            Broker(
                actor=iris[v],
                label=net.label(iris[v]),
                betweenness=round(float(values[v]), 4),
                constraint=_clean(constraint.get(v)),
                effective_size=_clean(esize.get(v)),
                articulation_point=v in articulation,
                cut_off=[net.label(a) for a in cut],
                cut_off_count=cut_count,
                cut_off_iris=cut,
                pieces=found,
            )
        )
    found_bridges = sorted((min(iris[a], iris[b]), max(iris[a], iris[b]), a, b) for a, b in algorithms.bridges(g))
    if len(found_bridges) > LISTED:
        notes.append(f"{len(found_bridges)} single ties hold parts together (bridges); the first {LISTED} are listed")
    bridges = []
    for a_iri, b_iri, a, b in found_bridges[:LISTED]:
        k = net.actor_edge(a, b)
        via = [net.label(iris[int(x)]) for x in e.via_ids[e.via_ptr[k] : e.via_ptr[k + 1]]]
        bridges.append(Bridge(a=a_iri, a_label=net.label(a_iri), b=b_iri, b_label=net.label(b_iri), via=via))
    return out, bridges
