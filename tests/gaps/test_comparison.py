"""Regions side by side: the library, the API and the page agree with the projection."""

from __future__ import annotations

import httpx
import pytest

from clustergraph.errors import NotFoundError, ParameterError
from clustergraph.gaps.comparison import MAX_REGIONS, compare_regions
from clustergraph.namespaces import ID
from clustergraph.network import project
from clustergraph.store import EmbeddedStore
from tests.support.http import json_of


def test_each_column_counts_what_the_projection_holds(curated: EmbeddedStore) -> None:
    catalonia, bavaria, nrw = compare_regions(curated, ["Catalonia", "DE2", "Nordrhein-Westfalen"])
    assert (catalonia.region, bavaria.region, nrw.region) == (ID + "nuts/ES51", ID + "nuts/DE2", ID + "nuts/DEA")
    net = project(curated)
    for profile in (catalonia, bavaria, nrw):
        assert profile.organisations == len(net.records.actors_in(profile.region))
    assert [e.label for e in catalonia.examples] == ["Biocat"]
    assert {e.label for e in bavaria.examples} >= {"BioM"}
    # NRW's cluster agency reaches China through ChInValue (source 004), Biocat Japan through bioXclusters
    assert "China" in [m.label for m in nrw.markets] and "ChInValue" in [p.label for p in nrw.projects]
    assert "Japan" in [m.label for m in catalonia.markets]
    assert catalonia.partners <= catalonia.ties


def test_regions_are_checked_before_anything_is_computed(curated: EmbeddedStore) -> None:
    with pytest.raises(ParameterError, match="at least one region"):
        compare_regions(curated, [])
    with pytest.raises(ParameterError, match=f"at most {MAX_REGIONS}"):
        compare_regions(curated, ["Spain"] * (MAX_REGIONS + 1))
    with pytest.raises(ParameterError, match="given twice"):
        compare_regions(curated, ["Catalonia", "ES51"])
    with pytest.raises(NotFoundError, match="Atlantis"):
        compare_regions(curated, ["Catalonia", "Atlantis"])


def test_the_api_and_the_page_answer_the_same(client: httpx.Client) -> None:
    profiles = json_of(client.get("/api/regions/compare", params=[("region", "Catalonia"), ("region", "Japan")]))
    assert [p["label"] for p in profiles] == ["Catalonia", "Japan"]
    page = client.get("/regions/compare", params=[("region", "Catalonia"), ("region", "Japan")])
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for p in profiles:
        assert f'data-region="{p["region"]}"' in page.text
    assert client.get("/api/regions/compare", params={"region": "Atlantis"}).status_code == 404
    missing = client.get("/regions/compare", params={"region": "Atlantis"})
    assert missing.status_code == 404 and "Atlantis" in missing.text and "<form" in missing.text
    assert client.get("/api/regions/compare").status_code == 400  # no region: a client error
