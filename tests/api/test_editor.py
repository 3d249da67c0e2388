"""The query editor in headless Chromium: it loads, runs a catalogue query, and shows rows,
without a single request to another host and without console errors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.browser import WAIT

pytestmark = pytest.mark.browser


def open_page(browser: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page()
    page.set_default_timeout(WAIT)
    outside: list[str] = []
    errors: list[str] = []

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith("data:") or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, outside, errors


def test_editor_runs_a_catalogue_query_offline(browser: Any, served: Any) -> None:
    from clustergraph.catalogue import load_catalogue

    catalogue = load_catalogue()
    assert catalogue, "the bundled catalogue has no named queries"
    page, outside, errors = open_page(browser)
    page.goto(served.url + "/query")
    page.wait_for_selector(".yasqe .CodeMirror")
    buttons = page.locator("button.example")
    assert buttons.count() == len(catalogue)
    buttons.first.click()  # loads the example (with its example parameters) and runs it
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for()
    assert rows.count() > 0
    assert "No data available" not in rows.first.inner_text()
    # prefix completion offers the project's prefixes
    page.evaluate("""() => { const y = window.clustergraphEditor.getTab().getYasqe();
                             y.setValue('PREFIX cg'); y.setCursor({line: 0, ch: 9}); y.autocomplete(); }""")
    hint = page.locator(".CodeMirror-hints li").first
    hint.wait_for()
    assert "cg: <https://w3id.org/clustergraph/ontology#>" in page.locator(".CodeMirror-hints").inner_text()
    page.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], f"console errors: {errors}"


def test_pages_load_offline(browser: Any, served: Any) -> None:
    for path, selector in [("/", "h1"), ("/docs", ".swagger-ui .info"), ("/id/biopmed", "li.statement"),
                           ("/search?q=bio", "ul.matches li")]:
        page, outside, errors = open_page(browser)
        page.goto(served.url + path)
        page.wait_for_selector(selector)
        page.close()
        assert outside == [], f"{path}: requests to other hosts: {outside}"
        assert errors == [], f"{path}: console errors: {errors}"
