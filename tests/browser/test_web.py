"""The pages as a user meets them, in headless chromium against the session's real server: a
named question answered through its form and its permalink reopened, an entity page with a quote
and a source for each statement, and every page at desktop and phone width checked by axe-core
(no serious or critical violation), with no console error and no request leaving 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from clustergraph.web.screenshots import PAGES, SIZES, first_source
from tests.support.browser import OfflinePage

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_PATH = "/__tests__/axe.min.js"  # answered by the test's route, never by the server


def table_of(page: Any) -> list[list[str]]:
    """The answer's table as the user reads it: the text of each cell, row by row."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('table.results tbody tr'))
                 .map(tr => Array.from(tr.cells).map(td => td.innerText.trim()))"""
    )


def test_a_question_answered_through_its_form_and_its_permalink_reopened(browser: Any, server: Any) -> None:
    first = OfflinePage(browser)
    p = first.page
    p.goto(server.url + "/questions/organisations-by-region")
    p.wait_for_selector("body[data-views]")
    opened = table_of(p)  # a question opens answered for its example (Germany)
    p.locator("input[name=place]").fill("Italy")
    with p.expect_navigation():
        p.get_by_role("button", name="Answer").click()
    p.wait_for_selector("body[data-views]")
    table = table_of(p)
    assert table and table != opened
    assert all("Italy" in row for row in table), table  # in Italy or one of its regions (its name, not id:country/IT)
    country = p.locator("table.results tbody tr").first.locator("td a", has_text=re.compile("^Italy$")).last
    assert country.get_attribute("href") == "/id/country/IT"
    assert {"Areta", "Milan Chamber of Commerce"} <= {row[0] for row in table}
    assert p.locator("small.resolved[data-for=place]").inner_text() == "= Italy"
    permalink = p.locator("a.permalink").get_attribute("href")
    assert permalink and "place=" in permalink
    target = p.url.split("?")[0] + permalink
    first.close()
    first.assert_clean()

    again = OfflinePage(browser)
    again.page.goto(target)
    again.page.wait_for_selector("body[data-views]")
    assert table_of(again.page) == table
    again.close()
    again.assert_clean()


def test_an_entity_page_shows_each_statement_with_its_quote_and_source(browser: Any, server: Any) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(server.url + "/id/biopmed")
    assert p.locator("h1").inner_text() == "bioPmed"
    statements = p.evaluate(
        """() => Array.from(document.querySelectorAll('li.statement')).map(li => ({
                 value: li.querySelector('.value').innerText.trim(),
                 source: (li.querySelector('.source a') || {}).textContent || '',
                 href: (li.querySelector('.source a') || {}).href || '',
                 quotes: Array.from(li.querySelectorAll('blockquote.quote')).map(q => q.innerText.trim())}))"""
    )
    quoted = [s for s in statements if s["quotes"]]
    assert len(quoted) >= 3, statements
    # each statement has its own quote: not the same text repeated on every row
    assert len({q for s in quoted for q in s["quotes"]}) >= 3
    kickoff = next(s for s in quoted if "kick-off" in s["value"])
    assert any("January 26-27 in Lyon" in q for q in kickoff["quotes"])
    for s in quoted:
        # the source by its title (words, not a graph slug), linked to its source page
        assert "/graph/" in s["href"] and " " in s["source"].strip(), s
    headings = p.locator("section.relation[aria-labelledby^=rel-] h3").all_inner_texts()
    assert "is participant of" in headings, headings
    assert not [h for h in headings if re.match(r"\w+:\w", h)], headings  # relations in words, no CURIEs
    page.close()
    page.assert_clean()


@pytest.fixture(scope="module")
def source_path(served: Any) -> str:
    return first_source(served.url)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_every_page_is_accessible_offline_and_without_console_errors(
    browser: Any, server: Any, source_path: str, spec: Any, size: tuple[int, int]
) -> None:
    page = OfflinePage(browser, width=size[0], height=size[1])
    p = page.page
    allow_axe(p, server.url)
    p.goto(server.url + spec.path.replace("{source}", source_path))
    p.wait_for_selector(spec.ready, state="attached")
    p.wait_for_load_state("networkidle")
    violations = serious_violations(p, server.url)
    assert violations == [], "\n".join(violations)
    page.close()
    page.assert_clean()


#: Pages that are not shot: the list of questions, an HTML 404 (the API documentation: below).
EXTRA = [("questions", "/questions", "main h1"), ("not-found", "/id/no-such-entity", "main h1")]


@pytest.mark.parametrize(("path", "ready"), [(path, ready) for _, path, ready in EXTRA], ids=[n for n, _, _ in EXTRA])
def test_the_other_pages_are_accessible_too(browser: Any, server: Any, path: str, ready: str) -> None:
    page = OfflinePage(browser)
    p = page.page
    allow_axe(p, server.url)
    answer = p.goto(server.url + path)
    assert answer is not None and answer.status == (404 if "no-such" in path else 200)
    p.wait_for_selector(ready, state="attached")
    p.wait_for_load_state("networkidle")
    violations = serious_violations(p, server.url)
    assert violations == [], "\n".join(violations)
    page.close()
    page.errors = [e for e in page.errors if "404" not in e or "no-such" not in path]  # the page's own status
    page.assert_clean()


@pytest.mark.parametrize(("question", "view"), [("alliance-members", "map"), ("actor-connections", "network")])
def test_the_editors_answer_views_are_accessible(browser: Any, server: Any, question: str, view: str) -> None:
    page = OfflinePage(browser)
    p = page.page
    allow_axe(p, server.url)
    p.goto(server.url + "/query?question=" + question)
    p.locator(".yasr table tbody tr").first.wait_for()  # a question opens answered
    assert serious_violations(p, server.url) == []
    p.locator(".yasr_btn.select_" + view).click()
    p.wait_for_selector(f".editor-views[data-plugin={view}][data-state=drawn]")
    violations = serious_violations(p, server.url)
    assert violations == [], "\n".join(violations)
    page.close()
    page.assert_clean()


def allow_axe(page: Any, base: str) -> None:
    """Answer AXE_PATH on the server's origin with axe-core (the CSP allows same-origin scripts)."""
    page.route(base + AXE_PATH, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))


def serious_violations(page: Any, base: str) -> list[str]:
    """axe-core's serious and critical violations of the page as it is now, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=base + AXE_PATH)
    return list(page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                        v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
    ))


def test_the_api_documentation_is_accessible_opened_and_tried(browser: Any, server: Any) -> None:
    """Swagger UI's page passes axe-core as loaded, with operations opened and "Try it out"
    pressed (its nested links, unnamed selects and pale colours are repaired by docs.js/.css)."""
    page = OfflinePage(browser)
    p = page.page
    allow_axe(p, server.url)
    answer = p.goto(server.url + "/docs")
    assert answer is not None and answer.status == 200
    p.wait_for_selector(".opblock", state="attached")
    p.wait_for_load_state("networkidle")
    assert serious_violations(p, server.url) == []
    summaries = p.locator(".opblock-summary-control")
    assert summaries.count() >= 6
    summaries.first.click()  # GET /sparql: its parameters
    p.wait_for_selector(".opblock-body tr[data-param-name=query]")
    summaries.nth(5).click()
    p.locator(".try-out__btn").first.click()
    p.wait_for_selector(".btn.execute")
    violations = serious_violations(p, server.url)
    assert violations == [], "\n".join(violations)
    page.close()
    page.assert_clean()


def test_regions_are_compared_through_the_form(browser: Any, server: Any) -> None:
    page = OfflinePage(browser)
    p = page.page
    p.goto(server.url + "/regions/compare")
    p.fill("input[name=region] >> nth=0", "Catalonia")
    p.fill("input[name=region] >> nth=1", "Japan")
    p.click(".compare-form button[type=submit]")
    p.wait_for_selector(".compare-table")
    heads = p.locator(".compare-table thead th[data-region]").all_inner_texts()
    assert heads == ["Catalonia", "Japan"]
    assert "region=Catalonia" in p.url and "region=Japan" in p.url  # the address reproduces it
    organisations = p.locator("tr[data-measure=organisations] td").all_inner_texts()
    assert all(int(n) >= 1 for n in organisations)
    assert "Biocat" in p.locator("tr[data-measure=examples] td").first.inner_text()
    page.close()
    page.assert_clean()
