"""``clustergraph serve`` from the command line: options, and a first start on an empty store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SCRIPT = str(Path(sys.executable).parent / "clustergraph")


def test_serve_help_lists_the_options() -> None:
    out = subprocess.run([SCRIPT, "serve", "--help"], capture_output=True, text=True, check=True).stdout
    for option in ("--store", "--host", "--port", "--query-timeout"):
        assert option in out


def test_serve_builds_an_empty_store_from_the_environment(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    env["CLUSTERGRAPH_STORE"] = str(tmp_path / "fresh")
    process = subprocess.Popen([SCRIPT, "serve", "--port", str(port), "--log-level", "warning"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read()  # type: ignore[union-attr]
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert r.json()["boolean"] is True
        assert (tmp_path / "fresh" / "clustergraph-active").is_file()
    finally:
        process.terminate()
        process.wait(timeout=15)
