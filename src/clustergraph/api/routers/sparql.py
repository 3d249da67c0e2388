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
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
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
from ...namespaces import PREFIXES
from ...store.results import AskResult, GraphResult, SelectResult
from ..backend import ServedStore
from ..deps import cell, get_settings, get_store, get_templates
from ..lanes import cheap
from ..representations import (
    HTML,
    RDF_FORMATS,
    WORKER_FORMATS,
    choose,
    content_type,
    media_per_form,
    offers_for,
    render_named,
)
from ..servicedesc import description
from ..settings import Settings
from ..sparqlcheck import check_graph_iris, checked, dataset_of, endpoint_base, with_base

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
DESCRIPTION_OFFERS = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    HTML,
]


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 past the configured size."""
    limit = get_settings(request).max_request_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
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
        check_graph_iris(params.getlist("default-graph-uri"), params.getlist("named-graph-uri"))
        return await _description(request)
    return await _answer(request, query, params.getlist("default-graph-uri"), params.getlist("named-graph-uri"))


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
            return await _answer(request, query, form.getlist("default-graph-uri"), form.getlist("named-graph-uri"))
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


def served(request: Request) -> ServedStore:
    """The served store, with the endpoint's own paths (streamed answers, timed updates)."""
    return request.app.state.store  # type: ignore[no-any-return]


def _base(request: Request) -> str | None:
    """The endpoint's URL, which relative IRIs of a query resolve against."""
    return endpoint_base(str(request.url.replace(query="", fragment="")))


async def _answer(request: Request, query: str, default_graphs: list[str], named_graphs: list[str]) -> Response:
    base = _base(request)
    response = await serialised_answer(
        served(request),
        get_settings(request),
        query,
        default_graphs,
        named_graphs,
        request.headers.get("accept"),
        base=base,
    )
    if response is None:
        shape = checked(query, "query", allow_service=get_settings(request).allow_service)
        dataset = dataset_of(shape, default_graphs, named_graphs, PREFIXES, base)
        return await _html(request, query, dataset, with_base(query, base), cheap(shape))
    return response


async def serialised_answer(
    store: ServedStore,
    settings: Settings,
    query: str,
    default_graphs: list[str],
    named_graphs: list[str],
    accept: str | None,
    *,
    base: str | None = None,
) -> Response | None:
    """The answer to a query in the negotiated media type; ``None`` when the client wants HTML.

    The query is parsed first (:mod:`..sparqlcheck`): its form, its remote calls, its ``FROM``;
    relative IRIs resolve against ``base`` (the endpoint's URL). The worker serialises the
    answer (pyoxigraph's serialisers) and the bytes are sent as they are: a small answer with
    its length, a large one streamed.
    """
    shape = checked(query, "query", allow_service=settings.allow_service)
    media = choose(offers_for(shape.form), accept)  # 406 before any work
    if media == HTML:
        return None
    dataset = dataset_of(shape, default_graphs, named_graphs, PREFIXES, base)
    per_form = media_per_form(accept)
    formats = {form: WORKER_FORMATS[m] for form, m in per_form.items() if m != HTML}
    answer = await store.answer(with_base(query, base), formats, render_named, cheap=cheap(shape), **dataset)
    if answer.form not in formats:  # the text looked like another form than it is
        if per_form.get(answer.form) == HTML:
            return None
        choose(offers_for_result_form(answer.form), accept)  # raises 406
    headers = {"Vary": "Accept"}
    kind = content_type(per_form[answer.form])
    if answer.rest is None:
        return Response(answer.head, media_type=kind, headers=headers)
    return StreamingResponse(_chained(answer.head, answer.rest), media_type=kind, headers=headers)


async def _chained(head: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield head
    async for part in rest:
        yield part


def offers_for_result_form(form: str) -> list[str]:
    """The media types on offer for an answer form."""
    return offers_for({"solutions": "SELECT", "boolean": "ASK"}.get(form, "CONSTRUCT"))


async def _html(request: Request, query: str, dataset: dict[str, Any], text: str, fast: bool) -> Response:
    cap = get_settings(request).html_row_cap
    result, total = await served(request).table(text, cap, cheap=fast, **dataset)
    context: dict[str, object] = {"query": query, "cap": cap}
    if isinstance(result, AskResult):
        context.update(kind="boolean", boolean=result.value)
    elif isinstance(result, SelectResult):
        context.update(
            kind="table",
            variables=result.variables,
            total=total,
            rows=[[cell(t) for t in row] for row in result.rows[:cap]],
        )
    else:
        assert isinstance(result, GraphResult)
        context.update(
            kind="table",
            variables=["subject", "predicate", "object"],
            total=total,
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
    counts = list((await run_in_threadpool(store.graph_counts)).items())
    endpoint = str(request.url.replace(query="", fragment=""))
    triples = description(endpoint, counts, get_settings(request))
    body = GraphResult(triples).serialize(
        RDF_FORMATS[media],
        prefixes={
            "sd": "http://www.w3.org/ns/sparql-service-description#",
            "void": "http://rdfs.org/ns/void#",
            "formats": "http://www.w3.org/ns/formats/",
        },
    )
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
    checked(update, "update", allow_service=settings.allow_service)
    await served(request).update_async(with_base(update, _base(request)))
    return Response(status_code=204)
