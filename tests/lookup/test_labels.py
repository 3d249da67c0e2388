"""The names of many IRIs at once (:func:`clustergraph.lookup.labels`), on the curated graph."""

from __future__ import annotations

from clustergraph.lookup import labels
from clustergraph.lookup.labels import CHUNK
from clustergraph.store import EmbeddedStore

ID = "https://w3id.org/clustergraph/id/"


def test_names_of_places_organisations_and_strangers(curated: EmbeddedStore) -> None:
    iris = [ID + "country/JP", ID + "biocat", ID + "country/JP", "http://example.org/none"]
    found = labels(curated, iris)
    assert found == {ID + "country/JP": "Japan", ID + "biocat": "Biocat"}  # English first; no name, no entry


def test_more_iris_than_one_query_binds(curated: EmbeddedStore) -> None:
    iris = [ID + "country/JP"] + [f"http://example.org/n{i}" for i in range(CHUNK + 5)] + [ID + "biocat"]
    assert labels(curated, iris) == {ID + "country/JP": "Japan", ID + "biocat": "Biocat"}
