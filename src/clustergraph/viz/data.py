"""The data the network and map pages draw: nodes, edges, places, metrics, positions.

:func:`network_data` turns a projection (:func:`clustergraph.network.project`) into one
JSON-ready dict that the page script (``static/js/network-view.js``) reads, on the server
(``/api/network``) and inlined in the files ``clustergraph viz`` writes. :func:`graph_data` does
the same for any actor graph; what it shows of a node (label, places, markets served, place
names and coordinates) comes from :class:`NodeFacts`: the projection's records
(:meth:`NodeFacts.of_records`) or the node attributes of a bare graph
(:meth:`NodeFacts.of_attributes`).

Nodes and places are numbered (``id`` 0, 1, ...) to keep the JSON small; each node keeps its IRI.
Every node carries:

- ``label``, ``type`` (most specific class name), ``iri``;
- ``in``: the places it is located in, with every place containing them; ``serves``: the places
  it serves, likewise (indexes into ``places``) — the market and region filters use them;
- ``degree``, ``strength`` (sum of tie weights) and ``betweenness`` (the projection's one number,
  :func:`clustergraph.network.metrics.betweenness`: sampled on large graphs, see ``notes``);
- ``fx``, ``fy``: force-directed positions (precomputed above :data:`PRECOMPUTE_ABOVE` nodes, else
  ``None`` and the browser lays the network out); ``gx``, ``gy``: geographic positions.

Every edge carries ``relations`` (strongest first), ``start``/``end`` years, ``weight``, ``via``
(the labels of the alliances, projects, events or agreements behind it) and up to
:data:`MAX_SOURCES` sources (graph and evidence quote).

>>> from clustergraph.network import project
>>> from clustergraph.network.example import example_store
>>> data = network_data(project(example_store()))
>>> data["counts"]
{'nodes': 5, 'edges': 5}
>>> node = data["nodes"][0]
>>> node["label"], node["type"], sorted(k for k in node if k.startswith("g"))
('Alpha Cluster', 'ClusterOrganisation', ['gx', 'gy'])
>>> sorted(data["relations"])
['agreement', 'alliance', 'event', 'project', 'unit']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..network.metrics import betweenness as betweenness_of
from ..network.projection import COUNTRY_PREFIX, Network
from ..network.records import Records
from ..network.relations import DEFAULT_RELATIONS, RELATION_STRENGTH
from .layout import force_layout, geo_layout

#: Above this many nodes positions are computed in Python and the browser's physics is off.
PRECOMPUTE_ABOVE = 300
#: Sources (graph, quote) kept per edge.
MAX_SOURCES = 3
#: Metrics a page can size nodes by.
METRICS = ("degree", "betweenness", "strength")
#: Alliances, projects, events or agreements named per edge.
MAX_VIA = 5

Betweenness = tuple[dict[Hashable, float], "str | None"]
#: The sources (graph, quote) of an edge, from its endpoints and attributes.
EdgeSources = Callable[[Hashable, Hashable, dict[str, Any]], list[dict[str, Any]]]


def _attribute_sources(u: Hashable, v: Hashable, attrs: dict[str, Any]) -> list[dict[str, Any]]:
    """Sources from an edge's ``ties`` attribute (each tie's ``sources``, or graph and evidence)."""
    out: list[dict[str, Any]] = []
    for tie in attrs.get("ties", []):
        out += tie.get("sources") or [{"graph": tie.get("graph"), "evidence": tie.get("evidence")}]
    return out


@dataclass(frozen=True)
class NodeFacts:
    """Where the page data reads what it shows of a node and its places."""

    label: Callable[[Hashable], str]  # of a node, or of an alliance, project, event or agreement
    located: Callable[[Hashable], list[str]]  # the places a node is located in (not their parents)
    serves: Callable[[Hashable], list[str]]  # the places it serves
    within: Callable[[str], list[str]]  # a place and every place containing it
    place_label: Callable[[str], str]
    coordinates: Callable[[str], tuple[float, float, str] | None]

    @classmethod
    def of_records(cls, recs: Records) -> NodeFacts:
        """Facts from the projection's records (places with containment and coordinates)."""

        def label(node: Hashable) -> str:
            return recs.label(str(node))

        def located(node: Hashable) -> list[str]:
            actor = recs.actors.get(str(node))
            return list(actor.places) if actor is not None else []

        def serves(node: Hashable) -> list[str]:
            actor = recs.actors.get(str(node))
            return list(actor.serves) if actor is not None else []

        return cls(label, located, serves, recs.ancestors, recs.place_label, recs.coordinates)

    @classmethod
    def of_attributes(cls, graph: nx.Graph) -> NodeFacts:
        """Facts from node attributes: ``label``, ``region``/``region_label``,
        ``country``/``country_label``, ``serves`` (``;``-separated IRIs)."""
        names: dict[str, str] = {}
        for _, attrs in graph.nodes(data=True):
            for key in ("region", "country"):
                if attrs.get(key):
                    names.setdefault(attrs[key], attrs.get(f"{key}_label") or attrs[key].rsplit("/", 1)[-1])

        def label(node: Hashable) -> str:
            return str(graph.nodes[node].get("label") or node) if node in graph else str(node)

        def located(node: Hashable) -> list[str]:
            attrs = graph.nodes[node]
            return [a for a in (attrs.get("region"), attrs.get("country")) if a]

        def serves(node: Hashable) -> list[str]:
            return [s for s in str(graph.nodes[node].get("serves", "")).split(";") if s]

        return cls(
            label,
            located,
            serves,
            lambda place: [place],
            lambda place: names.get(place, place.rsplit("/", 1)[-1]),
            lambda place: None,
        )


class _Places:
    """The places of the page, numbered in the order they are first met."""

    def __init__(self, facts: NodeFacts) -> None:
        self.facts = facts
        self.items: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}

    def number(self, iri: str) -> int:
        if iri not in self.index:
            self.index[iri] = len(self.items)
            coords = self.facts.coordinates(iri)
            self.items.append(
                {
                    "iri": iri,
                    "label": self.facts.place_label(iri),
                    "country": iri.startswith(COUNTRY_PREFIX),
                    "lat": coords[0] if coords else None,
                    "long": coords[1] if coords else None,
                }
            )
        return self.index[iri]

    def numbers(self, iris: list[str]) -> list[int]:
        """The numbers of these places and of every place containing them (no repeats)."""
        out: list[int] = []
        for iri in iris:
            for p in self.facts.within(iri):
                n = self.number(p)
                if n not in out:
                    out.append(n)
        return out


def network_data(
    net: Network,
    *,
    precompute: bool | None = None,
    seed: int = 42,
) -> dict[str, Any]:
    """Everything the network and map pages need from one projection.

    Parameters
    ----------
    net : Network
        A projection.
    precompute : bool, optional
        Compute force-directed positions in Python; default: above :data:`PRECOMPUTE_ABOVE` nodes.
    seed : int
        Seed of the layout.

    Returns
    -------
    dict
        JSON-ready: ``nodes``, ``edges``, ``places``, ``markets`` (place indexes actors serve or
        sit in, by country), ``relations``, ``types``, ``years``, ``counts``, ``precomputed``,
        ``notes``, ``as_of``.
    """
    net.prefetch_sources()

    def sources(u: Hashable, v: Hashable, attrs: dict[str, Any]) -> list[dict[str, Any]]:
        return [src for tie in net.tie_records(attrs.get("tie_ids", [])) for src in tie["sources"]]

    return graph_data(
        net.actors,
        facts=NodeFacts.of_records(net.records),
        sources=sources,
        relations=net.relations,
        as_of=net.as_of,
        precompute=precompute,
        seed=seed,
        betweenness=net.betweenness(),
    )


def graph_data(
    graph: nx.Graph,
    *,
    facts: NodeFacts | None = None,
    sources: EdgeSources | None = None,
    relations: tuple[str, ...] | None = None,
    as_of: int | None = None,
    precompute: bool | None = None,
    seed: int = 42,
    betweenness: Betweenness | None = None,
) -> dict[str, Any]:
    """The page data of an actor graph with the projection's attributes.

    Without ``facts``, what a node needs is read from its attributes (see
    :meth:`NodeFacts.of_attributes`) and ``type``; edges need ``relations`` and may carry
    ``start``, ``end``, ``weight``, ``via`` and ``ties`` (each with ``graph`` and ``evidence``, or
    ``sources``), unless ``sources`` gives an edge's sources.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", label="A", type="Cluster", country="c:ES", country_label="Spain", lat=40.4, long=-3.7)
    >>> g.add_node("b", label="B", type="Company")
    >>> g.add_edge("a", "b", relations=["project"], start=2016, end=2018, weight=0.7)
    >>> data = graph_data(g)
    >>> [p["label"] for p in data["places"]], data["nodes"][0]["in"], data["nodes"][1]["in"]
    (['Spain'], [0], [])
    >>> data["edges"][0]["relations"], data["years"]
    (['project'], [2016, 2018])
    """
    facts = facts or NodeFacts.of_attributes(graph)
    between, note = betweenness if betweenness is not None else betweenness_of(graph)
    big = graph.number_of_nodes() > PRECOMPUTE_ABOVE if precompute is None else precompute
    places = _Places(facts)
    nodes = _nodes(graph, facts, places, between, force_layout(graph, seed=seed) if big else {})
    index = {node: i for i, node in enumerate(graph.nodes)}
    edges, years, seen = _edges(graph, index, facts, sources or _attribute_sources)
    items = places.items
    market_ids = sorted(
        {p for e in nodes for p in e["serves"]} | {p for e in nodes for p in e["in"] if items[p]["country"]},
        key=lambda p: items[p]["label"].lower(),
    )
    region_ids = sorted({p for e in nodes for p in e["in"]}, key=lambda p: items[p]["label"].lower())
    chosen = tuple(relations) if relations else DEFAULT_RELATIONS
    return {
        "nodes": nodes,
        "edges": edges,
        "places": items,
        "markets": market_ids,
        "regions": region_ids,
        "relations": [r for r in RELATION_STRENGTH if r in seen or r in chosen],
        "types": sorted({e["type"] for e in nodes}),
        "years": [min(years), max(years)] if years else None,
        "counts": {"nodes": len(nodes), "edges": len(edges)},
        "precomputed": big,
        "metrics": list(METRICS),
        "as_of": as_of,
        "notes": [note] if note else [],
    }


def _nodes(
    graph: nx.Graph,
    facts: NodeFacts,
    places: _Places,
    between: dict[Hashable, float],
    force: dict[Hashable, tuple[float, float]],
) -> list[dict[str, Any]]:
    degree = dict(graph.degree)
    strength = dict(graph.degree(weight="weight"))
    geo_input: dict[Hashable, tuple[float, float] | None] = {}
    out = []
    for i, node in enumerate(graph.nodes):
        attrs = graph.nodes[node]
        iri = str(node)
        lat, lon = attrs.get("lat"), attrs.get("long")
        geo_input[node] = (float(lat), float(lon)) if lat is not None and lon is not None else None
        fx, fy = force.get(node, (None, None))
        out.append(
            {
                "id": i,
                "iri": iri,
                "label": attrs.get("label") or facts.label(node),
                "type": (str(attrs.get("type") or "Organization").split(";") or ["Organization"])[0],
                "in": places.numbers(facts.located(node)),
                "serves": places.numbers(facts.serves(node)),
                "degree": degree[node],
                "strength": round(float(strength[node]), 3),
                "betweenness": round(float(between.get(node, 0.0)), 5),
                "fx": fx,
                "fy": fy,
            }
        )
    geo = geo_layout(geo_input)
    for node, entry in zip(graph.nodes, out, strict=True):
        entry["gx"], entry["gy"] = geo[node]
    return out


def _edges(
    graph: nx.Graph, index: dict[Hashable, int], facts: NodeFacts, edge_sources: EdgeSources
) -> tuple[list[dict[str, Any]], list[int], set[str]]:
    out = []
    years: list[int] = []
    seen: set[str] = set()
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        rels = list(attrs.get("relations") or [attrs.get("relation") or "project"])
        seen.update(rels)
        start, end = attrs.get("start"), attrs.get("end")
        years += [y for y in (start, end) if isinstance(y, int)]
        sources: list[dict[str, str | None]] = []
        for src in edge_sources(u, v, attrs):
            if src.get("graph") and src not in sources and len(sources) < MAX_SOURCES:
                sources.append({"graph": src["graph"], "evidence": src.get("evidence")})
        out.append(
            {
                "id": i,
                "from": index[u],
                "to": index[v],
                "relations": rels,
                "start": start,
                "end": end,
                "weight": attrs.get("weight", RELATION_STRENGTH.get(rels[0], 0.5)),
                "via": [facts.label(x) for x in attrs.get("via", [])][:MAX_VIA],
                "sources": sources,
            }
        )
    return out, years, seen
