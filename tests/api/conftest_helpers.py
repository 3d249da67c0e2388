"""A real ``clustergraph serve`` in a subprocess on 127.0.0.1 and a free port.

The read-only server (``served``) is started once per test session on an empty store folder, so
it also shows that ``serve`` works on a fresh install: it builds the bundled graph first.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clustergraph_command() -> list[str]:
    """The ``clustergraph`` console script next to this Python."""
    script = Path(sys.executable).parent / "clustergraph"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from clustergraph.cli import main; main()"]


@dataclass
class Server:
    """A running ``clustergraph serve``."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(store: str, log: Path, env: dict[str, str] | None = None, *, args: list[str] | None = None) -> Server:
    """Start ``clustergraph serve --store STORE --port FREE`` and wait until it answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    environment.update(env or {})
    command = [*clustergraph_command(), "serve", "--port", str(port), "--log-level", "warning"]
    if store:
        command += ["--store", store]
    command += args or []
    handle = log.open("wb")
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=environment)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clustergraph serve exited: {log.read_text()}")
        try:
            if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                return Server(url, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"clustergraph serve did not start: {log.read_text()}")


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A read-only server with a 2-second query limit, on a store it builds on first use."""
    folder = tmp_path_factory.mktemp("served")
    server = start_server(
        str(folder / "store"),
        folder / "server.log",
        {"CLUSTERGRAPH_QUERY_TIMEOUT": "2", "CLUSTERGRAPH_HTML_ROW_CAP": "5"},
    )
    yield server
    server.stop()


@pytest.fixture
def client(served: Server) -> Iterator[httpx.Client]:
    """An HTTP client for the read-only server."""
    with httpx.Client(base_url=served.url, timeout=30) as http:
        yield http
