"""The map's regions in headless chromium: a server given region shapes (the invented test geometry of
tests/resources/regions) draws them below the countries' outlines, shades them by the chosen
measure, zooms to ES51 from the address, the picker and a click; axe-core clean, no console error,
no request beyond 127.0.0.1. Without shapes the countries alone are shaded. A ``viz --map`` file
carries the shapes inlined and draws them from disk."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from clustergraph.viz import remote_references
from tests.browser.test_web import allow_axe, serious_violations
from tests.support.browser import OfflinePage
from tests.support.servers import Server, clustergraph_command, start_server

pytestmark = pytest.mark.browser

SHAPES = Path(__file__).resolve().parent.parent / "resources" / "regions" / "regions.geojson"


@pytest.fixture(scope="module")
def shaped(tmp_path_factory: pytest.TempPathFactory, curated_data: Any) -> Any:
    """A read-only server on the curated graph, given the test region shapes (by the environment)."""
    folder = tmp_path_factory.mktemp("shaped")
    server = start_server(curated_data.folder(folder / "store"), folder / "server.log",
                          {"CLUSTERGRAPH_REGION_SHAPES": str(SHAPES)})
    yield server
    server.stop()


def _map(page: Any) -> dict[str, str | None]:
    page.wait_for_selector("section.regions[data-state=drawn]")
    holder = page.locator(".regions-map")
    return {k: holder.get_attribute("data-" + k) for k in ("regions", "shaded", "shaded-regions", "focused", "zoom")}


def test_region_shapes_are_served_named_from_the_graph(shaped: Server) -> None:
    answer = httpx.get(shaped.url + "/api/region-shapes", timeout=60)
    assert answer.status_code == 200
    regions = {r["code"]: r for r in answer.json()["regions"]}
    assert set(regions) == {"ES51", "DEA", "ITC1", "JP-27"}
    assert regions["ES51"]["label"] == "Catalonia"


def test_the_map_shades_regions_and_zooms_to_es51(browser: Any, shaped: Server) -> None:
    page = OfflinePage(browser)
    p = page.page
    allow_axe(p, shaped.url)
    p.goto(shaped.url + "/map?zoom=ES51")
    state = _map(p)
    assert state["regions"] == "4"
    # organisations are located in ES51 (Biocat), DEA and ITC1: those regions are shaded
    assert int(state["shaded-regions"] or 0) >= 3 and int(state["shaded"] or 0) > int(state["shaded-regions"] or 0)
    for code in ("ES51", "DEA", "ITC1"):
        value = p.locator(f".geomap-region[data-code={code}]").get_attribute("data-value")
        assert value is not None and int(value) >= 1, code
    assert p.locator(".geomap-region[data-code='JP-27']").get_attribute("data-value") is None  # nobody there
    assert p.locator(".geomap-region[data-code=ES51] title").text_content().startswith("Catalonia: ")
    # zoomed in on Catalonia from the address
    assert state["focused"] == "ES51" and float(state["zoom"] or 0) > 20
    assert p.locator("select[name=zoom]").input_value() == "ES51"
    # the regions lie below the countries' outlines
    order = p.evaluate("() => Array.from(document.querySelector('.geomap-svg').children).map(g => g.getAttribute('class'))")
    assert order.index("geomap-regions") < order.index("geomap-borders")
    violations = serious_violations(p, shaped.url)
    assert violations == [], "\n".join(violations)
    # another measure shades by ties
    organisations = p.locator(".geomap-region[data-code=DEA]").get_attribute("data-value")
    p.select_option("select[name=measure]", "ties")
    assert p.locator(".geomap-legend").inner_text().startswith("Ties with an end there")
    assert p.locator(".geomap-region[data-code=DEA]").get_attribute("data-value") not in (None, organisations) or \
        p.locator(".geomap-region[data-code=DEA] title").text_content().endswith("ties")
    page.close()
    page.assert_clean()


def test_a_region_is_zoomed_to_by_the_picker_and_by_a_click(browser: Any, shaped: Server) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(shaped.url + "/map")
    assert _map(p)["focused"] is None
    p.select_option("select[name=zoom]", "ES51")
    assert p.locator(".regions-map").get_attribute("data-focused") == "ES51"
    assert "zoom=ES51" in p.url  # the address now opens there
    p.select_option("select[name=zoom]", "")
    assert float(p.locator(".regions-map").get_attribute("data-zoom") or 0) < 2
    # over Germany, a click on North Rhine-Westphalia (near its corner, clear of the points)
    # zooms to it and lists its organisations
    p.select_option("select[name=zoom]", "DE")
    p.locator(".geomap-region[data-code=DEA]").click(position={"x": 6, "y": 6})
    p.wait_for_selector(".regions-map[data-focused=DEA]")
    popup = p.locator(".regions .geomap-popup")
    assert popup.is_visible() and popup.inner_text().startswith("×\nNorth Rhine-Westphalia (DEA)")
    assert "organisation" in popup.inner_text()
    page.close()
    page.assert_clean()


def test_without_shapes_the_countries_alone_are_shaded(browser: Any, served: Server) -> None:
    assert httpx.get(served.url + "/api/region-shapes", timeout=60).json()["regions"] == []
    page = OfflinePage(browser)
    p = page.page
    p.goto(served.url + "/map?zoom=DE")
    state = _map(p)
    assert state["regions"] == "0" and state["shaded-regions"] == "0"
    assert int(state["shaded"] or 0) >= 5  # the countries with organisations
    assert p.locator(".geomap-country[data-iso=ES]").get_attribute("data-value") is not None
    assert state["focused"] == "DE"
    page.wait_drawn()  # the network map below draws as before
    page.close()
    page.assert_clean()


def test_a_viz_map_file_carries_the_shapes_and_loads_nothing_from_outside(
    browser: Any, tmp_path: Path, curated_data: Any
) -> None:
    store = curated_data.folder(tmp_path / "store")
    out = tmp_path / "map.html"
    done = subprocess.run(
        [*clustergraph_command(), "viz", "--map", "-o", str(out), "--store", str(store), "--region-shapes", str(SHAPES)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "4 region shapes" in done.stdout
    text = out.read_text(encoding="utf-8")
    assert 'id="viz-regions"' in text and 'id="viz-countries"' in text
    assert remote_references(text) is True
    assert "http://" not in text and "https://" not in text
    assert "<script src=" not in text
    page = OfflinePage(browser)
    page.page.goto(out.as_uri() + "?zoom=ES51")
    state = _map(page.page)
    assert state["regions"] == "4" and int(state["shaded-regions"] or 0) >= 3
    assert state["focused"] == "ES51"
    page.close()
    page.assert_clean()


def test_the_regions_follow_the_relation_and_year_filters(browser: Any, served: Server) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(served.url + "/map")
    _map(p)
    page.wait_drawn()
    p.select_option("select[name=measure]", "ties")

    def ties(iso: str) -> int:
        return int(p.locator(f".geomap-country[data-iso={iso}]").get_attribute("data-value") or 0)

    spain, germany = ties("ES"), ties("DE")
    assert spain > 0 and germany > 0
    # as of 2006: the ties that started later leave the figures (and the network below)
    p.locator("input[name=year]").fill("2006")
    p.locator("input[name=year-on]").check()
    assert ties("ES") < spain
    assert p.locator(".regions").get_attribute("data-visible-edges") == p.locator(".viz-status").get_attribute(
        "data-visible-edges")
    p.locator("input[name=year-on]").uncheck()
    assert (ties("ES"), ties("DE")) == (spain, germany)
    # without events: fewer ties with an end in Spain, and the country's title says so
    p.locator("input[name=relation][value=event]").uncheck()
    fewer = ties("ES")
    assert fewer < spain
    assert p.locator(".geomap-country[data-iso=ES] title").text_content().endswith(f": {fewer} tie" + ("" if fewer == 1 else "s"))
    p.locator("input[name=relation][value=event]").check()
    assert ties("ES") == spain
    page.close()
    page.assert_clean()
