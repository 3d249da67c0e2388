"""The curated graph, built once (with its SHACL check) and copied cheaply into any store.

:func:`build_curated` runs :func:`clustergraph.ingest.build` exactly as ``clustergraph build``
does, shapes included, then keeps the quads; every copy is made from them: an in-memory store
is filled from the quads, a store folder is a copy of one folder written once (RocksDB files,
copied in milliseconds instead of bulk-loaded again).
"""

from __future__ import annotations

import shutil
from functools import cached_property
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse

from clustergraph.ingest import LoadReport, build
from clustergraph.store import EmbeddedStore, Store


class Curated:
    """The bundled graph as ``clustergraph build`` makes it.

    Parameters
    ----------
    nquads : bytes
        The whole graph in N-Quads.
    report : LoadReport
        What the build reported.
    workdir : Path
        A folder of its own, where the template store folder is written on first use.
    """

    def __init__(self, nquads: bytes, report: LoadReport, workdir: Path) -> None:
        self.nquads = nquads
        self.report = report
        self.quads: tuple[Quad, ...] = tuple(parse(nquads, format=RdfFormat.N_QUADS))
        self._workdir = workdir

    @property
    def count(self) -> int:
        """Quads in the graph."""
        return len(self.quads)

    def fill(self, store: Store) -> Store:
        """Replace what ``store`` holds (any kind of store) by the curated graph; return it."""
        store.replace_all(self.quads)  # as a build writes it
        return store

    def memory(self, store: EmbeddedStore | None = None) -> EmbeddedStore:
        """A fresh in-memory store (or ``store``, empty and in memory) holding the curated graph."""
        store = EmbeddedStore() if store is None else store
        self.fill(store)
        return store

    @cached_property
    def _template(self) -> Path:
        location = self._workdir / "curated-store"
        store = EmbeddedStore(location)
        self.fill(store)
        store.close()
        return location

    def folder(self, location: Path) -> Path:
        """A store folder at ``location`` (which must not exist) holding the graph, as
        ``clustergraph build`` leaves it: a generation and the pointer naming it; closed, so a
        server or another process may open it."""
        shutil.copytree(self._template, location)
        return location


def build_curated(workdir: Path) -> Curated:
    """Build the bundled graph with validation and keep the result; ``workdir`` is the
    :class:`Curated`'s own folder."""
    store = EmbeddedStore()
    report = build(store, cache=False)  # the session's one build from the files (kept in the build cache)
    assert report.validated and not report.cached
    nquads = store.dump_bytes(RdfFormat.N_QUADS)
    store.close()
    return Curated(nquads, report, workdir)
