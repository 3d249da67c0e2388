"""Helpers of the browser tests: an offline page, and a seeded generator of large networks."""

from __future__ import annotations

import random
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

ID = "https://w3id.org/clustergraph/id/"
WAIT = 120_000  # ms: how long a page may take to show something, on however busy a machine


class OfflinePage:
    """A page whose requests to any host but 127.0.0.1 (and file:, data:) are recorded and aborted."""

    def __init__(self, browser: Any, *, width: int = 1400, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.set_default_timeout(WAIT)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "file:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def wait_drawn(self, timeout: float = WAIT) -> dict[str, str | None]:
        """Wait until the view says it is drawn; its status attributes."""
        self.page.wait_for_selector(".viz-status[data-state=drawn]", timeout=timeout)
        status = self.page.locator(".viz-status")
        return {k: status.get_attribute("data-" + k) for k in ("visible-nodes", "visible-edges", "draw-ms", "state")}

    def painted_pixels(self) -> int:
        """Pixels of the network canvas that something was drawn on (not transparent, not white)."""
        self.page.wait_for_timeout(300)
        return int(self.page.evaluate(
            """() => { const c = document.querySelector('.viz-canvas canvas');
                       const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       let n = 0;
                       for (let i = 0; i < d.length; i += 4) {
                         if (d[i + 3] > 0 && !(d[i] > 250 && d[i + 1] > 250 && d[i + 2] > 250)) n++;
                       }
                       return n; }"""
        ))

    def close(self) -> None:
        self.page.close()

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests to other hosts: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"


PLACES = [
    ("ES", "Spain", 40.4, -3.7), ("DE", "Germany", 52.5, 13.4), ("FR", "France", 48.9, 2.35),
    ("IT", "Italy", 41.9, 12.5), ("JP", "Japan", 35.7, 139.7), ("CN", "China", 39.9, 116.4),
    ("US", "United States", 38.9, -77.0), ("AU", "Australia", -35.3, 149.1), ("BR", "Brazil", -15.8, -47.9),
    ("SE", "Sweden", 59.3, 18.1), ("IN", "India", 28.6, 77.2), ("CA", "Canada", 45.4, -75.7),
    ("ZA", "South Africa", -25.7, 28.2), ("KR", "South Korea", 37.6, 127.0), ("GB", "United Kingdom", 51.5, -0.1),
]
TYPES = ["ClusterOrganisation", "Company", "University", "PublicBody", "SciencePark", "Alliance"]
RELATIONS = ["agreement", "alliance", "project", "event", "unit"]


def synthetic_network(nodes: int, *, seed: int = 7, edges_per_node: float = 2.0) -> nx.Graph:
    """A seeded actor graph with the projection's node and edge attributes (sparse, heavy-tailed).

    Nodes attach to earlier nodes with a preference for high degree and for their own country,
    so the graph has hubs, regional clusters and a few long ties; about one in twenty nodes has
    no place.
    """
    rng = random.Random(seed)
    g = nx.Graph()
    targets: list[int] = []
    for i in range(nodes):
        code, name, lat, lon = rng.choice(PLACES)
        attrs: dict[str, Any] = {"label": f"Org {i}", "type": rng.choice(TYPES)}
        if rng.random() > 0.05:
            attrs.update(country=f"{ID}country/{code}", country_label=name, lat=lat, long=lon)
        if rng.random() < 0.1:
            attrs["serves"] = f"{ID}country/{rng.choice(PLACES)[0]}"
        g.add_node(f"{ID}org/{i}", **attrs)
        for _ in range(max(1, int(rng.random() * 2 * edges_per_node))) if i else ():
            j = rng.choice(targets) if targets and rng.random() < 0.6 else rng.randrange(i)
            if j == i or g.has_edge(f"{ID}org/{i}", f"{ID}org/{j}"):
                continue
            start = rng.randint(2005, 2020)
            relation = rng.choice(RELATIONS)
            g.add_edge(f"{ID}org/{i}", f"{ID}org/{j}", relations=[relation], start=start,
                       end=start + rng.randint(0, 4), weight=0.7, via=[], ties=[])
            targets += [i, j]
    return g
