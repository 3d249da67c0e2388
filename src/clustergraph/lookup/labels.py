"""The names of many IRIs at once: what a table shows instead of compact IRIs.

A named question that selects no ``?xLabel`` column answers with bare IRIs; :func:`labels` looks
up the names of all of them by one query per thousand IRIs (``sparql/lookup-labels.rq``), the IRIs
bound as the rows of a ``VALUES`` block serialised by pyoxigraph, never pasted into the text.

>>> from clustergraph.network.example import example_store
>>> labels(example_store(), ["https://w3id.org/clustergraph/id/alpha-cluster", "http://example.org/nothing"])
{'https://w3id.org/clustergraph/id/alpha-cluster': 'Alpha Cluster'}
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from .. import sparql
from ..store.base import Store
from ..store.results import SelectResult
from ..store.sparqltext import bind_rows

#: IRIs bound by one query.
CHUNK = 1000


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """The preferred name of each of ``iris`` that has one (English, else untagged, else any).

    Parameters
    ----------
    store : Store
        Where the names are.
    iris : iterable of str
        The IRIs (duplicates are asked once).

    Returns
    -------
    dict
        IRI -> name; an IRI without a name is left out.
    """
    wanted = list(dict.fromkeys(iris))
    found: dict[str, str] = {}
    text = sparql.load("lookup-labels")
    for start in range(0, len(wanted), CHUNK):
        rows = [[NamedNode(iri)] for iri in wanted[start:start + CHUNK]]
        result = store.query(bind_rows(text, ["iri"], rows))
        assert isinstance(result, SelectResult)
        for iri, label in result.rows:
            if isinstance(iri, NamedNode) and isinstance(label, Literal):
                found.setdefault(iri.value, label.value)
    return found
