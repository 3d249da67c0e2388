"""The catalogue of named questions: ``/api/queries`` and ``/api/queries/{name}``."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ...catalogue import NamedQuery, run_named
from ...errors import ParameterError
from ...store.results import AskResult, GraphResult, SelectResult, to_csv
from ..deps import StoreDep, catalogue, named
from ..representations import GRAPH_OFFERS, RDF_FORMATS, choose

router = APIRouter(prefix="/api/queries", tags=["named queries"])


class QueryDescription(NamedQuery):
    """A named query as the catalogue lists it, with the URL that runs it."""

    url: str = Field(description="GET it with the parameters as ?name=value")


class Catalogue(BaseModel):
    """The answer of ``/api/queries``."""

    queries: list[QueryDescription]


class QueryRows(BaseModel):
    """The JSON answer of a named ``SELECT``: one object per row, plain values (IRIs, lexical forms)."""

    query: str
    parameters: dict[str, str]
    variables: list[str]
    rows: list[dict[str, str | None]] = Field(description="null where a variable is unbound")


class QueryBoolean(BaseModel):
    """The JSON answer of a named ``ASK``."""

    query: str
    parameters: dict[str, str]
    boolean: bool


@router.get("", summary="The catalogue of named queries")
def list_queries(request: Request) -> Catalogue:
    return Catalogue(
        queries=[
            QueryDescription(**dict(q), url=str(request.url_for("run_query", name=q.name)))
            for q in catalogue(request).values()
        ]
    )


@router.get(
    "/{name}",
    name="run_query",
    summary="Run a named query; its parameters are given as ?name=value (validated, then bound)",
    responses={
        200: {
            "model": QueryRows | QueryBoolean,
            "content": {"text/csv": {}, "text/turtle": {}, "application/ld+json": {}},
        }
    },
)
def run_query(
    request: Request,
    store: StoreDep,
    name: str,
    format: str | None = Query(None, description="json or csv (overrides Accept); turtle/jsonld for graphs"),
) -> Response:
    query = named(request, name)
    for key in request.query_params:
        values = request.query_params.getlist(key)
        if len(values) > 1:
            raise ParameterError(f"give the {key} parameter once; the request has it {len(values)} times")
        if not values[0]:
            raise ParameterError(f"the {key} parameter is empty; give it a value, or leave it out")
    params = {k: v for k, v in request.query_params.items() if k != "format"}
    result = run_named(store, query, params)
    accept = request.headers.get("accept")
    if isinstance(result, GraphResult):
        media = {"turtle": "text/turtle", "jsonld": "application/ld+json"}.get(format or "") or choose(
            ["application/ld+json", *GRAPH_OFFERS[:-1]], accept
        )
        return Response(result.serialize(RDF_FORMATS[media]), media_type=media)
    if format not in (None, "json", "csv"):
        raise ParameterError(f"format must be json or csv, got {format!r}")
    wants_csv = format == "csv" or (format is None and choose(["application/json", "text/csv"], accept) == "text/csv")
    if isinstance(result, AskResult):
        if wants_csv:
            raise ParameterError(f"{name} is a yes/no question; it has no CSV form")
        return JSONResponse(QueryBoolean(query=name, parameters=params, boolean=result.value).model_dump())
    assert isinstance(result, SelectResult)
    if wants_csv:
        return Response(
            to_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'inline; filename="{name}.csv"'},
        )
    answer = QueryRows(query=name, parameters=params, variables=result.variables, rows=result.values())
    return JSONResponse(answer.model_dump())
