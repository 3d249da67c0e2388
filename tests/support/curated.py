"""The curated graph, built once (with its SHACL check) and copied cheaply into any store.

:func:`build_curated` runs :func:`clustergraph.ingest.build` exactly as ``clustergraph build``
does, shapes included, then keeps the quads; every copy is made from them, which costs a bulk
load (a fraction of a second) instead of a validation (seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse

from clustergraph.ingest import LoadReport, build
from clustergraph.store import EmbeddedStore, Store


@dataclass(frozen=True)
class Curated:
    """The bundled graph as ``clustergraph build`` makes it."""

    quads: tuple[Quad, ...]
    nquads: bytes
    report: LoadReport = field(compare=False)

    @property
    def count(self) -> int:
        """Quads in the graph."""
        return len(self.quads)

    def fill(self, store: Store) -> Store:
        """Replace what ``store`` holds (any kind of store) by the curated graph; return it."""
        store.replace_all(self.quads)  # as a build writes it
        return store

    def memory(self) -> EmbeddedStore:
        """A fresh in-memory store holding the curated graph."""
        store = EmbeddedStore()
        self.fill(store)
        return store

    def folder(self, location: Path) -> Path:
        """A store folder at ``location`` (created) holding the graph, as ``clustergraph build``
        leaves it: a generation and the pointer naming it; closed, so a server may open it."""
        store = EmbeddedStore(location)
        self.fill(store)
        store.close()
        return location


def build_curated() -> Curated:
    """Build the bundled graph with validation and keep the result."""
    store = EmbeddedStore()
    report = build(store)
    assert report.validated
    nquads = store.dump_bytes(RdfFormat.N_QUADS)
    quads = tuple(parse(nquads, format=RdfFormat.N_QUADS))
    store.close()
    return Curated(quads, nquads, report)
