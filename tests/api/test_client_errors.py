"""The endpoint answers what it should (issue 12, items 4, 6, 7, 8): FROM and FROM NAMED are
the dataset, relative IRIs resolve against the endpoint's URL, a client's mistake is a 400 with
the reason (never a 500 or a 503), and a query nested too deeply is a 400 while the server lives on.
"""

from __future__ import annotations

import httpx
import pyoxigraph

from clustergraph.namespaces import GRAPH

SOURCE = GRAPH + "000-biopmed-internationalisation"
OTHER = GRAPH + "001-bioxclusters-plus-news"
JSON = {"Accept": "application/sparql-results+json"}
COUNT = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"


def count(client: httpx.Client, text: str, **params: str | list[str]) -> int:
    response = client.get("/sparql", params={"query": text, **params}, headers=JSON)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_from_is_the_dataset(client: httpx.Client) -> None:
    everything = count(client, COUNT.format(**{"from": ""}))
    one = count(client, COUNT.format(**{"from": ""}), **{"default-graph-uri": SOURCE})
    assert 0 < one < everything
    assert count(client, COUNT.format(**{"from": f"FROM <{SOURCE}>"})) == one
    assert count(client, COUNT.format(**{"from": "FROM graph:000-biopmed-internationalisation"})) == one
    both = count(client, COUNT.format(**{"from": f"FROM <{SOURCE}> FROM <{OTHER}>"}))
    assert one < both < everything
    # the protocol's dataset wins over the query's (SPARQL 1.1 Protocol 2.1.4)
    assert count(client, COUNT.format(**{"from": f"FROM <{OTHER}>"}), **{"default-graph-uri": SOURCE}) == one
    named = client.get(
        "/sparql",
        headers=JSON,
        params={"query": f"SELECT DISTINCT ?g FROM NAMED <{SOURCE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
    )
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [SOURCE]
    only_named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{SOURCE}> WHERE {{ ?s ?p ?o }}"
    assert count(client, only_named) == 0  # FROM NAMED alone leaves the default graph empty


def test_relative_iris_resolve_against_the_endpoint(client: httpx.Client, served: object) -> None:
    response = client.post(
        "/sparql",
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    triples = list(pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert [t.subject.value for t in triples] == [client.base_url.join("/s").__str__()]
    based = client.get("/sparql", params={"query": "BASE <http://e/x/> SELECT ?o { BIND(<y> AS ?o) }"}, headers=JSON)
    assert based.json()["results"]["bindings"][0]["o"]["value"] == "http://e/x/y"


def test_a_non_ascii_prefix_is_fine(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", headers=JSON, params={"query": "PREFIX é: <http://e/> SELECT ?x WHERE { BIND(é:ü AS ?x) }"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "http://e/ü"


def bad_request(response: httpx.Response, *words: str) -> None:
    assert response.status_code == 400, (response.status_code, response.text)
    message = response.json()["message"]
    for word in words:
        assert word in message, message


def test_client_mistakes_are_400_with_the_reason(client: httpx.Client) -> None:
    bad_request(client.get("/sparql", params={"query": "SELECT * WHERE { BIND(<http://e/f>(1) AS ?x) }"}), "http://e/f")
    bad_request(
        client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"}),
        "default-graph-uri",
        "not an iri",
    )
    bad_request(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}), "line 1, column 24")
    bad_request(
        client.get("/api/queries/alliance-members", params={"alliance": "bioxclusters-plus", "year": "9" * 5000}),
        "year",
        "at most 18 digits",
    )


def test_deep_nesting_is_400_and_the_server_lives_on(client: httpx.Client) -> None:
    deep = "SELECT * WHERE " + "{" * 100_000 + "}" * 100_000
    bad_request(client.post("/sparql", data={"query": deep}), "more than 128 deep", "line 1, column 144")
    chain = "SELECT * WHERE { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(5000)) + " }"
    bad_request(client.post("/sparql", data={"query": chain}), "at most 1000")
    assert client.get("/sparql", params={"query": "ASK {}"}, headers=JSON).json() == {"head": {}, "boolean": True}
