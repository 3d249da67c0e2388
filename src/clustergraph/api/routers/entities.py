"""One entity, everything known about it: ``/api/entities/{id}``."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ... import lookup
from ...namespaces import ID
from ..deps import StoreDep, iri_tail

router = APIRouter(prefix="/api", tags=["entities"])


@router.get(
    "/entities/{id:path}",
    name="get_entity",
    summary="Everything known about one entity, each fact with its source graph and evidence",
)
def get_entity(request: Request, store: StoreDep, id: str) -> lookup.Entity:
    id = iri_tail(request, "/entities/", id)
    iri = id if id.startswith(("http://", "https://")) else ID + id
    return lookup.entity(store, iri)
