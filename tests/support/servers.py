"""Real servers for the tests: ``oxigraph serve`` and ``clustergraph serve``, on 127.0.0.1 and a
free port, each in its own folder, stopped by whoever started them.

Every wait is generous (a busy machine may take long to start a process); a server that exits
early fails at once with its log.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

START_SECONDS = 120.0


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


def clean_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment without any ``CLUSTERGRAPH_*`` setting, plus ``extra``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    environment.update(extra or {})
    return environment


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the PyPI package ``oxigraph``, next to this Python."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` command is missing: pip install 'clustergraph[test]'")
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class OxigraphServer:
    """A real ``oxigraph serve`` on 127.0.0.1 and a free port, storing in ``location``.

    ``in_memory=True`` keeps the data in the server's memory instead (same server, same query
    engine; RocksDB reads are several times slower than memory, which only matters for speed);
    ``location`` then only names the log, ``LOCATION.log``. ``union=True`` passes
    ``--union-default-graph``.
    """

    def __init__(self, location: Path, *, union: bool = False, in_memory: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = location.parent / f"{location.name}.log"
        command = [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{self.port}"]
        if not in_memory:
            command += ["--location", str(location)]
        if union:
            command.append("--union-default-graph")
        with self.log.open("wb") as handle:
            self.process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(self.url + "query?query=ASK%7B%7D", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not answer within {START_SECONDS:.0f} s")

    def stop(self) -> None:
        _stop(self.process)


@dataclass
class Server:
    """A running ``clustergraph serve``."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        _stop(self.process)


def start_server(
    store: str | Path | None, log: Path, env: dict[str, str] | None = None, *, args: list[str] | None = None
) -> Server:
    """Start ``clustergraph serve --store STORE --port FREE`` and wait until it answers.

    ``store`` is a folder (an empty one is built on first use, as for a user) or a SPARQL
    server's URL; ``env`` adds ``CLUSTERGRAPH_*`` settings to a clean environment.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [*clustergraph_command(), "serve", "--port", str(port), "--log-level", "warning"]
    if store:
        command += ["--store", str(store)]
    command += args or []
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=clean_environment(env))
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clustergraph serve exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/openapi.json", timeout=5).status_code == 200:
                return Server(url, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    _stop(process)
    raise RuntimeError(f"clustergraph serve did not start: {log.read_text(errors='replace')}")
