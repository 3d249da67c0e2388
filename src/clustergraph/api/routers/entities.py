"""One entity, everything known about it: ``/api/entities/{id}``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ... import lookup
from ...namespaces import ID
from ..deps import get_store

router = APIRouter(prefix="/api", tags=["entities"])


@router.get(
    "/entities/{id:path}",
    name="get_entity",
    summary="Everything known about one entity, each fact with its source graph and evidence",
)
async def get_entity(request: Request, id: str) -> dict[str, object]:
    iri = id if id.startswith(("http://", "https://")) else ID + id
    return await run_in_threadpool(lookup.entity, get_store(request), iri)
