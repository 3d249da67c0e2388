"""Entity IRIs holding percent-encoded characters resolve by the links the pages render (issue 12)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from clustergraph.namespaces import GRAPH, ID
from clustergraph.store import EmbeddedStore
from tests.support.servers import Server, start_server

LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
KNOWS = NamedNode("https://schema.org/knows")
QUOTED = ID + "say-%22hi%22"  # the IRI itself holds %22 (a quote, which no IRI may hold as it is)
SPACED = ID + "two%20words"
ACCENTED = ID + "caf\u00e9"  # a browser sends /id/caf%C3%A9


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("iris")
    store = EmbeddedStore(folder / "store")
    graph = NamedNode(GRAPH + "test-iris")
    plain = NamedNode(ID + "plain")
    quads = [Quad(plain, LABEL, Literal("Plain"), graph)]
    for iri, label in ((QUOTED, "Quoted"), (SPACED, "Spaced"), (ACCENTED, "Accented")):
        quads += [Quad(NamedNode(iri), LABEL, Literal(label), graph), Quad(plain, KNOWS, NamedNode(iri), graph)]
    store.add(quads)
    store.close()
    running = start_server(str(folder / "store"), folder / "server.log")
    yield running
    running.stop()


def links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="(/id/[^"?]+)"', page)]


def test_the_links_a_page_renders_resolve_to_the_entities_they_name(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        page = http.get("/id/plain")
        assert page.status_code == 200, page.text
        found = links(page.text)
        assert "/id/say-%22hi%22" in found and "/id/two%20words" in found, found
        for href, label in (("/id/say-%22hi%22", "Quoted"), ("/id/two%20words", "Spaced"), ("/id/caf%C3%A9", "Accented")):
            r = http.get(href)  # sent as written: httpx keeps the percent-encoding
            assert r.status_code == 200, (href, r.text)
            assert f"<title>{label} " in r.text, href


def test_rdf_and_json_of_a_percent_encoded_iri_name_it_exactly(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        turtle = http.get("/id/say-%22hi%22", headers={"Accept": "application/n-triples"})
        assert turtle.status_code == 200, turtle.text
        assert f"<{QUOTED}> <{LABEL.value}> \"Quoted\"" in turtle.text
        api = http.get("/api/entities/say-%22hi%22")
        assert api.status_code == 200, api.text
        assert api.json()["iri"] == QUOTED and api.json()["name"] == "Quoted"
        accented = http.get("/api/entities/caf%C3%A9")
        assert accented.status_code == 200 and accented.json()["iri"] == ACCENTED, accented.text
        # %25 stays %25: this names another IRI, which is not in the graph
        assert http.get("/id/say-%22hi%22".replace("%22", "%2522")).status_code == 404


def test_the_page_of_a_percent_encoded_iri_links_its_own_formats(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        page = http.get("/id/say-%22hi%22")
        assert page.status_code == 200
        alternate = re.search(r'rel="alternate" type="text/turtle" href="([^"]+)"', page.text)
        assert alternate is not None
        r = http.get(html.unescape(alternate.group(1)))
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
        assert "Quoted" in r.text


