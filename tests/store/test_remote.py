"""What only a remote store has: credentials, a server's limits and errors, Virtuoso's writes."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.errors import ClusterGraphError, QueryTimeoutError, RemoteStoreError, StoreError
from clustergraph.store import RemoteStore
from clustergraph.store.http import PASSWORD_VARIABLE, USER_VARIABLE

pytestmark = pytest.mark.remote

EX = "http://example.org/"
G1, G2 = NamedNode(EX + "g1"), NamedNode(EX + "g2")
P = NamedNode(EX + "label")
XSD = "http://www.w3.org/2001/XMLSchema#"


def quad(i: int, graph: NamedNode = G1, value: Literal | None = None) -> Quad:
    return Quad(NamedNode(f"{EX}s{i}"), P, value or Literal(f"label {i}"), graph)


def everything_said(err: BaseException) -> str:
    """The message, the chained exceptions and the traceback a user could ever see."""
    parts = ["".join(traceback.format_exception(err)), repr(err)]
    seen = err.__context__ or err.__cause__
    while seen is not None:
        parts.append(repr(seen))
        seen = seen.__context__ or seen.__cause__
    return "\n".join(parts)


@pytest.fixture
def virtuoso(virtuoso_server):  # type: ignore[no-untyped-def]
    virtuoso_server.reset()
    return virtuoso_server


@pytest.fixture
def quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)


def test_credentials_in_the_url_work_and_never_show(virtuoso, quiet_environment, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    secret = virtuoso.password
    store = RemoteStore(virtuoso.store_url())
    store.add([quad(1)])  # Digest, as Virtuoso asks
    assert store.count() == 1
    assert store.location == virtuoso.url
    assert secret not in repr(store) and secret not in str(store.__dict__)
    wrong = RemoteStore(virtuoso.store_url().replace(secret, "not-the-password"))
    with pytest.raises(RemoteStoreError, match="refused the ones given") as info:
        wrong.add([quad(2)])
    said = everything_said(info.value)
    assert "not-the-password" not in said and secret not in said
    assert secret not in caplog.text and "not-the-password" not in caplog.text
    assert store.count() == 1
    store.close()
    wrong.close()


def test_credentials_from_the_environment(virtuoso, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(USER_VARIABLE, virtuoso.user)
    monkeypatch.setenv(PASSWORD_VARIABLE, virtuoso.password)
    store = RemoteStore(virtuoso.url)
    store.add([quad(1), quad(2, G2)])
    assert [g.value for g in store.graphs()] == [G1.value, G2.value]
    store.close()


def test_a_write_without_credentials_says_how_to_give_them(virtuoso, quiet_environment) -> None:  # type: ignore[no-untyped-def]
    store = RemoteStore(virtuoso.url)
    with pytest.raises(RemoteStoreError, match="CLUSTERGRAPH_STORE_USER"):
        store.add([quad(1)])
    assert store.count() == 0
    store.close()


def test_basic_authentication_when_the_server_asks_for_it(oxigraph_server, quiet_environment) -> None:  # type: ignore[no-untyped-def]
    from tests.support.virtuoso import BasicAuthProxy

    proxy = BasicAuthProxy(oxigraph_server.url, "reader", "s3cret:with@signs")
    try:
        plain = RemoteStore(proxy.url)
        with pytest.raises(RemoteStoreError, match="needs credentials"):
            plain.count()
        store = RemoteStore(f"http://reader:s3cret%3Awith%40signs@127.0.0.1:{proxy.port}/")
        store.add([quad(1), quad(2, G2)])
        assert store.count() == 2 and store.dialect.name == "Oxigraph"
        assert proxy.seen.count("Basic") >= 2  # sent at once after the first challenge
        assert "s3cret" not in repr(store) and "s3cret" not in store.location
    finally:
        proxy.stop()


def test_an_unreachable_server_is_a_clear_error(quiet_environment) -> None:  # type: ignore[no-untyped-def]
    from tests.support.servers import free_port

    store = RemoteStore(f"http://dba:hunter22@127.0.0.1:{free_port()}/sparql", timeout=5)
    with pytest.raises(StoreError, match="cannot reach the SPARQL server") as info:
        store.count()
    assert "hunter22" not in everything_said(info.value)


def test_virtuoso_cut_answers_are_errors_not_short_answers(virtuoso) -> None:  # type: ignore[no-untyped-def]
    store = RemoteStore(virtuoso.store_url())
    values = " ".join(str(i) for i in range(150))  # 22,500 rows > the server's 20,000
    with pytest.raises(RemoteStoreError, match="ResultSetMaxRows"):
        store.select(f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }}")
    store.add([quad(i) for i in range(300)])
    hurried = RemoteStore(virtuoso.store_url(), timeout=1.0)
    with pytest.raises(QueryTimeoutError):
        hurried.select("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert store.count() == 300  # and the server still answers
    store.close()
    hurried.close()


def test_a_duration_virtuoso_cannot_hold_is_refused_before_anything_is_written(virtuoso) -> None:  # type: ignore[no-untyped-def]
    store = RemoteStore(virtuoso.store_url())
    mixed = Literal("P1Y2D", datatype=NamedNode(XSD + "duration"))
    with pytest.raises(RemoteStoreError, match="P1Y2D"):
        store.add([quad(1), quad(2, value=mixed)])
    assert store.count() == 0
    store.close()


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> list[Quad]:
    """More update text than one Virtuoso request takes (the limit lowered from 4 MB to 100 kB)."""
    from clustergraph.store.dialects import Virtuoso

    monkeypatch.setattr(Virtuoso, "update_limit", 100_000)
    padding = "x" * 60
    return [quad(i, G1 if i % 2 else G2, Literal(f"label {i} {padding}")) for i in range(3_000)]


def test_a_write_larger_than_one_virtuoso_request_is_one_step(virtuoso, large: list[Quad]) -> None:  # type: ignore[no-untyped-def]
    store = RemoteStore(virtuoso.store_url(), timeout=300)
    store.add([quad(0, NamedNode(EX + "old"))])
    store.replace_all(large)
    assert store.count() == len(large)
    assert [g.value for g in store.graphs()] == [G1.value, G2.value]
    raw = httpx.post(virtuoso.url, data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers={"Accept": "text/csv"}, timeout=60)
    assert raw.status_code == 200 and EX + "g1" in raw.text and "staging" not in raw.text
    # A failure in the last request leaves the store exactly as it was.
    broken = [*large[:-1], quad(1, G1, Literal("not a number", datatype=NamedNode(XSD + "integer")))]
    with pytest.raises(ClusterGraphError, match="SR341"):
        store.replace_all([Quad(q.subject, q.predicate, q.object, NamedNode(EX + "new")) for q in broken])
    assert store.count() == len(large)
    assert [g.value for g in store.graphs()] == [G1.value, G2.value]
    store.close()


@pytest.fixture
def oxigraph_store(oxigraph_server) -> Iterator[RemoteStore]:  # type: ignore[no-untyped-def]
    store = RemoteStore(oxigraph_server.url)
    yield store
    store.close()


def test_oxigraph_reads_fast_after_a_replace(oxigraph_store: RemoteStore) -> None:
    """``CLEAR ALL`` slows Oxigraph's reads ~15x until it restarts; a replace drops by name."""
    oxigraph_store.add([quad(i) for i in range(10)])
    oxigraph_store.replace_all([quad(i, G2) for i in range(5)])
    assert oxigraph_store.count() == 5 and oxigraph_store.graphs() == [G2]
    oxigraph_store.clear()
    assert oxigraph_store.is_empty()
