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
from collections.abc import Iterable, Mapping, Sequence

from ..errors import QueryError
from .results import Term
from .sparqlparse import SparqlSyntaxError, parse, parse_query, parse_update

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


def _inline(query: str, names: Sequence[str], rows: str) -> str:
    """``VALUES (names) { rows }`` first in the outermost group (wrapping a sub-select)."""
    for name in names:
        if not _NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    at = where_group_start(query)
    where = parse_query(query).where
    assert where is not None
    block = f" VALUES ({' '.join(f'?{k}' for k in names)}) {{ {rows} }}"
    _, close, sub_select = where
    if sub_select:  # a group holding a sub-select holds nothing else: wrap the sub-select
        return f"{query[:at]}{block} {{{query[at:close]}}} {query[close:]}"
    return f"{query[:at]}{block}{query[at:]}"


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
    parse_query(query)
    if not bindings:
        return query
    return _inline(query, list(bindings), "(" + " ".join(str(v) for v in bindings.values()) + ")")


def bind_rows(query: str, names: Sequence[str], rows: Iterable[Sequence[Term]]) -> str:
    """Bind variables to several rows of values by one inline ``VALUES`` block (as
    :func:`bind_values` binds one row); every term is serialised by pyoxigraph.

    >>> from pyoxigraph import NamedNode
    >>> bind_rows("SELECT ?s WHERE { ?s ?p ?o }", ["s"], [[NamedNode("http://e/a")], [NamedNode("http://e/b")]])
    'SELECT ?s WHERE { VALUES (?s) { (<http://e/a>) (<http://e/b>) } ?s ?p ?o }'
    """
    return _inline(query, names, " ".join("(" + " ".join(str(v) for v in row) + ")" for row in rows))


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


def has_closure_path(query: str) -> bool:
    """Whether the query (or update) uses a ``*`` or ``+`` property path, from its parse.

    Text that parses neither as a query nor as an update has none (the server will say why).

    >>> has_closure_path("SELECT * WHERE { ?t rdfs:subClassOf* ?c }"), has_closure_path("SELECT (COUNT(*) AS ?n) {}")
    (True, False)
    >>> has_closure_path('SELECT * WHERE { ?s <http://e/p> "a+" } # ex:p+')
    False
    """
    if "*" not in query and "+" not in query:
        return False
    for kind in ("query", "update"):
        try:
            return parse(query, kind).closure_paths
        except SparqlSyntaxError:
            continue
    return False


def graph_use(query: str) -> tuple[bool, bool]:
    """Whether the query matches triples in the default graph, and in graphs a variable names
    (``GRAPH ?g { }``), from its parse. Text that does not parse as a query may do both.

    >>> graph_use("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"), graph_use("ASK { GRAPH <http://e/g> { ?s ?p ?o } }")
    ((False, True), (False, False))
    >>> graph_use("SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH <http://e/g> { ?s ?p ?o } } }")
    (True, False)
    """
    try:
        shape = parse(query, "query")
    except SparqlSyntaxError:
        return True, True  # the server will say why
    return shape.default_triples, shape.variable_graph
