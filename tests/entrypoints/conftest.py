"""Fixtures: the curated graph built once into an in-memory store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from clustergraph.ingest import build
from clustergraph.store import EmbeddedStore


@pytest.fixture(scope="module")
def curated() -> Iterator[EmbeddedStore]:
    """The bundled graph (ontology, reference data, sources) in memory, built once per module."""
    store = EmbeddedStore()
    build(store)
    yield store
    store.close()
