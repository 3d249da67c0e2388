"""The knowledge graph as networkx graphs: projection and GraphML/GEXF export.

>>> from clustergraph.network.example import example_store
>>> net = project(example_store())
>>> net.summary()["actors"]
5
"""

from __future__ import annotations

from .export import FORMATS, safe_graph, write_network
from .projection import Network, project
from .readers import read_records
from .records import Records
from .relations import DEFAULT_RELATIONS, RELATION_STRENGTH, active, check_relations

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
