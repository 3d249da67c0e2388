"""The store as the server sees it: every query under the time limit, writes only when allowed.

:class:`ServedStore` is a :class:`~clustergraph.store.base.Store`, so the library functions the
CLI calls (named queries, lookups, analytics) run unchanged against it. Reads go

- on a store that worker processes can open (an embedded store folder, ``worker_location``), to
  a :class:`~clustergraph.api.workers.WorkerPool` of processes that read the active generation
  read-only and follow it when a writer (`clustergraph load`, `build`, an update) switches it; a
  query past the limit is stopped by ending its process;
- otherwise (a remote SPARQL server, an in-memory store), to a thread with the limit on the wait
  (and on the HTTP client); the client gets its timeout answer on time.

Writes go to the store itself, and only when the settings enable updates.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from pyoxigraph import NamedNode, Quad, RdfFormat

from ..errors import QueryTimeoutError, ReadOnlyError
from ..store.base import BulkFile, Store
from ..store.results import QueryResult, Term
from ..store.sparqltext import bind_values
from .settings import Settings
from .workers import WorkerPool


def open_backend(settings: Settings) -> ServedStore:
    """Open the configured store, building the bundled graph into an empty local one first."""
    from ..store import open_store

    store = open_store(settings.store, timeout=settings.query_timeout)
    if store.local and store.is_empty():
        from ..ingest import build

        build(store)
    return ServedStore(store, settings)


class ServedStore(Store):
    """A store wrapper that enforces the server's settings (time limit, read-only)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.location = store.location
        self.local = store.local
        self.settings = settings
        self._store = store
        self._pool: WorkerPool | None = None
        self._threads: concurrent.futures.ThreadPoolExecutor | None = None
        location = store.worker_location
        if location is not None:
            self._pool = WorkerPool(location, settings.query_workers, settings.query_timeout)
        else:
            self._threads = concurrent.futures.ThreadPoolExecutor(
                max_workers=max(4, settings.query_workers * 2), thread_name_prefix="clustergraph-query"
            )

    @property
    def kind(self) -> str:
        """``embedded`` or ``remote``."""
        return "embedded" if self.local else "remote"

    # --- reading ----------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult:
        limit = self.settings.query_timeout
        if self._pool is not None:
            text = bind_values(sparql, bindings or {})
            return self._pool.query(
                text, default_graph=default_graph, named_graphs=named_graphs, prefixes=prefixes, timeout=limit
            )
        assert self._threads is not None
        future = self._threads.submit(
            self._store.query,
            sparql,
            bindings=bindings,
            default_graph=default_graph,
            named_graphs=named_graphs,
            prefixes=prefixes,
        )
        try:
            return future.result(timeout=limit)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise QueryTimeoutError(
                f"the query ran past the time limit of {limit:g} s and was abandoned;"
                " narrow it (LIMIT, more specific patterns)"
            ) from None

    def graphs(self) -> list[NamedNode]:
        return [NamedNode(g) for g in self.graph_counts()]

    def count(self, graph: str | None = None) -> int:
        counts = self.graph_counts()
        return sum(counts.values()) if graph is None else counts.get(graph, 0)

    def dump(self, out: BinaryIO, fmt: RdfFormat = RdfFormat.N_QUADS, *, graphs: Sequence[str] | None = None) -> None:
        self._store.dump(out, fmt, graphs=graphs)

    # --- writing ----------------------------------------------------------------------------

    def _writable(self) -> Store:
        if not self.settings.updates_enabled:
            raise ReadOnlyError(
                "this SPARQL endpoint is read-only; an administrator can enable updates with"
                " CLUSTERGRAPH_UPDATES_ENABLED=true and CLUSTERGRAPH_UPDATE_TOKEN"
            )
        return self._store

    def update(self, sparql: str) -> None:
        self._writable().update(sparql)

    def add(self, quads: Iterable[Quad]) -> None:
        self._writable().add(quads)

    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        self._writable().replace_graphs(graphs)

    def replace_all(self, quads: Iterable[Quad]) -> None:
        self._writable().replace_all(quads)

    def bulk_load(self, files: Sequence[BulkFile], *, extra: Sequence[Quad] = (), drop: Sequence[str] = ()) -> None:
        self._writable().bulk_load(files, extra=extra, drop=drop)

    def drop_graph(self, graph: str) -> None:
        self._writable().drop_graph(graph)

    def clear(self) -> None:
        self._writable().clear()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None
        self._store.close()
