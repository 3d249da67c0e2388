"""One actor per set of organisations that reviewed links (``owl:sameAs`` in graph:links) join.

The projection reads each organisation under the IRI of its set's representative (the reader
moves every tie of the set to it): a curated
resource if the set has one, else a ROR record, else a CORDIS one (the smallest IRI among
equals). Links are only ever those a person accepted (``clustergraph reconcile apply``).

>>> same = representatives([("https://w3id.org/clustergraph/id/pic/1", "https://w3id.org/clustergraph/id/biocat"),
...                         ("https://w3id.org/clustergraph/id/ror/0abc", "https://w3id.org/clustergraph/id/pic/1")])
>>> sorted(set(same.values()))
['https://w3id.org/clustergraph/id/biocat']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..namespaces import ID
from .records import Actor


def _rank(iri: str) -> tuple[int, str]:
    if iri.startswith(ID + "pic/"):
        return 2, iri
    if iri.startswith(ID + "ror/"):
        return 1, iri
    return 0, iri


def representatives(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map every linked IRI to its set's representative (union-find over the pairs)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=_rank)
            parent[drop] = keep
    return {x: find(x) for x in parent}


def merge_actors(actors: dict[str, Actor], one: dict[str, str]) -> dict[str, Actor]:
    """The actors with every linked set read as its representative (ties follow in the reader).

    The representative keeps its own label; the others' labels and aliases become its aliases,
    and its types, places, sectors and markets served are the union of the set's.
    """
    if not one:
        return actors
    out: dict[str, Actor] = {}
    for iri in sorted(actors, key=lambda i: (one.get(i, i) != i, i)):  # representatives first
        actor = actors[iri]
        merged = one.get(iri, iri)
        into = out.get(merged)
        if into is None:
            out[merged] = replace(actor, iri=merged)
            continue
        into.aliases = sorted({*into.aliases, *actor.aliases, actor.label} - {into.label})
        for attr in ("types", "places", "sectors", "serves"):
            setattr(into, attr, sorted({*getattr(into, attr), *getattr(actor, attr)}))
    return dict(sorted(out.items()))
