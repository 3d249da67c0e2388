"""The network, map and finder pages and their JSON, from a real ``clustergraph serve``."""

from __future__ import annotations

import re

import httpx

from tests.support.http import json_of

ID = "https://w3id.org/clustergraph/id/"
RESOURCE = re.compile(r"""(?:src|href|action)\s*=\s*["']?(https?://[^"'\s>]+)|url\(\s*["']?(https?://[^"')]+)""", re.I)


def remote(text: str, own: str) -> list[str]:
    """Resource references to any host but the server itself (url_for writes absolute same-host URLs)."""
    return [u for m in RESOURCE.finditer(text) for u in m.groups() if u and not u.startswith(own)]


def test_network_json_has_nodes_edges_places_and_metrics(client: httpx.Client) -> None:
    data = json_of(client.get("/api/network"))
    labels = {n["label"]: n for n in data["nodes"]}
    biocat = labels["Biocat"]
    assert biocat["iri"] == ID + "biocat" and biocat["type"] == "ClusterOrganisation"
    assert "Spain" in {data["places"][p]["label"] for p in biocat["in"]}
    assert biocat["degree"] > 0 and biocat["gx"] < 0  # west of Greenwich
    assert "funding" in data["relations"]  # offered as a filter, hidden at first by the page
    edge = next(e for e in data["edges"] if {e["from"], e["to"]} == {biocat["id"], labels["BioM"]["id"]})
    assert edge["sources"] and edge["sources"][0]["graph"].startswith("https://w3id.org/clustergraph/graph/")
    japan = next(p for p in data["places"] if p["label"] == "Japan")
    assert data["places"].index(japan) in data["markets"]


def test_network_json_as_of_and_relations(client: httpx.Client) -> None:
    every = json_of(client.get("/api/network"))["counts"]["edges"]
    agreements = json_of(client.get("/api/network", params={"relation": "agreement"}))
    assert 0 < agreements["counts"]["edges"] < every and agreements["relations"] == ["agreement"]
    early = json_of(client.get("/api/network", params={"as_of": 2006}))
    assert early["as_of"] == 2006 and early["counts"]["edges"] < every
    bad = client.get("/api/network", params={"relation": "friendship"})
    assert bad.status_code == 400
    assert json_of(bad, 400) == {
        "error": "input",
        "message": "unknown relation type 'friendship'; known: agreement, alliance, unit, project, event, funding",
    }


def test_gap_overlay_refers_to_the_network_nodes(client: httpx.Client) -> None:
    nodes = json_of(client.get("/api/network"))["nodes"]
    gaps = json_of(client.get("/api/network/gaps"))
    assert gaps["suggested"] and gaps["brokers"] and gaps["unreached"]
    broker = gaps["brokers"][0]
    assert nodes[broker["id"]]["label"] == broker["label"]
    s = gaps["suggested"][0]
    assert nodes[s["from"]]["label"] in s["title"] and nodes[s["to"]]["label"] in s["title"]


def test_pages_use_shipped_assets_only(client: httpx.Client) -> None:
    own = str(client.base_url).rstrip("/") + "/"
    for path in ["/network", "/network?layout=geo", "/map", "/entry-points?from=Biocat&market=Japan", "/"]:
        page = client.get(path)
        assert page.status_code == 200, path
        assert remote(page.text, own) == [], f"{path} references a remote resource"
        if path != "/":
            assert "/static/vendor/vis-network/vis-network.min.js" in page.text
    assert client.get("/static/vendor/vis-network/vis-network.min.js").status_code == 200
    assert json_of(client.get("/static/vendor/world-atlas/land-110m.json"))["type"] == "Topology"
    bad = client.get("/network?layout=circle")
    assert bad.status_code == 400 and "layout" in bad.text
