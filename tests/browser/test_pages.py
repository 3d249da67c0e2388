"""The network, map and entry-point finder pages in headless chromium, against a real server:
offline (no request to another host), no console errors, a drawn canvas, working filters, facts
on click, the gap overlay, and the Japan paths of a bioXclusters PLUS member."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser import OfflinePage

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/network", "/network?layout=geo", "/map", "/entry-points"])
def test_every_page_loads_offline(browser: Any, server: Any, path: str) -> None:
    page = OfflinePage(browser)
    page.page.goto(server.url + path)
    if path == "/":
        page.page.wait_for_selector("h1")
        links = page.page.locator("header.site nav a").all_inner_texts()
        assert {"Network", "Map", "Entry points"} <= set(links)
    else:
        status = page.wait_drawn()
        assert int(status["visible-nodes"]) > 20 and int(status["visible-edges"]) > 50
        assert page.painted_pixels() > 2_000, "the network canvas is blank"
    page.close()
    page.assert_clean()


def test_filters_change_what_is_shown(browser: Any, server: Any) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(server.url + "/network")
    first = page.wait_drawn()
    nodes, edges = int(first["visible-nodes"]), int(first["visible-edges"])
    status = p.locator(".viz-status")
    # relation: without events, fewer ties
    p.locator("input[name=relation][value=event]").uncheck()
    assert int(status.get_attribute("data-visible-edges")) < edges
    p.locator("input[name=relation][value=event]").check()
    assert int(status.get_attribute("data-visible-edges")) == edges
    # market: Japan keeps the actors in or serving Japan and their partners
    p.select_option("select[name=market]", label="Japan")
    japan_nodes = int(status.get_attribute("data-visible-nodes"))
    assert 0 < japan_nodes < nodes
    p.select_option("select[name=market]", value="")
    # region: Italy keeps the actors located in Italy
    p.select_option("select[name=region]", label="Italy")
    italy = int(status.get_attribute("data-visible-nodes"))
    assert 0 < italy < nodes
    p.select_option("select[name=region]", value="")
    # year: as of 2006 drops the ties that started later
    p.locator("input[name=year]").fill("2006")
    p.locator("input[name=year-on]").check()
    assert int(status.get_attribute("data-visible-edges")) < edges
    assert "ties shown" in status.inner_text()
    page.close()
    page.assert_clean()


def test_click_shows_facts_and_gaps_on_demand(browser: Any, server: Any) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(server.url + "/network")
    page.wait_drawn()
    # click on Biocat where the network draws it
    xy = p.evaluate("""() => { const v = window.clustergraphView; const n = v.data.nodes.find(x => x.label === 'Biocat');
                               const pos = v.network.canvasToDOM(v.network.getPositions([n.id])[n.id]);
                               const r = document.querySelector('.viz-canvas').getBoundingClientRect();
                               return [r.left + pos.x, r.top + pos.y]; }""")
    p.mouse.click(xy[0], xy[1])
    p.wait_for_selector(".viz-facts[data-facts=loaded]")
    facts = p.locator(".viz-facts").inner_text()
    assert "Biocat" in facts and "bioXclusters PLUS" in facts and "001-bioxclusters-plus-news" in facts
    p.click("button[name=gaps]")
    p.wait_for_selector(".viz-gaps:not([hidden]) .viz-unreached li")
    assert int(p.locator(".viz-status").get_attribute("data-gaps")) > 0
    assert "Unreached markets" in p.locator(".viz-gaps").inner_text()
    page.close()
    page.assert_clean()


def test_finder_gives_the_japan_paths_of_biocat_and_highlights_them(browser: Any, server: Any) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(server.url + "/entry-points")
    page.wait_drawn()
    p.fill("input[name=from]", "Biocat")
    p.fill("input[name=market]", "Japan")
    p.click("#finder button[type=submit]")
    p.wait_for_selector(".finder-card")
    cards = p.locator(".finder-card").all_inner_texts()
    first = cards[0]
    assert "EU-Japan Centre" in first  # the best-ranked entry point comes first
    assert any("Osaka Bio Headquarters" in c for c in cards[1:])
    assert "organiser of" in first  # hops name their relation (Biocat organised the 2016 mission)
    assert "“" in first  # the evidence quote
    # the source by its title, linked to its page
    title = "European and Australian organisations sign international super cluster agreement"
    link = p.locator(".finder-card").first.locator(".hop-source a", has_text=title).first
    assert link.get_attribute("href") == "graph/001-bioxclusters-plus-news"
    assert "001-bioxclusters-plus-news" not in first  # no graph slug instead of the title
    p.wait_for_selector(".viz-status[data-highlighted]")
    assert int(p.locator(".viz-status").get_attribute("data-highlighted")) >= 2
    selected = p.evaluate("() => window.clustergraphView.network.getSelectedNodes()"
                          ".map(id => window.clustergraphView.data.nodes[id].label)")
    assert "Biocat" in selected
    # an unknown market says what is wrong
    p.fill("input[name=market]", "Atlantis")
    p.click("#finder button[type=submit]")
    p.wait_for_selector(".finder-status[data-state=error]")
    assert "Atlantis" in p.locator(".finder-status").inner_text()
    p.goto(server.url + "/graph/001-bioxclusters-plus-news")  # where the source link leads
    assert title in p.locator("h1").inner_text()
    page.close()
    assert page.outside == []
    # the 404 of the unknown market is the only console message
    assert all("404" in e for e in page.errors), page.errors
