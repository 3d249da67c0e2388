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
from pydantic import BaseModel

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


def brokers(net: Network, *, limit: int = 10, notes: list[str] | None = None) -> tuple[list[Broker], list[Bridge]]:
    """Brokers ranked by betweenness (articulation points first among equals), and bridges."""
    g = net.actors
    notes = notes if notes is not None else []
    bc, note = net.betweenness()
    if note:
        notes.append(note)
    articulation = set(nx.articulation_points(g))
    ranked = sorted(g.nodes, key=lambda v: (-bc[v], v not in articulation, net.label(v).lower()))
    candidates = [v for v in ranked if bc[v] >= NEGLIGIBLE or v in articulation]
    # Burt's measures cost about the cube of a node's degree, so they are computed for the
    # brokers listed only (the report shows no other), which keeps large networks tractable.
    structural_nodes = [v for v in candidates[:limit] if g.degree(v) > 0]
    constraint = burt_constraint(g, structural_nodes, weight="weight")
    esize = effective_size(g, structural_nodes, weight="weight")

    out: list[Broker] = []
    for v in candidates[:limit]:
        cut: list[str] = []
        cut_count = 0
        found: list[Piece] = []
        if v in articulation:
            comp = nx.node_connected_component(g, v) - {v}
            split = sorted(
                (sorted(p) for p in nx.connected_components(g.subgraph(comp))),
                key=lambda p: (-len(p), p),
            )
            cut_count = sum(len(p) for p in split[1:])
            cut = sorted((a for p in split[1:] for a in p), key=lambda a: net.label(a).lower())[:LISTED]
            for p in split[:LISTED]:
                inside = set(p)
                groups = Counter(
                    net.label(nb)
                    for a in p
                    for nb in net.affiliation.neighbors(a)
                    if net.affiliation.nodes[nb].get("kind") != "actor" or nb in inside
                )
                members = sorted(p, key=lambda a: net.label(a).lower())[:LISTED]
                found.append(
                    Piece(
                        actors=[net.label(a) for a in members],
                        actor_iris=members,
                        groups=[label for label, _ in groups.most_common(5)],
                        size=len(p),
                    )
                )
        out.append(
            Broker(
                actor=v,
                label=net.label(v),
                betweenness=round(bc[v], 4),
                constraint=_clean(constraint.get(v)),
                effective_size=_clean(esize.get(v)),
                articulation_point=v in articulation,
                cut_off=[net.label(a) for a in cut],
                cut_off_count=cut_count,
                cut_off_iris=cut,
                pieces=found,
            )
        )
    bridges = []
    for a, b in sorted(nx.bridges(g)):
        via = [net.label(x) for x in g.edges[a, b].get("via", [])]
        bridges.append(Bridge(a=a, a_label=net.label(a), b=b, b_label=net.label(b), via=via))
    return out, bridges
