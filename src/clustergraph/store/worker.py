"""A query worker process: answers queries on an embedded store folder, over a Unix socket.

The server (``clustergraph.api.workers``) starts a few of these, so that a query past its time
limit can be stopped by ending its process (pyoxigraph cannot cancel a query). A worker reads
the store read-only and follows its active generation; a *writer* worker (``--write``) runs the
server's updates. It imports only the store layer, so it starts fast and stays small.

Answers leave in pyoxigraph's own serialisers, in the format the server negotiated, as frames of
at most :data:`CHUNK` bytes: no Python object per row, and memory bounded whatever the size.

Frames are a tag byte, a 4-byte length and the payload. A worker sends ``O`` (open: ready for
jobs) once, first, when it has opened the store. The server sends one pickled :class:`Job`; the
worker answers ``H`` (the answer's form), ``D`` data..., then ``Z`` (done), or ``R`` (a pickled
result), or ``E`` (a pickled ``(kind, message)`` error) at any point.

>>> import socket
>>> a, b = socket.socketpair()
>>> send(a, b"D", b"hello")
>>> receive(b)
(b'D', b'hello')
"""

from __future__ import annotations

import contextlib
import pickle
import select
import socket
import struct
import sys
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

from ..errors import (
    QueryError,
    QuerySyntaxError,
    ReadOnlyError,
    ResultTooLargeError,
    ServiceNotAllowedError,
    StoreBusyError,
    StoreError,
    StoreFullError,
)
from .answers import answer_error, convert
from .embedded import EmbeddedStore
from .results import AskResult, SelectResult

CHUNK = 64 * 1024
#: An idle worker follows the store's pointer this often.
FOLLOW_SECONDS = 2.0
_HEAD = struct.Struct("!cI")

#: Serialisers by name, as the server asks for them.
FORMATS: dict[str, QueryResultsFormat | RdfFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "turtle": RdfFormat.TURTLE,
    "n-triples": RdfFormat.N_TRIPLES,
    "rdf-xml": RdfFormat.RDF_XML,
    "json-ld": RdfFormat.JSON_LD,
}

#: Error kinds as they cross the socket, and back.
ERRORS: dict[str, type[Exception]] = {
    "service": ServiceNotAllowedError,
    "syntax": QuerySyntaxError,
    "query": QueryError,
    "too-large": ResultTooLargeError,
    "busy": StoreBusyError,
    "full": StoreFullError,
    "read-only": ReadOnlyError,
    "store": StoreError,
}


@dataclass
class Job:
    """What the server asks a worker to do.

    ``kind``: ``answer`` (serialise in ``formats[form]``: form is ``solutions``, ``boolean`` or
    ``graph``; a form missing from ``formats`` gets no body), ``result`` (a
    :class:`~clustergraph.store.results.QueryResult` of at most ``max_rows`` rows), ``table``
    (the first ``max_rows`` rows and the total, for HTML views) or ``update``.
    """

    kind: str
    sparql: str
    formats: dict[str, str] = field(default_factory=dict)
    default_graph: list[str] | None = None
    named_graphs: list[str] | None = None
    prefixes: dict[str, str] | None = None
    max_rows: int = 100_000


def send(sock: socket.socket, tag: bytes, payload: bytes = b"") -> None:
    """Send one frame."""
    sock.sendall(frame(tag, payload))


def _exactly(sock: socket.socket, n: int) -> bytes:
    data = bytearray()
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            raise EOFError("the other end closed the socket")
        data += part
    return bytes(data)


def receive(sock: socket.socket) -> tuple[bytes, bytes]:
    """Receive one frame: its tag and payload."""
    tag, size = _HEAD.unpack(_exactly(sock, _HEAD.size))
    return tag, _exactly(sock, size) if size else b""


def frame(tag: bytes, payload: bytes = b"") -> bytes:
    """One frame's bytes."""
    return _HEAD.pack(tag, len(payload)) + payload


class _Frames:
    """A binary file-like object sending what is written as ``D`` frames of about CHUNK bytes.

    The frames before the first chunk (``head``) wait for it, and a small answer leaves with its
    ``Z`` in one write: one wake-up of the server per answer.
    """

    def __init__(self, sock: socket.socket, head: bytes) -> None:
        self.sock = sock
        self.pending = head
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.sock.sendall(self.pending + frame(b"D", bytes(self.buffer)))
            self.pending = b""
            self.buffer.clear()

    def finish(self) -> None:
        data = frame(b"D", bytes(self.buffer)) if self.buffer else b""
        self.sock.sendall(self.pending + data + frame(b"Z"))


def _error(err: BaseException) -> tuple[str, str]:
    if isinstance(err, (OSError, RuntimeError)) and not isinstance(err, (BrokenPipeError, ConnectionResetError)):
        err = answer_error(err)  # a refused connection, or the engine refusing the query
    for kind, cls in ERRORS.items():
        if isinstance(err, cls):
            return kind, str(err)
    return "store", f"the store failed to answer: {err}"


def run(store: EmbeddedStore, job: Job, sock: socket.socket) -> None:
    """Do one job, answering on ``sock``."""
    if job.kind == "update":
        store.update(job.sparql)
        send(sock, b"Z")
        return
    answer = store.evaluate(
        job.sparql, default_graph=job.default_graph, named_graphs=job.named_graphs, prefixes=job.prefixes
    )
    if job.kind == "result":
        result = convert(answer, max_rows=job.max_rows)
        send(sock, b"R", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        return
    if job.kind == "table":
        send(sock, b"R", pickle.dumps(_table(answer, job.max_rows), protocol=pickle.HIGHEST_PROTOCOL))
        return
    form = "boolean" if isinstance(answer, QueryBoolean) else "solutions"
    if not isinstance(answer, (QueryBoolean, QuerySolutions)):
        form = "graph"
    frames = _Frames(sock, frame(b"H", form.encode()))
    name = job.formats.get(form)
    if name is not None:
        answer.serialize(frames, format=FORMATS[name])  # type: ignore[arg-type]
    frames.finish()


def _table(answer: object, cap: int) -> tuple[Any, int]:
    """The first ``cap`` rows (or triples) as values, and how many there are in all."""
    if isinstance(answer, QueryBoolean):
        return AskResult(bool(answer)), 1
    rows: list[Any] = []
    total = 0
    variables = [v.value for v in answer.variables] if isinstance(answer, QuerySolutions) else None
    for item in answer:  # type: ignore[attr-defined]
        if total < cap:
            rows.append(tuple(item[v] for v in variables) if variables is not None else item)
        total += 1
    if variables is not None:
        return SelectResult(variables, rows), total
    from .results import GraphResult

    return GraphResult(rows), total


def serve(sock: socket.socket, location: str, *, write: bool, deny_network: bool, wait: float | None = None) -> None:
    """The loop of one worker: receive a job, answer it, until the socket closes."""
    if deny_network:
        from .sandbox import deny_network as deny

        deny()
    store = EmbeddedStore(location, read_only=not write, wait=wait)
    if not write:
        with contextlib.suppress(Exception):  # a store that cannot be read fails the first job instead
            store.is_empty()  # opens the generation in use now: the first job does not pay for it
    try:
        send(sock, b"O")
    except OSError:
        return
    while True:
        try:
            if not select.select([sock], [], [], FOLLOW_SECONDS)[0]:
                store.refresh()  # idle: let go of a generation a writer replaced, so it can be removed
                continue
            _, payload = receive(sock)
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            run(store, pickle.loads(payload), sock)
        except (BrokenPipeError, ConnectionResetError):
            return
        except Exception as err:  # every failure goes back to the server as an error frame
            try:
                send(sock, b"E", pickle.dumps(_error(err)))
            except OSError:
                return


def main(argv: list[str]) -> None:
    """``python -m clustergraph.store.worker FD LOCATION [--write [--wait SECONDS]] [--deny-network]``."""
    sock = socket.socket(fileno=int(argv[0]))
    wait = float(argv[argv.index("--wait") + 1]) if "--wait" in argv else None
    with contextlib.suppress(KeyboardInterrupt):
        serve(sock, argv[1], write="--write" in argv, deny_network="--deny-network" in argv, wait=wait)


if __name__ == "__main__":
    main(sys.argv[1:])
