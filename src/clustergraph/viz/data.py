"""The data the network and map pages draw: nodes, edges, places, metrics, positions.

:func:`network_data` turns a projection (:func:`clustergraph.network.project`) into one
JSON-ready dict that the page script (``static/js/network-view.js``) reads, on the server
(``/api/network``) and inlined in the files ``clustergraph viz`` writes. :func:`graph_data` does
the same from a bare actor graph with the projection's node and edge attributes.

Nodes and places are numbered (``id`` 0, 1, ...) to keep the JSON small; each node keeps its IRI.
Every node carries:

- ``label``, ``type`` (most specific class name), ``iri``;
- ``in``: the places it is located in, with every place containing them; ``serves``: the places
  it serves, likewise (indexes into ``places``) — the market and region filters use them;
- ``degree``, ``strength`` (sum of tie weights) and ``betweenness`` (exact up to
  :data:`EXACT_BETWEENNESS` nodes, else estimated from a seeded sample of sources, see ``notes``);
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
from typing import Any

import networkx as nx

from ..network.projection import COUNTRY_PREFIX, Network
from ..network.relations import DEFAULT_RELATIONS, RELATION_STRENGTH
from .layout import force_layout, geo_layout

#: Above this many nodes positions are computed in Python and the browser's physics is off.
PRECOMPUTE_ABOVE = 300
#: Up to this many nodes betweenness is exact; above, it is estimated from a sample of sources.
EXACT_BETWEENNESS = 1500
#: Sources (graph, quote) kept per edge.
MAX_SOURCES = 3
#: Metrics a page can size nodes by.
METRICS = ("degree", "betweenness", "strength")


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
        Seed of the layout and of the betweenness sample.

    Returns
    -------
    dict
        JSON-ready: ``nodes``, ``edges``, ``places``, ``markets`` (place indexes actors serve or
        sit in, by country), ``relations``, ``types``, ``years``, ``counts``, ``precomputed``,
        ``notes``, ``as_of``.
    """
    recs = net.records
    return graph_data(
        net.actors,
        label=net.label,
        ancestors=recs.ancestors,
        place_label=recs.place_label,
        coordinates=recs.coordinates,
        serves=lambda iri: list(recs.actors[iri].serves) if iri in recs.actors else [],
        places_of=lambda iri: list(recs.actors[iri].places) if iri in recs.actors else [],
        relations=net.relations,
        as_of=net.as_of,
        precompute=precompute,
        seed=seed,
    )


def graph_data(
    graph: nx.Graph,
    *,
    label: Callable[[str], str] | None = None,
    ancestors: Callable[[str], list[str]] | None = None,
    place_label: Callable[[str], str] | None = None,
    coordinates: Callable[[str], tuple[float, float, str] | None] | None = None,
    serves: Callable[[str], list[str]] | None = None,
    places_of: Callable[[str], list[str]] | None = None,
    relations: tuple[str, ...] | None = None,
    as_of: int | None = None,
    precompute: bool | None = None,
    seed: int = 42,
) -> dict[str, Any]:
    """The page data of an actor graph with the projection's attributes.

    Without the optional callables, what a node needs is read from its attributes: ``label``,
    ``type``, ``region``/``region_label``, ``country``/``country_label``, ``lat``/``long``,
    ``serves`` (``;``-separated IRIs); edges need ``relations`` and may carry ``start``, ``end``,
    ``weight``, ``via`` and ``ties``.

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
    nodes = list(graph.nodes)
    n = len(nodes)
    index: dict[Hashable, int] = {node: i for i, node in enumerate(nodes)}
    notes: list[str] = []

    places: list[dict[str, Any]] = []
    place_index: dict[str, int] = {}

    def place(iri: str, name: str | None = None) -> int:
        if iri not in place_index:
            place_index[iri] = len(places)
            coords = coordinates(iri) if coordinates else None
            places.append(
                {
                    "iri": iri,
                    "label": name or (place_label(iri) if place_label else iri.rsplit("/", 1)[-1]),
                    "country": iri.startswith(COUNTRY_PREFIX),
                    "lat": coords[0] if coords else None,
                    "long": coords[1] if coords else None,
                }
            )
        return place_index[iri]

    def containing(iris: list[str]) -> list[str]:
        out: list[str] = []
        for iri in iris:
            for p in ancestors(iri) if ancestors else [iri]:
                if p not in out:
                    out.append(p)
        return out

    degree = dict(graph.degree)
    strength = dict(graph.degree(weight="weight"))
    if n <= EXACT_BETWEENNESS:
        between = nx.betweenness_centrality(graph) if n > 2 else dict.fromkeys(nodes, 0.0)
    else:
        k = 128
        between = nx.betweenness_centrality(graph, k=k, seed=seed)
        notes.append(f"betweenness estimated from {k} sampled sources ({n} nodes)")

    big = n > PRECOMPUTE_ABOVE if precompute is None else precompute
    force = force_layout(graph, seed=seed) if big else {}
    geo_input: dict[Hashable, tuple[float, float] | None] = {}

    out_nodes = []
    for node in nodes:
        attrs = graph.nodes[node]
        iri = str(node)
        located = places_of(iri) if places_of else [a for a in (attrs.get("region"), attrs.get("country")) if a]
        if not places_of:
            for key in ("region", "country"):
                if attrs.get(key):
                    place(attrs[key], attrs.get(f"{key}_label"))
        served = serves(iri) if serves else [s for s in str(attrs.get("serves", "")).split(";") if s]
        lat, lon = attrs.get("lat"), attrs.get("long")
        geo_input[node] = (float(lat), float(lon)) if lat is not None and lon is not None else None
        fx, fy = force.get(node, (None, None))
        out_nodes.append(
            {
                "id": index[node],
                "iri": iri,
                "label": attrs.get("label") or (label(iri) if label else iri),
                "type": (str(attrs.get("type") or "Organization").split(";") or ["Organization"])[0],
                "in": [place(p) for p in containing(located)],
                "serves": [place(p) for p in containing(served)],
                "degree": degree[node],
                "strength": round(float(strength[node]), 3),
                "betweenness": round(float(between.get(node, 0.0)), 5),
                "fx": fx,
                "fy": fy,
            }
        )
    geo = geo_layout(geo_input)
    for node, entry in zip(nodes, out_nodes, strict=True):
        entry["gx"], entry["gy"] = geo[node]

    out_edges = []
    years: list[int] = []
    seen_relations: set[str] = set()
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        rels = list(attrs.get("relations") or [attrs.get("relation") or "project"])
        seen_relations.update(rels)
        start, end = attrs.get("start"), attrs.get("end")
        years += [y for y in (start, end) if isinstance(y, int)]
        sources: list[dict[str, str | None]] = []
        for tie in attrs.get("ties", []):
            for src in tie.get("sources") or [{"graph": tie.get("graph"), "evidence": tie.get("evidence")}]:
                if src.get("graph") and src not in sources and len(sources) < MAX_SOURCES:
                    sources.append({"graph": src["graph"], "evidence": src.get("evidence")})
        out_edges.append(
            {
                "id": i,
                "from": index[u],
                "to": index[v],
                "relations": rels,
                "start": start,
                "end": end,
                "weight": attrs.get("weight", RELATION_STRENGTH.get(rels[0], 0.5)),
                "via": [label(x) if label else str(x) for x in attrs.get("via", [])][:5],
                "sources": sources,
            }
        )

    market_ids = sorted(
        {p for e in out_nodes for p in e["serves"]} | {p for e in out_nodes for p in e["in"] if places[p]["country"]},
        key=lambda p: places[p]["label"].lower(),
    )
    region_ids = sorted({p for e in out_nodes for p in e["in"]}, key=lambda p: places[p]["label"].lower())
    chosen = tuple(relations) if relations else DEFAULT_RELATIONS
    all_relations = [r for r in RELATION_STRENGTH if r in seen_relations or r in chosen]
    return {
        "nodes": out_nodes,
        "edges": out_edges,
        "places": places,
        "markets": market_ids,
        "regions": region_ids,
        "relations": all_relations,
        "types": sorted({e["type"] for e in out_nodes}),
        "years": [min(years), max(years)] if years else None,
        "counts": {"nodes": n, "edges": len(out_edges)},
        "precomputed": big,
        "metrics": list(METRICS),
        "as_of": as_of,
        "notes": notes,
    }
