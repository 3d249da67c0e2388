"""Which queries may use the lane for cheap requests, decided from the parse.

The query workers (:mod:`.workers`) answer every SPARQL query, so a quick ``ASK {}`` would wait
behind aggregates of other clients. A few workers are kept for queries that the parse
(:mod:`..store.sparqlparse`, never a scan of the text) shows to be cheap; the rule is
:func:`cheap`. It says what a query *can* cost at most only so far as its shape tells: a crafted
query may look cheap and still run long (a FILTER with a costly expression, three unrelated
patterns), so the lane gives each query a short budget (``CLUSTERGRAPH_CHEAP_BUDGET``). A query
that overruns it has its worker stopped, runs again among the ordinary workers under the time
limit that began when it arrived, and its client (IP address) may not use the lane for
:data:`BARRED_SECONDS`; while in the lane it holds one of its client's slots like any other.

>>> from clustergraph.store.sparqlparse import parse_query
>>> cheap(parse_query("ASK {}")), cheap(parse_query("SELECT ?p ?o { <http://e/a> ?p ?o } LIMIT 100"))
(True, True)
>>> cheap(parse_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")), cheap(parse_query("SELECT * { ?s ?p ?o }"))
(False, False)
"""

from __future__ import annotations

from ..store.sparqlparse import QueryShape

#: The most triple patterns a cheap query has (anywhere: also in EXISTS and OPTIONAL).
MAX_PATTERNS = 3
#: The most solutions a cheap query asks for: its LIMIT plus its OFFSET.
MAX_SOLUTIONS = 1000
#: Seconds a client whose query overran the lane's budget must use the ordinary workers.
BARRED_SECONDS = 30.0


def cheap(shape: QueryShape) -> bool:
    """Whether a parsed query may use the lane for cheap requests.

    A query is cheap when all of these hold:

    - it is a query (``ASK``, ``SELECT``, ``CONSTRUCT`` or ``DESCRIBE``), not an update, and calls
      no other host (``SERVICE``);
    - it has no aggregate and no ``GROUP BY`` (they read every solution before the first answer);
    - no property path with ``*`` or ``+`` (a closure may walk the whole graph);
    - no sub-query;
    - at most :data:`MAX_PATTERNS` triple patterns in all;
    - it is an ``ASK`` (which stops at the first solution), or it has a ``LIMIT`` and no
      ``ORDER BY`` (which sorts every solution first), with ``LIMIT`` + ``OFFSET`` at most
      :data:`MAX_SOLUTIONS`.

    >>> from clustergraph.store.sparqlparse import parse_query
    >>> [cheap(parse_query(q)) for q in (
    ...     "SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 1",
    ...     "SELECT ?s { ?s <http://e/p>+ ?o } LIMIT 1",
    ...     "SELECT ?s { { SELECT ?s { ?s ?p ?o } LIMIT 1 } } LIMIT 1",
    ...     "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    ...     "SELECT * { ?s ?p ?o } LIMIT 10 OFFSET 995",
    ...     "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10",
    ...     "DESCRIBE <http://e/a> LIMIT 1",
    ... )]
    [False, False, False, False, False, True, True]
    """
    if shape.kind != "query" or shape.calls_out:
        return False
    if shape.aggregates or shape.closure_paths or shape.subqueries:
        return False
    if shape.triple_patterns > MAX_PATTERNS:
        return False
    if shape.form == "ASK":
        return True
    return shape.limit is not None and not shape.ordered and shape.limit + shape.offset <= MAX_SOLUTIONS
