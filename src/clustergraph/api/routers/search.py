"""Entity search: ``/api/search?q=``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ... import lookup
from ..deps import StoreDep

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", summary="Entities by any label in any language, best matches first")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, description="Text to find in labels (any case), or an ISO 3166 / NUTS code")],
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many entities")] = 20,
    kind: Annotated[list[lookup.Kind] | None, Query(description="Only these kinds: actor, place, concept")] = None,
) -> lookup.SearchResults:
    matches = lookup.search(store, q, limit=limit, kinds=tuple(kind) if kind else None)
    return lookup.SearchResults(query=q, results=matches)
