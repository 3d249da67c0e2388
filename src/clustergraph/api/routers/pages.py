"""The HTML pages: home, the SPARQL editor, offline API docs, search, and entity IRIs (``/id/``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from ... import lookup
from ...namespaces import ID, PREFIXES, prefix_declarations
from ...terms import compact
from ..deps import (
    SettingsDep,
    StoreDep,
    TemplatesDep,
    catalogue,
    cell,
    entity_href,
    example_text,
    get_templates,
)
from ..representations import RDF_FORMATS, choose

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse, name="home", summary="Home page")
async def home(request: Request, store: StoreDep, settings: SettingsDep, templates: TemplatesDep) -> Response:
    counts = list((await run_in_threadpool(store.graph_counts)).items())
    return templates.TemplateResponse(
        request,
        "home.html",
        {
            "endpoint": str(request.url_for("sparql_get")),
            "updates": settings.updates_enabled,
            "triples": sum(n for _, n in counts),
            "graphs": counts,
            "queries": list(catalogue(request).values()),
        },
    )


@router.get("/query", response_class=HTMLResponse, name="editor", summary="SPARQL query editor")
async def editor(request: Request) -> Response:
    examples = [
        {"name": q.name, "title": q.title, "description": q.description, "query": example_text(q)}
        for q in catalogue(request).values()
    ]
    config = {
        "endpoint": str(request.url_for("sparql_get")),
        "prefixes": PREFIXES,
        "examples": examples,
        "defaultQuery": prefix_declarations() + "\n\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n",
    }
    return get_templates(request).TemplateResponse(
        request, "editor.html", {"examples": examples, "config": config}
    )


@router.get("/docs", response_class=HTMLResponse, name="api_docs", summary="API documentation")
async def api_docs(request: Request, templates: TemplatesDep) -> Response:
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": request.app.openapi_url})


@router.get("/search", response_class=HTMLResponse, name="search_page", summary="Search page")
async def search_page(request: Request, store: StoreDep, templates: TemplatesDep, q: str = "") -> Response:
    matches = []
    if q.strip():
        found = await run_in_threadpool(lambda: lookup.search(store, q, limit=50))
        matches = [
            {
                "name": m.name,
                "href": entity_href(m.iri) or m.iri,
                "types": [compact(t) for t in m.types],
                "regions": [r.text() for r in m.regions],
            }
            for m in found
        ]
    return templates.TemplateResponse(request, "search.html", {"q": q, "matches": matches})


ENTITY_OFFERS = ["text/html", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
_FORMAT_PARAM = {"turtle": "text/turtle", "jsonld": "application/ld+json", "ntriples": "application/n-triples",
                 "rdfxml": "application/rdf+xml", "html": "text/html"}


@router.get(
    "/id/{path:path}",
    name="resolve_entity",
    summary="Resolve an entity IRI (https://w3id.org/clustergraph/id/...): HTML, Turtle or JSON-LD",
    response_class=Response,
)
async def resolve_entity(
    request: Request,
    store: StoreDep,
    templates: TemplatesDep,
    path: str,
    format: Annotated[str | None, Query(description="turtle, jsonld, ntriples, rdfxml or html (beats Accept)")] = None,
) -> Response:
    from ...errors import NotFoundError, ParameterError

    iri = ID + path
    if format is not None:
        if format not in _FORMAT_PARAM:
            raise ParameterError(f"format must be one of {', '.join(_FORMAT_PARAM)}, got {format!r}")
        media = _FORMAT_PARAM[format]
    else:
        media = choose(ENTITY_OFFERS, request.headers.get("accept"))
    if media != "text/html":
        graph = await run_in_threadpool(lookup.entity_graph, store, iri)
        if not graph.triples:
            raise NotFoundError(f"nothing in the graph is about <{iri}>")
        body = graph.serialize(RDF_FORMATS[media], prefixes=dict(PREFIXES))
        return Response(body, media_type=media, headers={"Vary": "Accept"})
    info = await run_in_threadpool(lookup.entity, store, iri)
    facts = []
    for fact in info.facts:
        facts.append({
            "direction": fact.direction,
            "predicate": compact(fact.predicate),
            "text": fact.text(),
            "href": entity_href(str(fact.value.value)) if fact.value.type == "uri" else None,
            "graph": compact(fact.graph),
            "evidence": fact.evidence,
        })
    return templates.TemplateResponse(
        request,
        "entity.html",
        {
            "entity": info,
            "facts": facts,
            "iri_path": "/id/" + path,
            "api_url": str(request.url_for("get_entity", id=path)),
            "cell": cell,
        },
        headers={"Vary": "Accept"},
    )
