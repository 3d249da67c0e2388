"""Updates (token required, when enabled) and a server backed by a remote Oxigraph store."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.curated import Curated
from tests.support.http import json_of
from tests.support.servers import start_server

UPDATE = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> 42 } }"
ASK = "ASK { <http://example.org/a> <http://example.org/p> 42 }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Any:
    folder = tmp_path_factory.mktemp("writable")
    server = start_server(
        curated_data.folder(folder / "store"),
        folder / "server.log",
        {"CLUSTERGRAPH_UPDATES_ENABLED": "true", "CLUSTERGRAPH_UPDATE_TOKEN": "s3cret"},
    )
    yield server
    server.stop()


def test_update_needs_the_token(writable: Any) -> None:
    with httpx.Client(base_url=writable.url, timeout=30) as http:
        none = http.post("/sparql", data={"update": UPDATE})
        assert none.status_code == 401 and none.json()["error"] == "unauthorized"
        assert none.headers["www-authenticate"].startswith("Bearer")
        wrong = http.post("/sparql", data={"update": UPDATE}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403
        assert json_of(http.get("/sparql", params={"query": ASK}))["boolean"] is False
        ok = http.post("/sparql", data={"update": UPDATE}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 204, ok.text
        assert json_of(http.get("/sparql", params={"query": ASK}))["boolean"] is True
        direct = http.post(
            "/sparql",
            content="DELETE DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> 42 } }",
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"},
        )
        assert direct.status_code == 204
        after = http.get("/sparql", params={"query": ASK})
        assert after.status_code == 200, after.text
        assert after.json()["boolean"] is False
        bad = http.post("/sparql", data={"update": "INSERT DATA {"}, headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 400 and bad.json()["error"] == "syntax"
        load = http.post(
            "/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"}, headers={"Authorization": "Bearer s3cret"}
        )
        assert load.status_code == 400 and load.json()["error"] == "service-not-allowed"


def test_server_on_a_remote_store(curated_oxigraph: Any, curated_data: Curated, start_clustergraph: Any) -> None:
    expected = curated_data.count
    server = start_clustergraph(curated_oxigraph.url)
    with httpx.Client(base_url=server.url, timeout=60) as http:
        count = json_of(http.get("/sparql", params={"query": COUNT}))
        assert int(count["results"]["bindings"][0]["n"]["value"]) == expected
        assert json_of(http.get("/api/search", params={"q": "bioPmed"}))["results"][0]["match"] == "exact"
        assert http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
        assert json_of(http.get("/api/queries/alliance-members", params={"alliance": "bioxclusters-plus"}))["rows"]
        refused = http.post("/sparql", data={"update": UPDATE})
        assert refused.status_code == 403
