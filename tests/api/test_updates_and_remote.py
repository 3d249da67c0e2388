"""Updates (token required, when enabled) and a server backed by a remote Oxigraph store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest_helpers import start_server  # type: ignore[import-not-found]

from clustergraph.ingest import build
from clustergraph.store import RemoteStore

UPDATE = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> 42 } }"
ASK = "ASK { <http://example.org/a> <http://example.org/p> 42 }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("writable")
    server = start_server(
        str(folder / "store"), folder / "server.log",
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
        assert http.get("/sparql", params={"query": ASK}).json()["boolean"] is False
        ok = http.post("/sparql", data={"update": UPDATE}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 204, ok.text
        assert http.get("/sparql", params={"query": ASK}).json()["boolean"] is True
        direct = http.post(
            "/sparql", content="DELETE DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> 42 } }",
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"},
        )
        assert direct.status_code == 204
        after = http.get("/sparql", params={"query": ASK})
        assert after.status_code == 200, after.text
        assert after.json()["boolean"] is False
        bad = http.post("/sparql", data={"update": "INSERT DATA {"}, headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 400 and bad.json()["error"] == "syntax"
        load = http.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
                         headers={"Authorization": "Bearer s3cret"})
        assert load.status_code == 400 and load.json()["error"] == "service-not-allowed"


def test_server_on_a_remote_store(oxigraph_server: Any, tmp_path: Path) -> None:
    remote = RemoteStore(oxigraph_server.url)
    build(remote)
    expected = remote.count()
    remote.close()
    server = start_server(oxigraph_server.url, tmp_path / "server.log")
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            r = http.get("/sparql", params={"query": COUNT})
            assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == expected
            assert http.get("/api/search", params={"q": "bioPmed"}).json()["results"][0]["match"] == "exact"
            assert http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
            assert http.get("/api/queries/alliance-members", params={"alliance": "bioxclusters-plus"}).json()["rows"]
            refused = http.post("/sparql", data={"update": UPDATE})
            assert refused.status_code == 403
    finally:
        server.stop()
