"""The network, map and entry-point finder pages, and the JSON they draw.

Pages: ``/network`` (force-directed or geographic layout), ``/map`` (actors and markets on a
world outline), ``/entry-points`` (the finder). Data: ``/api/network`` (nodes, edges, places,
metrics, positions: :func:`clustergraph.viz.network_data`) and ``/api/network/gaps`` (suggested
links, brokers, unreached markets: :func:`clustergraph.viz.gap_overlay`). All assets are served
from the package (``/static/vendor/vis-network``, ``/static/vendor/world-atlas``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ...namespaces import ID
from ..deps import get_store, get_templates

router = APIRouter(tags=["views"])

AsOf = Annotated[int | None, Query(ge=1000, le=3000, description="Only ties holding in this year")]
Relations = Annotated[
    list[str] | None,
    Query(description="Relation types to project (default: all, funding included; the page hides funding at first)"),
]


@router.get("/api/network", summary="The actor network as drawn by the network and map pages")
async def network_json(request: Request, as_of: AsOf = None, relation: Relations = None) -> dict[str, Any]:
    from ...viz.page import network_page

    store = get_store(request)
    return await run_in_threadpool(lambda: network_page(store, relations=relation, as_of=as_of).data)


@router.get("/api/network/gaps", summary="Gap overlay of the network page: suggested links, brokers, unreached markets")
async def network_gaps_json(
    request: Request,
    as_of: AsOf = None,
    relation: Relations = None,
    limit: int = Query(15, ge=1, le=200, description="Brokers and suggested links to list"),
) -> dict[str, Any]:
    from ...viz.page import network_page

    store = get_store(request)
    # the projection of the network drawn (same relations and year as /api/network)
    return await run_in_threadpool(lambda: network_page(store, relations=relation, as_of=as_of).gaps(limit))


class PointsRequest(BaseModel):
    """The IRIs of a result table to place on a map."""

    iris: list[str] = Field(max_length=5000, description="IRIs (places, or organisations located in one)")


class Point(BaseModel):
    """Where an IRI is drawn: its own point, or that of the place it is located in (``via``)."""

    iri: str
    label: str | None
    lat: float
    long: float
    via: str | None = Field(None, description="The place whose point it is, when not the IRI's own")


@router.post("/api/points", name="points_json", summary="WGS84 points of places, or of the places organisations are in")
async def points_json(request: Request, body: PointsRequest) -> list[Point]:
    from pyoxigraph import NamedNode

    from ... import sparql
    from ...store.results import SelectResult, term_value
    from ...store.sparqltext import bind_rows
    from ...terms import named_node

    nodes = [n for n in (named_node(i) for i in dict.fromkeys(body.iris)) if isinstance(n, NamedNode)]
    if not nodes:
        return []
    text = bind_rows(sparql.load("web-points"), ["iri"], [[n] for n in nodes])
    store = get_store(request)
    result = await run_in_threadpool(store.query, text)
    assert isinstance(result, SelectResult)
    points: dict[str, Point] = {}
    for row in result.dicts():
        iri = term_value(row["iri"])
        try:
            lat, long = float(term_value(row["lat"])), float(term_value(row["long"]))
        except ValueError:
            continue
        label = term_value(row["label"]) if "label" in row else None
        via = term_value(row["via"]) if "via" in row else None
        points.setdefault(iri, Point(iri=iri, label=label, lat=lat, long=long, via=via))
    return list(points.values())


NO_REGIONS: dict[str, Any] = {"regions": [], "source": None, "tolerance": None, "points": 0, "skipped": []}


@router.get("/api/region-shapes", name="region_shapes_json", summary="The region shapes the map draws (user-loaded)")
async def region_shapes_json(request: Request) -> dict[str, Any]:
    """The regions of ``--region-shapes`` the graph knows: code, IRI, English label, rings.

    Each ring is a flat list of longitude, latitude pairs (simplified; see
    :mod:`clustergraph.viz.regions`). Without shapes loaded, no regions.
    """
    layer = request.app.state.region_layer
    return layer if layer is not None else NO_REGIONS


def _config(request: Request, mode: str, layout: str, as_of: int | None, relation: list[str] | None) -> dict[str, Any]:
    query = [("relation", r) for r in relation or []] + ([("as_of", str(as_of))] if as_of else [])
    from urllib.parse import urlencode

    suffix = ("?" + urlencode(query)) if query else ""
    layer = request.app.state.region_layer
    return {
        "mode": mode,
        "layout": layout,
        "dataUrl": request.url_for("network_json").path + suffix,
        "gapsUrl": request.url_for("network_gaps_json").path + suffix,
        "worldUrl": request.url_for("static", path="vendor/world-atlas/land-110m.json").path,
        "countriesUrl": request.url_for("static", path="vendor/world-atlas/countries-110m.json").path,
        "isoUrl": request.url_for("static", path="vendor/world-atlas/countries-110m-iso.json").path,
        "regionsUrl": request.url_for("region_shapes_json").path if layer and layer["regions"] else None,
        "entityUrl": request.url_for("get_entity", id="").path,
        "entityPage": request.url_for("resolve_entity", path="").path,
        "entryPointsUrl": request.url_for("entry_points").path,
        "idPrefix": ID,
        "initial": {"market": None, "year": as_of},
    }


@router.get("/network", response_class=HTMLResponse, name="network_page", summary="Network view")
async def network_page(
    request: Request,
    layout: str = Query("force", pattern="^(force|geo)$", description="force or geo"),
    as_of: AsOf = None,
    relation: Relations = None,
) -> Response:
    return get_templates(request).TemplateResponse(
        request,
        "network.html",
        {
            "heading": "Network",
            "intro": "Organisations tied by alliances, agreements, projects and events. Colour: type; size: the"
            " chosen metric. Filter by relation, market, region and year; click an organisation for its facts"
            " and sources; show the gaps on demand; switch between force-directed and geographic layouts.",
            "mode": "network",
            "as_of": as_of,
            "config": _config(request, "network", layout, as_of, relation),
        },
    )


@router.get("/map", response_class=HTMLResponse, name="map_page", summary="Map view")
async def map_page(request: Request, as_of: AsOf = None, relation: Relations = None) -> Response:
    return get_templates(request).TemplateResponse(
        request,
        "network.html",
        {
            "heading": "Map",
            "intro": "Organisations at their places on a world outline (Natural Earth), the ties between them, and"
            " the markets they serve (diamonds, dashed links). Organisations in one place sit on a small spiral"
            " around it; those without a known place in rows below the map.",
            "mode": "map",
            "regions_loaded": len((request.app.state.region_layer or {}).get("regions", [])),
            "regions_source": (request.app.state.region_layer or {}).get("source"),
            "as_of": as_of,
            "config": _config(request, "map", "geo", as_of, relation),
        },
    )


@router.get("/entry-points", response_class=HTMLResponse, name="finder_page", summary="Entry-point finder")
async def finder_page(
    request: Request,
    home: str = Query("", alias="from"),
    market: str = "",
    sector: str = "",
    as_of: str = "",
) -> Response:
    return get_templates(request).TemplateResponse(
        request,
        "finder.html",
        {
            "form": {"home": home, "market": market, "sector": sector, "as_of": as_of},
            "mode": "network",
            "as_of": None,
            "config": _config(request, "network", "force", None, None),
        },
    )
