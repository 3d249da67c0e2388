"""A full disk: writes say "disk full" in one line and change nothing, reads go on, and freeing
space is enough for writes to work again (no restart).

The store lives on a small tmpfs mounted by the test, which needs root (as in CI).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from clustergraph.ingest import build
from clustergraph.store import EmbeddedStore
from tests.support.servers import clustergraph_command, start_server

TOKEN = "full-token"
INSERT = "INSERT DATA { GRAPH <https://example.org/test/g> { <https://example.org/test/a> <https://example.org/test/p> %d } }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk has no byte left."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    env["CLUSTERGRAPH_WRITE_WAIT"] = "5"
    return subprocess.run([*clustergraph_command(), *args], capture_output=True, text=True, env=env, timeout=300)


def test_disk_full_then_freed_without_a_restart(small_disk: Path, tmp_path: Path) -> None:
    store = small_disk / "store"
    build(EmbeddedStore(store), validate=False)
    data = tmp_path / "more.nt"
    data.write_text("".join(f'<https://example.org/more/{i}> <https://example.org/p> "v{i}" .\n' for i in range(20000)))
    server = start_server(
        str(store),
        tmp_path / "server.log",
        {"CLUSTERGRAPH_UPDATES_ENABLED": "true", "CLUSTERGRAPH_UPDATE_TOKEN": TOKEN},
    )
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            before = http.get("/sparql", params={"query": COUNT}).json()
            filler = fill(small_disk)

            refused = http.post("/sparql", data={"update": INSERT % 1}, headers=auth)
            assert refused.status_code == 507, refused.text
            body = refused.json()
            assert body["error"] == "disk-full" and body["message"].startswith("disk full")
            assert "\n" not in body["message"] and "nothing was changed" in body["message"]

            read = http.get("/sparql", params={"query": COUNT})  # reading while full
            assert read.status_code == 200 and read.json() == before

            stats = cli("stats", "--store", str(store))
            assert stats.returncode == 0, stats.stderr
            load = cli("load", "--no-validate", str(data), "--store", str(store))
            assert load.returncode == 1
            lines = load.stderr.strip().splitlines()
            assert len(lines) == 1 and "disk full" in lines[0] and "Traceback" not in load.stderr, load.stderr

            filler.unlink()  # space again: writes work, without a restart
            ok = http.post("/sparql", data={"update": INSERT % 2}, headers=auth)
            assert ok.status_code == 204, ok.text
            ask = "ASK { <https://example.org/test/a> <https://example.org/test/p> 2 }"
            assert http.get("/sparql", params={"query": ask}).json()["boolean"] is True
            load = cli("load", "--no-validate", str(data), "--store", str(store))
            assert load.returncode == 0, load.stderr
    finally:
        server.stop()
