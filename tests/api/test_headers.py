"""Security headers on every answer of a real ``clustergraph serve``, the hot path of ``GET /sparql`` too."""

from __future__ import annotations

import re

import httpx
import pytest

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)


def _common(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/query", "/search", "/network", "/map", "/docs"])
def test_pages_run_only_the_servers_own_scripts(client: httpx.Client, path: str) -> None:
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text[:300]
    _common(page)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    # the policy would block an inline script: none may be in the page (JSON data islands are not run)
    assert INLINE_SCRIPT.findall(page.text) == []


def test_data_answers_run_nothing(client: httpx.Client) -> None:
    hot = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    assert hot.status_code == 200 and hot.json()["boolean"] is True
    posted = client.post("/sparql", data={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    error = client.get("/sparql", params={"query": "ASK {"})
    api = client.get("/api/search", params={"q": "Biocat"})
    for response in (hot, posted, error, api):
        _common(response)
        assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_wrong_method_names_the_allowed_ones(client: httpx.Client) -> None:
    response = client.request("DELETE", "/sparql")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers["allow"].split(",")}
    assert {"GET", "POST"} <= allowed and "DELETE" not in allowed
    _common(response)
