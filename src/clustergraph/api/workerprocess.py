"""A query worker process as the server drives it: started with a socket, sent jobs, read in frames.

The other end is :mod:`clustergraph.store.worker`; :mod:`.workers` decides which process runs what.
"""

from __future__ import annotations

import asyncio
import contextlib
import pickle
import socket
import subprocess
import sys

from ..errors import StoreError
from ..store.worker import ERRORS, Job

_HEAD_SIZE = 5


class WorkerProcess:
    """One worker process and the stream ends of its socket; ``lane`` tells whether it is kept
    for cheap queries (:mod:`.lanes`)."""

    def __init__(self, process: subprocess.Popen[bytes], reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.process = process
        self.reader = reader
        self.writer = writer
        self.lane = False

    @classmethod
    async def start(cls, location: str, flags: list[str], ready: float) -> WorkerProcess:
        """Start a worker and wait (at most ``ready`` seconds) until it has opened the store.

        A job sent earlier would wait for the import and the opening, which a short budget (the
        lane for cheap queries) cannot tell from a slow query. A worker that died, or is not ready
        in time (then it is ended), is returned all the same: its first job fails, and the caller
        replaces it as it does any broken worker.
        """
        mine, theirs = socket.socketpair()
        command = [sys.executable, "-m", "clustergraph.store.worker", str(theirs.fileno()), location, *flags]
        process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=mine, limit=2**20)
        worker = cls(process, reader, writer)
        try:
            await asyncio.wait_for(worker.frame(), max(0.0, ready))  # ``O``: the store is open
        except asyncio.TimeoutError:
            worker.kill()  # not an ``O`` arriving later in place of a job's first frame
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        return worker

    async def send(self, job: Job) -> None:
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(b"J" + len(payload).to_bytes(4, "big") + payload)
        await self.writer.drain()

    async def frame(self) -> tuple[bytes, bytes]:
        head = await self.reader.readexactly(_HEAD_SIZE)
        size = int.from_bytes(head[1:], "big")
        return head[:1], await self.reader.readexactly(size) if size else b""

    def kill(self) -> None:
        """End the process now (its socket breaks); :meth:`reap` collects it."""
        with contextlib.suppress(OSError):
            self.process.kill()
        self.writer.close()

    def reap(self) -> None:
        """Wait for the ended process (a moment after :meth:`kill`)."""
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self.process.wait(timeout=5)


def raise_sent(payload: bytes) -> None:
    """Raise the error a worker sent: its class (for the status) with its message."""
    kind, message = pickle.loads(payload)
    cls = ERRORS.get(kind, StoreError)
    err = cls.__new__(cls)  # some classes build their message from other arguments
    Exception.__init__(err, message)
    raise err
