"""The compiled algorithms give networkx's answers, and the curated answers hold on every library."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from clustergraph.entrypoints import entry_points
from clustergraph.gaps import gap_report
from clustergraph.lookup import resolve
from clustergraph.network import algorithms, project
from clustergraph.network.csr import CSRGraph
from clustergraph.store import EmbeddedStore

ID = "https://w3id.org/clustergraph/id/"
LIBRARIES = [b for b in algorithms.BACKENDS if b in ("numpy", "networkx") or algorithms.installed(b)]


def random_graph(n: int = 300, seed: int = 3) -> tuple[CSRGraph, nx.Graph]:
    g = nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)
    g.add_nodes_from(range(n, n + 5))  # isolated nodes too
    edges = np.array(sorted(tuple(sorted(e)) for e in g.edges))
    return CSRGraph.from_edges(g.number_of_nodes(), edges[:, 0], edges[:, 1]), g


@pytest.mark.parametrize("library", LIBRARIES)
def test_betweenness_is_networkx_exact_and_sampled(library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTERGRAPH_GRAPH_BACKEND", library)
    csr, g = random_graph()
    exact = nx.betweenness_centrality(g)
    sampled = nx.betweenness_centrality(g, k=40, seed=42)
    ours_exact = algorithms.betweenness(csr)
    ours_sampled = algorithms.betweenness(csr, k=40, seed=42)
    assert max(abs(ours_exact[v] - exact[v]) for v in g) < 1e-12
    assert max(abs(ours_sampled[v] - sampled[v]) for v in g) < 1e-12
    assert ours_exact.max() > 0.05  # a real hub, not a graph of zeros


@pytest.mark.parametrize("library", LIBRARIES)
def test_cut_points_bridges_components_and_distances(library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTERGRAPH_GRAPH_BACKEND", library)
    csr, g = random_graph(seed=5)
    assert algorithms.articulation_points(csr) == set(nx.articulation_points(g))
    assert algorithms.bridges(csr) == sorted(tuple(sorted(e)) for e in nx.bridges(g))
    labels = algorithms.components(csr)
    assert len(set(labels.tolist())) == nx.number_connected_components(g)
    lengths = nx.multi_source_dijkstra_path_length(g, {0, 7}, cutoff=3)
    found = algorithms.distances(csr, [0, 7], limit=3.5)
    assert {v: int(d) for v, d in enumerate(found) if d >= 0} == lengths


def test_an_unknown_library_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTERGRAPH_GRAPH_BACKEND", "graphtool")
    with pytest.raises(ValueError, match="CLUSTERGRAPH_GRAPH_BACKEND='graphtool': use one of igraph"):
        algorithms.betweenness(random_graph()[0])


@pytest.mark.parametrize("library", LIBRARIES)
def test_the_curated_answers_on_every_library(
    curated: EmbeddedStore, library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLUSTERGRAPH_GRAPH_BACKEND", library)
    report = gap_report(curated, network=project(curated))
    top = report.brokers[0]
    # the NETBIOCLUE / bioXclusters bridge: the science park, partner in NETBIOCLUE (2006) and,
    # with bioPmed, in bioXclusters ("bioPmed/Bioindustry Park Silvano Fumero")
    assert top.actor == ID + "bioindustry-park-silvano-fumero" and top.articulation_point
    assert any("NETBIOCLUE" in p.groups for p in top.pieces)
    assert resolve(curated, "Bioindustry Park", ("actor",)).iri == top.actor  # the park's name in NETBIOCLUE
    for member in ("Biocat", "BioM", "Lyonbiopole"):
        found = {e.actor for e in entry_points(curated, member, "Japan").entry_points}
        assert {ID + "osaka-bio-headquarters", ID + "eu-japan-centre"} <= found
    china = entry_points(curated, "NRW", "China")
    assert china.entry_points[0].actor == ID + "china-medical-city"



COMMUNITY_LIBRARIES = [b for b in ("igraph", "networkx") if b == "networkx" or algorithms.installed(b)]


@pytest.mark.parametrize("library", COMMUNITY_LIBRARIES)
def test_communities_are_louvain_partitions_the_same_every_run(library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTERGRAPH_GRAPH_BACKEND", library)
    csr, g = random_graph(n=400, seed=8)
    weights = np.linspace(1.0, 2.0, csr.m)
    found = algorithms.communities(csr, weights)
    assert sorted(x for c in found for x in c) == sorted(v for v in g if g.degree(v) > 0)  # isolated nodes left out
    assert algorithms.communities(csr, weights) == found  # seeded: the same communities again
    for a, b, w in zip(csr.u.tolist(), csr.v.tolist(), weights.tolist(), strict=True):
        g.edges[a, b]["weight"] = w
    reference = nx.community.louvain_communities(g, weight="weight", seed=42)
    ours = nx.community.modularity(g, [set(c) for c in found] + [{v} for v in g if g.degree(v) == 0])
    assert ours > 0.5 and abs(ours - nx.community.modularity(g, reference)) < 0.03  # as good a split as networkx's


def test_the_curated_communities_and_gaps_are_equal_on_both_libraries(
    curated: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = project(curated)
    e = net.actor_edges
    g = nx.Graph()
    g.add_nodes_from(i for i in range(e.graph.n) if e.graph.degree()[i] > 0)
    g.add_weighted_edges_from(zip(e.graph.u.tolist(), e.graph.v.tolist(), e.weight.tolist(), strict=True))
    expected = sorted(sorted(c) for c in nx.community.louvain_communities(g, weight="weight", seed=42))
    reports = {}
    for library in COMMUNITY_LIBRARIES:
        monkeypatch.setenv("CLUSTERGRAPH_GRAPH_BACKEND", library)
        assert sorted(algorithms.communities(e.graph, e.weight)) == expected
        reports[library] = gap_report(curated, network=project(curated)).model_dump()
    assert len(expected) >= 3 and all(r == reports["networkx"] for r in reports.values())
