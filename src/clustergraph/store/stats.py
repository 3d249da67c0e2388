"""Counts that tell what a store holds: triples per graph, entities per class."""

from __future__ import annotations

from typing import Any

from .. import sparql
from .base import Store
from .results import SelectResult, term_value


def store_stats(store: Store) -> dict[str, Any]:
    """Triples per named graph, entities per class, and the total.

    >>> from clustergraph.store import open_store
    >>> store_stats(open_store(":memory:"))
    {'total': 0, 'graphs': {}, 'classes': {}}
    """
    graphs = {g.value: store.count(g.value) for g in store.graphs()}
    result = store.query(sparql.load("entities-per-class"))
    assert isinstance(result, SelectResult)
    classes = {
        term_value(row[0]): int(term_value(row[1]))
        for row in result.rows
        if row[0] is not None and row[1] is not None
    }
    return {"total": store.count(), "graphs": graphs, "classes": classes}
