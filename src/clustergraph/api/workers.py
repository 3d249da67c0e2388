"""Queries with a time limit and fair admission: worker processes driven from the event loop.

pyoxigraph cannot cancel a running query from Python, so queries on an embedded store folder run
in worker processes (:mod:`clustergraph.store.worker`) that read the store read-only; a worker
that runs past the time limit is killed, the client gets a
:class:`~clustergraph.errors.QueryTimeoutError`, and a fresh worker starts in the background.
Updates run the same way in one *writer* worker, so they have the time limit too, and reads go
on meanwhile on the generation before the update.

The server talks to each worker over a Unix socket with asyncio streams: no thread per request
and no Python object per row (answers arrive already serialised, in frames). One client (an IP
address) runs at most ``per_client`` queries at once and its further queries queue behind its
own, so the other workers stay free for other clients: a client's runaway queries cannot
starve the rest. Cheap queries (:mod:`.lanes`) have workers of their own besides, so an ``ASK {}``
does not wait behind other clients' aggregates either; a query there that overruns the lane's
short budget has its worker stopped and runs again among the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import QueryTimeoutError, StoreError
from ..store.worker import Job
from .lanes import BARRED_SECONDS
from .workerprocess import WorkerProcess as _Process
from .workerprocess import raise_sent as _raise

log = logging.getLogger("clustergraph.api")
T = TypeVar("T")
#: Bytes of an answer collected before the response starts (smaller answers get a Content-Length).
FIRST_BYTES = 256 * 1024
#: Most bytes of an answer in the lane for cheap queries (which holds it whole); a larger one moves.
LANE_BYTES = 4 * 1024 * 1024
Frames = list[tuple[bytes, bytes]]


@dataclass
class Answer:
    """A serialised answer: its form, what arrived so far, and the rest (``None`` when complete)."""

    form: str
    head: bytes
    rest: AsyncIterator[bytes] | None = None


@dataclass
class _Client:
    running: int = 0
    waiters: list[asyncio.Future[None]] = field(default_factory=list)


class WorkerPool:
    """Worker processes answering queries (and one running updates) on an embedded store folder.

    Parameters
    ----------
    location : str
        The store folder.
    size : int
        Query worker processes: how many queries run at the same time.
    timeout : float
        Seconds a query or update may take, waiting included.
    per_client : int
        Queries one client may run at the same time (default: one fewer than ``size``).
    deny_network : bool
        Whether workers are denied network connections (SERVICE is not allowed).
    lane : int
        Worker processes kept for cheap queries, besides ``size`` (0: none).
    budget : float
        Seconds a query may take on a lane worker before it moves to the others.
    """

    def __init__(
        self, location: str, *, size: int, timeout: float, per_client: int | None = None, deny_network: bool = False,
        lane: int = 0, budget: float = 1.0,
    ) -> None:
        self.location = location
        self.size = size
        self.timeout = timeout
        self.per_client = per_client or max(1, size - 1)
        self.lane = lane
        self.budget = budget
        self.moved = 0  # queries that overran the lane's budget
        self._flags = ["--deny-network"] if deny_network else []
        self._idle: asyncio.Queue[_Process] = asyncio.Queue()
        self._lane_idle: asyncio.Queue[_Process] = asyncio.Queue()
        self._barred: dict[str, float] = {}  # client: when it may use the lane again
        self._all: set[_Process] = set()
        self._clients: dict[str, _Client] = {}
        self._writer: _Process | None = None
        self._write_lock = asyncio.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start the workers (in the running event loop, which then drives them)."""
        self._loop = asyncio.get_running_loop()
        await asyncio.gather(*(self._add(lane) for lane in [False] * self.size + [True] * self.lane))

    async def _add(self, lane: bool) -> None:
        """Start a worker; it joins the idle ones once it has opened the store (:meth:`_Process.start`)."""
        worker = await _Process.start(self.location, self._flags, self.timeout)
        if self._closed:
            worker.kill()
            return
        worker.lane = lane
        self._all.add(worker)
        self._release(worker)

    def _retire(self, worker: _Process) -> None:
        """Kill a query worker that cannot take another job, and start a fresh one."""
        if worker not in self._all:
            return
        self._all.discard(worker)
        worker.kill()
        worker.reap()
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._add(worker.lane))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    # --- admission --------------------------------------------------------------------------

    async def _enter(self, client: str, deadline: float) -> None:
        state = self._clients.setdefault(client, _Client())
        if state.running < self.per_client:
            state.running += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        state.waiters.append(waiter)
        try:  # _leave hands its slot over by setting the result
            await asyncio.wait_for(waiter, max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            raise QueryTimeoutError(
                f"this client already runs {self.per_client} queries and the next waited the whole"
                f" time limit of {self.timeout:g} s; wait for them to finish (or narrow them)"
            ) from None
        finally:
            if waiter in state.waiters:
                state.waiters.remove(waiter)

    def _leave(self, client: str) -> None:
        state = self._clients[client]
        while state.waiters:
            waiter = state.waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)  # the slot passes to this client's next query
                return
        state.running -= 1
        if state.running <= 0:
            del self._clients[client]

    # --- running jobs -----------------------------------------------------------------------

    async def _worker(self, deadline: float, *, lane: bool = False) -> _Process:
        idle = self._lane_idle if lane else self._idle
        if not idle.empty():
            return idle.get_nowait()
        try:
            return await asyncio.wait_for(idle.get(), max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            workers = f"{self.lane} workers for cheap queries" if lane else f"{self.size} query workers"
            raise QueryTimeoutError(
                f"all {workers} stayed busy for the whole time limit of {self.timeout:g} s; try again later"
            ) from None

    def _use_lane(self, client: str, cheap: bool) -> bool:
        """Whether a query goes to the lane: cheap, its client not barred, and not when an
        ordinary worker is idle while every lane worker is busy."""
        if not cheap or not self.lane:
            return False
        until = self._barred.get(client)
        if until is not None:
            if time.monotonic() < until:
                return False
            del self._barred[client]
        return not self._lane_idle.empty() or self._idle.empty()

    async def _in_lane(self, job: Job, client: str, deadline: float) -> Frames | None:
        """Run a job on a lane worker to its end within the budget: its frames, or ``None`` when
        it overran (its worker is stopped; the caller runs it again on an ordinary worker)."""
        worker = await self._worker(deadline, lane=True)
        why = ""

        def stop(reason: str) -> None:
            nonlocal why
            why = reason
            worker.kill()

        budget = max(0.0, min(self.budget, deadline - time.monotonic()))
        timer = asyncio.get_running_loop().call_later(budget, stop, f"ran past the budget of {self.budget:g} s")
        frames: Frames = []
        size = 0
        try:
            await worker.send(job)
            while size <= LANE_BYTES:
                tag, payload = await worker.frame()
                frames.append((tag, payload))
                size += len(payload)
                if tag in (b"Z", b"E", b"R"):
                    timer.cancel()
                    self._release(worker)
                    return frames
            stop(f"has more than {LANE_BYTES} bytes")
        except (asyncio.IncompleteReadError, ConnectionError, OSError) as err:
            if not why or time.monotonic() >= deadline - 0.01:
                raise self._stopped("query", err, deadline) from None
        finally:
            timer.cancel()
            if not frames or frames[-1][0] not in (b"Z", b"E", b"R"):
                self._retire(worker)
        self.moved += 1
        if why.startswith("ran"):
            self._barred[client] = time.monotonic() + BARRED_SECONDS
        log.info("a query from %s moved from the lane for cheap queries: it %s", client, why)
        return None

    def _stopped(self, what: str, err: BaseException, deadline: float) -> Exception:
        """The error for a worker whose socket broke: it was killed at the deadline, or it died."""
        if time.monotonic() >= deadline - 0.01:
            stopped = "nothing was changed" if what == "update" else "narrow it (LIMIT, more specific patterns)"
            return QueryTimeoutError(
                f"the {what} ran past the time limit of {self.timeout:g} s and was stopped; {stopped},"
                " or ask the administrator for a longer CLUSTERGRAPH_QUERY_TIMEOUT"
            )
        return StoreError(f"the query worker stopped unexpectedly ({err}); try again")

    def _deadline(self, worker: _Process, deadline: float) -> asyncio.TimerHandle:
        """Kill the worker at the deadline (its socket then breaks and the reader gives up)."""
        loop = asyncio.get_running_loop()
        return loop.call_at(loop.time() + max(0.0, deadline - time.monotonic()), worker.kill)

    def _release(self, worker: _Process) -> None:
        """A worker done with its job: back to the idle ones (of its lane)."""
        (self._lane_idle if worker.lane else self._idle).put_nowait(worker)

    async def answer(self, job: Job, *, client: str, cheap: bool = False) -> Answer:
        """Run a query and return its serialised answer (the rest streams as it comes); a
        ``cheap`` one (:func:`.lanes.cheap`) goes to the lane for cheap queries."""
        deadline = time.monotonic() + self.timeout
        worker = await self._admitted(job, client, deadline, cheap)
        if not isinstance(worker, _Process):
            self._leave(client)
            for tag, payload in (worker[0], worker[-1]):
                if tag == b"E":
                    _raise(payload)
            return Answer(worker[0][1].decode(), b"".join(p for tag, p in worker if tag == b"D"))
        timer = self._deadline(worker, deadline)
        outcome = "retire"  # unless the worker is known to be done with the job (idle) or streams on
        try:
            await worker.send(job)
            tag, payload = await worker.frame()
            if tag == b"E":
                outcome = "idle"
                _raise(payload)
            form = payload.decode()
            parts: list[bytes] = []
            size = 0
            while size < FIRST_BYTES:
                tag, payload = await worker.frame()
                if tag != b"D":
                    break
                parts.append(payload)
                size += len(payload)
            else:  # large: the stream owns the worker, its timer and the client's slot from here
                outcome = "stream"
                return Answer(form, b"".join(parts), self._stream(worker, client, deadline, timer))
            outcome = "idle"
            if tag == b"E":
                _raise(payload)
            return Answer(form, b"".join(parts))
        except (asyncio.IncompleteReadError, ConnectionError, OSError) as err:
            raise self._stopped("query", err, deadline) from None
        finally:
            if outcome != "stream":
                timer.cancel()
                (self._release if outcome == "idle" else self._retire)(worker)
                self._leave(client)

    async def _stream(
        self, worker: _Process, client: str, deadline: float, timer: asyncio.TimerHandle
    ) -> AsyncIterator[bytes]:
        done = False
        try:
            while True:
                try:
                    tag, payload = await worker.frame()
                except (asyncio.IncompleteReadError, ConnectionError, OSError) as err:
                    raise self._stopped("query", err, deadline) from None
                if tag == b"D":
                    yield payload
                    continue
                done = True
                if tag == b"E":
                    log.warning("a streamed answer failed part way: %s", pickle.loads(payload)[1])
                    raise StoreError("the answer failed part way")
                return
        finally:
            timer.cancel()  # not done: the client went away, or the time ran out (the worker may still write)
            (self._release if done else self._retire)(worker)
            self._leave(client)

    async def _admitted(self, job: Job, client: str, deadline: float, cheap: bool) -> _Process | Frames:
        """Admit a job (the client's slot is held from here) and give it an ordinary worker, or
        run it in the lane for cheap queries: then its frames."""
        await self._enter(client, deadline)
        try:
            if self._use_lane(client, cheap):
                frames = await self._in_lane(job, client, deadline)
                if frames is not None:
                    return frames
            return await self._worker(deadline)
        except BaseException:
            self._leave(client)
            raise

    async def run(self, job: Job, *, client: str, cheap: bool = False) -> Any:
        """Run a ``result`` or ``table`` job and return what the worker sent (unpickled)."""
        deadline = time.monotonic() + self.timeout
        worker = await self._admitted(job, client, deadline, cheap)
        if not isinstance(worker, _Process):
            self._leave(client)
            tag, payload = worker[0]
            if tag == b"E":
                _raise(payload)
            return pickle.loads(payload)
        timer = self._deadline(worker, deadline)
        healthy = False
        try:
            await worker.send(job)
            tag, payload = await worker.frame()
            healthy = True
        except (asyncio.IncompleteReadError, ConnectionError, OSError) as err:
            raise self._stopped("query", err, deadline) from None
        finally:
            timer.cancel()
            (self._release if healthy else self._retire)(worker)
            self._leave(client)
        if tag == b"E":
            _raise(payload)
        return pickle.loads(payload)

    async def update(self, sparql: str) -> None:
        """Run an update in the writer worker, under the time limit (reads go on meanwhile)."""
        deadline = time.monotonic() + self.timeout
        async with self._write_lock:
            if self._writer is None or self._writer.process.poll() is not None:
                wait = f"{max(0.0, self.timeout - 1.0):g}"
                flags = ["--write", "--wait", wait, *self._flags]
                self._writer = await _Process.start(self.location, flags, deadline - time.monotonic())
            writer = self._writer
            timer = self._deadline(writer, deadline)
            try:
                await writer.send(Job("update", sparql))
                tag, payload = await writer.frame()
            except BaseException as err:
                writer.kill()  # a killed writer leaves at most an unfinished generation, removed later
                writer.reap()
                self._writer = None
                if isinstance(err, (asyncio.IncompleteReadError, ConnectionError, OSError)):
                    raise self._stopped("update", err, deadline) from None
                raise
            finally:
                timer.cancel()
            if tag == b"E":
                _raise(payload)

    def call(self, make: Callable[[], Awaitable[T]]) -> T:
        """Run a coroutine of this pool from another thread (the library's synchronous calls)."""
        if self._loop is None:
            raise StoreError("the query workers have not been started")
        with contextlib.suppress(RuntimeError):
            if asyncio.get_running_loop() is self._loop:
                raise StoreError("a synchronous store call on the event loop would block it; run it in a thread")

        async def wrapped() -> T:
            return await make()

        return asyncio.run_coroutine_threadsafe(wrapped(), self._loop).result()

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        workers = list(self._all) + ([self._writer] if self._writer is not None else [])
        self._all.clear()
        self._writer = None
        for worker in workers:
            worker.kill()
        for worker in workers:
            worker.reap()
