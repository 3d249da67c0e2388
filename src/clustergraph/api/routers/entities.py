"""One entity, everything known about it: ``/api/entities/{id}``."""

from __future__ import annotations

from fastapi import APIRouter

from ... import lookup
from ...namespaces import ID
from ..deps import StoreDep

router = APIRouter(prefix="/api", tags=["entities"])


@router.get(
    "/entities/{id:path}",
    name="get_entity",
    summary="Everything known about one entity, each fact with its source graph and evidence",
)
def get_entity(store: StoreDep, id: str) -> lookup.Entity:
    iri = id if id.startswith(("http://", "https://")) else ID + id
    return lookup.entity(store, iri)
