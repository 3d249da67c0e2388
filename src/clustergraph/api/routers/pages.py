"""The HTML pages: home, the named questions, the SPARQL editor, offline API docs, search, entity IRIs
(``/id/``) and source graphs (``/graph/``)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from ... import lookup
from ...catalogue import NamedQuery
from ...namespaces import GRAPH, ID, PREFIXES, prefix_declarations
from ...terms import compact
from ..deps import (
    SettingsDep,
    StoreDep,
    TemplatesDep,
    catalogue,
    entity_href,
    get_store,
    get_templates,
    iri_tail,
    named,
)
from ..representations import RDF_FORMATS, choose

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse, name="home", summary="Home page")
async def home(request: Request, store: StoreDep, settings: SettingsDep, templates: TemplatesDep) -> Response:
    from ...web.entitypage import source_of, sources

    counts = await run_in_threadpool(store.graph_counts)
    known = await run_in_threadpool(sources, store)
    graphs = sorted(((source_of(g, known), n) for g, n in counts.items()),
                    key=lambda g: (g[0].iri not in known, g[0].title.casefold()))
    return templates.TemplateResponse(
        request,
        "home.html",
        {
            "endpoint": str(request.url_for("sparql_get")),
            "updates": settings.updates_enabled,
            "triples": sum(counts.values()),
            "graphs": graphs,
            "queries": list(catalogue(request).values()),
        },
    )


@router.get("/questions", response_class=HTMLResponse, name="questions_page", summary="The named questions")
async def questions_page(request: Request, templates: TemplatesDep) -> Response:
    return templates.TemplateResponse(request, "questions.html", {"queries": list(catalogue(request).values())})


@router.get("/questions/{name}.rq", name="question_sparql", summary="A named question's SPARQL, values bound")
async def question_sparql(request: Request, store: StoreDep, name: str) -> Response:
    from ...web.questions import question_page

    page = await run_in_threadpool(question_page, store, named(request, name), dict(request.query_params), cap=0)
    if page.error:
        from ...errors import ParameterError

        raise ParameterError(page.error)
    return Response(page.bound_text, media_type="application/sparql-query; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.rq"'})


@router.get("/questions/{name}", response_class=HTMLResponse, name="question_page", summary="A named question")
async def question(request: Request, store: StoreDep, settings: SettingsDep, templates: TemplatesDep,
                   name: str) -> Response:
    from ...web.questions import question_page

    query = named(request, name)
    page = await run_in_threadpool(
        question_page, store, query, dict(request.query_params), cap=settings.html_row_cap
    )
    return templates.TemplateResponse(
        request, "question.html",
        {"page": page, "config": _results_config(request, page.sparql_json)},
        status_code=400 if page.error else 200,
    )


def _results_config(request: Request, results: object) -> dict[str, object]:
    """What static/js/results.js needs: the answer (SPARQL JSON) and where to ask for more."""
    return {
        "results": results,
        "pointsUrl": request.url_for("points_json").path,
        "worldUrl": request.url_for("static", path="vendor/world-atlas/countries-110m.json").path,
        "isoUrl": request.url_for("static", path="vendor/world-atlas/countries-110m-iso.json").path,
        "regionsUrl": request.url_for("region_shapes_json").path if request.app.state.region_layer else None,
        "idPrefix": ID,
        "prefixes": PREFIXES,
        "entityPage": request.url_for("resolve_entity", path="").path,
        "searchUrl": request.url_for("search").path,
    }


@router.get("/query", response_class=HTMLResponse, name="editor", summary="SPARQL query editor")
async def editor(request: Request) -> Response:
    """The editor; ``?question=NAME&param=value`` opens a named question with its form above the text."""
    from ...web.questions import PICKERS, picker_options, slug

    store = get_store(request)
    examples = [
        {"name": q.name, "title": q.title, "description": q.description, "query": editor_text(q),
         "parameters": [
             {"name": p.name, "type": p.type, "description": p.description, "optional": p.optional,
              "example": (slug(p.example) if p.type == "iri" and p.example else p.example),
              "kind": PICKERS[p.name][1][0] if p.name in PICKERS else None}
             for p in q.parameters
         ]}
        for q in catalogue(request).values()
    ]
    params = dict(request.query_params)
    opened = params.pop("question", None)
    pickers: dict[str, list[tuple[str, str]]] = {}
    if opened is not None:
        query = named(request, opened)
        for p in query.parameters:
            if p.type == "iri" and p.name in PICKERS:
                pickers[p.name] = await run_in_threadpool(picker_options, store, PICKERS[p.name][0])
    config = {
        "endpoint": str(request.url_for("sparql_get")),
        "prefixes": PREFIXES,
        "idPrefix": ID,
        "examples": examples,
        "open": {"question": opened, "values": params, "pickers": pickers} if opened else None,
        "searchUrl": request.url_for("search").path,
        "editorUrl": request.url_for("editor").path,
        "defaultQuery": prefix_declarations() + "\n\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n",
    }
    return get_templates(request).TemplateResponse(
        request, "editor.html", {"examples": examples, "config": config,
                                 "results": _results_config(request, None)}
    )


def editor_text(query: NamedQuery) -> str:
    """A named question's text as the editor shows it: its title as a comment, its parameters as
    a ``VALUES`` block first in its ``WHERE`` group (the editor's form rewrites that block), and
    none of the header lines the form already shows."""
    body = [line for line in query.text.splitlines() if not re.match(r"\s*#\s*(title|description|param)\s*:", line)]
    return f"# {query.title}\n" + "\n".join(body).lstrip("\n")


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
_FORMAT_PARAM = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "html": "text/html",
}


def _media(request: Request, format: str | None) -> str:
    from ...errors import ParameterError

    if format is not None:
        if format not in _FORMAT_PARAM:
            raise ParameterError(f"format must be one of {', '.join(_FORMAT_PARAM)}, got {format!r}")
        return _FORMAT_PARAM[format]
    return choose(ENTITY_OFFERS, request.headers.get("accept"))


FormatParam = Annotated[str | None, Query(description="turtle, jsonld, ntriples, rdfxml or html (beats Accept)")]


@router.get(
    "/id/{path:path}",
    name="resolve_entity",
    summary="Resolve an entity IRI (https://w3id.org/clustergraph/id/...): HTML, Turtle or JSON-LD",
    response_class=Response,
)
async def resolve_entity(
    request: Request, store: StoreDep, templates: TemplatesDep, path: str, format: FormatParam = None,
) -> Response:
    from ...errors import NotFoundError
    from ...web.entitypage import entity_page

    path = iri_tail(request, "/id/", path)
    iri = ID + path
    media = _media(request, format)
    if media != "text/html":
        graph = await run_in_threadpool(lookup.entity_graph, store, iri)
        if not graph.triples:
            raise NotFoundError(f"nothing in the graph is about <{iri}>")
        body = graph.serialize(RDF_FORMATS[media], prefixes=dict(PREFIXES))
        return Response(body, media_type=media, headers={"Vary": "Accept"})
    page = await run_in_threadpool(entity_page, store, iri)
    return templates.TemplateResponse(
        request,
        "entity.html",
        {"page": page, "slug": path, "iri_path": "/id/" + path,
         "api_url": str(request.url_for("get_entity", id=path))},
        headers={"Vary": "Accept"},
    )


@router.get("/graph/{path:path}", name="source_page", response_class=HTMLResponse,
            summary="A named graph (a source, a register file, reference data): what it is and what it says")
async def source_page(request: Request, store: StoreDep, templates: TemplatesDep, path: str) -> Response:
    from ...errors import NotFoundError
    from ...web.entitypage import source_of, sources

    iri = GRAPH + path
    counts = await run_in_threadpool(store.graph_counts)
    if iri not in counts:
        raise NotFoundError(f"there is no named graph <{iri}> in this store; the home page lists them")
    source = source_of(iri, await run_in_threadpool(sources, store))
    return templates.TemplateResponse(
        request, "source.html", {"source": source, "triples": counts[iri], "iri": iri},
    )
