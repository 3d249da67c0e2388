"""The JSON API: named queries, search, entities, entity IRIs, and errors."""

from __future__ import annotations

import csv
import io

import httpx
from pyoxigraph import RdfFormat, parse

from clustergraph.catalogue import load_catalogue
from clustergraph.namespaces import ID
from tests.support.http import json_of


def test_catalogue_lists_the_bundled_queries(client: httpx.Client) -> None:
    body = json_of(client.get("/api/queries"))
    assert [q["name"] for q in body["queries"]] == list(load_catalogue())
    members = next(q for q in body["queries"] if q["name"] == "alliance-members")
    assert members["parameters"][0]["name"] == "alliance" and "SELECT" in members["sparql"]


def test_named_query_with_parameters_json_and_csv(client: httpx.Client) -> None:
    params = {"alliance": "bioxclusters-plus"}
    body = json_of(client.get("/api/queries/alliance-members", params=params))
    assert body["rows"] and body["parameters"] == params
    as_csv = client.get("/api/queries/alliance-members", params={**params, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == body["variables"] and len(rows) == len(body["rows"]) + 1
    by_accept = client.get("/api/queries/alliance-members", params=params, headers={"Accept": "text/csv"})
    assert by_accept.text == as_csv.text


def test_named_query_errors(client: httpx.Client) -> None:
    unknown = client.get("/api/queries/alliance-member")
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown-query"
    assert "alliance-members" in unknown.json()["message"]
    missing = client.get("/api/queries/alliance-members")
    assert missing.status_code == 400 and "alliance" in missing.json()["message"]
    wrong = client.get("/api/queries/alliance-members", params={"alliance": "bioxclusters-plus", "year": "soon"})
    assert wrong.status_code == 400 and "integer" in wrong.json()["message"]
    extra = client.get("/api/queries/alliance-members", params={"alliance": "x", "colour": "red"})
    assert extra.status_code == 400 and "colour" in extra.json()["message"]


def test_search_ranks_exact_then_prefix_then_substring(client: httpx.Client) -> None:
    results = json_of(client.get("/api/search", params={"q": "bioPmed"}))["results"]
    assert results[0]["iri"] == ID + "biopmed" and results[0]["match"] == "exact"
    kinds = [r["match"] for r in json_of(client.get("/api/search", params={"q": "bio", "limit": 200}))["results"]]
    order = {"exact": 0, "prefix": 1, "substring": 2}
    assert kinds == sorted(kinds, key=order.__getitem__) and "substring" in kinds
    first = results[0]
    assert first["types"] and first["regions"] and first["regions"][0]["iri"].startswith(ID)


def test_search_matches_other_languages_and_alt_labels(client: httpx.Client) -> None:
    alt = json_of(client.get("/api/search", params={"q": "Silvano Fumero"}))["results"]
    assert alt[0]["iri"] == ID + "bioindustry-park-silvano-fumero"
    alt = json_of(client.get("/api/search", params={"q": "Bioindustry Park"}))["results"]  # NETBIOCLUE's name
    assert alt[0]["iri"] == ID + "bioindustry-park-silvano-fumero" and alt[0]["match"] == "exact"
    japan = json_of(client.get("/api/search", params={"q": "日本"}))["results"]
    assert any(r["iri"] == ID + "country/JP" for r in japan)


def test_search_by_kind_and_code(client: httpx.Client) -> None:
    places = client.get("/api/search", params={"q": "jp", "kind": "place"})
    assert places.status_code == 200
    found = [(r["iri"], r["kind"], r["match"]) for r in places.json()["results"]]
    assert found[0] == (ID + "country/JP", "place", "exact")  # the code; then labels containing "jp"
    assert {kind for _, kind, _ in found} == {"place"} and [m for *_, m in found].count("exact") == 1
    wrong = client.get("/api/search", params={"q": "jp", "kind": "planet"})
    assert wrong.status_code == 400 and "kind" in wrong.json()["message"]


def test_the_schema_describes_search_entities_and_queries(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()

    def answer(path: str) -> str:
        return spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]

    assert answer("/api/search").endswith("/SearchResults") and answer("/api/entities/{id}").endswith("/Entity")
    assert answer("/api/queries").endswith("/Catalogue")
    parameter = spec["components"]["schemas"]["Parameter"]["properties"]
    assert {"name", "type", "description", "example", "optional"} <= set(parameter)
    fact = spec["components"]["schemas"]["Fact"]["properties"]
    assert {"direction", "predicate", "value", "value_label", "graph", "evidence"} <= set(fact)


def test_search_needs_text(client: httpx.Client) -> None:
    r = client.get("/api/search", params={"q": ""})
    assert r.status_code == 400 and r.json()["error"] == "parameter"


def test_entity_with_sources_and_evidence(client: httpx.Client) -> None:
    body = json_of(client.get("/api/entities/biopmed"))
    assert body["iri"] == ID + "biopmed" and body["graphs"]
    with_evidence = [f for f in body["facts"] if f["evidence"]]
    assert with_evidence and all(f["graph"].startswith("https://w3id.org/clustergraph/graph/") for f in body["facts"])
    # each fact carries the quote of that very statement: every stated fact has one, none is shared
    stated = [f for f in body["facts"] if f["direction"] == "out" and not f["graph"].endswith("/inferred")]
    assert stated and all(f["evidence"] for f in stated)
    located = next(f for f in stated if f["predicate"].endswith("#locatedIn") and f["graph"].endswith("000-biopmed-internationalisation"))
    assert located["evidence"] == [
        "Fabrizio Conicella - Director Business Development and International Projects - bioPmed (Piemonte-Italy)"]
    assert any(f["direction"] == "in" for f in body["facts"])
    missing = client.get("/api/entities/no-such-thing")
    assert missing.status_code == 404 and missing.json()["error"] == "not-found"


def test_entity_iris_resolve_by_accept(client: httpx.Client) -> None:
    html = client.get("/id/biopmed", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and '<blockquote class="quote">' in html.text
    turtle = client.get("/id/biopmed", headers={"Accept": "text/turtle"})
    triples = list(parse(turtle.content, format=RdfFormat.TURTLE))
    assert any(t.subject.value == ID + "biopmed" for t in triples)
    jsonld = client.get("/id/nuts/ITC1", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert list(parse(jsonld.content, format=RdfFormat.JSON_LD))
    assert client.get("/id/no-such-thing", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/no-such-thing").status_code == 404
    assert client.get("/id/biopmed", headers={"Accept": "image/png"}).status_code == 406


def test_pages_and_docs(client: httpx.Client) -> None:
    home = client.get("/")
    assert home.status_code == 200 and '/query"' in home.text and '/docs"' in home.text
    editor = client.get("/sparql", headers={"Accept": "text/html"})
    assert "yasgui.min.js" in editor.text
    docs = client.get("/docs")
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    spec = json_of(client.get("/openapi.json"))
    assert {"/sparql", "/api/queries", "/api/search", "/api/entities/{id}"} <= set(spec["paths"])


def test_unknown_path_is_a_json_404(client: httpx.Client) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.json()["error"] == "not-found"
