"""One client's runaway queries and updates do not starve the others; big answers stream."""

from __future__ import annotations

import contextlib
import csv
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from clustergraph.ingest import build
from clustergraph.store import EmbeddedStore
from tests.support.curated import Curated
from tests.support.servers import start_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HEAVY_UPDATE = (
    "INSERT { GRAPH <https://example.org/test/heavy> { ?a <https://example.org/test/p> ?f } }"
    " WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } GRAPH ?k { ?x ?y ?z } }"
)
TOKEN = "fair-token"
JSON = {"Accept": "application/sparql-results+json"}


def memory_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (VmRSS), in MiB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total / 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Any:
    folder = tmp_path_factory.mktemp("fair")
    curated_data.folder(folder / "store")
    running = start_server(
        str(folder / "store"),
        folder / "server.log",
        {"CLUSTERGRAPH_QUERY_TIMEOUT": "8", "CLUSTERGRAPH_UPDATES_ENABLED": "true", "CLUSTERGRAPH_UPDATE_TOKEN": TOKEN},
    )
    running.folder = folder
    yield running
    running.stop()


@contextlib.contextmanager
def server_stopped(server: Any) -> Iterator[None]:
    try:
        yield
    finally:
        server.stop()


def second_client(url: str) -> httpx.Client:
    """Another client: another address of the loopback network (the server sees another IP)."""
    return httpx.Client(base_url=url, timeout=30, transport=httpx.HTTPTransport(local_address="127.0.0.2"))


def test_ask_from_another_client_is_answered_while_eight_runaway_queries_run(server: Any) -> None:
    statuses: list[int] = []

    def runaway() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            statuses.append(http.get("/sparql", params={"query": RUNAWAY}, headers=JSON).status_code)

    threads = [threading.Thread(target=runaway) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # the runaways hold their workers, the rest wait their turn
    with second_client(server.url) as other:
        start = time.monotonic()
        r = other.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
        elapsed = time.monotonic() - start
        assert r.status_code == 200 and r.json()["boolean"] is True
        assert elapsed < 2.0, f"ASK took {elapsed:.2f} s while another client's queries ran"
        search = other.get("/api/search", params={"q": "Biocat"})
        assert search.status_code == 200
    for t in threads:
        t.join(timeout=120)
    assert statuses and set(statuses) == {503}, statuses  # each stopped at the time limit


def test_an_update_has_the_time_limit_and_reads_go_on_meanwhile(server: Any) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=server.url, timeout=60) as http:
        before = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}, headers=JSON)
        assert before.status_code == 200
        result: dict[str, Any] = {}

        def heavy() -> None:
            start = time.monotonic()
            result["response"] = http.post("/sparql", data={"update": HEAVY_UPDATE}, headers=auth)
            result["seconds"] = time.monotonic() - start

        thread = threading.Thread(target=heavy)
        thread.start()
        time.sleep(1.0)
        with second_client(server.url) as other:
            start = time.monotonic()
            r = other.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON)
            assert r.status_code == 200 and r.json()["boolean"] is True
            assert time.monotonic() - start < 2.0, "reads wait for the update"
        thread.join(timeout=120)
        response = result["response"]
        assert response.status_code == 503 and response.json()["error"] == "timeout", response.text
        assert "nothing was changed" in response.json()["message"]
        after = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}, headers=JSON)
        assert after.json() == before.json(), "the stopped update changed nothing"
        small = "INSERT DATA { GRAPH <https://example.org/test/g> { <https://example.org/test/a> <https://example.org/test/p> 1 } }"
        assert http.post("/sparql", data={"update": small}, headers=auth).status_code == 204
        ask = "ASK { <https://example.org/test/a> <https://example.org/test/p> 1 }"
        assert http.get("/sparql", params={"query": ask}, headers=JSON).json()["boolean"] is True
    store = server.folder / "store"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # idle workers let go of the old generation, which then goes
        if [p.name for p in store.iterdir() if p.is_dir()] == [(store / "clustergraph-active").read_text().strip()]:
            break
        time.sleep(0.2)
    else:
        raise AssertionError(f"generations left behind: {sorted(p.name for p in store.iterdir())}")


def test_a_large_answer_streams_without_growing_the_server(tmp_path: Path, curated_data: Curated) -> None:
    curated_data.folder(tmp_path / "store")
    server = start_server(str(tmp_path / "store"), tmp_path / "server.log", {"CLUSTERGRAPH_QUERY_TIMEOUT": "600"})
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 300000"
    rows = size = 0
    try:
        with httpx.Client(base_url=server.url, timeout=600) as http:
            with http.stream("GET", "/sparql", params={"query": query}, headers={"Accept": "text/csv"}) as r:
                assert r.status_code == 200
                assert "content-length" not in r.headers  # streamed
                inside = False  # within a quoted field: a quote may hold a line break
                for chunk in r.iter_bytes():
                    for i, part in enumerate(chunk.split(b'"')):
                        inside = inside != (i > 0)
                        if not inside:
                            rows += part.count(b"\n")
                    size += len(chunk)
            peak = memory_mib(server.process.pid)
    finally:
        server.stop()
    assert rows == 300_001  # the header and every row
    assert size > 50_000_000
    assert peak < 800, f"the server and its workers hold {peak:.0f} MiB after a {size / 1e6:.0f} MB answer"


def test_what_the_server_materialises_is_capped_with_a_clear_message(tmp_path: Path) -> None:
    build(EmbeddedStore(tmp_path / "store"), validate=False)
    server = start_server(str(tmp_path / "store"), tmp_path / "server.log", {"CLUSTERGRAPH_MAX_ROWS": "3"})
    with server_stopped(server), httpx.Client(base_url=server.url, timeout=60) as http:
        r = http.get("/api/queries/alliance-members", params={"alliance": "bioxclusters-plus"})
        assert r.status_code == 400, r.text
        message = r.json()["message"]
        assert "more than 3 rows" in message and "LIMIT" in message and "CLUSTERGRAPH_MAX_ROWS" in message
        # the documented default prefixes apply to /sparql too (docs/sheets.md)
        members = http.get(
            "/sparql",
            headers={"Accept": "text/csv"},
            params={"query": "SELECT ?m ?a WHERE { ?x a cg:Participation ; cg:participant ?m ; cg:participatesIn ?a }"},
        )
        assert members.status_code == 200 and len(members.text.splitlines()) > 3, members.text
        # /sparql streams answers of any size
        sparql = http.get(
            "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10"}, headers={"Accept": "text/csv"}
        )
        assert sparql.status_code == 200 and len(list(csv.reader(io.StringIO(sparql.text)))) == 11
