"""Fixtures of the browser tests: Debian's chromium driven by Playwright, offline, one per module;
a real ``clustergraph serve`` per module; a seeded generator of large networks."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "api"))
sys.path.insert(0, str(Path(__file__).parent))

from browser_helpers import OfflinePage
from conftest_helpers import Server, start_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium for the module."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A read-only ``clustergraph serve`` on a store it builds on first use (one per module)."""
    folder = tmp_path_factory.mktemp("viz-served")
    running = start_server(str(folder / "store"), folder / "server.log")
    yield running
    running.stop()


@pytest.fixture
def offline_page(browser: Any) -> Iterator[OfflinePage]:
    """A fresh offline page (closed afterwards)."""
    page = OfflinePage(browser)
    yield page
    page.close()
