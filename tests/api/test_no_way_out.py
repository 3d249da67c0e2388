"""No query makes the server contact another host unless allowed (issue 12, item 1).

A listener on 127.0.0.1 stands for the other host. Every spelling of a SERVICE call or a LOAD
(``ssrf_spellings``) goes to a real ``clustergraph serve``, on a store folder (queries in worker
processes) and in memory (queries in threads), with the update token: each is refused with 400
and the listener sees no connection. The second line of defence is tested on its own: a worker
process and a query thread that are sent a SERVICE query directly, past the parse, cannot
connect either. And with SERVICE allowed the listener does see the call, so the listener works.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from clustergraph.errors import ServiceNotAllowedError
from clustergraph.store.sandbox import network_denial_supported
from tests.api.ssrf_spellings import spellings
from tests.support.servers import Server, start_server

TOKEN = {"Authorization": "Bearer s3cret"}
WRITABLE = {"CLUSTERGRAPH_UPDATES_ENABLED": "true", "CLUSTERGRAPH_UPDATE_TOKEN": "s3cret"}


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module", params=["folder", ":memory:"])
def writable(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("no-way-out")
    store = str(folder / "store") if request.param == "folder" else ":memory:"
    server = start_server(store, folder / "server.log", WRITABLE)
    yield server
    server.stop()


def test_no_spelling_of_service_or_load_gets_out(writable: Server, listener: Listener) -> None:
    found = spellings(listener.url)
    with httpx.Client(base_url=writable.url, timeout=60) as http:
        for number, (kind, text) in enumerate(found):
            if kind == "query" and number % 3 == 0:  # the GET fast path too
                response = http.get("/sparql", params={"query": text})
            else:
                response = http.post("/sparql", data={kind: text}, headers=TOKEN)
            assert response.status_code == 400, (text, response.text)
            assert response.json()["error"] == "service-not-allowed", (text, response.text)
    assert listener.connections == 0


def test_the_refusal_says_what_and_how_to_allow_it(writable: Server, listener: Listener) -> None:
    query = f"SELECT * WHERE {{ BIND(<http://x/\u00a0#> AS ?z) SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    response = httpx.get(writable.url + "/sparql", params={"query": query}, timeout=60)
    assert response.status_code == 400
    assert "SERVICE" in response.json()["message"] and "CLUSTERGRAPH_ALLOW_SERVICE" in response.json()["message"]
    assert listener.connections == 0


@pytest.mark.skipif(not network_denial_supported(), reason="the kernel filter needs Linux on x86-64 or AArch64")
def test_a_worker_process_cannot_connect_even_past_the_parse(tmp_path: Path, listener: Listener) -> None:
    from clustergraph.api.workers import WorkerPool
    from clustergraph.store import EmbeddedStore
    from clustergraph.store.worker import Job

    EmbeddedStore(tmp_path / "store").close()
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"

    async def ask() -> Any:
        pool = WorkerPool(str(tmp_path / "store"), size=1, timeout=60, deny_network=True)
        await pool.start()
        try:
            return await pool.answer(Job("answer", query, {"solutions": "json"}), client="test")
        finally:
            await pool.close()

    # in a thread of its own: Playwright's sync API may keep an event loop running in this one
    with ThreadPoolExecutor(1) as thread, pytest.raises(ServiceNotAllowedError, match="denies its queries the network"):
        thread.submit(asyncio.run, ask()).result()
    assert listener.connections == 0


@pytest.mark.skipif(not network_denial_supported(), reason="the kernel filter needs Linux on x86-64 or AArch64")
def test_an_in_memory_query_thread_cannot_connect_even_past_the_parse(listener: Listener) -> None:
    from clustergraph.api import Settings
    from clustergraph.api.backend import ServedStore
    from clustergraph.store import EmbeddedStore

    served = ServedStore(EmbeddedStore(), Settings(store=":memory:"))
    try:
        with pytest.raises(ServiceNotAllowedError):
            served._limited(  # the thread the server's in-memory queries run in
                lambda: served._store.update(f"LOAD <{listener.url}data.ttl>")
            )
    finally:
        served.close()
    assert listener.connections == 0


def test_with_service_allowed_the_call_goes_out(tmp_path: Path, listener: Listener) -> None:
    server = start_server(":memory:", tmp_path / "server.log", {"CLUSTERGRAPH_ALLOW_SERVICE": "true"})
    try:
        query = f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}"
        httpx.get(server.url + "/sparql", params={"query": query}, timeout=60)
    finally:
        server.stop()
    assert listener.connections >= 1
