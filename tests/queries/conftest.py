"""Shared fixtures for the query tests: the curated graph, built as a user builds it, and a
runner that goes through the catalogue (parameters parsed, type-checked and bound)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clustergraph.catalogue import get_query, run_named
from clustergraph.store import SelectResult, Store
from tests.support.curated import Curated

Runner = Callable[..., list[dict[str, str]]]


def read_query(path):
    """The catalogue entry of a ``.rq`` file, with ``params`` as the tests name them."""
    query = get_query(path.stem)
    query.__dict__.setdefault("params", query.parameters)
    return query


def run_query(store: Store, name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Run a named query through the catalogue; rows as {variable: value} of bound variables."""
    result = run_named(store, name, params or {})
    assert isinstance(result, SelectResult), f"{name} is not a SELECT query"
    return [{k: v for k, v in row.items() if v is not None} for row in result.values()]


@pytest.fixture(scope="session")
def store(curated_data: Curated) -> Store:
    """The curated graph in memory, shared by every query test (read only)."""
    return curated_data.memory()


@pytest.fixture(scope="session")
def run(store: Store) -> Runner:
    def _run(name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
        return run_query(store, name, params)

    return _run
