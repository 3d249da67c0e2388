"""The network view at 10^4 nodes, and search to focus a node, in headless chromium.

A synthetic ecosystem of 10,000 actors (:mod:`clustergraph.synthetic`, projected as a user's store
would be) is written by :func:`clustergraph.viz.write_html` and opened from disk: above 4,000 ties
the page draws the ties itself on the canvas (vis-network only the nodes); the drawing follows the
filters; typing a name and Enter centres the view on that organisation and selects it; no console
error. Times are printed, not asserted (``benchmarks/bench_viz.py`` measures them)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from clustergraph.ingest import build, load_files
from clustergraph.network import project
from clustergraph.store.embedded import EmbeddedStore
from clustergraph.synthetic import generate_file
from clustergraph.viz import network_data, write_html
from tests.support.browser import OfflinePage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ACTORS = 10_000


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The standalone page of the projected synthetic ecosystem, and its data."""
    folder = tmp_path_factory.mktemp("big")
    generate_file(folder / "synthetic.nq", actors=ACTORS, seed=7)
    store = EmbeddedStore()
    build(store, validate=False)
    load_files(store, [folder / "synthetic.nq"], validate=False)
    data = network_data(project(store))
    store.close()
    return write_html(folder / "big.html", data, layout="force"), data


def test_ten_thousand_nodes_draw_with_their_ties_on_the_canvas(browser: Any, big_page: tuple[Path, dict[str, Any]]) -> None:
    out, data = big_page
    assert data["counts"]["nodes"] >= ACTORS and data["counts"]["edges"] > 4000
    page = OfflinePage(browser)
    p = page.page
    started = time.perf_counter()
    p.goto(out.as_uri())
    status = page.wait_drawn()
    drawn = time.perf_counter() - started
    assert int(status["visible-nodes"]) == data["counts"]["nodes"]
    assert int(status["visible-edges"]) > 4000
    assert p.locator(".viz-status").get_attribute("data-ties-drawn") == "canvas"
    # vis-network holds the nodes only; the page draws the ties
    assert p.evaluate("() => window.clustergraphView.network.body.data.edges.length") == 0
    with_ties = page.painted_pixels()
    for value in p.eval_on_selector_all("input[name=relation]:checked", "boxes => boxes.map(b => b.value)"):
        p.locator(f"input[name=relation][value={value}]").uncheck()
    assert int(p.locator(".viz-status").get_attribute("data-visible-edges")) == 0
    without_ties = page.painted_pixels()
    assert without_ties < with_ties * 0.9, (with_ties, without_ties)  # the ties were drawn, and go with the filter
    p.locator("input[name=relation][value=project]").check()
    assert 0 < int(p.locator(".viz-status").get_attribute("data-visible-edges")) < int(status["visible-edges"])
    assert page.painted_pixels() > without_ties
    # search to focus: the node is centred and selected, its facts shown
    names = Counter(n["label"] for n in data["nodes"])
    target = next(n for n in data["nodes"][len(data["nodes"]) // 2:] if names[n["label"]] == 1)  # a name of one node
    p.fill("input[name=focus]", target["label"])
    p.press("input[name=focus]", "Enter")
    assert p.locator(".viz-status").get_attribute("data-focused") == target["label"]
    assert p.evaluate("() => window.clustergraphView.network.getSelectedNodes()") == [target["id"]]
    assert p.locator(".viz-facts h3").inner_text() == target["label"]
    offset = p.evaluate("""(id) => { const net = window.clustergraphView.network;
        const at = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.querySelector('.viz-canvas').getBoundingClientRect();
        return [Math.abs(at.x - box.width / 2), Math.abs(at.y - box.height / 2)]; }""", target["id"])
    assert offset[0] < 5 and offset[1] < 5, offset
    page.close()
    page.assert_clean()
    print(f"\n{data['counts']['nodes']:,} nodes / {data['counts']['edges']:,} ties: navigation to drawn {drawn:.1f} s "
          f"(page's own count {status['draw-ms']} ms)")


def test_search_focuses_a_node_of_the_served_network(browser: Any, server: Any) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(server.url + "/network")
    page.wait_drawn()
    assert p.locator(".viz-status").get_attribute("data-ties-drawn") == "vis-network"  # a small network: vis draws them
    p.select_option("select[name=region]", label="Italy")  # Biocat (Catalonia) is hidden by the filter
    p.fill("input[name=focus]", "biocat")
    p.press("input[name=focus]", "Enter")
    assert p.locator(".viz-status").get_attribute("data-focused") == "Biocat"
    selected = p.evaluate("() => window.clustergraphView.network.getSelectedNodes()"
                          ".map(id => window.clustergraphView.data.nodes[id].label)")
    assert selected == ["Biocat"]
    assert p.locator(".viz-facts h3").inner_text() == "Biocat"
    p.fill("input[name=focus]", "Atlantis Cluster")
    p.press("input[name=focus]", "Enter")
    assert p.locator(".viz-status").get_attribute("data-focused") == ""
    assert "No organisation is named “Atlantis Cluster”" in p.locator(".viz-status").inner_text()
    page.close()
    page.assert_clean()
