"""Entity search: ``/api/search?q=``."""

from __future__ import annotations

from fastapi import APIRouter, Query

from ... import lookup
from ..deps import StoreDep

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", summary="Entities by any label in any language, best matches first")
def search(
    store: StoreDep,
    q: str = Query(..., min_length=1, description="Text to find in labels (case-insensitive)"),
    limit: int = Query(20, ge=1, le=500, description="At most this many entities"),
) -> dict[str, object]:
    matches = lookup.search(store, q, limit=limit)
    return {"query": q, "results": [m.as_dict() for m in matches]}
