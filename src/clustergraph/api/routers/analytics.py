"""Network analytics over HTTP: ``/api/entry-points`` and ``/api/gaps``.

Errors go through the app's handlers (:mod:`clustergraph.api.errors`): an unknown home, market
or sector is 404, an ambiguous one 422 with the candidates, an empty graph 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse, Response

from ...entrypoints.model import EntryPointAnswer
from ...gaps.diff import NetworkDiff
from ...gaps.report import GapReport
from ..deps import StoreDep

router = APIRouter(prefix="/api", tags=["analytics"])


@router.get("/entry-points", summary="Ranked, sourced entry points from a home into a market")
def entry_points(
    store: StoreDep,
    home: str = Query(
        ..., alias="from", min_length=1, description="Organisation, alliance or region: name, code or IRI"
    ),
    market: str = Query(..., min_length=1, description="Country or region: name, code or IRI"),
    sector: str | None = Query(None, description="Keep entry points in this sector"),
    as_of: int | None = Query(None, ge=1000, le=3000, description="Only ties holding in this year"),
    limit: int = Query(10, ge=1, le=100, description="At most this many entry points"),
    relation: Annotated[
        list[str] | None, Query(description="Relation types to follow (default: all but funding)")
    ] = None,
) -> EntryPointAnswer:
    from ...entrypoints import entry_points as find

    return find(store, home, market, sector=sector, as_of=as_of, limit=limit, relations=relation)


@router.get(
    "/gaps",
    summary="Coverage of markets, brokers, missing links and fragmentation",
    response_model=GapReport,
    responses={200: {"content": {"text/csv": {}, "text/markdown": {}}}},
)
def gaps(
    store: StoreDep,
    market: str | None = Query(None, description="Only this market: name, code or IRI"),
    as_of: int | None = Query(None, ge=1000, le=3000, description="Only ties holding in this year"),
    limit: int = Query(10, ge=1, le=100, description="Brokers and missing links to list"),
    relation: Annotated[list[str] | None, Query(description="Relation types (default: all but funding)")] = None,
    format: str = Query("json", pattern="^(json|csv|md)$", description="json, csv (coverage) or md (brief)"),
) -> GapReport | Response:
    from ...gaps import gap_report

    report = gap_report(store, market=market, as_of=as_of, relations=relation, limit=limit)
    if format == "csv":
        return PlainTextResponse(report.coverage_csv(), media_type="text/csv; charset=utf-8")
    if format == "md":
        return PlainTextResponse(report.to_markdown(), media_type="text/markdown; charset=utf-8")
    return report


@router.get(
    "/gaps/diff",
    summary="Which homes gained or lost a way into which market between two years",
    response_model=NetworkDiff,
    responses={200: {"content": {"text/markdown": {}}}},
)
def gaps_diff(
    store: StoreDep,
    before: int = Query(..., alias="from", ge=1000, le=3000, description="The first year"),
    after: int = Query(..., alias="to", ge=1000, le=3000, description="The second year"),
    market: str | None = Query(None, description="Only this market: name, code or IRI"),
    relation: Annotated[list[str] | None, Query(description="Relation types (default: all but funding)")] = None,
    format: str = Query("json", pattern="^(json|md)$", description="json or md (brief)"),
) -> NetworkDiff | Response:
    from ...gaps.diff import gap_diff

    diff = gap_diff(store, before, after, market=market, relations=relation)
    if format == "md":
        return PlainTextResponse(diff.to_markdown(), media_type="text/markdown; charset=utf-8")
    return diff
