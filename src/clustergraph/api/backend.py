"""The store as the server sees it: every query under the time limit, writes only when allowed.

:class:`ServedStore` is a :class:`~clustergraph.store.base.Store`, so the library functions the
CLI calls (named queries, lookups, analytics) run unchanged against it. Reads go

- on an embedded on-disk store, to a :class:`~clustergraph.api.workers.WorkerPool` of processes
  that read a snapshot of the store (taken at start, after each update and after a rebuild by
  another process); a query past the limit is stopped by ending its process. The server itself
  keeps the store open for writing, so another process cannot write to it behind the workers'
  backs (``clustergraph load`` says the store is locked; ``clustergraph build`` writes a new
  generation, which the server switches to);
- on a remote SPARQL server (or an in-memory store), to a thread with the limit on the wait
  (and on the HTTP client); the client gets its timeout answer on time, and the remote server
  is asked to stop through the HTTP client's own timeout.

Writes (SPARQL updates) go to the store itself, and only when the settings enable them.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import shutil
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat

from ..errors import QueryTimeoutError, ReadOnlyError
from ..store.base import Store
from ..store.embedded import EmbeddedStore
from ..store.remote import RemoteStore
from ..store.results import QueryResult, SelectResult, Term, term_value
from ..store.sparqltext import bind_values
from .settings import Settings
from .workers import WorkerPool


def open_backend(settings: Settings) -> ServedStore:
    """Open the configured store, building the bundled graph into an empty local one first."""
    from ..store import open_store

    store = open_store(settings.store)
    if isinstance(store, EmbeddedStore) and store.is_empty():
        from ..ingest import build

        build(store)
    if isinstance(store, RemoteStore):
        store.close()
        store = RemoteStore(settings.store or store.location, timeout=settings.query_timeout)
    return ServedStore(store, settings)


class ServedStore(Store):
    """A store wrapper that enforces the server's settings (time limit, read-only)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.location = store.location
        self.settings = settings
        self._store: Store | None = store
        self._pool: WorkerPool | None = None
        self._threads: concurrent.futures.ThreadPoolExecutor | None = None
        self._write_lock = threading.Lock()
        self._snapshots: list[Path] = []
        self._counter = itertools.count(1)
        if isinstance(store, EmbeddedStore) and store.root is not None:
            store.native  # noqa: B018 - open now: holding the write lock keeps other writers out
            self._snapshot_root = store.root / "snapshots"
            shutil.rmtree(self._snapshot_root, ignore_errors=True)  # left by an earlier server
            self._snapshot_root.mkdir()
            self._take_snapshot(store)
            self._pool = WorkerPool(settings.query_workers, settings.query_timeout)
        else:
            self._threads = concurrent.futures.ThreadPoolExecutor(
                max_workers=max(4, settings.query_workers * 2), thread_name_prefix="clustergraph-query"
            )

    def _take_snapshot(self, store: EmbeddedStore) -> Path:
        """Snapshot the store for the workers; keep the previous one for queries under way."""
        generation = store.active_location.name if store.active_location else "store"
        target = self._snapshot_root / f"{generation}-{next(self._counter):06d}"
        store.snapshot(target)
        self._snapshots.append(target)
        while len(self._snapshots) > 2:
            shutil.rmtree(self._snapshots.pop(0), ignore_errors=True)
        return target

    def _read_location(self) -> Path:
        """The snapshot the next query reads; a new one if another process rebuilt the store."""
        store = self._store
        with self._write_lock:
            if isinstance(store, EmbeddedStore) and store.refresh():
                store.native  # noqa: B018 - hold the new generation's write lock
                self._take_snapshot(store)
            return self._snapshots[-1]

    def generation(self) -> str | None:
        """The snapshot the workers read (a new one after every write and rebuild), or the
        remote store's own token."""
        if self._pool is not None:
            return str(self._read_location())
        return self._store.generation() if self._store is not None else None

    @property
    def kind(self) -> str:
        """``embedded`` or ``remote``."""
        return "embedded" if self._pool is not None or isinstance(self._store, EmbeddedStore) else "remote"

    # --- reading ----------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        limit = self.settings.query_timeout
        if self._pool is not None:
            text = bind_values(sparql, bindings or {})
            return self._pool.query(
                self._read_location(), text, default_graph=default_graph, named_graphs=named_graphs, timeout=limit
            )
        assert self._threads is not None and self._store is not None
        future = self._threads.submit(
            self._store.query,
            sparql,
            bindings=bindings,
            default_graph=default_graph,
            named_graphs=named_graphs,
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
        return [NamedNode(g) for g, _ in self.graph_counts()]

    def graph_counts(self) -> list[tuple[str, int]]:
        """Each named graph with the number of triples it holds, sorted by IRI."""
        from ..sparql import load

        result = self.query(load("api-graph-counts"))
        assert isinstance(result, SelectResult)
        return [(term_value(g), int(term_value(n))) for g, n in result.rows if g is not None and n is not None]

    def count(self, graph: str | None = None) -> int:
        counts = dict(self.graph_counts())
        return sum(counts.values()) if graph is None else counts.get(graph, 0)

    def dump(self, fmt: RdfFormat = RdfFormat.N_QUADS) -> bytes:
        raise ReadOnlyError("the server does not dump the store; use `clustergraph export`")

    # --- writing ----------------------------------------------------------------------------

    def _writable(self) -> Store:
        if not self.settings.updates_enabled or self._store is None:
            raise ReadOnlyError(
                "this SPARQL endpoint is read-only; an administrator can enable updates with"
                " CLUSTERGRAPH_UPDATES_ENABLED=true and CLUSTERGRAPH_UPDATE_TOKEN"
            )
        return self._store

    def update(self, sparql: str) -> None:
        store = self._writable()
        with self._write_lock:
            store.update(sparql)
            if isinstance(store, EmbeddedStore) and self._pool is not None:
                self._take_snapshot(store)

    def add(self, quads: Iterable[Quad]) -> None:
        from ..store.embedded import insert_data

        self.update(insert_data(quads))

    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        raise ReadOnlyError("the server replaces no graphs; send SPARQL updates instead")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def clear(self) -> None:
        raise ReadOnlyError("the server does not clear the store")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None
        if self._store is not None:
            self._store.close()
            self._store = None
        for snapshot in self._snapshots:
            shutil.rmtree(snapshot, ignore_errors=True)
        self._snapshots = []
