"""A tiny example graph in memory, for the doctests of the analytics.

>>> store = example_store()
>>> store.count() > 0
True
"""

from __future__ import annotations

from pathlib import Path

from ..ingest.reading import read_file
from ..namespaces import ONTOLOGY_GRAPH, graph_iri
from ..paths import bundled_dir
from ..store.embedded import EmbeddedStore

EXAMPLE = Path(__file__).with_name("example.ttl")


def example_store(path: str | Path | None = None) -> EmbeddedStore:
    """An in-memory store holding the ontology and a small example graph (``graph:example``).

    Parameters
    ----------
    path : str or Path, optional
        Another Turtle file to load instead of the bundled example.
    """
    store = EmbeddedStore()
    store.add(read_file(bundled_dir("ontology") / "clustergraph.ttl", graph=ONTOLOGY_GRAPH))
    store.add(read_file(path or EXAMPLE, graph=graph_iri("example")))
    return store
