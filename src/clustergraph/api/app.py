"""The FastAPI application factory.

>>> from clustergraph.api import create_app, Settings
>>> app = create_app(Settings(store=":memory:"))
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/q"))[:3]  # one operation per named query
['/api/queries', '/api/queries/actor-connections', '/api/queries/actor-markets']
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..web import STATIC, TEMPLATES
from . import errors, openapi
from .backend import ClientMiddleware, open_backend
from .headers import HeadersMiddleware
from .hotpath import ClusterGraphApp
from .settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app: SPARQL endpoint, API, pages. The store opens when the app starts.

    Parameters
    ----------
    settings : Settings, optional
        Read from ``CLUSTERGRAPH_*`` environment variables when not given.
    """
    settings = settings or Settings()
    shapes = None
    if settings.region_shapes is not None:  # a bad file stops the start, with its error
        from ..viz.regions import read_region_shapes

        shapes = read_region_shapes(settings.region_shapes)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = await run_in_threadpool(open_backend, settings)
        await store.start()
        app.state.store = store
        if shapes is not None:
            from ..viz.regions import region_layer

            app.state.region_layer, warnings = await run_in_threadpool(region_layer, shapes, store)
            for warning in warnings:
                print(f"clustergraph: warning: {warning}", file=sys.stderr, flush=True)
        try:
            yield
        finally:
            await store.aclose()

    app = ClusterGraphApp(
        title="clustergraph",
        version=__version__,
        description="A knowledge graph of the life-science cluster ecosystem: SPARQL 1.1 endpoint,"
        " named queries, entity search and resolvable entity IRIs.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.region_layer = None
    app.state.templates = Jinja2Templates(directory=str(TEMPLATES))
    errors.install(app)
    openapi.install(app, str(settings.queries) if settings.queries else None)
    app.add_middleware(ClientMiddleware)
    app.add_middleware(HeadersMiddleware)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    from .routers import analytics, entities, pages, queries, search, sparql

    app.include_router(sparql.router)
    app.include_router(queries.router)
    app.include_router(search.router)
    app.include_router(entities.router)
    app.include_router(pages.router)
    app.include_router(analytics.router)
    from .routers import regions, views

    app.include_router(views.router)
    app.include_router(regions.router)
    return app
