"""Write the projected network as GraphML or GEXF (for Gephi, yEd, Cytoscape).

Both formats take only scalar attributes, so lists become ``;``-joined text and the ties behind
each edge become a JSON string (``ties_json``) holding, for every tie, its IRI, relation, role,
dates, source graph and evidence quote.

>>> import io
>>> from clustergraph.network.example import example_store
>>> from clustergraph.network.projection import project
>>> buffer = io.BytesIO()
>>> write_network(project(example_store()), buffer, "graphml")
>>> b"Osaka Partner" in buffer.getvalue() and b"ties_json" in buffer.getvalue()
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..errors import InputError
from .projection import Network

FORMATS = ("graphml", "gexf")


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple | set) and all(isinstance(v, str | int | float) for v in value):
        return ";".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def safe_graph(network: Network, view: str = "actors") -> nx.Graph:
    """A copy of one projected graph whose attributes are all GraphML/GEXF-safe scalars.

    ``view`` is ``actors`` (the actor network) or ``affiliation`` (the bipartite view).
    """
    source = network.actors if view == "actors" else network.affiliation
    network.prefetch_sources()
    g = nx.Graph(
        name=f"clustergraph {view} network",
        relations=";".join(network.relations),
        as_of="" if network.as_of is None else str(network.as_of),
    )
    for node, data in source.nodes(data=True):
        g.add_node(node, **{k: _scalar(v) for k, v in data.items() if v is not None})
    for a, b, data in source.edges(data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if k != "tie_ids" and v is not None}
        ties = network.tie_records(data.get("tie_ids", []))
        attrs["ties_json"] = json.dumps(ties, ensure_ascii=False, sort_keys=True)
        attrs["tie_count"] = len(ties)
        g.add_edge(a, b, **attrs)
    return g


def write_network(network: Network, target: str | Path | IO[bytes], fmt: str = "graphml", view: str = "actors") -> None:
    """Write the network to a file or binary stream as ``graphml`` or ``gexf``.

    Raises
    ------
    InputError
        For an unknown format or view.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown network format {fmt!r}; use one of {', '.join(FORMATS)}")
    if view not in ("actors", "affiliation"):
        raise InputError(f"unknown network view {view!r}; use actors or affiliation")
    g = safe_graph(network, view)
    if fmt == "graphml":
        nx.write_graphml(g, target)
    else:
        nx.write_gexf(g, target)
