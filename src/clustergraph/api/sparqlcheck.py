"""What the endpoint checks before it runs SPARQL, decided from the parse (:mod:`..store.sparqlparse`).

A query or update is parsed first; text that does not parse (or nests too deeply for the engine)
gets a 400 with the parser's line and column. ``SERVICE`` (anywhere, also ``SERVICE ?var`` and
inside sub-queries and updates) and ``LOAD`` are refused unless the server allows them; the
query workers are also denied the network (:mod:`..store.sandbox`), so a call the parse did not
see still cannot leave the machine. Relative IRIs resolve against the endpoint's URL, and a
query's ``FROM`` / ``FROM NAMED`` become its dataset.

>>> checked("PREFIX ex: <http://e/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "query", allow_service=False).form
'CONSTRUCT'
>>> checked('SELECT * WHERE { ?s ?p "SERVICE" }', "query", allow_service=False).services
()
>>> checked("SELECT * WHERE { SERVICE <http://other.example/sparql> { ?s ?p ?o } }", "query",
...         allow_service=False)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
clustergraph.errors.ServiceNotAllowedError: SERVICE (federated query) is switched off on this server, ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pyoxigraph import NamedNode

from ..errors import ParameterError, ServiceNotAllowedError
from ..store.sparqlparse import QueryShape, parse

#: A base IRI safe to write into a query's prologue (scheme, host, port, plain path).
_SAFE_BASE = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~\-/]*)?")


def checked(sparql: str, kind: str, *, allow_service: bool) -> QueryShape:
    """Parse a query (``kind="query"``) or an update (``"update"``) and refuse remote calls.

    Raises
    ------
    SparqlSyntaxError
        When the text does not parse, with line and column.
    ServiceNotAllowedError
        For ``SERVICE`` or ``LOAD`` when the server does not allow them.
    """
    if not sparql.strip():
        raise ParameterError(f"the {kind} is empty")
    shape = parse(sparql, kind)
    if not allow_service:
        check_remote_calls(shape)
    return shape


def check_remote_calls(shape: QueryShape) -> None:
    """Refuse a parsed query or update that calls out (``SERVICE``, ``LOAD``)."""
    if shape.services:
        raise ServiceNotAllowedError(
            f"SERVICE (federated query) is switched off on this server, so it never contacts other hosts;"
            f" remove the SERVICE {shape.services[0]} clause (an administrator can allow it with"
            " CLUSTERGRAPH_ALLOW_SERVICE=true)"
        )
    if shape.loads:
        raise ServiceNotAllowedError(
            f"LOAD {shape.loads[0]} would fetch a document from another host, which this server does not do;"
            " send the data in the update (INSERT DATA) instead"
        )


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``, from the parse."""
    return parse(sparql, "query").form


def endpoint_base(url: str) -> str | None:
    """The endpoint's URL as a base IRI for relative ones, if it is safe to write into a query.

    >>> endpoint_base("http://127.0.0.1:8000/sparql"), endpoint_base("http://x> SERVICE <y/")
    ('http://127.0.0.1:8000/sparql', None)
    """
    return url if _SAFE_BASE.fullmatch(url) else None


def with_base(sparql: str, base: str | None) -> str:
    """The text with ``BASE <base>`` before it (on the same line, so line numbers stay)."""
    return sparql if base is None else f"BASE <{base}> {sparql}"


def check_graph_iris(default_graphs: Sequence[str], named_graphs: Sequence[str]) -> None:
    """Refuse a ``default-graph-uri`` or ``named-graph-uri`` that is not an absolute IRI."""
    for name, iris in (("default-graph-uri", default_graphs), ("named-graph-uri", named_graphs)):
        for iri in iris:
            try:
                NamedNode(iri)
            except ValueError:
                raise ParameterError(f"{name} must be an absolute IRI; {iri!r} is not one") from None


def dataset_of(
    shape: QueryShape,
    default_graphs: Sequence[str],
    named_graphs: Sequence[str],
    prefixes: Mapping[str, str],
    base: str | None,
) -> dict[str, list[str]]:
    """The dataset to run a query on: the protocol's graphs if given, else the query's ``FROM``,
    else none (the union of all named graphs)."""
    if default_graphs or named_graphs:
        check_graph_iris(default_graphs, named_graphs)
        return {"default_graph": list(default_graphs), "named_graphs": list(named_graphs)}
    written = shape.dataset(prefixes, base)
    if written is None:
        return {}
    return {"default_graph": written[0], "named_graphs": written[1]}
