"""Virtuoso 7's quirks, repaired so that callers see what the embedded store would give them.

Found on Debian's ``virtuoso-opensource-7`` (07.20.3229) and handled here:

- **Literals come back in Virtuoso's own forms.** ``xsd:boolean`` is ``1`` in its JSON answers,
  ``xsd:double`` ``1000.0`` (and a bare ``2.5``, an ``xsd:decimal``, in its Turtle), and ``xsd:duration`` is stored as a
  number: months for a year-month duration (``"P3Y"`` -> ``36``), seconds for a day-time one
  (``"P1D"`` -> ``86400.0``; the seconds field gains a spurious fraction, ``PT10S`` -> ``10.1``).
  Such literals are turned back into the canonical form pyoxigraph gives (``"P3Y"``, ``"true"``,
  ``"1000"``). A duration Virtuoso cannot hold (years or months *and* days or time, fractional
  seconds, negative) is refused before anything is written, instead of being changed.
- **Blank nodes** are named ``nodeID://b10001`` in answers (not a valid label: the prefix is
  dropped) and are refused in ``INSERT DATA``; quads with blank nodes are written with
  ``INSERT { ... } WHERE { }``, one operation for all of them so their labels stay shared.
  Durations are written as ``STRDT`` values bound in that operation's ``WHERE`` (a duration
  constant in an update makes Virtuoso fail with SR553).
- **Size limits.** One ``GRAPH { }`` block of more than about 5,000 triples exhausts its parser
  (SP030) and an update text over 10 MB is refused (SR578): writes are cut into blocks of 1,000
  triples and requests of :attr:`~clustergraph.store.dialects.Virtuoso.update_limit` bytes.
- **Order.** ``ORDER BY`` sorts language-tagged strings by language first; an answer ordered
  by plain variables is sorted again here the way Oxigraph sorts (:func:`order_key`).
- **Cut answers.** Past its time limit Virtuoso returns what it has with ``X-SQL-State: S1TAT``;
  past ``ResultSetMaxRows`` it returns that many rows. Both are errors here, never a short answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import httpx
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple, Variable, parse, parse_query_results
from pyoxigraph import Store as OxStore

from ..errors import QueryTimeoutError, RemoteStoreError
from ..namespaces import RDF, XSD
from .answers import convert, rdf_format
from .dialects import MEDIA_TYPES
from .results import GraphResult, QueryResult, SelectResult, Term
from .sparqlparse import QueryShape, SparqlSyntaxError, full_iri, parse_query

DURATION = NamedNode(XSD + "duration")
#: Datatypes whose lexical form Virtuoso changes; their literals are made canonical on reading.
REPAIRED = frozenset(XSD + t for t in ("boolean", "double", "float", "duration"))
_NEEDLES = tuple(f"{XSD}{t}".encode() for t in ("boolean", "double", "float", "duration"))
_STORABLE = re.compile(r"P(?:(?:\d+Y)?(?:\d+M)?|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)")
_NUMBER = re.compile(r"-?\d+(\.\d*)?(E[+-]?\d+)?", re.IGNORECASE)
BLOCK = 1_000
_canonical_cache: dict[tuple[str, str], Literal] = {}


def clean_answer(body: bytes) -> bytes:
    """Rewrite Virtuoso's ``nodeID://`` blank node names into valid labels.

    >>> clean_answer(b"<bnode>nodeID://b10001</bnode>")
    b'<bnode>b10001</bnode>'
    """
    return body.replace(b"<bnode>nodeID://", b"<bnode>").replace(b'"nodeID://', b'"')


def needs_repair(body: bytes) -> bool:
    """Whether an answer may hold a literal Virtuoso writes in its own form."""
    return any(needle in body for needle in _NEEDLES)


def canonical(literal: Literal) -> Literal:
    """The literal in the canonical form pyoxigraph stores it in.

    >>> canonical(Literal("1", datatype=NamedNode(XSD + "boolean"))).value
    'true'
    """
    key = (literal.value, literal.datatype.value)
    found = _canonical_cache.get(key)
    if found is None:
        store = OxStore()
        node = NamedNode("urn:x:s")
        store.add(Quad(node, node, literal))
        found = next(iter(store)).object
        assert isinstance(found, Literal)
        if len(_canonical_cache) < 10_000:
            _canonical_cache[key] = found
    return found


def repair(term: Term | None) -> Term | None:
    """A term as the embedded store would give it back.

    >>> repair(Literal("36", datatype=DURATION)).value, repair(Literal("86400.0", datatype=DURATION)).value
    ('P3Y', 'P1D')
    >>> repair(Literal("10.1", datatype=DURATION)).value
    'PT10S'
    """
    if not isinstance(term, Literal) or term.datatype.value not in REPAIRED:
        return term
    value = term.value
    if term.datatype == DURATION and _NUMBER.fullmatch(value):
        if "." in value or "e" in value.lower():
            number = int(float(value))
            value = ("-" if number < 0 else "") + f"PT{abs(number)}S"
        else:
            number = int(value)
            value = ("-" if number < 0 else "") + f"P{abs(number)}M"
    return canonical(Literal(value, datatype=term.datatype))


_NUMERIC = frozenset(
    XSD + t
    for t in (
        *("integer", "decimal", "double", "float", "long", "int", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
    )
)


def order_key(term: Term | None) -> tuple[object, ...]:
    """A sort key that orders terms as Oxigraph's ``ORDER BY`` does.

    Unbound first, then blank nodes, IRIs and literals; numbers by value, other literals by
    lexical form, then datatype and language.

    >>> sorted(["BioM", "Biocat", "BioM Biotech Cluster"], key=lambda v: order_key(Literal(v, language="en")))
    ['BioM', 'BioM Biotech Cluster', 'Biocat']
    """
    if term is None:
        return (0,)
    if isinstance(term, BlankNode):
        return (1, term.value)
    if isinstance(term, NamedNode):
        return (2, term.value)
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return (3, 0, float(term.value))
            except ValueError:
                pass
        return (3, 1, term.value, datatype, term.language or "")
    return (4, str(term))


def reorder(rows: list[tuple[Term | None, ...]], variables: list[str], order: list[tuple[str, bool]]) -> None:
    """Sort rows in place by ``(variable, descending)`` keys, the last key first (stable)."""
    for name, descending in reversed(order):
        if name not in variables:
            return
        i = variables.index(name)
        rows.sort(key=lambda row: order_key(row[i]), reverse=descending)


def repair_rows(rows: list[tuple[Term | None, ...]]) -> list[tuple[Term | None, ...]]:
    """Every row with :func:`repair` applied to each term."""
    return [tuple(repair(t) for t in row) for row in rows]


def check_answer(response: httpx.Response, max_rows: int | None, rows: int) -> None:
    """Refuse an answer Virtuoso cut short (time limit, row limit)."""
    state = response.headers.get("x-sql-state", "")
    if state == "S1TAT":
        raise QueryTimeoutError(
            "the SPARQL server (Virtuoso) stopped the query at its time limit and would answer"
            " only in part; simplify the query or raise the time limit (--timeout, or"
            " MaxQueryExecutionTime in virtuoso.ini)"
        )
    limit = response.headers.get("x-sparql-maxrows")
    if limit is not None or (max_rows is not None and rows >= max_rows):
        raise RemoteStoreError(
            f"the SPARQL server (Virtuoso) cut the answer at {limit or max_rows} rows"
            " (ResultSetMaxRows in the [SPARQL] section of virtuoso.ini); raise that limit, or"
            " ask a narrower question"
        )


def check_storable(quads: Sequence[Quad]) -> None:
    """Refuse literals Virtuoso would change on storing (see the module docs)."""
    for quad in quads:
        obj = quad.object
        if isinstance(obj, Literal) and obj.datatype == DURATION and not _STORABLE.fullmatch(obj.value):
            raise RemoteStoreError(
                f'the SPARQL server (Virtuoso 7) cannot store the duration "{obj.value}" of'
                f" {quad.subject} {quad.predicate} unchanged: it keeps either months or whole"
                " seconds. Nothing was written. Fixes: state the duration in years and months or"
                " in days and whole seconds (P1Y6M, P10D, PT90S), or use another SPARQL server"
            )


def _special(quad: Quad) -> bool:
    obj = quad.object
    return (
        isinstance(quad.subject, BlankNode)
        or isinstance(obj, BlankNode)
        or (isinstance(obj, Literal) and obj.datatype == DURATION)
    )


def _blocks(quads: Iterable[Quad], render: dict[int, str] | None = None) -> Iterator[str]:
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        obj = render.get(id(quad)) if render else None
        by_graph.setdefault(str(quad.graph_name), []).append(f"{quad.subject} {quad.predicate} {obj or quad.object} .")
    for graph, lines in by_graph.items():
        for at in range(0, len(lines), BLOCK):
            yield f"GRAPH {graph} {{\n" + "\n".join(lines[at : at + BLOCK]) + "\n}"


def insert_operations(quads: Sequence[Quad]) -> list[str]:
    """SPARQL update operations that insert the quads into Virtuoso, each within its limits.

    Quads without blank nodes or durations go into ``INSERT DATA`` operations of 20 blocks;
    the others into one ``INSERT { } WHERE { }`` (so blank nodes keep their identity).

    >>> from pyoxigraph import BlankNode
    >>> g, p = NamedNode("http://e/g"), NamedNode("http://e/p")
    >>> ops = insert_operations([Quad(NamedNode("http://e/a"), p, BlankNode("b1"), g)])
    >>> print(ops[0])
    INSERT {
    GRAPH <http://e/g> {
    <http://e/a> <http://e/p> _:b1 .
    }
    } WHERE { }
    """
    check_storable(quads)
    plain = [q for q in quads if not _special(q)]
    special = [q for q in quads if _special(q)]
    operations: list[str] = []
    blocks = list(_blocks(plain))
    for at in range(0, len(blocks), 20):
        operations.append("INSERT DATA {\n" + "\n".join(blocks[at : at + 20]) + "\n}")
    if special:
        render: dict[int, str] = {}
        binds: list[str] = []
        for quad in special:
            obj = quad.object
            if isinstance(obj, Literal) and obj.datatype == DURATION:
                name = f"?d{len(binds)}"
                binds.append(f"BIND(STRDT({Literal(obj.value)}, {DURATION}) AS {name})")
                render[id(quad)] = name
        body = "\n".join(_blocks(special, render))
        where = " ".join(binds)
        operations.append(f"INSERT {{\n{body}\n}} WHERE {{ {where}{' ' if where else ''}}}")
    return operations


def requests(operations: Iterable[str], limit: int) -> Iterator[str]:
    """Join operations into update requests of at most ``limit`` bytes (each op stays whole)."""
    batch: list[str] = []
    size = 0
    for op in operations:
        length = len(op.encode("utf-8")) + 3
        if batch and size + length > limit:
            yield " ;\n".join(batch)
            batch, size = [], 0
        batch.append(op)
        size += length
    if batch:
        yield " ;\n".join(batch)


RDF_TYPE = NamedNode(RDF + "type")


def _term(written: str, shape: QueryShape) -> NamedNode:
    """The IRI a written ``<...>``, prefixed name or ``a`` stands for, as a term."""
    if written == "a":
        return RDF_TYPE
    return NamedNode(full_iri(written, dict(shape.prefixes), shape.base))


def rewrite_closures(query: str, closure: Callable[[str], list[Term]]) -> str:
    """Replace each ``*``/``+`` path to a fixed IRI by the set of nodes it reaches.

    Virtuoso 7.2 evaluates such a path correctly on its own, but often wrongly (no rows) when
    it is joined with the rest of a query. ``closure(text)`` runs a query of one variable,
    ``?closure``, and returns its values; each path is evaluated so, once, and bound with
    ``VALUES`` (a first ``a/`` step becomes a join with a fresh variable, hidden in a sub-select
    that keeps the multiplicity SPARQL gives a sequence path: one solution per node reached by
    the first step; only with an IRI subject, where the step becomes ``FILTER EXISTS``, is that
    count lost).

    The patterns are those the parse finds (:attr:`QueryShape.closure_triples`), replaced at
    the positions it gives; the helper query and the replacement hold only the parsed IRIs as
    terms serialised by pyoxigraph (which refuses an invalid IRI) and the parsed variable, never
    text cut from the query. The path and its target are written as constants, not bound with
    ``VALUES``: a join is what Virtuoso gets wrong. A query that does not parse, or names a
    prefix it does not declare, is sent unchanged (the server says what is wrong with it).

    >>> q = "PREFIX ex: <http://e/> SELECT ?t WHERE { ?t ex:sub* ex:Top . }"
    >>> print(rewrite_closures(q, lambda text: [NamedNode("http://e/Top"), NamedNode("http://e/Mid")]))
    PREFIX ex: <http://e/> SELECT ?t WHERE { VALUES ?t { <http://e/Top> <http://e/Mid> } . }
    >>> asked = []
    >>> q = 'SELECT * { ?a <s:p>+ <s:T> . ?a ?p "?b <x:p>* <x:q> ." }'
    >>> print(rewrite_closures(q, lambda text: asked.append(text) or [NamedNode("s:T")]))
    SELECT * { VALUES ?a { <s:T> } . ?a ?p "?b <x:p>* <x:q> ." }
    >>> print(asked)
    ['SELECT DISTINCT ?closure WHERE { ?closure <s:p>+ <s:T> }']
    """
    try:
        shape = parse_query(query)
        found = [
            (
                triple,
                Variable(triple.subject[1:]) if triple.subject[0] in "?$" else _term(triple.subject, shape),
                _term(triple.step, shape) if triple.step else None,
                _term(triple.path, shape),
                _term(triple.target, shape),
            )
            for triple in shape.closure_triples
        ]
    except (SparqlSyntaxError, ValueError):
        return query
    for n, (triple, subject, step, path, target) in reversed(list(enumerate(found))):
        text = f"SELECT DISTINCT ?closure WHERE {{ ?closure {path}{triple.modifier} {target} }}"
        values = " ".join(str(v) for v in closure(text) if v is not None)
        if step is not None:
            hidden = f"?closure_{n}"
            inner = f"{subject} {step} {hidden} VALUES {hidden} {{ {values} }}"
            if isinstance(subject, Variable):
                # not DISTINCT: the path's solutions count once per node its first step reaches
                replacement = f"{{ SELECT {subject} WHERE {{ {inner} }} }}"
            else:
                replacement = f"FILTER EXISTS {{ {inner} }}"
        elif isinstance(subject, Variable):
            replacement = f"VALUES {subject} {{ {values} }}"
        else:
            replacement = f"FILTER EXISTS {{ VALUES ?closure_{n} {{ {values} }} FILTER(?closure_{n} = {subject}) }}"
        query = query[: triple.start] + replacement + query[triple.end :]
    return query


def read_answer(response: httpx.Response, kind: str) -> QueryResult:
    """Virtuoso's answer of media type ``kind``, cleaned and repaired (see the module's list)."""
    data = clean_answer(response.read())
    broken = needs_repair(data)
    if kind in MEDIA_TYPES:
        answer = convert(parse_query_results(data, format=MEDIA_TYPES[kind]))
        check_answer(response, None, 0)
        if broken and isinstance(answer, SelectResult):
            answer.rows = repair_rows(answer.rows)
        return answer
    check_answer(response, None, 0)
    triples = [q.triple for q in parse(data, format=rdf_format(kind))]
    if broken:
        triples = [Triple(t.subject, t.predicate, repair(t.object)) for t in triples]  # type: ignore[arg-type]
    return GraphResult(triples)
