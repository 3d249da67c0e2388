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


def merge_linked(records: Records, one: dict[str, str]) -> Records:
    """The records with every linked set of actors folded into its representative.

    The representative keeps its label; the others' labels become its aliases, and their types,
    places, sectors, markets served and contact points are added to its own. Ties of any member
    become ties of the representative (a tie between two members of one set is dropped).
    """
    if not one:
        return records
    actors: dict[str, Actor] = {}
    for iri in sorted(records.actors, key=lambda i: (one.get(i, i) != i, i)):  # representatives first
        actor = records.actors[iri]
        rep = one.get(iri, iri)
        into = actors.get(rep)
        if into is None:
            into = actors[rep] = replace(actor, iri=rep, aliases=list(actor.aliases))
            if rep != iri:
                into.aliases.append(actor.label)
            continue
        into.aliases.append(actor.label)
        for attr in ("types", "aliases", "places", "sectors", "serves", "contact_points"):
            setattr(into, attr, sorted({*getattr(into, attr), *getattr(actor, attr)}))
    for actor in actors.values():
        actor.aliases = sorted(set(actor.aliases) - {actor.label})
    ties: list[Tie] = []
    for tie in records.ties:
        who, target = one.get(tie.actor, tie.actor), one.get(tie.target, tie.target)
        if who != target:
            ties.append(replace(tie, actor=who, target=target))
    ties.sort(key=lambda t: (t.actor, t.target, t.kind, t.iri))
    return replace(records, actors=dict(sorted(actors.items())), ties=ties)
