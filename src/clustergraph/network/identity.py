"""One actor per set of organisations that reviewed links (``owl:sameAs`` in graph:links) join.

The projection reads each organisation under the IRI of its set's representative: a curated
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

from .. import sparql
from ..namespaces import ID
from ..store.base import Store
from ..store.results import SelectResult
from .records import Actor, Records, Tie


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


def same_as(store: Store) -> dict[str, str]:
    """The representative of every organisation that an accepted link joins to another."""
    result = store.query(sparql.load("net-same-as"))
    if not isinstance(result, SelectResult):  # pragma: no cover - a SELECT
        return {}
    return representatives(
        (row[0].value, row[1].value) for row in result.rows if row[0] is not None and row[1] is not None  # type: ignore[union-attr]
    )


def join(records: Records, one: dict[str, str]) -> Records:
    """The records with every linked set of organisations read as its representative.

    The representative keeps its own label; the others' labels and aliases become its aliases,
    and its types, places, sectors, markets served and contact points are the union of the set's.
    Ties move to the representative (a tie of the set with itself is dropped; two that become one
    keep the roles and sources of both).
    """
    if not one:
        return records
    actors: dict[str, Actor] = {}
    for iri in sorted(records.actors, key=lambda i: (one.get(i, i) != i, i)):  # representatives first
        actor = records.actors[iri]
        merged = one.get(iri, iri)
        into = actors.get(merged)
        if into is None:
            actors[merged] = replace(actor, iri=merged)
            continue
        into.aliases = sorted({*into.aliases, *actor.aliases, actor.label} - {into.label})
        for attr in ("types", "places", "sectors", "serves", "contact_points"):
            setattr(into, attr, sorted({*getattr(into, attr), *getattr(actor, attr)}))
    ties: dict[tuple[str, str, str, str], Tie] = {}
    for tie in records.ties:
        who, target = one.get(tie.actor, tie.actor), one.get(tie.target, tie.target)
        if who == target:
            continue
        key = (tie.kind, tie.iri, who, target)
        found = ties.get(key)
        if found is None:
            ties[key] = replace(tie, actor=who, target=target, roles=list(tie.roles), sources=dict(tie.sources))
            continue
        found.roles = sorted({*found.roles, *tie.roles})
        found.start = min(filter(None, (found.start, tie.start)), default=None)
        found.end = max(filter(None, (found.end, tie.end)), default=None)
        found.sources = {**tie.sources, **found.sources}
    joined = sorted(ties.values(), key=lambda t: (t.actor, t.target, t.kind, t.iri))
    return replace(records, actors=dict(sorted(actors.items())), ties=joined)
