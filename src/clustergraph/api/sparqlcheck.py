"""Checks on SPARQL text before it runs: its form, and whether it would call other hosts.

Keywords are found with the store layer's tokenizer, which skips strings, IRIs and comments, so
``"SERVICE"`` in a literal or ``<http://e/SERVICE>`` does not count.

>>> query_form("PREFIX ex: <http://e/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
>>> check_remote_calls('SELECT * WHERE { ?s ?p "SERVICE" }', allow=False)
>>> check_remote_calls("SELECT * WHERE { SERVICE <http://other.example/sparql> { ?s ?p ?o } }",
...                    allow=False)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
clustergraph.errors.ServiceNotAllowedError: SERVICE (federated query) is switched off on this server, ...
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ServiceNotAllowedError
from ..store.sparqltext import _scan

_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@lru_cache(maxsize=64)
def keywords(sparql: str) -> tuple[str, ...]:
    """The bare words of the text (upper case), outside strings, IRIs and comments.

    Cached: the endpoint asks for a query's form and its remote calls, one scan for both.
    """
    return tuple(token for _, token in _scan(sparql) if token not in ("{", "}"))


def query_form(sparql: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the first query form keyword, if any."""
    for word in keywords(sparql):
        if word in _FORMS:
            return word
    return None


def check_remote_calls(sparql: str, *, allow: bool) -> None:
    """Refuse ``SERVICE`` (queries and updates) and ``LOAD`` (updates) unless allowed.

    Raises
    ------
    ServiceNotAllowedError
        Naming the keyword and how to allow it.
    """
    if allow:
        return
    words = set(keywords(sparql))
    if "SERVICE" in words:
        raise ServiceNotAllowedError(
            "SERVICE (federated query) is switched off on this server, so it never contacts"
            " other hosts; remove the SERVICE clause (an administrator can allow it with"
            " CLUSTERGRAPH_ALLOW_SERVICE=true)"
        )
    if "LOAD" in words:
        raise ServiceNotAllowedError(
            "LOAD would fetch a document from another host, which this server does not do;"
            " send the data in the update (INSERT DATA) instead"
        )
