"""The layout of every page against the reference (tests/browser/reference/layout.json), in headless
chromium at desktop and phone width: the pages of the bundled graph match it; CSS that moves a
landmark is caught and named; a page that scrolls sideways is caught."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clustergraph.web import layout
from clustergraph.web.screenshots import PAGES, SIZES, PageSpec, visit
from tests.support.curated import Curated
from tests.support.servers import Server, start_server

pytestmark = pytest.mark.browser

REFERENCE = Path(__file__).parent / "reference" / "layout.json"
HOME = next(p for p in PAGES if p.name == "home")


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Iterator[Server]:
    """``clustergraph serve`` on the bundled graph with the default settings (as the reference was made)."""
    folder = tmp_path_factory.mktemp("layout")
    server = start_server(curated_data.folder(folder / "store"), folder / "server.log")
    yield server
    server.stop()


def layouts(browser: Any, base: str, pages: tuple[PageSpec, ...] = PAGES,
            sizes: tuple[tuple[int, int], ...] = SIZES, css: str | None = None
            ) -> dict[tuple[str, tuple[int, int]], layout.Layout]:
    return {(spec.name, size): layout.measure(page) for spec, size, page in visit(browser, base, pages, sizes, css=css)}


def test_every_page_matches_the_reference(browser: Any, plain_server: Server) -> None:
    reference = layout.load(REFERENCE)
    assert {name for name in reference} == {p.name for p in PAGES}
    found = layouts(browser, plain_server.url)
    assert len(found) == len(PAGES) * len(SIZES) == 20
    assert all(len(lay.landmarks) >= 4 for lay in found.values())  # header, nav, main, h1 at least
    assert "canvas" in found["network", (390, 844)].landmarks
    failures = layout.check_all(found, reference)
    assert failures == [], "\n".join([*failures, "refresh: " + layout.REFRESH])


def test_css_that_moves_a_landmark_is_caught(browser: Any, plain_server: Server) -> None:
    reference = layout.load(REFERENCE)
    found = layouts(browser, plain_server.url, (HOME,), ((1400, 900),), css="main h1 { margin-top: 2em; }")
    failures = layout.check_all(found, reference)
    moved = [f for f in failures if f.startswith("home at 1400 px: h1 moved: expected ")]
    assert moved, failures
    expected = reference["home"]["1400x900"]["landmarks"]["h1"]
    assert "expected x={:g} y={:g} w={:g} h={:g}, found".format(*expected) in moved[0]
    # a move within the tolerance passes
    nudged = layouts(browser, plain_server.url, (HOME,), ((1400, 900),), css="main h1 { position: relative; left: 2px; }")
    assert layout.check_all(nudged, reference) == []


def test_a_page_that_scrolls_sideways_is_caught(browser: Any, plain_server: Server) -> None:
    reference = layout.load(REFERENCE)
    found = layouts(browser, plain_server.url, (HOME,), ((390, 844),),
                    css="main h1 { white-space: nowrap; font-size: 5em; }")
    failures = layout.check_all(found, reference)
    assert any(f.startswith("home at 390 px: scrolls sideways (document ") for f in failures), failures
