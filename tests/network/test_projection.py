"""The projection: actors, typed and sourced ties, the as-of rule, GraphML/GEXF export."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from clustergraph.errors import InputError, NotFoundError
from clustergraph.network import project, write_network
from clustergraph.store import EmbeddedStore

ID = "https://w3id.org/clustergraph/id/"
G001 = "https://w3id.org/clustergraph/graph/001-bioxclusters-plus-news"


def test_actors_carry_location_coordinates_and_type(curated: EmbeddedStore) -> None:
    net = project(curated)
    osaka = net.actors.nodes[ID + "osaka-bio-headquarters"]
    assert osaka["label"] == "Osaka Bio Headquarters"
    assert osaka["country"] == ID + "country/JP"
    # the source places it in "their region", Kansai (no city): the nearest coordinates there are
    # those of the region or, without them, of the country
    assert osaka["region"] == ID + "region/kansai"
    assert osaka["coordinates_of"] in (ID + "region/kansai", ID + "country/JP")
    assert "ClusterOrganisation" in net.actors.nodes[ID + "biocat"]["type"]
    assert ID + "sector/personalised-healthcare" not in net.actors.nodes[ID + "biocat"]["sectors"]


def test_every_edge_keeps_its_ties_with_source_and_quote(curated: EmbeddedStore) -> None:
    net = project(curated)
    data = net.actors.edges[ID + "biocat", ID + "eu-japan-centre"]
    assert data["relations"] == ["event"]
    assert ID + "mission-japan-2016" in data["via"]
    ties = {t["tie"]: t for t in net.edge_ties(ID + "biocat", ID + "eu-japan-centre")}
    partner = ties[ID + "participation/mission-japan-2016/eu-japan-centre"]
    assert partner["graph"] == G001
    assert partner["evidence"] == (  # the quote of this very statement: the participation's participant
        "This mission is organized in coordination with the EU-Japan Centre, that offers a"
        " “Biotech Cluster SME Mission” from Oct 10th to 14th 2016."
    )
    assert partner["role"] == "partner"
    for a, b in net.actors.edges:
        found = net.edge_ties(a, b)
        assert found and all(t["tie"] and t["graph"] and t["evidence"] for t in found)


def test_funding_ties_are_left_out_unless_asked(curated: EmbeddedStore) -> None:
    ec = ID + "european-commission"
    assert net_degree(project(curated), ec) == 0
    assert net_degree(project(curated, relations=["project", "funding", "event"]), ec) > 0


def net_degree(net, node: str) -> int:  # type: ignore[no-untyped-def]
    return int(net.actors.degree(node))


def test_as_of_keeps_only_ties_holding_that_year(curated: EmbeddedStore) -> None:
    pair = (ID + "biocat", ID + "eu-japan-centre")  # through the October 2016 mission
    assert project(curated, as_of=2016).actors.has_edge(*pair)
    assert not project(curated, as_of=2015).actors.has_edge(*pair)
    assert not project(curated, as_of=2017).actors.has_edge(*pair)  # an event ends when it ends
    # ties take the dates of what they belong to: ChInValue was awarded in 2017
    assert project(curated, as_of=2017).actors.has_edge(ID + "bio-nrw", ID + "china-medical-city")
    assert not project(curated, as_of=2016).actors.has_edge(ID + "bio-nrw", ID + "china-medical-city")
    # the alliance's members are stated as of 2016 only
    alliance = project(curated, as_of=2013, relations=["alliance"]).actors
    assert not alliance.has_edge(ID + "biocat", ID + "biom")
    assert project(curated, as_of=2016, relations=["alliance"]).actors.has_edge(ID + "biocat", ID + "biom")
    # undated ties always count: the bioXclusters+ kick-off is dated "January 26-27", no year
    assert project(curated, as_of=1990, relations=["event"]).actors.has_edge(ID + "biocat", ID + "biom")


def test_unknown_relation_and_empty_store_are_clear_errors(curated: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="unknown relation type 'friends'"):
        project(curated, relations=["friends"])
    with pytest.raises(NotFoundError, match="holds no organisation"):
        project(EmbeddedStore())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_reads_back_in_networkx(curated: EmbeddedStore, tmp_path: Path, fmt: str) -> None:
    net = project(curated)
    target = tmp_path / f"net.{fmt}"
    write_network(net, target, fmt)
    back = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
    assert back.number_of_nodes() == net.actors.number_of_nodes()
    assert back.number_of_edges() == net.actors.number_of_edges()
    edge = back.edges[ID + "biocat", ID + "eu-japan-centre"]
    ties = json.loads(edge["ties_json"])
    assert any(t["graph"] == G001 for t in ties)


def test_cli_export_network(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from clustergraph.cli import app

    store = tmp_path / "store"
    runner = CliRunner()
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["export", "--network", "graphml", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    assert g.nodes[ID + "biopmed"]["label"] == "bioPmed"
