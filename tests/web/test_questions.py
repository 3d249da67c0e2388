"""Named questions as pages, through the real server: IRIs of a column the query gives no
``?xLabel`` column are shown by their names (looked up in the graph), linked to their pages."""

from __future__ import annotations

import re

import httpx


def test_iris_without_a_label_column_show_their_names(client: httpx.Client) -> None:
    answer = client.get("/questions/organisations-by-region", params={"place": "Italy"})
    assert answer.status_code == 200
    body = answer.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    # ?country has no ?countryLabel: the name, linked to the entity page, the compact IRI as the cell's title
    assert re.search(r'<td data-sort="italy" title="id:country/IT"><a href="/id/country/IT">Italy</a></td>', body), body
    assert ">id:country/IT<" not in body
    # ?locatedIn keeps the query's own label column
    assert re.search(r'<a href="/id/[^"]+">Milan</a>|<a href="/id/[^"]+">[A-Z][a-z]+', body)
