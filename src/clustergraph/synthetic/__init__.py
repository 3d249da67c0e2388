"""Synthetic ecosystems in clustergraph's model, for tests, demos and benchmarks.

>>> from clustergraph.synthetic import generate, synthetic_graph
>>> synthetic_graph(7, 1000)
'https://w3id.org/clustergraph/graph/synthetic/7-1000'
"""

from __future__ import annotations

from .ecosystem import synthetic_graph
from .generator import (
    MAX_ACTORS,
    MIN_ACTORS,
    GenerationReport,
    generate,
    generate_file,
)

__all__ = [
    "MAX_ACTORS",
    "MIN_ACTORS",
    "GenerationReport",
    "generate",
    "generate_file",
    "synthetic_graph",
]
