"""Run a named query, or SPARQL text, against any store."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..store.base import Store
from ..store.results import QueryResult
from ..terms import expand
from .catalogue import NamedQuery, get_query
from .params import bind_parameters, to_term


def run_named(
    store: Store,
    query: str | NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    folder: str | Path | None = None,
) -> QueryResult:
    """Run a named query with parameters given as text; values are bound, never pasted.

    >>> from clustergraph.store import open_store
    >>> from clustergraph.catalogue.catalogue import parse_query_text
    >>> q = parse_query_text("n", "# param: x | integer | a number\\nSELECT ?y WHERE { BIND(?x + 1 AS ?y) }")
    >>> run_named(open_store(":memory:"), q, {"x": "41"}).values()
    [{'y': '42'}]
    """
    named = query if isinstance(query, NamedQuery) else get_query(query, folder)
    bindings = bind_parameters(named.parameters, params or {}, query=named.name)
    return store.query(named.text, bindings=bindings)


def run_text(store: Store, sparql: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run SPARQL text; ``params`` (``name=value``) are bound as IRIs, integers or strings.

    A value in angle brackets, an ``http(s)://`` or ``urn:`` IRI or a prefixed name with a known
    prefix (:func:`clustergraph.terms.expand`) is an IRI, a number is an integer, anything else a
    string.

    >>> from clustergraph.store import open_store
    >>> q = "SELECT ?x ?n ?s WHERE {}"
    >>> run_text(open_store(":memory:"), q, {"x": "id:biocat", "n": "7", "s": "Biocat"}).values()
    [{'x': 'https://w3id.org/clustergraph/id/biocat', 'n': '7', 's': 'Biocat'}]
    """
    bindings = {}
    for name, raw in (params or {}).items():
        if expand(raw) is not None or (raw.startswith("<") and raw.endswith(">")):
            bindings[name] = to_term(raw, "iri", name=name)
        elif raw.lstrip("+-").isdigit():
            bindings[name] = to_term(raw, "integer", name=name)
        else:
            bindings[name] = to_term(raw, "string", name=name)
    return store.query(sparql, bindings=bindings)
