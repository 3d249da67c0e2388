"""``clustergraph viz``: one self-contained HTML file of the network (assets inlined, no CDN)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import StoreOption, opened_store


def register(app: typer.Typer) -> None:
    """Add the ``viz`` command to ``app``."""
    app.command("viz")(viz_command)


def viz_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.", show_default=False)],
    layout: Annotated[str, typer.Option(help="force (force-directed) or geo (nodes at their places).")] = "force",
    market: Annotated[
        str | None, typer.Option(help="Start with the market filter on this market: name, code or IRI.")
    ] = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help="Only ties holding in this year.")] = None,
    relation: Annotated[
        list[str] | None, typer.Option("--relation", "-r", help="Relation types to draw (repeat); default: all.")
    ] = None,
    map_view: Annotated[
        bool, typer.Option("--map", help="Draw the markets on the map too (geographic layout).")
    ] = False,
    gaps: Annotated[bool, typer.Option("--gaps/--no-gaps", help="Include the gap overlay (shown on demand).")] = True,
    title: Annotated[str, typer.Option(help="Heading of the page.")] = "clustergraph network",
    region_shapes: Annotated[
        Path | None,
        typer.Option(
            "--region-shapes",
            help="GeoJSON FeatureCollection of region shapes (NUTS_ID or iso_3166_2) to draw and shade"
            " on the map (with --map); inlined in the file.",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write the network as one HTML file that opens from disk with no network at all.

    vis-network, the page scripts, the world outline and the data are inlined. Filters (relation,
    market, region, year), node facts and the gap overlay work in the file as on the server.
    """
    from ..errors import InputError
    from ..viz import LAYOUTS, write_html
    from ..viz.page import network_page

    if layout not in LAYOUTS:
        raise InputError(f"--layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--output should name an .html file, got {str(output)!r}")
    if region_shapes is not None and not map_view:
        raise InputError("--region-shapes draws regions on the map: add --map")
    shapes = None
    if region_shapes is not None:
        from ..viz.regions import read_region_shapes

        shapes = read_region_shapes(region_shapes)
    layer = None
    with opened_store(store, read_only=True) as target:
        page = network_page(target, relations=relation, as_of=as_of, market=market)
        data = page.data
        overlay = page.gaps() if gaps else None
        if shapes is not None:
            from ..viz.regions import region_layer

            layer, warnings = region_layer(shapes, target)
            for warning in warnings:
                typer.echo(f"warning: {warning}", err=True)
    path = write_html(
        output,
        data,
        layout="geo" if map_view else layout,
        mode="map" if map_view else "network",
        gaps=overlay,
        title=title,
        market=page.market,
        year=as_of,
        regions=layer,
    )
    counts = data["counts"]
    drawn = f", {len(layer['regions'])} region shapes" if layer else ""
    typer.echo(
        f"wrote {path} ({counts['nodes']} organisations, {counts['edges']} ties{drawn}, {path.stat().st_size:,} bytes)"
    )
