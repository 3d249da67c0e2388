"""Shared fixtures: stores of both kinds, with a real ``oxigraph serve`` for the remote one."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from clustergraph.store import EmbeddedStore, RemoteStore, Store

RESOURCES = Path(__file__).parent / "resources"
REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the PyPI package ``oxigraph``, next to this Python."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` command is missing: pip install 'clustergraph[test]'")
    return found


class OxigraphServer:
    """A real ``oxigraph serve`` on 127.0.0.1 and a free port, in a temporary folder."""

    def __init__(self, location: Path, *, union: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        command = [
            oxigraph_binary(),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        if union:
            command.append("--union-default-graph")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "query?query=ASK%7B%7D", timeout=1.0)
                return
            except httpx.HTTPError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited: {self.process.stderr.read()!r}") from None  # type: ignore[union-attr]
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph serve did not start within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty ``oxigraph serve`` for one test; stopped afterwards."""
    server = OxigraphServer(tmp_path / "oxigraph")
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind: embedded on disk, and remote on a real Oxigraph server."""
    if request.param == "embedded":
        s: Store = EmbeddedStore(tmp_path / "store")
        yield s
        s.close()
    else:
        server = OxigraphServer(tmp_path / "oxigraph")
        s = RemoteStore(server.url)
        yield s
        s.close()
        server.stop()
