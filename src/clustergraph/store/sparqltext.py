"""Small, careful edits of SPARQL text, at the places its parse gives: binding values, the dataset.

A remote store cannot take pyoxigraph's substitutions, so values are bound with an inline
``VALUES`` block placed first in the outermost ``WHERE`` group (where the parse of
:mod:`.sparqlparse` says it opens). Every value is an RDF term serialised in its SPARQL form,
never raw user text. Every text that passes through here is parsed, so a query that is not
SPARQL, or nests too deeply for the engine, is refused before it reaches a store.

>>> from pyoxigraph import NamedNode, Literal
>>> q = "SELECT ?m WHERE { ?m <http://www.w3.org/ns/org#memberOf> ?a }"
>>> print(bind_values(q, {"a": NamedNode("http://e/alliance")}))
SELECT ?m WHERE { VALUES (?a) { (<http://e/alliance>) } ?m <http://www.w3.org/ns/org#memberOf> ?a }
>>> print(bind_values('ASK { ?s ?p "}" }', {"p": NamedNode("http://e/p")}))
ASK { VALUES (?p) { (<http://e/p>) } ?s ?p "}" }
>>> print(bind_values("SELECT * { SELECT ?s { ?s ?p ?o } }", {"s": NamedNode("http://e/s")}))
SELECT * { VALUES (?s) { (<http://e/s>) } { SELECT ?s { ?s ?p ?o } } }
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import QueryError
from .results import Term
from .sparqlparse import parse_query, parse_update

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def where_group_start(query: str) -> int:
    """Return the index just after the ``{`` that opens the outermost ``WHERE`` group.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_group_start(q):].strip()
    '?s ?p ?o }'
    """
    where = parse_query(query).where
    if where is None:
        raise QueryError(
            "the query has no WHERE group to bind parameters in (CONSTRUCT WHERE { ... } and DESCRIBE"
            " without WHERE have none); write CONSTRUCT { ... } WHERE { ... } instead"
        )
    return where[0]


def bind_values(query: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by an inline ``VALUES`` block at the start of the outermost group.

    The query is parsed even when there is nothing to bind, so that every query a store runs
    has been read by the parser first (see :mod:`.sparqlparse`).

    Raises
    ------
    SparqlSyntaxError
        When the query does not parse.
    QueryError
        For a binding name that is no variable name, or a query without a ``WHERE`` group.
    """
    shape = parse_query(query)
    if not bindings:
        return query
    for name in bindings:
        if not _NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    at = where_group_start(query)
    assert shape.where is not None
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(str(v) for v in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }}"
    _, close, sub_select = shape.where
    if sub_select:  # a group holding a sub-select holds nothing else: wrap the sub-select
        return f"{query[:at]}{block} {{{query[at:close]}}} {query[close:]}"
    return f"{query[:at]}{block}{query[at:]}"


def query_form(query: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the query's form, from its parse.

    >>> query_form('PREFIX ex: <http://e/SELECT> CONSTRUCT { ?s ?p "ASK" } WHERE { ?s ?p ?o }')
    'CONSTRUCT'
    """
    return parse_query(query).form


def order_by(query: str) -> list[tuple[str, bool]] | None:
    """The outermost ``ORDER BY`` as ``(variable, descending)`` pairs, if it orders by variables only.

    >>> order_by("SELECT ?a ?b WHERE { { SELECT ?x { } ORDER BY ?x } } ORDER BY DESC(?b) ?a LIMIT 3")
    [('b', True), ('a', False)]
    >>> order_by("SELECT ?a WHERE { ?a ?p ?o } ORDER BY STR(?a)") is None
    True
    """
    pairs = parse_query(query).order_by
    return None if pairs is None else list(pairs)


def expand_delete_where(update: str) -> str:
    """Write each ``DELETE WHERE { P }`` in its long form, ``DELETE { P } WHERE { P }``.

    The two mean the same (SPARQL 1.1 Update, 3.1.3.3); some servers (Virtuoso 7) delete from
    one graph only in the short form when ``P`` has ``GRAPH ?g``.

    >>> print(expand_delete_where("DELETE WHERE { GRAPH ?g { <http://e/a> ?p ?o } } ; CLEAR ALL"))
    DELETE { GRAPH ?g { <http://e/a> ?p ?o } } WHERE { GRAPH ?g { <http://e/a> ?p ?o } } ; CLEAR ALL
    """
    spans = parse_update(update).delete_wheres
    out, at = [], 0
    for delete, opened, closed in spans:
        pattern = update[opened:closed]
        out.append(f"{update[at:delete]}DELETE {pattern} WHERE {pattern}")
        at = closed
    out.append(update[at:])
    return "".join(out)


def query_dataset(
    query: str, prefixes: Mapping[str, str] | None = None, base: str | None = None
) -> tuple[list[str], list[str]] | None:
    """The graphs a query's ``FROM`` / ``FROM NAMED`` name (full IRIs), or ``None`` without them.

    A store whose default graph is the union of its named graphs passes these as the dataset,
    so that a query with ``FROM`` sees only those graphs, as the recommendation says.

    >>> query_dataset("SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }")
    (['http://e/g'], [])
    >>> query_dataset("SELECT * WHERE { ?s ?p ?o }") is None
    True
    """
    return parse_query(query).dataset(prefixes, base)
