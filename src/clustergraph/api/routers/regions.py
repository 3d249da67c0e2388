"""Regions side by side: ``/api/regions/compare`` (JSON) and ``/regions/compare`` (the page).

Up to ten regions, each a name, code or IRI (:func:`clustergraph.gaps.comparison.compare_regions`):
organisations, ties, partners, markets reached and projects. An unknown region is 404, an
ambiguous one 422 with the candidates (JSON); the page shows the problem above its form.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ...errors import AmbiguousError, ClusterGraphError, NotFoundError
from ...gaps.comparison import MAX_REGIONS, RegionProfile
from ...namespaces import ID
from ..deps import StoreDep, TemplatesDep

router = APIRouter(tags=["regions"])

Regions = Annotated[
    list[str],
    Query(alias="region", min_length=1, max_length=MAX_REGIONS,
          description=f"Regions to compare (1 to {MAX_REGIONS}): name, ISO 3166 / NUTS code or IRI;"
                      " repeat the parameter"),
]


@router.get("/api/regions/compare", summary="Up to ten regions side by side: organisations, ties, markets, projects")
async def compare_json(store: StoreDep, region: Regions) -> list[RegionProfile]:
    from ...gaps.comparison import compare_regions

    return await run_in_threadpool(compare_regions, store, region)


@router.get("/regions/compare", response_class=HTMLResponse, name="compare_page", summary="Region comparison page")
async def compare_page(
    request: Request,
    store: StoreDep,
    templates: TemplatesDep,
    region: Annotated[list[str] | None, Query(max_length=MAX_REGIONS, description="Regions to compare")] = None,
) -> Response:
    from ...gaps.comparison import compare_regions

    asked = [r for r in (region or []) if r.strip()]
    profiles: list[RegionProfile] = []
    problem, status = None, 200
    if asked:
        try:
            profiles = await run_in_threadpool(compare_regions, store, asked)
        except ClusterGraphError as err:
            problem = str(err)
            status = 404 if isinstance(err, NotFoundError) else 422 if isinstance(err, AmbiguousError) else 400
    fields = asked + [""] * max(0, min(MAX_REGIONS, max(3, len(asked) + 1)) - len(asked))
    return templates.TemplateResponse(
        request,
        "regions_compare.html",
        {"fields": fields, "profiles": profiles, "problem": problem, "max_regions": MAX_REGIONS, "id_base": ID},
        status_code=status,
    )
