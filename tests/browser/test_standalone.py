"""Files written by ``clustergraph viz`` open from disk in headless chromium with no network, and a
generated 5,000-node network draws (precomputed positions, physics off; the time it takes is
printed, not asserted: speed is measured by the benchmarks)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from clustergraph.viz import graph_data, remote_references, write_html
from tests.support.browser import OfflinePage, synthetic_network
from tests.support.servers import clustergraph_command

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store folder with the bundled graph (built by the first ``viz`` call)."""
    return str(tmp_path_factory.mktemp("viz-store") / "store")


@pytest.mark.parametrize(
    "options", [["--layout", "force"], ["--layout", "geo", "--market", "Japan", "--as-of", "2016"], ["--map"]]
)
def test_viz_file_renders_from_disk_without_network(
    browser: Any, built_store: str, tmp_path: Path, options: list[str]
) -> None:
    out = tmp_path / "network.html"
    done = subprocess.run(
        [*clustergraph_command(), "viz", "-o", str(out), "--store", built_store, *options],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and out.exists()
    text = out.read_text(encoding="utf-8")
    assert remote_references(text) is True
    assert "http://" not in text and "https://" not in text, "no address at all, not even in data or licence notes"
    assert "<script src=" not in text and "<link rel=\"stylesheet\"" not in text  # everything inlined
    page = OfflinePage(browser)
    page.page.goto(out.as_uri())
    status = page.wait_drawn()
    assert page.painted_pixels() > 2_000
    if "--market" in options:  # the file opens on the Japan market filter
        assert page.page.locator("select[name=market] option:checked").inner_text() == "Japan"
        assert 0 < int(status["visible-nodes"]) < 34
    page.page.click("button[name=gaps]")
    page.page.wait_for_selector(".viz-gaps:not([hidden])")
    page.close()
    page.assert_clean()


def test_viz_rejects_bad_options(built_store: str, tmp_path: Path) -> None:
    base = [*clustergraph_command(), "viz", "--store", built_store]
    bad_layout = subprocess.run([*base, "-o", str(tmp_path / "x.html"), "--layout", "circle"],
                                capture_output=True, text=True, timeout=120)
    assert bad_layout.returncode != 0 and "--layout must be one of force, geo" in bad_layout.stderr
    bad_market = subprocess.run([*base, "-o", str(tmp_path / "x.html"), "--market", "Atlantis"],
                                capture_output=True, text=True, timeout=120)
    assert bad_market.returncode != 0 and "Atlantis" in bad_market.stderr
    assert not (tmp_path / "x.html").exists()


def test_five_thousand_nodes_draw_in_a_few_seconds(browser: Any, tmp_path: Path) -> None:
    graph = synthetic_network(5000, seed=7)
    started = time.perf_counter()
    data = graph_data(graph)
    prepared = time.perf_counter() - started
    assert data["precomputed"] and data["counts"]["nodes"] == 5000
    out = write_html(tmp_path / "big.html", data, layout="force")
    page = OfflinePage(browser)
    started = time.perf_counter()
    page.page.goto(out.as_uri())
    status = page.wait_drawn()
    drawn = time.perf_counter() - started
    assert int(status["visible-nodes"]) == 5000
    assert page.painted_pixels() > 10_000
    # a filter on a large network still answers
    page.page.locator("input[name=relation][value=event]").uncheck()
    assert int(page.page.locator(".viz-status").get_attribute("data-visible-edges")) < data["counts"]["edges"]
    page.close()
    page.assert_clean()
    print(f"\n5,000 nodes / {data['counts']['edges']} edges: data and layout {prepared:.1f} s,"
          f" navigation to drawn {drawn:.1f} s (page's own count {status['draw-ms']} ms)")


def test_the_pyvis_page_draws_offline(browser: Any, tmp_path: Path) -> None:
    """``to_pyvis(...).write_html`` gives a page that draws from disk with every other host blocked."""
    from clustergraph.network import project
    from clustergraph.network.example import example_store
    from clustergraph.viz.notebook import to_pyvis

    out = tmp_path / "pyvis.html"
    to_pyvis(project(example_store())).write_html(str(out))
    page = OfflinePage(browser)
    page.page.goto(out.as_uri())
    page.page.wait_for_function("() => window.clustergraphNetwork && document.querySelector('#mynetwork canvas')")
    page.page.wait_for_timeout(500)
    painted = page.page.evaluate(
        """() => { const c = document.querySelector('#mynetwork canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 500
    assert page.page.evaluate("() => window.clustergraphNetwork.body.data.nodes.length") == 5
    page.close()
    page.assert_clean()
