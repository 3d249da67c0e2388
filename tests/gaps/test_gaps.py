"""Gaps on the curated graph: the Piedmont partner (Bioindustry Park Silvano Fumero, with bioPmed)
brokers NETBIOCLUE and bioXclusters; coverage zeros."""

from __future__ import annotations

import pytest

from clustergraph.errors import AmbiguousError, NotFoundError
from clustergraph.gaps import gap_report
from clustergraph.store import EmbeddedStore

ID = "https://w3id.org/clustergraph/id/"


def test_the_piedmont_partner_is_the_broker_between_netbioclue_and_bioxclusters(curated: EmbeddedStore) -> None:
    """Bioindustry Park Silvano Fumero, NETBIOCLUE's partner, holds bioXclusters' Piedmont
    partnership with bioPmed ("bioPmed/Bioindustry Park Silvano Fumero"): the bridge."""
    report = gap_report(curated)
    top = report.brokers[0]
    assert top.actor == ID + "bioindustry-park-silvano-fumero" and top.articulation_point
    assert top.betweenness > 2 * report.brokers[1].betweenness
    netbioclue_side = next(p for p in top.pieces if "NETBIOCLUE" in p.groups)
    assert "Milan Chamber of Commerce" in netbioclue_side.actors
    assert "Biocat" not in netbioclue_side.actors
    bioxclusters_side = next(p for p in top.pieces if "bioXclusters PLUS" in p.groups)
    assert "Biocat" in bioxclusters_side.actors
    assert "NETBIOCLUE" in top.cut_off_text()
    assert top.constraint is not None and top.effective_size is not None


def test_coverage_marks_zeros_and_single_paths(curated: EmbeddedStore) -> None:
    report = gap_report(curated)
    assert report.cell(ID + "biocat", ID + "country/JP").paths == 2
    assert report.cell(ID + "biocat", ID + "country/BR").flag == "none"
    assert report.cell(ID + "biocat", ID + "region/kansai").flag == "single"
    assert report.cell(ID + "nuts/DEA", ID + "country/CN").paths >= 2
    assert report.cell(ID + "nuts/DEA", ID + "country/JP").flag == "none"


def test_missing_links_and_fragmentation_are_explained(curated: EmbeddedStore) -> None:
    report = gap_report(curated)
    assert report.missing_links
    for link in report.missing_links:
        assert link.shared_neighbours and link.resource_allocation > 0
    # the most complementary pair: BioSA brings Australia, bioXclusters PLUS brings Japan
    best = report.complementary_links[0]
    assert (best.a_label, best.a_brings) == ("BioSA", ["Australia"])
    assert (best.b_label, best.b_brings) == ("bioXclusters PLUS", ["Japan", "Kansai"])
    f = report.fragmentation
    assert len(f.components) >= 2  # NRW-China stands apart from the European group
    assert f.communities and f.modularity is not None
    assert any("Bioindustry Park Silvano Fumero" in b.brokers[:1] for b in f.bridges)
    # reproducible: a fixed seed gives the same communities
    assert gap_report(curated).fragmentation == f


def test_market_filter_and_markdown_brief(curated: EmbeddedStore) -> None:
    report = gap_report(curated, market="Japan")
    assert [label for _, label in report.markets] == ["Japan"]
    brief = report.to_markdown()
    assert brief.startswith("# Gaps in the cluster network")
    assert "## Brokers" in brief and "bioPmed" in brief and "**0**" in brief
    assert report.coverage_csv().splitlines()[0].startswith("home,home_iri,home_kind,market")


def test_markdown_tables_keep_their_columns(curated: EmbeddedStore) -> None:
    """A "|" inside a cell (the pieces a broker splits into) is escaped: every row of the
    brokers table has as many columns as its header."""
    brief = gap_report(curated).to_markdown()
    table = brief.split("## Brokers")[1].split("\n\n")[1].splitlines()
    columns = [len(row.replace("\\|", "").split("|")) for row in table]
    assert len(table) > 2 and set(columns) == {columns[0]}
    assert "\\| 9 actor(s)" in brief  # the park's second piece (bioPmed in it), in the same cell


def test_errors(curated: EmbeddedStore) -> None:
    with pytest.raises(NotFoundError):
        gap_report(curated, market="Atlantis")
    with pytest.raises(AmbiguousError):
        gap_report(curated, market="South")  # South Africa, South Korea, ...
    with pytest.raises(NotFoundError, match="holds no organisation"):
        gap_report(EmbeddedStore())


def test_link_scores_are_networkx_own(curated: EmbeddedStore) -> None:
    """Resource allocation and Adamic-Adar as networkx computes them, for every suggestion."""
    import networkx as nx

    from clustergraph.network import project

    net = project(curated)
    report = gap_report(curated, network=net)
    pairs = [(m.a, m.b) for m in report.missing_links + report.complementary_links]
    ra = {(a, b): p for a, b, p in nx.resource_allocation_index(net.actors, pairs)}
    aa = {(a, b): p for a, b, p in nx.adamic_adar_index(net.actors, pairs)}
    assert pairs
    for m in report.missing_links + report.complementary_links:
        assert m.resource_allocation == pytest.approx(ra[(m.a, m.b)], abs=1e-4)
        assert m.adamic_adar == pytest.approx(aa[(m.a, m.b)], abs=1e-4)
        assert not net.actors.has_edge(m.a, m.b)
