"""The SPARQL 1.1 Protocol endpoint at ``/sparql``.

- queries by ``GET ?query=``, by ``POST`` form (``query=``) and by ``POST`` with an
  ``application/sparql-query`` body; the dataset by ``default-graph-uri`` / ``named-graph-uri``;
- answers negotiated by ``Accept``: results as JSON, XML, CSV, TSV (or an HTML table capped at
  the row limit); graphs as Turtle, N-Triples, RDF/XML, JSON-LD; 406 when none is acceptable;
- ``GET /sparql`` without a query: the service description (RDF), or the editor for a browser;
- updates (``update=`` form field, ``application/sparql-update`` body) only when enabled, and
  only with the bearer token;
- ``SERVICE`` and ``LOAD`` refused unless allowed, so the server never calls other hosts.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MultiDict
from starlette.exceptions import HTTPException

from ...errors import (
    AuthenticationError,
    ForbiddenError,
    InputError,
    ParameterError,
    ReadOnlyError,
    RequestTooLargeError,
)
from ...store.results import AskResult, GraphResult, QueryResult, SelectResult
from ..deps import cell, get_settings, get_store, get_templates
from ..representations import HTML, RDF_FORMATS, choose, offers_for, offers_for_result, render
from ..servicedesc import description
from ..sparqlcheck import check_remote_calls, query_form

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
DESCRIPTION_OFFERS = [
    "text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", HTML,
]


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 past the configured size."""
    limit = get_settings(request).max_request_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise RequestTooLargeError(f"the request body has {declared} bytes; this server accepts at most {limit}")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise RequestTooLargeError(f"the request body is larger than this server accepts ({limit} bytes)")
    return body


def _text(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"the {what} is not UTF-8 text: {err}") from None


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ParameterError(f"give the {name} parameter once; the request has it {len(values)} times")
    return values[0] if values else None


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the service description / editor when there is no query",
    response_class=Response,
)
async def sparql_get(request: Request) -> Response:
    params = request.query_params
    if "update" in params:
        raise ParameterError(
            "an update must be sent with POST (update= form field or an application/sparql-update body)"
        )
    query = _one(params.getlist("query"), "query")
    if query is None:
        return await _description(request)
    return await _answer(
        request, query, params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    )


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST form-encoded, application/sparql-query, application/sparql-update)",
    response_class=Response,
)
async def sparql_post(request: Request) -> Response:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request)
    if kind == FORM:
        form = MultiDict(parse_qsl(_text(body, "form"), keep_blank_values=True))
        query = _one(form.getlist("query"), "query")
        update = _one(form.getlist("update"), "update")
        if query is not None and update is not None:
            raise ParameterError("give either query= or update=, not both")
        if query is not None:
            return await _answer(
                request, query, form.getlist("default-graph-uri"), form.getlist("named-graph-uri")
            )
        if update is not None:
            return await _update(request, update, form)
        raise ParameterError("the form has neither a query= nor an update= field")
    if kind == QUERY:
        params = request.query_params
        return await _answer(
            request, _text(body, "query"), params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
        )
    if kind == UPDATE:
        return await _update(request, _text(body, "update"), request.query_params)
    raise HTTPException(
        415,
        f"POST /sparql takes {FORM}, {QUERY} or {UPDATE}; the request is {kind or 'without a Content-Type'}",
    )


async def _answer(
    request: Request, query: str, default_graphs: list[str], named_graphs: list[str]
) -> Response:
    settings = get_settings(request)
    if not query.strip():
        raise ParameterError("the query is empty")
    check_remote_calls(query, allow=settings.allow_service)
    accept = request.headers.get("accept")
    media = choose(offers_for(query_form(query)), accept)  # 406 before any work
    dataset: dict[str, list[str] | None] = {"default_graph": None, "named_graphs": None}
    if default_graphs or named_graphs:
        dataset = {"default_graph": default_graphs, "named_graphs": named_graphs}
    store = get_store(request)
    result = await run_in_threadpool(lambda: store.query(query, **dataset))  # type: ignore[arg-type]
    offers = offers_for_result(result)
    if media not in offers:
        media = choose(offers, accept)
    if media == HTML:
        return _html(request, query, result)
    body, content_type = render(result, media)
    return Response(body, media_type=content_type, headers={"Vary": "Accept"})


def _html(request: Request, query: str, result: QueryResult) -> Response:
    cap = get_settings(request).html_row_cap
    context: dict[str, object] = {"query": query, "cap": cap}
    if isinstance(result, AskResult):
        context.update(kind="boolean", boolean=result.value)
    elif isinstance(result, SelectResult):
        context.update(
            kind="table", variables=result.variables, total=len(result.rows),
            rows=[[cell(t) for t in row] for row in result.rows[:cap]],
        )
    else:
        assert isinstance(result, GraphResult)
        context.update(
            kind="table", variables=["subject", "predicate", "object"], total=len(result.triples),
            rows=[[cell(t.subject), cell(t.predicate), cell(t.object)] for t in result.triples[:cap]],
        )
    return get_templates(request).TemplateResponse(request, "results.html", context, headers={"Vary": "Accept"})


async def _description(request: Request) -> Response:
    accept = request.headers.get("accept")
    media = choose(DESCRIPTION_OFFERS, accept)
    if media == HTML:
        from .pages import editor

        return await editor(request)
    store = get_store(request)
    counts = await run_in_threadpool(store.graph_counts)  # type: ignore[attr-defined]
    endpoint = str(request.url.replace(query="", fragment=""))
    triples = description(endpoint, counts, get_settings(request))
    body = GraphResult(triples).serialize(RDF_FORMATS[media], prefixes={
        "sd": "http://www.w3.org/ns/sparql-service-description#",
        "void": "http://rdfs.org/ns/void#",
        "formats": "http://www.w3.org/ns/formats/",
    })
    return Response(body, media_type=media, headers={"Vary": "Accept"})


async def _update(request: Request, update: str, params: object) -> Response:
    settings = get_settings(request)
    if not settings.updates_enabled:
        raise ReadOnlyError(
            "this SPARQL endpoint is read-only; an administrator can enable updates with"
            " CLUSTERGRAPH_UPDATES_ENABLED=true and CLUSTERGRAPH_UPDATE_TOKEN"
        )
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("an update needs the header Authorization: Bearer <token>")
    expected = settings.update_token.get_secret_value() if settings.update_token else ""
    if not expected or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise ForbiddenError("the bearer token does not allow updates on this server")
    getlist = getattr(params, "getlist", None)
    if getlist and (getlist("using-graph-uri") or getlist("using-named-graph-uri")):
        raise ParameterError("using-graph-uri and using-named-graph-uri are not supported; use USING in the update")
    if not update.strip():
        raise ParameterError("the update is empty")
    check_remote_calls(update, allow=settings.allow_service)
    store = get_store(request)
    await run_in_threadpool(store.update, update)
    return Response(status_code=204)
