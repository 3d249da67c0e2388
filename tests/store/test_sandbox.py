"""A query thread denied the network makes no connection, whatever the query says."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from pyoxigraph import Store as OxStore

from clustergraph.store.sandbox import deny_network, network_denial_supported

pytestmark = pytest.mark.skipif(not network_denial_supported(), reason="needs Linux on x86-64 or AArch64")


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def _in_denied_thread(work) -> dict[str, object]:  # type: ignore[no-untyped-def]
    outcome: dict[str, object] = {}

    def run() -> None:
        deny_network()
        try:
            outcome["result"] = work()
        except Exception as err:
            outcome["error"] = err

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return outcome


def test_service_in_a_denied_thread_reaches_no_host(listener: Listener) -> None:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    outcome = _in_denied_thread(lambda: list(OxStore().query(query)))
    assert isinstance(outcome.get("error"), PermissionError)
    assert listener.connections == 0


def test_plain_sockets_are_refused_too(listener: Listener) -> None:
    outcome = _in_denied_thread(lambda: socket.create_connection(("127.0.0.1", listener.port), timeout=2))
    assert isinstance(outcome.get("error"), PermissionError)
    assert listener.connections == 0


def test_other_threads_keep_the_network(listener: Listener) -> None:
    _in_denied_thread(lambda: None)
    with socket.create_connection(("127.0.0.1", listener.port), timeout=5):
        pass
    for _ in range(50):
        if listener.connections:
            break
        threading.Event().wait(0.05)
    assert listener.connections == 1


def test_local_work_still_runs_in_a_denied_thread() -> None:
    store = OxStore()
    outcome = _in_denied_thread(lambda: bool(store.query("ASK { }")))
    assert outcome == {"result": True}
    left, right = socket.socketpair()  # Unix sockets (the worker pipes) are not affected
    left.close()
    right.close()
