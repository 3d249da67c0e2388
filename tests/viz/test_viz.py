"""Page data, layouts, gap overlay and standalone files of the views (no browser here)."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from clustergraph.errors import InputError
from clustergraph.gaps import gap_report
from clustergraph.network import RELATION_STRENGTH, project
from clustergraph.store import EmbeddedStore
from clustergraph.viz import (
    GEO_SCALE,
    force_layout,
    gap_overlay,
    geo_layout,
    graph_data,
    network_data,
    network_page,
    remote_references,
    render_html,
    write_html,
)

ID = "https://w3id.org/clustergraph/id/"


def test_network_data_of_the_curated_graph(curated: EmbeddedStore) -> None:
    data = network_data(project(curated, relations=list(RELATION_STRENGTH)))
    nodes = {n["label"]: n for n in data["nodes"]}
    osaka = nodes["Osaka Bio Headquarters"]
    places = [data["places"][p]["iri"] for p in osaka["in"]]
    assert places[0] == ID + "region/kansai"  # the place it is located in ("their region") comes first
    assert ID + "country/JP" in places  # then the places containing it
    assert "Japan" in [data["places"][p]["label"] for p in osaka["serves"]]
    # geographic position: Osaka lies east and north of Madrid-placed Biocat
    assert osaka["gx"] > nodes["Biocat"]["gx"] and osaka["gy"] < 0
    # Kansai has no point of its own: the node sits at Japan's representative point (139.3 E)
    assert osaka["gx"] == pytest.approx(139.3 * GEO_SCALE, abs=3 * 9)
    assert not data["precomputed"] and osaka["fx"] is None  # small: the browser lays it out
    assert data["years"][0] <= 2016 <= data["years"][1]
    assert set(data["relations"]) >= {"agreement", "alliance", "event", "project"}
    # brokers of the curated graph are the ones with the highest betweenness
    # (every relation here, funding too: the Commission funds projects of both sides)
    top = max(data["nodes"], key=lambda n: n["betweenness"])
    assert top["label"] == "European Commission"


def test_edges_carry_relations_dates_and_sources(curated: EmbeddedStore) -> None:
    data = network_data(project(curated))
    nodes = {n["label"]: n["id"] for n in data["nodes"]}
    pair = {nodes["Biocat"], nodes["Osaka Bio Headquarters"]}
    edge = next(e for e in data["edges"] if {e["from"], e["to"]} == pair)
    assert "event" in edge["relations"] and edge["start"] == 2016
    assert any(s["evidence"] for s in edge["sources"])


def test_force_layout_is_seeded_and_separates_components() -> None:
    g = nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6))
    a, b = force_layout(g, seed=1), force_layout(g, seed=1)
    assert a == b

    def mean_distance(nodes: list[int]) -> float:
        pairs = [(u, v) for u in nodes for v in nodes if u < v]
        return sum(math.dist(a[u], a[v]) for u, v in pairs) / len(pairs)

    across = sum(math.dist(a[u], a[v]) for u in range(6) for v in range(6, 12)) / 36
    assert mean_distance(list(range(6))) < across


def test_large_graphs_get_positions_and_sampled_betweenness() -> None:
    g = nx.barabasi_albert_graph(2100, 2, seed=3)
    nx.set_node_attributes(g, "Company", "type")
    data = graph_data(g)
    assert data["precomputed"] and all(n["fx"] is not None for n in data["nodes"])
    assert any("sampled" in note for note in data["notes"])


def test_geo_layout_spreads_shared_places_and_parks_the_unplaced() -> None:
    pos = geo_layout({i: (48.0, 2.0) for i in range(50)} | {"x": None})
    assert len({pos[i] for i in range(50)}) == 50
    assert all(math.dist(pos[i], (2.0 * GEO_SCALE, -48.0 * GEO_SCALE)) < 80 for i in range(50))
    assert pos["x"][1] > 90 * GEO_SCALE


def test_gap_overlay_uses_node_numbers(curated: EmbeddedStore) -> None:
    net = project(curated)
    data = network_data(net)
    overlay = gap_overlay(gap_report(curated, network=net), data)
    assert overlay["brokers"][0]["label"] == data["nodes"][overlay["brokers"][0]["id"]]["label"]
    assert all(s["from"] < s["to"] for s in overlay["suggested"])
    assert overlay["unreached"], "the curated graph has markets some home does not reach"


def test_the_overlay_is_computed_on_the_network_drawn(curated: EmbeddedStore) -> None:
    """The page draws every relation (funding too) and the overlay's brokers are those of that
    network, each with the betweenness its node has on the page."""
    page = network_page(curated)
    nodes = page.data["nodes"]
    assert "funding" in page.network.relations
    brokers = page.gaps()["brokers"]
    assert brokers
    for b in brokers:
        assert b["betweenness"] == pytest.approx(nodes[b["id"]]["betweenness"], abs=1e-4)


def test_one_betweenness_on_the_page_and_in_the_gap_report(curated: EmbeddedStore) -> None:
    from clustergraph.network import DEFAULT_RELATIONS

    nodes = {n["iri"]: n for n in network_page(curated, relations=DEFAULT_RELATIONS).data["nodes"]}
    for b in gap_report(curated).brokers:
        assert b.betweenness == pytest.approx(nodes[b.actor]["betweenness"], abs=1e-4)


def test_standalone_file_inlines_everything(curated: EmbeddedStore, tmp_path: Path) -> None:
    data = network_data(project(curated))
    out = write_html(tmp_path / "n.html", data, layout="geo", market=ID + "country/JP", year=2016)
    text = out.read_text(encoding="utf-8")
    assert remote_references(text) is True
    assert "http://" not in text and "https://" not in text
    assert "<script src" not in text and "vis-network" in text and '"Topology"' in text
    assert text.count("</script>") == text.count("<script")  # no closing tag inside inlined code
    with pytest.raises(InputError, match="unknown layout 'circle'"):
        render_html(data, layout="circle")
    with pytest.raises(InputError, match="does not exist"):
        write_html(tmp_path / "missing" / "n.html", data)


def test_remote_references_finds_resource_links() -> None:
    assert remote_references('<link href="https://cdn.jsdelivr.net/x.css">') == ['href="https://']
    assert remote_references("<style>a{background:url( 'http://x.org/a.png')}</style>") == ["url( 'http://"]
    assert remote_references('<span data-iri="https://w3id.org/clustergraph/id/biocat">') is True
