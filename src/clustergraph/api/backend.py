"""The store as the server sees it: every query and update under the time limit, fairly shared.

:class:`ServedStore` is a :class:`~clustergraph.store.base.Store`, so the library functions the
CLI calls (named queries, lookups, analytics) run unchanged against it. Reads go

- on a store that worker processes can open (an embedded store folder, ``worker_location``), to
  a :class:`~clustergraph.api.workers.WorkerPool`: processes that read the active generation
  read-only and follow it when a writer (``clustergraph load``, ``build``, an update) switches
  it; a query past the limit is stopped by ending its process; ``/sparql`` gets the answer
  serialised by the worker (:meth:`ServedStore.answer`) and streams it;
- otherwise (a remote SPARQL server, an in-memory store), to a thread with the limit on the wait
  (and on the HTTP client); the client gets its timeout answer on time.

Writes go to the store (on a folder: through the pool's writer process, under the time limit),
and only when the settings enable updates.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from typing import BinaryIO, TypeVar

from pyoxigraph import NamedNode, Quad, RdfFormat
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import QueryTimeoutError, ReadOnlyError, ResultTooLargeError
from ..namespaces import PREFIXES
from ..store.base import BulkFile, Store
from ..store.embedded import EmbeddedStore
from ..store.results import AskResult, GraphResult, QueryResult, SelectResult, Term
from ..store.sandbox import deny_network, network_denial_supported
from ..store.sparqltext import bind_values, query_dataset
from ..store.worker import FOLLOW_SECONDS, Job
from .lanes import cheap
from .settings import Settings
from .workers import Answer, WorkerPool

T = TypeVar("T")

#: Who is asking (the client's IP address), set for each request by the app's middleware.
current_client: ContextVar[str] = ContextVar("clustergraph_client", default="local")


class ClientMiddleware:
    """Pure ASGI middleware: tell the store who asks (:data:`current_client`), for fair shares."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            token = current_client.set(client[0] if client else "unknown")
            try:
                await self.app(scope, receive, send)
            finally:
                current_client.reset(token)
            return
        await self.app(scope, receive, send)


def open_backend(settings: Settings) -> ServedStore:
    """Open the configured store, building the bundled graph into an empty local one first."""
    from ..store import open_store

    store = open_store(settings.store, timeout=settings.query_timeout)
    if store.local and store.is_empty():
        from ..ingest import build

        build(store)
    return ServedStore(store, settings)


def form_of(result: QueryResult) -> str:
    """``solutions``, ``boolean`` or ``graph``."""
    return "solutions" if isinstance(result, SelectResult) else "boolean" if isinstance(result, AskResult) else "graph"


class ServedStore(Store):
    """A store wrapper that enforces the server's settings (time limit, fair share, read-only)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.location = store.location
        self.local = store.local
        self.settings = settings
        self._store = store
        self._pool: WorkerPool | None = None
        self._follower: asyncio.Task[None] | None = None
        self._threads: concurrent.futures.ThreadPoolExecutor | None = None
        location = store.worker_location
        if location is not None:
            store.close()  # the workers read; holding a generation here would keep it on disk
            self._pool = WorkerPool(
                location,
                size=settings.query_workers,
                timeout=settings.query_timeout,
                per_client=settings.client_queries,
                deny_network=not settings.allow_service,
                lane=settings.cheap_workers,
                budget=settings.cheap_budget,
            )
        else:
            # A local store's query threads lose the network unless SERVICE is allowed (a remote
            # store's threads must reach the server, which makes its own SERVICE calls).
            initializer = _deny_network if store.local and not settings.allow_service else None
            self._threads = concurrent.futures.ThreadPoolExecutor(
                max_workers=max(4, settings.query_workers * 2),
                thread_name_prefix="clustergraph-query",
                initializer=initializer,
            )

    async def start(self) -> None:
        """Start the query workers (from the server's event loop), and follow the store's
        pointer in this process too (:meth:`_follow`)."""
        if self._pool is not None:
            await self._pool.start()
        if isinstance(self._store, EmbeddedStore):
            self._follower = asyncio.get_running_loop().create_task(self._follow(self._store))

    async def _follow(self, store: EmbeddedStore) -> None:
        """What this process reads itself (the search index, the network projection) holds a
        generation; follow the pointer as idle workers do, so a generation a writer replaced is
        let go and removed."""
        while True:
            await asyncio.sleep(FOLLOW_SECONDS)
            try:
                await run_in_threadpool(store.refresh)
            except Exception:  # a store being closed or rebuilt: next turn
                continue

    def generation(self) -> str | None:
        """The served store's own token (the active generation the workers read)."""
        return self._store.generation()

    def unlimited(self) -> Store:
        """The store itself, for the library's own fixed scans (the network projection reads
        every tie once per generation): no row cap, no time limit, no copy between processes."""
        return self._store

    @property
    def kind(self) -> str:
        """``embedded`` or ``remote``."""
        return "embedded" if self.local else "remote"

    def _limited(self, call: Callable[[], T]) -> T:
        assert self._threads is not None
        limit = self.settings.query_timeout
        future = self._threads.submit(call)
        try:
            return future.result(timeout=limit)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise QueryTimeoutError(
                f"the query ran past the time limit of {limit:g} s and was abandoned;"
                " narrow it (LIMIT, more specific patterns)"
            ) from None

    # --- the endpoint's own paths -------------------------------------------------------------

    async def answer(
        self,
        sparql: str,
        formats: Mapping[str, str],
        render: Callable[[QueryResult, str], bytes],
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        cheap: bool = False,
    ) -> Answer:
        """Run a query; return its answer serialised in ``formats[form]`` (a worker format name).

        A ``cheap`` query (:func:`.lanes.cheap` of its parse) may use the lane for cheap
        queries. Without workers the answer is computed here and serialised by ``render`` instead.
        """
        if self._pool is not None:
            job = Job("answer", sparql, dict(formats), _list(default_graph), _list(named_graphs))
            return await self._pool.answer(job, client=current_client.get(), cheap=cheap)
        result = await run_in_threadpool(self.query, sparql, default_graph=default_graph, named_graphs=named_graphs)
        form = form_of(result)
        return Answer(form, render(result, formats[form]) if form in formats else b"")

    async def table(
        self,
        sparql: str,
        cap: int,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        cheap: bool = False,
    ) -> tuple[QueryResult, int]:
        """The first ``cap`` rows of an answer (for HTML views) and how many it has in all."""
        if self._pool is not None:
            job = Job("table", sparql, {}, _list(default_graph), _list(named_graphs), max_rows=cap)
            table: tuple[QueryResult, int] = await self._pool.run(job, client=current_client.get(), cheap=cheap)
            return table
        result = await run_in_threadpool(self.query, sparql, default_graph=default_graph, named_graphs=named_graphs)
        if isinstance(result, SelectResult):
            return SelectResult(result.variables, result.rows[:cap]), len(result.rows)
        if isinstance(result, GraphResult):
            return GraphResult(result.triples[:cap]), len(result.triples)
        return result, 1

    async def update_async(self, sparql: str) -> None:
        """An update from the endpoint: under the time limit, while reads go on."""
        self._writable()
        if self._pool is not None:
            await self._pool.update(sparql)
            return
        await run_in_threadpool(self._limited, lambda: self._store.update(sparql))

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
        if self._pool is not None:
            pool = self._pool
            text = bind_values(sparql, bindings or {})
            if default_graph is None and named_graphs is None:  # FROM / FROM NAMED name the dataset
                declared = PREFIXES if prefixes is None else prefixes
                default_graph, named_graphs = query_dataset(sparql, declared) or (None, None)
            job = Job(
                "result",
                text,
                {},
                _list(default_graph),
                _list(named_graphs),
                _dict(prefixes),
                max_rows=self.settings.max_rows,
            )
            client, fast = current_client.get(), _cheap(text)
            result: QueryResult = pool.call(lambda: pool.run(job, client=client, cheap=fast))
            return result
        result = self._limited(
            lambda: self._store.query(
                sparql, bindings=bindings, default_graph=default_graph, named_graphs=named_graphs, prefixes=prefixes
            )
        )
        if not isinstance(result, AskResult) and len(result) > self.settings.max_rows:
            raise ResultTooLargeError(self.settings.max_rows)
        return result

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
        store = self._writable()
        if self._pool is not None:
            pool = self._pool
            pool.call(lambda: pool.update(sparql))
        else:
            self._limited(lambda: store.update(sparql))

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

    async def aclose(self) -> None:
        """Stop the workers and release the store."""
        if self._follower is not None:
            self._follower.cancel()
            self._follower = None
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        self.close()

    def close(self) -> None:
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None
        self._store.close()


def _deny_network() -> None:
    """Deny a query thread the network where the system can (elsewhere the parse still refuses
    SERVICE and LOAD)."""
    if network_denial_supported():
        deny_network()


def _cheap(sparql: str) -> bool:
    """Whether a library query may use the lane for cheap queries (:func:`.lanes.cheap`)."""
    from ..store.sparqlparse import SparqlSyntaxError, parse_query

    try:
        return cheap(parse_query(sparql))
    except SparqlSyntaxError:  # the engine explains
        return False


def _list(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else list(values)


def _dict(values: Mapping[str, str] | None) -> dict[str, str] | None:
    return None if values is None else dict(values)
