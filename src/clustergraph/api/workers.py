"""Queries with a time limit on the embedded store: a pool of worker processes.

pyoxigraph cannot cancel a running query from Python, so each query runs in a worker process
that holds the store open read-only (``pyoxigraph.Store.read_only``, which several processes may
do at once). The server waits for the answer up to the time limit; a worker that runs past it
is terminated, the client gets a :class:`~clustergraph.errors.QueryTimeoutError`, and a fresh
worker is started in the background. Other clients are served by the other workers meanwhile.

Workers never open a folder that is being written: the server hands each query the path of a
read-only *snapshot* of the store (a RocksDB checkpoint, see
:meth:`clustergraph.store.embedded.EmbeddedStore.snapshot`), taken at start, after every update
and after a rebuild; a worker reopens when the path changes.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import QuerySyntaxError, QueryTimeoutError, StoreError
from ..store.results import QueryResult

log = logging.getLogger(__name__)

def _serve(conn: Connection) -> None:
    """The loop of one worker process: receive a query, answer with a result or an error."""
    from pyoxigraph import NamedNode
    from pyoxigraph import Store as OxStore

    from ..store.embedded import convert

    store: Any = None
    opened: str | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if message is None:
            return
        where, sparql, default_graph, named_graphs = message
        try:
            if store is None or where != opened:
                store = None
                store = OxStore.read_only(where)
                opened = where
            kwargs: dict[str, Any] = {}
            if default_graph is not None:
                kwargs["default_graph"] = [NamedNode(g) for g in default_graph]
            else:
                kwargs["use_default_graph_as_union"] = True
            if named_graphs is not None:
                kwargs["named_graphs"] = [NamedNode(g) for g in named_graphs]
            result = convert(store.query(sparql, **kwargs))
            reply: tuple[str, Any] = ("ok", result)
        except SyntaxError as err:
            reply = ("syntax", f"SPARQL syntax error: {err.msg or err}")
        except (OSError, ValueError, RuntimeError) as err:
            reply = ("store", f"the store failed to answer: {err}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """Worker processes answering read-only queries on an on-disk store, with a time limit.

    Parameters
    ----------
    size : int
        The number of worker processes, i.e. of queries that run at the same time.
    timeout : float
        Seconds a query may run.
    """

    def __init__(self, size: int, timeout: float) -> None:
        self.size = size
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context)
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop(kill=True)
        threading.Thread(target=self._add, name="clustergraph-worker-start", daemon=True).start()

    def query(
        self,
        location: Path,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query on the read-only snapshot at ``location`` in a worker; stop it past the limit.

        Raises
        ------
        QueryTimeoutError
            When the query (including the wait for a free worker) takes longer than the limit.
        QuerySyntaxError, StoreError
            As the store reports them.
        """
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise QueryTimeoutError(
                f"all {self.size} query workers stayed busy for the whole time limit of"
                f" {limit:g} s; try again later"
            ) from None
        message = (
            str(location),
            sparql,
            None if default_graph is None else list(default_graph),
            None if named_graphs is None else list(named_graphs),
        )
        try:
            worker.conn.send(message)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise QueryTimeoutError(
                    f"the query ran past the time limit of {limit:g} s and was stopped;"
                    " narrow it (LIMIT, more specific patterns) or ask the administrator"
                    " for a longer CLUSTERGRAPH_QUERY_TIMEOUT"
                )
            kind, payload = worker.conn.recv()
        except (EOFError, OSError) as err:
            self._replace(worker)
            raise StoreError(f"the query worker stopped unexpectedly ({err}); try again") from None
        self._idle.put(worker)
        if kind == "ok":
            return payload  # type: ignore[no-any-return]
        if kind == "syntax":
            raise QuerySyntaxError(payload)
        raise StoreError(payload)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop(kill=True)
