"""Start and stop the two SPARQL servers the HTTP benchmarks compare, and measure them.

- ``clustergraph``: ``clustergraph.api.create_app`` under uvicorn (what ``clustergraph serve``
  runs), over an embedded store folder, in a child process;
- ``oxigraph``: the ``oxigraph serve --union-default-graph`` binary of the PyPI package
  ``oxigraph`` over its own store folder.

Peak memory of a server is the sum of VmHWM (peak resident set) over the server process and
every process under it (the query workers), read from /proc just before it is stopped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .common import REPO


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command next to this Python, or on the PATH."""
    candidate = Path(sys.executable).parent / "oxigraph"
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


def _tree(pid: int) -> list[int]:
    out = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            children = (task / "children").read_text().split()
            for child in children:
                out += _tree(int(child))
    except OSError:
        pass
    return out


def peak_mib(pid: int) -> float:
    """Sum of the peak resident memory of a process and its descendants, in MiB."""
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def resident_mib(pid: int, *, children: bool = True) -> float:
    """Sum of the resident memory now (VmRSS) of a process and (by default) its descendants, in MiB."""
    total = 0
    for p in _tree(pid) if children else [pid]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class Server:
    """A running SPARQL server: its query URL and process."""

    def __init__(self, name: str, command: list[str], query_url: str, *, env: dict[str, str] | None = None) -> None:
        self.name = name
        self.query_url = query_url
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env=env, cwd=REPO)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                r = httpx.get(query_url, params={"query": "ASK {}"}, timeout=2.0,
                              headers={"Accept": "application/sparql-results+json"})
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise RuntimeError(f"{name} server exited: {err.strip()[-500:]}")
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{name} server did not answer within 120 s")

    def stop(self) -> float:
        """Stop the server; return its peak memory (MiB) read just before."""
        peak = peak_mib(self.process.pid)
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return peak


def start_clustergraph(store: Path, *, timeout: float = 600) -> Server:
    """``create_app`` under uvicorn over an embedded store folder."""
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = [sys.executable, "-m", "benchmarks.servers", "clustergraph", str(store), str(port),
               str(timeout)]
    return Server("clustergraph", command, f"http://127.0.0.1:{port}/sparql", env=env)


def start_oxigraph(store: Path) -> Server:
    """``oxigraph serve --union-default-graph`` over its store folder."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the `oxigraph` command is missing: pip install oxigraph")
    port = free_port()
    command = [binary, "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}",
               "--union-default-graph"]
    return Server("oxigraph", command, f"http://127.0.0.1:{port}/query")


def load_oxigraph(store: Path, file: Path) -> None:
    """Bulk-load a file into an oxigraph server's store folder (``oxigraph load``)."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the `oxigraph` command is missing: pip install oxigraph")
    subprocess.run([binary, "load", "--location", str(store), "--file", str(file)],
                   check=True, capture_output=True)


def _serve_clustergraph(store: str, port: int, timeout: float) -> None:
    import uvicorn

    from clustergraph.api import Settings, create_app

    settings = Settings(store=store, query_timeout=timeout)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "clustergraph":
        _serve_clustergraph(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    else:
        raise SystemExit("usage: python -m benchmarks.servers clustergraph STORE PORT TIMEOUT")
