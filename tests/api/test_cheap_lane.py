"""Cheap requests have a lane of their own: an ASK is answered while other clients' heavy queries
hold every ordinary worker, and a query that only looks cheap cannot keep the lane (issue 12).

"While" is checked by order, not by the clock: the heavy queries end only at the server's time
limit, so a cheap answer that arrives before the first of them ended did not wait for a worker,
however slow the machine (CI runs this beside other suites)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from clustergraph.api.lanes import cheap
from clustergraph.namespaces import ID
from clustergraph.store.sparqlparse import parse_query
from tests.support.curated import Curated
from tests.support.servers import Server, start_server

JSON = {"Accept": "application/sparql-results+json"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Parses cheap (an ASK on three patterns) but is a cartesian product that never matches.
CRAFTED = 'ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "-never")) }'
LOOKUP = f"SELECT ?p ?o WHERE {{ <{ID}biocat> ?p ?o }} LIMIT 100"
LIMIT = 15  # seconds: the server's time limit in this module (at 10 a respawn bug went unseen)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ASK {}", True),
        (LOOKUP, True),
        (CRAFTED, True),  # the lane's budget is what stops it
        ("DESCRIBE <http://e/a> LIMIT 1", True),
        ("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r } } LIMIT 1000", True),
        ("SELECT * { ?s ?p ?o }", False),  # no LIMIT
        ("SELECT * { ?s ?p ?o } LIMIT 1001", False),
        ("SELECT * { ?s ?p ?o } LIMIT 10 OFFSET 999999999999999999999", False),
        ("SELECT * { ?s ?p ?o } ORDER BY ?o LIMIT 1", False),
        ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o } LIMIT 1", False),
        ("SELECT ?s { ?s ?p ?o } GROUP BY ?s LIMIT 1", False),
        ("ASK { ?s <http://e/p>* ?o }", False),
        ("ASK { ?s (<http://e/p>/<http://e/q>)+ ?o }", False),
        ("ASK { { SELECT ?s { ?s ?p ?o } LIMIT 1 } }", False),
        ("ASK { ?a ?b ?c FILTER EXISTS { ?c ?d ?e . ?e ?f ?g . ?g ?h ?i } }", False),  # 4 patterns
        ("ASK { ?s ?p (1 2) }", False),  # a collection is 4 more patterns
        ("CONSTRUCT { ?s ?p ?o . ?o ?p ?s . ?s a ?o . ?o a ?s } WHERE { ?s ?p ?o } LIMIT 5", True),
    ],
)
def test_the_rule_reads_the_parse(query: str, expected: bool) -> None:
    assert cheap(parse_query(query)) is expected


def test_keywords_in_strings_and_comments_do_not_change_the_rule() -> None:
    assert cheap(parse_query('SELECT ?s { ?s ?p "COUNT(*) ORDER BY" } # GROUP BY ?s\nLIMIT 5'))
    assert not cheap(parse_query('SELECT * { ?s ?p "LIMIT 1" } # LIMIT 1'))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("lane")
    curated_data.folder(folder / "store")
    running = start_server(str(folder / "store"), folder / "server.log", {"CLUSTERGRAPH_QUERY_TIMEOUT": str(LIMIT)})
    yield running
    running.stop()


def client(url: str, address: str) -> httpx.Client:
    """A client from a loopback address of its own (the server shares its workers per address)."""
    return httpx.Client(base_url=url, timeout=120, transport=httpx.HTTPTransport(local_address=address))


class Sent(list[Any]):
    """The responses (or errors) of queries sent in threads, and when the first came back."""

    first_end: float | None = None

    def running(self) -> bool:
        """Whether none of them has ended yet."""
        return self.first_end is None


@contextmanager
def sent(url: str, queries: list[tuple[str, str]]) -> Iterator[Sent]:
    """Send each (address, query) in a thread of its own; the responses once all are done."""
    responses = Sent()
    lock = threading.Lock()

    def send(address: str, query: str) -> None:
        with client(url, address) as http:
            try:
                answer: Any = http.get("/sparql", params={"query": query}, headers=JSON)
            except httpx.HTTPError as err:
                answer = err
        with lock:
            if responses.first_end is None:
                responses.first_end = time.monotonic()
            responses.append(answer)

    threads = [threading.Thread(target=send, args=pair) for pair in queries]
    for thread in threads:
        thread.start()
    try:
        yield responses
    finally:
        for thread in threads:
            thread.join(timeout=4 * LIMIT)


def heavy_from_four_clients(url: str) -> list[tuple[str, str]]:
    """Eight runaway queries, two from each of four addresses: more than the three workers."""
    return [(f"127.0.0.{20 + i // 2}", RUNAWAY) for i in range(8)]


def timed(http: httpx.Client, query: str) -> tuple[httpx.Response, float]:
    start = time.monotonic()
    response = http.get("/sparql", params={"query": query}, headers=JSON)
    return response, time.monotonic() - start


def assert_all_stopped(responses: list[Any], count: int) -> None:
    """Every runaway ran (or waited for a worker) the whole time limit: the workers stayed busy."""
    assert len(responses) == count, responses
    for r in responses:
        assert isinstance(r, httpx.Response) and r.status_code == 503, r
        assert r.json()["error"] in ("timeout", "busy"), r.text


def test_cheap_queries_are_answered_while_heavy_ones_hold_every_worker(server: Server) -> None:
    with sent(server.url, heavy_from_four_clients(server.url)) as responses:
        time.sleep(1.5)  # the runaways hold the three query workers; the rest wait for one
        with client(server.url, "127.0.0.2") as other:
            for query in ("ASK {}", LOOKUP, "ASK {}", LOOKUP):
                r, seconds = timed(other, query)
                assert r.status_code == 200, r.text
                assert responses.running(), (f"{query!r} was answered after {seconds:.2f} s, once a heavy "
                                             "query had ended: it waited for a worker instead of its lane")
            assert timed(other, "ASK {}")[0].json()["boolean"] is True
            rows = timed(other, LOOKUP)[0].json()["results"]["bindings"]
            assert any(row["o"]["value"] == "Biocat" for row in rows), rows
    assert_all_stopped(responses, 8)


def test_a_query_that_only_looks_cheap_does_not_keep_the_lane(server: Server) -> None:
    with sent(server.url, heavy_from_four_clients(server.url)) as heavy:
        time.sleep(1.5)
        with sent(server.url, [("127.0.0.30", CRAFTED)]) as first:
            time.sleep(2.0)  # past the lane's budget: it was stopped there, and runs on among the others
            # its client has left the lane: the second goes to the ordinary workers at once
            with sent(server.url, [("127.0.0.30", CRAFTED)]) as second:
                for _ in range(3):
                    # two at once, so one of them has the lane worker started in place of the stopped one
                    start = time.monotonic()
                    with sent(server.url, [("127.0.0.3", "ASK {}"), ("127.0.0.4", "ASK {}")]) as asks:
                        pass
                    seconds = time.monotonic() - start
                    assert all(isinstance(r, httpx.Response) and r.status_code == 200 for r in asks), [
                        getattr(r, "text", r) for r in asks]
                    assert heavy.running() and second.running(), (
                        f"two ASKs were answered after {seconds:.2f} s, once a heavy or crafted query had ended:"
                        " the lane lost a worker to the crafted query (or took a fresh one before it could answer)")
                    time.sleep(0.5)
    assert_all_stopped(heavy, 8)
    # the crafted queries were not answered in the lane: each waited for an ordinary worker
    assert_all_stopped(first + second, 2)
