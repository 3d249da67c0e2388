"""The OpenAPI description of the server, made true: every status an operation returns, its
error body, its media types, and the SPARQL endpoint's and the named queries' real parameters.

FastAPI describes each route from its signature. What it cannot see is added here once, for all
routes: the errors of :mod:`.errors` (400 for a malformed request, as the app answers instead
of FastAPI's 422; 404 for an unknown resource; 406 when no acceptable media type exists; 422
with the candidates of an ambiguous name; 503 when the store is busy or a query ran too long),
the ``/sparql`` operations (query parameters and bodies of the SPARQL 1.1 Protocol, the result
and graph media types, 204/401/403/413/415 of updates), and one operation per named query in
place of ``/api/queries/{name}``, with that query's typed parameters. ``schemathesis`` checks
the description against the running server (``tests/api/test_openapi.py``).

>>> from clustergraph.api import create_app, Settings
>>> spec = create_app(Settings(store=":memory:")).openapi()
>>> sorted(spec["paths"]["/sparql"]["post"]["responses"])
['200', '204', '400', '401', '403', '406', '413', '415', '503', '507']
>>> spec["paths"]["/api/queries/alliance-members"]["get"]["parameters"][0]["name"]
'alliance'
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from ..catalogue import NamedQuery, load_catalogue


class Candidate(BaseModel):
    """One of the things an ambiguous name may mean."""

    iri: str
    label: str


class ErrorBody(BaseModel):
    """Every error answer: a kind (``syntax``, ``not-found``, ``timeout`` ...) and what was wrong."""

    error: str = Field(description="The kind of error, for programs")
    message: str = Field(description="What was wrong and how to fix it, for people")
    candidates: list[Candidate] | None = Field(None, description="For an ambiguous name: what it may mean")
    available: list[str] | None = Field(None, description="For 406: the media types on offer")


_ERROR = {"$ref": "#/components/schemas/ErrorBody"}
_REASONS = {
    "400": "The request is malformed: a missing or wrong parameter, SPARQL that does not parse",
    "401": "An update needs the bearer token",
    "403": "Updates are off, or the token does not allow them",
    "404": "Nothing is at this address, or nothing in the graph matches a name given",
    "406": "None of the media types in Accept can be given",
    "413": "The request body is larger than the server accepts",
    "415": "The request body's media type is not one this operation takes",
    "422": "A name given is ambiguous: the candidates are listed",
    "503": "The store is busy, or the query ran past the time limit (try again, or narrow it)",
    "507": "The disk that holds the store is full: nothing was changed",
}
RESULTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
GRAPHS = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]
#: Extra errors by operation (``METHOD path``); every operation may also answer 400 and 503.
_EXTRA = {
    "GET /sparql": ["406"],
    "POST /sparql": ["401", "403", "406", "413", "415", "507"],
    "GET /id/{path}": ["404", "406"],
    "GET /api/entities/{id}": ["404"],
    "GET /api/entry-points": ["404", "422"],
    "GET /api/gaps": ["404", "422"],
    "GET /api/gaps/diff": ["404", "422"],
    "GET /entry-points": ["404", "422"],
    "GET /api/regions/compare": ["404", "422"],
    "GET /regions/compare": ["404", "422"],
}
_PARAMETER_SCHEMAS: dict[str, dict[str, Any]] = {
    "iri": {
        "type": "string",
        "format": "iri-reference",
        "minLength": 1,
        "description": "an IRI, a prefixed name (id:biocat) or a slug under the id/ namespace",
    },
    "string": {"type": "string", "minLength": 1},
    "integer": {"type": "integer", "minimum": -(10**18) + 1, "maximum": 10**18 - 1},
    "year": {"type": "integer", "minimum": -(10**18) + 1, "maximum": 10**18 - 1},
    "decimal": {"type": "string", "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)$", "maxLength": 64},
    "date": {"type": "string", "format": "date"},
    "language": {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"},
}


#: An entity's path after ``/id/`` (or ``/api/entities/``): the IRI's characters that need no
#: percent-encoding in a URL path. An IRI holding others (``%22``, ``é``) resolves by its own
#: path as the pages link it (``/id/say-%22hi%22``), which a client that encodes this value
#: would encode again.
_ENTITY_PATH = {"type": "string", "minLength": 1, "pattern": r"^[A-Za-z0-9._~!$&'()*+,;=:@/-]+$"}
#: Parameters that the server checks further than their type, by operation and name.
_CHECKED: dict[str, dict[str, dict[str, Any]]] = {
    "GET /id/{path}": {
        "path": _ENTITY_PATH,
        "format": {"type": "string", "enum": ["turtle", "jsonld", "ntriples", "rdfxml", "html"]},
    },
    "GET /api/entities/{id}": {"id": _ENTITY_PATH},
    "GET /api/search": {
        "q": {"type": "string", "minLength": 1, "pattern": r"\S"},  # some text besides white space
    },
}


def _relations() -> dict[str, Any]:
    from ..network.relations import RELATION_STRENGTH

    return {"type": "array", "items": {"type": "string", "enum": list(RELATION_STRENGTH)}}


def install(app: FastAPI, queries: str | None = None) -> None:
    """Make ``app.openapi()`` return the completed description (built once, then cached)."""
    plain = app.openapi

    def described() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(plain(), load_catalogue(queries))
        return app.openapi_schema

    app.openapi = described  # type: ignore[method-assign]


def complete(spec: dict[str, Any], catalogue: dict[str, NamedQuery]) -> dict[str, Any]:
    """The description with the errors, ``/sparql`` and the named queries added."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorBody"] = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schemas["ErrorBody"].pop("$defs", {}))
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    paths = spec["paths"]
    generic = paths.pop("/api/queries/{name}", None)
    if generic is not None:
        for name, query in sorted(catalogue.items()):
            paths[f"/api/queries/{name}"] = {"get": _named_operation(generic["get"], query)}
    if "/sparql" in paths:
        _sparql(paths["/sparql"])
    for path, operations in paths.items():
        for method, operation in operations.items():
            html = "text/html" in operation.get("responses", {}).get("200", {}).get("content", {})
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            extra = _EXTRA.get(f"{method.upper()} {path}", [])
            if "{" in path and "404" not in extra:  # a name in the path may name nothing
                extra = ["404", *extra]
            checked = _CHECKED.get(f"{method.upper()} {path}", {})
            for parameter in operation.get("parameters", []):
                if parameter["name"] in checked:
                    parameter["schema"] = checked[parameter["name"]]
                elif parameter["name"] == "relation" and parameter["in"] == "query":
                    parameter["schema"] = _relations()
            if path.endswith(".rq") and "200" in responses:  # a named query's text
                responses["200"]["content"] = {"application/sparql-query": {"schema": {"type": "string"}}}
            for status in ["400", "503", *extra]:
                responses[status] = _error(status, html)
    return spec


def _error(status: str, html: bool) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": _ERROR}}
    if html:  # a browser asking a page may get the error as a page
        content["text/html"] = {"schema": {"type": "string"}}
    return {"description": _REASONS[status], "content": content}


def _named_operation(generic: dict[str, Any], query: NamedQuery) -> dict[str, Any]:
    """One named query's operation: its title, description and typed parameters."""
    parameters = []
    for p in query.parameters:
        schema = dict(_PARAMETER_SCHEMAS[p.type])
        if p.example is not None and schema.get("type") != "integer":
            schema["examples"] = [p.example]
        parameters.append(
            {"name": p.name, "in": "query", "required": not p.optional, "schema": schema, "description": p.description}
        )
    formats = {"SELECT": ["json", "csv"], "ASK": ["json"]}.get(query.form, ["turtle", "jsonld"])
    parameters.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "The answer's format (beats Accept)",
            "schema": {"type": "string", "enum": formats},
        }
    )
    operation = {k: v for k, v in generic.items() if k not in ("parameters", "operationId")}
    operation.update(
        summary=query.title,
        description=query.description,
        parameters=parameters,
        operationId=f"query_{query.name.replace('-', '_')}",
    )
    return operation


def _sparql(operations: dict[str, Any]) -> None:
    """The SPARQL 1.1 Protocol operations, as ``/sparql`` serves them."""
    dataset = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "style": "form",
            "explode": True,
            "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
            "description": f"The dataset's {what} (SPARQL 1.1 Protocol); default: the union of all graphs",
        }
        for name, what in (("default-graph-uri", "default graph"), ("named-graph-uri", "named graphs"))
    ]
    answers = {m: {"schema": {"type": "string"}} for m in [*RESULTS, *GRAPHS, "text/html"]}
    answers["application/sparql-results+json"] = {"schema": {"type": "object"}}
    answers["application/ld+json"] = {"schema": {}}
    get = operations["get"]
    get["parameters"] = [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "description": "A SPARQL 1.1 query; without"
            " it, the service description (RDF) or, for a browser, the query editor",
            "schema": {"type": "string", "format": "sparql-query", "minLength": 1},
        },
        *dataset,
    ]
    get["responses"] = {
        "200": {"description": "The answer, in the media type negotiated by Accept", "content": answers}
    }
    post = operations["post"]
    text = {"type": "string", "minLength": 1}
    form = {
        "type": "object",
        "properties": {
            "query": {**text, "format": "sparql-query"},
            "update": {**text, "format": "sparql-update"},
            "default-graph-uri": {"type": "array", "items": {"type": "string", "format": "iri"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string", "format": "iri"}},
        },
        "oneOf": [
            {"required": ["query"], "not": {"required": ["update"]}},
            {"required": ["update"], "not": {"required": ["query"]}},
        ],
        "additionalProperties": True,  # other fields are ignored, as the protocol's clients expect
    }
    post["parameters"] = dataset
    post["requestBody"] = {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": form},
            "application/sparql-query": {"schema": {**text, "format": "sparql-query"}},
            "application/sparql-update": {"schema": {**text, "format": "sparql-update"}},
        },
    }
    post["responses"] = {
        "200": {"description": "The answer to a query, in the media type negotiated by Accept", "content": answers},
        "204": {"description": "The update was applied"},
    }
