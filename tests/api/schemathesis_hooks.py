"""What the OpenAPI description's own formats are, for schemathesis (``SCHEMATHESIS_HOOKS``).

The description types the SPARQL endpoint's text as ``format: sparql-query`` and
``format: sparql-update``, absolute IRIs as ``format: iri`` and a named query's IRI parameters
(an IRI, a prefixed name or a slug) as ``format: iri-reference``: no JSON Schema can say what
parses as SPARQL. Without a strategy for a format, schemathesis generates any string, and the server must
refuse ``query=0`` with 400 (a syntax error), which the ``positive_data_acceptance`` check counts
as a valid request refused. These strategies generate values of each format, so the check tests
the endpoint on what it is documented to take.

One rule of an operation no schema can state: ``/api/gaps/diff`` compares an earlier year
(``from``) with a later one (``to``), and refuses other pairs with 400; generated pairs keep it.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st

ID = "https://w3id.org/clustergraph/id/"

QUERIES = [
    "ASK {}",
    "ASK { ?s a ?type }",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3",
    f"SELECT ?p ?o WHERE {{ <{ID}biocat> ?p ?o }} LIMIT 10",
    "PREFIX schema: <https://schema.org/> SELECT ?e WHERE { ?e a schema:Organization } LIMIT 2",
    "CONSTRUCT WHERE { ?s a ?type } LIMIT 2",
    f"DESCRIBE <{ID}biocat>",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
]
UPDATES = [
    "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> <https://example.org/p> 1 } }",
    "DELETE WHERE { GRAPH <https://example.org/g> { ?s ?p ?o } }",
]
SLUG = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z")
IRIS = st.one_of(
    st.sampled_from([f"{ID}biocat", "https://w3id.org/clustergraph/graph/001-biocat", "https://example.org/x"]),
    SLUG.map(lambda slug: ID + slug),
)

schemathesis.openapi.format("sparql-query", st.sampled_from(QUERIES))
schemathesis.openapi.format("sparql-update", st.sampled_from(UPDATES))
schemathesis.openapi.format("iri", IRIS)
schemathesis.openapi.format("iri-reference", st.one_of(IRIS, SLUG, SLUG.map(lambda slug: "id:" + slug)))


@schemathesis.hook("filter_query").apply_to(path="/api/gaps/diff")
def earlier_year_first(context: Any, query: dict[str, Any] | None) -> bool:
    """``from`` before ``to``, where both are years."""
    if not query or not isinstance(query.get("from"), int) or not isinstance(query.get("to"), int):
        return True
    return bool(query["from"] < query["to"])
