"""The knowledge graph as networkx graphs: projection and GraphML/GEXF export.

>>> from clustergraph.network.example import example_store
>>> net = project(example_store())
>>> net.summary()["actors"]
5
"""

from __future__ import annotations

from .export import FORMATS, safe_graph, write_network
from .projection import Network, active, check_relations, project
from .records import DEFAULT_RELATIONS, RELATION_STRENGTH, Records, read_records

__all__ = [
    "DEFAULT_RELATIONS",
    "FORMATS",
    "RELATION_STRENGTH",
    "Network",
    "Records",
    "active",
    "check_relations",
    "project",
    "read_records",
    "safe_graph",
    "write_network",
]
