"""Paths from a home into the affiliation graph: the search graph, shortest paths, hops.

The search runs on the projection's bipartite affiliation graph (actors and the alliances,
projects, events and agreements they are tied to) with one virtual node, :data:`SOURCE`, joined
to every home actor, so that one breadth-first search serves the whole home.

>>> import networkx as nx
>>> g = nx.Graph([("h", "x"), ("x", "e"), ("h", "y"), ("y", "e")])
>>> s = search_graph(g, ["h"])
>>> pred = nx.predecessor(s, SOURCE)
>>> shortest_paths(pred, "e", 10)
[['\\x00home', 'h', 'x', 'e'], ['\\x00home', 'h', 'y', 'e']]
>>> independent_paths(s, "e", 5)
2
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx

from ..network.records import Records
from ..network.relations import RELATION_STRENGTH, year_of
from .model import EntryPath, Hop

SOURCE = "\x00home"  # the virtual node joined to every home actor
_LINK_INVERSE = {
    "sub-event": ("sub-event of", "has sub-event"),
    "in context of": ("in the context of", "has in its context"),
    "signed at": ("signed at", "where was signed"),
    "continues": ("continues", "continued by"),
}


def search_graph(affiliation: nx.Graph, homes: Iterable[str]) -> nx.Graph:
    """A copy of the affiliation graph with :data:`SOURCE` joined to every home actor."""
    g = affiliation.copy()
    g.add_node(SOURCE)
    for h in homes:
        g.add_edge(SOURCE, h, strength=1.0, relation="home", ties=[])
    return g


def hop(g: nx.Graph, records: Records, u: str, v: str) -> Hop:
    """The hop from ``u`` to ``v``: the strongest tie of the edge (or the part-of link), read
    in the direction of travel, with its dates, source graph and quote."""
    data = g.edges[u, v]
    ties = data.get("ties") or []
    if ties:
        tie = max(ties, key=lambda t: (RELATION_STRENGTH[t["relation"]], -ties.index(t)))
        relation_type = tie["relation"]
        role = tie["role"]
        forward = tie["actor"] == u
        if tie["kind"] == "unit":
            words = "has unit" if forward else "unit of"
        elif tie["kind"] == "party":
            words = "party to" if forward else "signed by"
        elif forward:
            words = f"{role} of"
        else:
            words = f"has {role}"
        return Hop(
            source=u,
            source_label=records.label(u),
            relation=words,
            relation_type=relation_type,
            target=v,
            target_label=records.label(v),
            tie=tie["tie"],
            role=role,
            start=tie["start"],
            end=tie["end"],
            graph=tie["graph"],
            evidence=tie["evidence"],
            strength=RELATION_STRENGTH[relation_type],
        )
    link = data["relation"]
    ahead, back = _LINK_INVERSE.get(link, (link, f"has {link}"))
    graph = sorted(data.get("sources", {}))[0] if data.get("sources") else None
    part = records.affiliations.get(data["part"])
    return Hop(
        source=u,
        source_label=records.label(u),
        relation=ahead if data["part"] == u else back,
        relation_type=link,
        target=v,
        target_label=records.label(v),
        tie=None,
        role=None,
        start=part.start if part else None,
        end=part.end if part else None,
        graph=graph,
        evidence=(data["sources"].get(graph) or None) if graph else None,
        strength=float(data["strength"]),
    )


def entry_path(g: nx.Graph, records: Records, nodes: list[str]) -> EntryPath:
    """The hops along ``nodes`` (from :data:`SOURCE`), their product strength and latest year."""
    hops = [hop(g, records, u, v) for u, v in itertools.pairwise(nodes) if u != SOURCE]
    strength = 1.0
    latest: int | None = None
    for h in hops:
        strength *= h.strength
        for value in (h.start, h.end):
            y = year_of(value)
            if y is not None and (latest is None or y > latest):
                latest = y
        for node in (h.source, h.target):
            aff = records.affiliations.get(node)
            if aff is not None:
                for value in (aff.start, aff.end):
                    y = year_of(value)
                    if y is not None and (latest is None or y > latest):
                        latest = y
    return EntryPath(hops=hops, strength=round(strength, 4), latest_year=latest)


def shortest_paths(pred: dict[str, list[str]], target: str, most: int) -> list[list[str]]:
    """Up to ``most`` shortest paths from the BFS source to ``target``, from the predecessor map."""
    out: list[list[str]] = []
    stack: list[tuple[str, list[str]]] = [(target, [target])]
    while stack and len(out) < most:
        node, tail = stack.pop()
        before = pred.get(node, [])
        if not before:
            out.append(tail[::-1])
            continue
        for p in reversed(before):
            stack.append((p, [*tail, p]))
    return out


def independent_paths(g: nx.Graph, target: str, most: int) -> int:
    """Paths from the home to ``target`` that share no intermediate node, up to ``most``.

    The home actors (the neighbours of :data:`SOURCE`) are the home, not intermediate nodes:
    two paths from one home organisation through different partners are independent. Paths are
    found greedily: a shortest path (bidirectional search, which stays local in a
    small-world network), then another avoiding the intermediate nodes of those found, and so
    on. This gives a lower bound of the node connectivity (equal to it on the curated graph) at a
    fraction of a max-flow's cost on large networks.
    """
    removed: set[str] = set()
    k = 0
    while k < most:
        view = nx.restricted_view(g, removed, []) if removed else g
        try:
            path = nx.bidirectional_shortest_path(view, SOURCE, target)
        except nx.NetworkXNoPath:
            break
        k += 1
        removed.update(path[2:-1])
    return k
