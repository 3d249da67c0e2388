"""What a SPARQL query or update is, from its parse: the one place that knows a query's shape.

Every query and update that the server, the command line or a store runs is parsed here, by a
recursive-descent parser of the SPARQL 1.1 Query and Update grammars (W3C recommendations,
section 19.8 and section 4; one method per production, named after it). The parse answers what
clustergraph decides on: the form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, ``UPDATE``),
every ``SERVICE`` (an IRI or a variable, wherever it is nested) and ``LOAD``, the dataset
(``FROM`` / ``FROM NAMED``), the ``BASE`` and prefixes, the outermost ``ORDER BY``, and where the
outermost ``WHERE`` group opens and closes (where parameters are bound). Text that does not parse
is refused with line and column, and so are the static errors of the recommendations (checked in
:mod:`.grammar`).

Why our own parser: every request of the endpoint passes through it, so it must cost little
next to the engine. Measured on BSBM queries (``python -m benchmarks.bench_sparqlparse``), Lark's
LALR(1) parser on a grammar written from the same EBNF costs about 10 times what pyoxigraph
needs to parse and answer the query on an empty store, and this parser about as much as
pyoxigraph (rdflib's parser is slower than Lark and refuses valid queries). It recurses, but
:mod:`.lex` bounds the brackets first, and long chains (``UNION``s,
``&&``s, ``BIND``s ...) are loops here whose length is measured (:data:`MAX_DEPTH`), because the
engine nests them.

>>> shape = parse_query("PREFIX ex: <http://e/> SELECT * FROM <http://e/g> WHERE { SERVICE ?s { ?a ?b ?c } }")
>>> shape.form, shape.services, shape.default_graphs
('SELECT', ('?s',), ('<http://e/g>',))
>>> parse_query("SELECT * WHERE { ?s ?p }")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
clustergraph.store.sparqlparse.lex.SparqlSyntaxError: SPARQL syntax error at line 1, column 24: ...
>>> parse_update("LOAD <http://e/data.ttl>").loads
('<http://e/data.ttl>',)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from .grammar import Grammar
from .lex import ClosureTriple, SparqlSyntaxError, tokenize

__all__ = [
    "MAX_DEPTH",
    "ClosureTriple",
    "QueryShape",
    "SparqlSyntaxError",
    "full_iri",
    "parse",
    "parse_query",
    "parse_update",
]

#: The most the parse's measure of nesting may reach: open brackets plus the elements of the
#: chains around them (a group's patterns, a chain of operators), each of which the engine
#: nests. Its stack overflows past about 2,500 (``BIND``s in one group, items of a ``SELECT``).
MAX_DEPTH = 1000


@dataclass(frozen=True)
class QueryShape:
    """What the parse of a query or an update says.

    IRIs are as written (``<...>`` or a prefixed name); :meth:`dataset` gives full ones.
    ``where`` is ``(open, close, sub_select)``: the index just after the ``{`` of the outermost
    ``WHERE`` group, the index of its ``}``, and whether the group is one sub-select (``None`` for
    updates and ``CONSTRUCT WHERE { ... }``). ``order_by`` is the outermost ``ORDER BY`` as
    ``(variable, descending)`` pairs (``None`` when absent or ordering by an expression).
    ``delete_wheres`` holds, for each ``DELETE WHERE`` of an update, the index of ``DELETE``, of
    the ``{`` of its pattern and just after its ``}``. ``closure_paths``: whether a property path
    has ``*`` or ``+``; ``closure_triples`` the patterns that are one such path from a subject to
    an IRI (:class:`ClosureTriple`). What a query costs at most, as far as the parse can tell:
    ``triple_patterns`` (every triple pattern, also in ``EXISTS``, sub-queries and ``CONSTRUCT
    WHERE``; not a template's), ``subqueries``, ``aggregates`` (an aggregate or ``GROUP BY``
    anywhere), and the outermost ``limit`` (``None`` without one), ``offset`` and ``ordered``
    (an ``ORDER BY``); a ``LIMIT`` or ``OFFSET`` of 19 digits or more counts as 10^18.
    """

    kind: str
    form: str
    services: tuple[str, ...] = ()
    loads: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()
    where: tuple[int, int, bool] | None = None
    order_by: tuple[tuple[str, bool], ...] | None = None
    delete_wheres: tuple[tuple[int, int, int], ...] = ()
    closure_paths: bool = False
    closure_triples: tuple[ClosureTriple, ...] = ()
    variable_graph: bool = False
    default_triples: bool = True
    depth: int = 0
    triple_patterns: int = 0
    subqueries: int = 0
    aggregates: bool = False
    limit: int | None = None
    offset: int = 0
    ordered: bool = False

    @property
    def calls_out(self) -> bool:
        """Whether running it would contact another host (``SERVICE`` or ``LOAD``)."""
        return bool(self.services or self.loads)

    @property
    def has_dataset(self) -> bool:
        """Whether the query names its dataset (``FROM`` or ``FROM NAMED``)."""
        return bool(self.default_graphs or self.named_graphs)

    def dataset(
        self, prefixes: Mapping[str, str] | None = None, base: str | None = None
    ) -> tuple[list[str], list[str]] | None:
        """The ``FROM`` and ``FROM NAMED`` graphs as full IRIs, or ``None`` when there are none.

        ``prefixes`` are those declared for every query (the query's own win); ``base`` is what
        relative IRIs resolve against when the query has no ``BASE``.

        >>> parse_query("SELECT * FROM NAMED g:one WHERE {}").dataset({"g": "http://g/"})
        ([], ['http://g/one'])
        """
        if not self.has_dataset:
            return None
        declared = {**(prefixes or {}), **dict(self.prefixes)}
        against = resolve(base, self.base) if self.base is not None else base
        return (
            [full_iri(i, declared, against) for i in self.default_graphs],
            [full_iri(i, declared, against) for i in self.named_graphs],
        )


def resolve(base: str | None, iri: str) -> str:
    """``iri`` resolved against ``base`` (unchanged when it is absolute or there is no base)."""
    if base is None or _SCHEME(iri):
        return iri
    return urljoin(base, iri)


def _SCHEME(iri: str) -> bool:
    head, colon, _ = iri.partition(":")
    return bool(colon) and head[:1].isalpha() and all(c.isalnum() or c in "+-." for c in head)


def full_iri(written: str, prefixes: Mapping[str, str], base: str | None) -> str:
    """The IRI a written ``<...>`` or prefixed name stands for.

    >>> full_iri("ex:a\\\\.b", {"ex": "http://e/"}, None), full_iri("<x>", {}, "http://h/y")
    ('http://e/a.b', 'http://h/x')
    """
    if written.startswith("<"):
        return resolve(base, _unescape(written[1:-1]))
    prefix, _, local = written.partition(":")
    if prefix not in prefixes:
        raise SparqlSyntaxError(f"the prefix {prefix}: of {written} is not declared")
    return prefixes[prefix] + (local.replace("\\", "") if "\\" in local else local)


def _unescape(iri: str) -> str:
    if "\\" not in iri:
        return iri
    import re

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16)), iri)


def parse_query(text: str) -> QueryShape:
    """Parse a SPARQL 1.1 query (answers are cached by text).

    >>> found = parse_query("SELECT ?t { ?t a/ex:sub* <http://e/Top> }").closure_triples[0]
    >>> found.subject, found.step, found.path, found.modifier, found.target
    ('?t', 'a', 'ex:sub', '*', '<http://e/Top>')

    Raises
    ------
    SparqlSyntaxError
        With line and column, for text that is not a query, nests too deeply, or breaks one of
        the recommendation's static rules.
    """
    return _parse(text, "query")


def parse_update(text: str) -> QueryShape:
    """Parse a SPARQL 1.1 update (see :func:`parse_query`)."""
    return _parse(text, "update")


def parse(text: str, kind: str) -> QueryShape:
    """:func:`parse_query` (``kind="query"``) or :func:`parse_update` (``"update"``)."""
    if kind not in ("query", "update"):
        raise ValueError(f"kind must be 'query' or 'update', not {kind!r}")
    return _parse(text, kind)


@lru_cache(maxsize=1024)
def _parse(text: str, kind: str) -> QueryShape:
    grammar = Grammar(text, tokenize(text))
    try:
        if kind == "query":
            grammar.query_unit()
        else:
            grammar.update_unit()
    except RecursionError:
        raise SparqlSyntaxError(f"the {kind} nests too deeply to be read; split it into simpler ones") from None
    if grammar.peak > MAX_DEPTH:
        raise SparqlSyntaxError(
            f"the {kind} nests {grammar.peak} levels deep, counting the patterns of a group and the"
            f" operators of a chain; at most {MAX_DEPTH} are accepted: split it, or write long lists"
            " as VALUES or IN (...)"
        )
    found = grammar.found
    return QueryShape(
        kind=kind,
        form=found.form,
        services=tuple(found.services),
        loads=tuple(found.loads),
        default_graphs=tuple(found.default_graphs),
        named_graphs=tuple(found.named_graphs),
        base=found.base,
        prefixes=tuple(found.prefixes.items()),
        where=found.where,
        order_by=found.order_by,
        delete_wheres=tuple(found.delete_wheres),
        closure_paths=found.closure,
        closure_triples=tuple(found.closures),
        variable_graph=found.variable_graph,
        default_triples=found.default_triples,
        depth=grammar.peak,
        triple_patterns=found.triples,
        subqueries=found.subqueries,
        aggregates=found.grouped or grammar.aggregates > 0,
        limit=found.limit,
        offset=found.offset,
        ordered=found.ordered,
    )
