"""pyoxigraph's answers as clustergraph values: query results (:mod:`.results`) and, for an
engine error, the clustergraph error that says whose fault it was.

>>> from pyoxigraph import Store as OxStore
>>> convert(OxStore().query("ASK {}"))
AskResult(value=True)
"""

from __future__ import annotations

from itertools import islice

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, RdfFormat

from ..errors import QueryError, RemoteStoreError, ResultTooLargeError, StoreError
from .results import AskResult, GraphResult, QueryResult, SelectResult
from .sandbox import refused_connection


def answer_error(err: OSError | RuntimeError, what: str = "the query") -> Exception:
    """What an engine error while answering a query means for the user.

    A refused connection is a call to another host (see :mod:`.sandbox`); a ``RuntimeError`` is
    the engine refusing the query itself (an unknown function, ``SERVICE`` on an unbound
    variable), so it is the query's fault; other ``OSError`` s are the store's.
    """
    refused = refused_connection(err)
    if refused is not None:
        return refused
    if isinstance(err, RuntimeError):
        return QueryError(f"{what} cannot be run: {err}")
    return StoreError(f"the store failed to run {what}: {err}")


def convert(answer: QuerySolutions | QueryBoolean | QueryTriples, *, max_rows: int | None = None) -> QueryResult:
    """Turn a pyoxigraph query answer into a :mod:`~clustergraph.store.results` value.

    Raises
    ------
    ResultTooLargeError
        When the answer has more than ``max_rows`` rows (or triples).
    """
    if isinstance(answer, QueryBoolean):
        return AskResult(bool(answer))
    items = answer if max_rows is None else islice(answer, max_rows + 1)
    if isinstance(answer, QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(solution) for solution in items]  # values in the order of the variables
        result: QueryResult = SelectResult(variables, rows)
    else:
        result = GraphResult(list(items))
    if max_rows is not None and len(result) > max_rows:  # type: ignore[arg-type]
        raise ResultTooLargeError(max_rows)
    return result


def rdf_format(media_type: str) -> RdfFormat:
    """The RDF syntax of a server's answer of this media type.

    >>> rdf_format("text/turtle")
    <RdfFormat Turtle>

    Raises
    ------
    RemoteStoreError
        For a media type that is no RDF syntax.
    """
    fmt = RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise RemoteStoreError(f"the SPARQL server answered with an unexpected media type {media_type!r}")
    return fmt
