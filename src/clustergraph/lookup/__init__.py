"""Look things up: search by name, resolve a text to one actor, place or concept, describe an entity.

Every face calls these: the CLI (``clustergraph search``, ``clustergraph describe``), the API
(``/api/search``, ``/api/entities``, the ``/id/`` pages), the entry points and the gap reports.
Names match any label or alias in any language, ignoring case, and ISO 3166 / NUTS codes; the
ranking (exact, then prefix, then substring) is the same everywhere.

>>> from clustergraph.store import open_store
>>> from clustergraph.ingest import build
>>> store = open_store(":memory:")
>>> _ = build(store)
>>> [m.iri.rsplit("/", 1)[-1] for m in search(store, "biocat", limit=1)]
['biocat']
>>> resolve(store, "id:biocat").label
'Biocat'
"""

from __future__ import annotations

from .description import entity, entity_graph, facts
from .labels import labels
from .matching import search
from .models import KINDS, Entity, Fact, Kind, Label, Match, RdfTerm, Region, Resolved, SearchResults
from .resolution import resolve

__all__ = [
    "KINDS",
    "Entity",
    "Fact",
    "Kind",
    "Label",
    "Match",
    "RdfTerm",
    "Region",
    "Resolved",
    "SearchResults",
    "entity",
    "entity_graph",
    "facts",
    "labels",
    "resolve",
    "search",
]
