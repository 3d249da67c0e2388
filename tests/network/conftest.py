"""The analytics tests of this folder run on every kind of store (embedded, oxigraph serve, Virtuoso)."""

from __future__ import annotations

import pytest

from clustergraph.store import Store


@pytest.fixture(scope="module")
def curated(curated_everywhere: Store) -> Store:
    """The curated graph on each kind of store (see ``curated_everywhere`` in tests/conftest.py)."""
    return curated_everywhere
