"""The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/) against a real server.

The query operation cases follow the protocol's sections: 2.1.1 query via GET, 2.1.2 via POST
URL-encoded, 2.1.3 via POST directly; dataset parameters; 2.1.4 responses (400 for a malformed
query); content negotiation (406 when nothing acceptable exists); the service description.
"""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pyoxigraph import RdfFormat, parse

from clustergraph.namespaces import GRAPH
from tests.support.curated import Curated
from tests.support.http import json_of
from tests.support.servers import Server, start_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
PLACES, SECTORS = GRAPH + "places", GRAPH + "sectors"
HEAVY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
LIMIT = 5  # seconds: long enough for a light query on a busy machine, short for the test


def count_of(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_query_by_get(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert count_of(r) > 1000


def test_query_by_post_form_and_direct_agree_with_get(client: httpx.Client) -> None:
    by_get = count_of(client.get("/sparql", params={"query": COUNT}))
    by_form = count_of(client.post("/sparql", data={"query": COUNT}))
    by_body = count_of(client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"}))
    assert by_get == by_form == by_body


def test_default_graph_is_the_union_and_graph_tells_the_source(client: httpx.Client) -> None:
    total = count_of(client.get("/sparql", params={"query": COUNT}))
    rows = json_of(client.get("/sparql", params={"query": PER_GRAPH}))["results"]["bindings"]
    graphs = {b["g"]["value"] for b in rows}
    assert PLACES in graphs and SECTORS in graphs
    assert sum(int(b["n"]["value"]) for b in rows) == total


def test_dataset_by_default_graph_uri(client: httpx.Client) -> None:
    per_graph = {
        b["g"]["value"]: int(b["n"]["value"])
        for b in json_of(client.get("/sparql", params={"query": PER_GRAPH}))["results"]["bindings"]
    }
    only_sectors = client.get("/sparql", params={"query": COUNT, "default-graph-uri": SECTORS})
    assert count_of(only_sectors) == per_graph[SECTORS]
    both = client.post("/sparql", data={"query": COUNT, "default-graph-uri": [SECTORS, PLACES]})
    assert count_of(both) == per_graph[SECTORS] + per_graph[PLACES]
    direct = client.post(
        "/sparql",
        params={"default-graph-uri": PLACES},
        content=COUNT,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert count_of(direct) == per_graph[PLACES]


def test_dataset_by_named_graph_uri(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": PER_GRAPH, "named-graph-uri": SECTORS})
    assert r.status_code == 200
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [SECTORS]


def test_malformed_query_is_400_with_the_parser_message(client: httpx.Client) -> None:
    for response in (
        client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}),
        client.post("/sparql", data={"query": "SELEKT ?s WHERE { ?s ?p ?o }"}),
        client.post("/sparql", content="ASK {", headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400
        body = response.json()
        assert body["error"] == "syntax"
        assert "syntax error" in body["message"] and "line 1, column" in body["message"]


def test_bad_requests_say_what_is_wrong(client: httpx.Client) -> None:
    twice = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert twice.status_code == 400 and "once" in twice.json()["message"]
    neither = client.post("/sparql", data={"foo": "bar"})
    assert neither.status_code == 400 and "query=" in neither.json()["message"]
    wrong_type = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415 and "application/sparql-query" in wrong_type.json()["message"]


def test_results_in_every_format(client: httpx.Client) -> None:
    query = (
        "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label LIMIT 3"
    )
    as_json = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    first = json_of(as_json)["results"]["bindings"][0]["s"]["value"]
    as_xml = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert as_xml.headers["content-type"].startswith("application/sparql-results+xml")
    assert f"<uri>{first}</uri>" in as_xml.text
    as_csv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["s", "label"] and rows[1][0] == first and len(rows) == 4
    as_tsv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert as_tsv.text.splitlines()[0] == "?s\t?label"
    assert as_tsv.text.splitlines()[1].startswith(f"<{first}>\t")


def test_quality_values_are_honoured(client: httpx.Client) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    r = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json;q=0.2, text/csv;q=0.9"}
    )
    assert r.headers["content-type"].startswith("text/csv")
    r = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "text/csv;q=0.1, application/sparql-results+xml"}
    )
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    r = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv;q=0, */*"})
    assert r.headers["content-type"].startswith("application/sparql-results+json")


def test_ask(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert json_of(r) == {"head": {}, "boolean": True}
    xml = client.get(
        "/sparql",
        params={"query": "ASK { <http://e/none> ?p ?o }"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert "<boolean>false</boolean>" in xml.text


def test_construct_in_rdf_formats(client: httpx.Client) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SECTORS}> {{ ?s ?p ?o }} }}"
    sizes = {}
    for media, fmt in [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/rdf+xml", RdfFormat.RDF_XML),
        ("application/ld+json", RdfFormat.JSON_LD),
    ]:
        r = client.get("/sparql", params={"query": query}, headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        sizes[media] = len(list(parse(r.content, format=fmt)))
    assert len(set(sizes.values())) == 1 and next(iter(sizes.values())) > 10


def test_406_when_nothing_acceptable(client: httpx.Client) -> None:
    r = client.get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, headers={"Accept": "text/turtle"}
    )
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.json()["available"]
    r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"] == "not-acceptable"


def test_service_description_with_void_statistics(client: httpx.Client) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    triples = list(parse(r.content, format=RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    void = "http://rdfs.org/ns/void#"
    endpoints = [t.object.value for t in triples if t.predicate.value == sd + "endpoint"]
    assert endpoints == [str(client.base_url).rstrip("/") + "/sparql"]
    names = {t.object.value for t in triples if t.predicate.value == sd + "name"}
    assert {PLACES, SECTORS} <= names
    counts = sorted(int(t.object.value) for t in triples if t.predicate.value == void + "triples")
    total = count_of(client.get("/sparql", params={"query": COUNT}))
    assert counts[-1] == total and len(counts) == len(names) + 2  # dataset, default graph, each graph


def test_html_results_are_capped(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.text.count("<tr>") == 1 + 5  # header + the cap of 5 rows set for this server
    assert "50 rows; showing the first 5" in r.text


def test_service_is_refused(client: httpx.Client) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    for response in (
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", data={"query": query.lower()}),
    ):
        assert response.status_code == 400
        assert response.json()["error"] == "service-not-allowed"
        assert "SERVICE" in response.json()["message"]
    # The word inside a string or an IRI is no SERVICE call.
    ok = client.get("/sparql", params={"query": 'ASK { ?s ?p "SERVICE" FILTER(?p != <http://e/SERVICE>) }'})
    assert ok.status_code == 200


def test_updates_are_refused_on_a_read_only_server(client: httpx.Client) -> None:
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://e/a> <http://e/p> 1 } }"
    form = client.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer x"})
    direct = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"})
    for response in (form, direct):
        assert response.status_code == 403
        assert response.json()["error"] == "read-only"
    assert json_of(client.get("/sparql", params={"query": "ASK { <http://e/a> ?p ?o }"}))["boolean"] is False


def test_too_large_request_is_413(client: httpx.Client) -> None:
    big = "ASK {} #" + "x" * 1_100_000
    r = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and r.json()["error"] == "too-large"


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Iterator[Server]:
    """A read-only server on the curated graph with a query limit of LIMIT seconds."""
    folder = tmp_path_factory.mktemp("limited")
    server = start_server(
        curated_data.folder(folder / "store"), folder / "server.log", {"CLUSTERGRAPH_QUERY_TIMEOUT": str(LIMIT)}
    )
    yield server
    server.stop()


@pytest.mark.slow
def test_query_past_the_limit_is_stopped_while_others_are_served(limited: Server) -> None:
    """The heavy query (a triple cross product) is stopped at the limit; a second client sent
    while it runs is answered before it; then the server goes on serving."""
    outcome: dict[str, Any] = {}

    def heavy() -> None:
        start = time.monotonic()
        with httpx.Client(timeout=LIMIT + 120) as http:
            outcome["heavy"] = http.get(limited.url + "/sparql", params={"query": HEAVY})
        outcome["heavy_seconds"] = time.monotonic() - start
        outcome["heavy_done"] = time.monotonic()

    thread = threading.Thread(target=heavy)
    thread.start()
    time.sleep(0.5)  # the heavy query is on its way
    with httpx.Client(timeout=LIMIT + 120) as http:
        light = http.get(limited.url + "/sparql", params={"query": COUNT})
        light_done = time.monotonic()
        thread.join(timeout=LIMIT + 150)
        assert not thread.is_alive(), "the heavy query got no answer"
        assert count_of(light) > 1000
        heavy_response = outcome["heavy"]
        assert heavy_response.status_code == 503, heavy_response.text
        assert heavy_response.json()["error"] == "timeout"
        assert f"time limit of {LIMIT} s" in heavy_response.json()["message"]
        assert outcome["heavy_seconds"] >= LIMIT - 0.1, "stopped by the limit, not at once"
        assert light_done < outcome["heavy_done"], "the second client waited for the heavy query"
        # the server goes on serving (a fresh worker replaced the stopped one)
        for _ in range(3):
            assert count_of(http.get(limited.url + "/sparql", params={"query": COUNT})) > 1000
