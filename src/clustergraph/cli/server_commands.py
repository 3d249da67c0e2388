"""The ``serve`` command: the SPARQL endpoint, API and pages over HTTP (uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import StoreOption


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the app."""
    app.command()(serve)


def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    query_timeout: Annotated[
        float | None, typer.Option(help="Seconds a query may run (CLUSTERGRAPH_QUERY_TIMEOUT).", show_default=False)
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    region_shapes: Annotated[
        Path | None,
        typer.Option(
            "--region-shapes",
            help="GeoJSON FeatureCollection of region shapes (NUTS_ID or iso_3166_2) for the map"
            " (CLUSTERGRAPH_REGION_SHAPES); the package ships none.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the graph: SPARQL endpoint at /sparql, editor at /query, API docs at /docs.

    An empty local store is built from the bundled data first. Other settings come from
    CLUSTERGRAPH_* environment variables (updates, token, SERVICE, limits).
    """
    import uvicorn

    from ..api import Settings, create_app

    overrides: dict[str, object] = {}
    if store is not None:
        overrides["store"] = store
    if query_timeout is not None:
        overrides["query_timeout"] = query_timeout
    if region_shapes is not None:
        overrides["region_shapes"] = region_shapes
    settings = Settings(**overrides)  # type: ignore[arg-type]
    print(f"clustergraph: serving {settings.store or 'the default store'} on http://{host}:{port}/", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)
