"""The knowledge graph projected into networkx graphs: typed, weighted, dated, sourced.

Two graphs come out of one :func:`project` call:

``Network.actors``
    One node per organisation. Two actors are joined when they share an alliance (both members),
    (members of an ordinary organisation, such as the companies of a cluster organisation, are
    joined to it rather than to each other),
    an agreement (both parties), a project or an event (both take part), directly or through a
    part of it (one takes part in a sub-event of the event the other organises, or in an activity
    done in the context of the other's project). A member is also joined to its alliance when the
    alliance acts on its own (takes part in events), and an organisation to its units.
``Network.affiliation``
    The bipartite view: actors and the alliances, projects, events and agreements they are tied
    to, plus the links between those (sub-event, in the context of, signed at, continues). Paths
    in it read "Biocat -member of-> bioXclusters PLUS -organiser of-> mission to Japan 2016 ...".

Relation types and their strength (used as edge weight and in entry-point scores): agreement 1.0,
alliance 0.9, unit 0.9, project 0.7, event 0.5, funding 0.3. A funding tie is ``schema:funder`` or a
participation whose only roles are funder, initiator or supporter; funding ties are left out unless
asked for, because one funder would otherwise join every project it pays for and hide who
actually works with whom.

The ``as_of`` rule: a tie counts in year Y when its start year is at most Y and it has no end or
its end year is at least Y. A tie's dates are its own, or else those of the alliance, project,
event or agreement it points at; an event without an end date ends the year it starts. **A tie
without any date always counts.**

>>> from clustergraph.network.example import example_store
>>> net = project(example_store())
>>> sorted(net.actors.nodes)[:2]
['https://w3id.org/clustergraph/id/alpha-cluster', 'https://w3id.org/clustergraph/id/beta-cluster']
>>> data = net.actors.edges["https://w3id.org/clustergraph/id/alpha-cluster", "https://w3id.org/clustergraph/id/osaka-partner"]
>>> data["relations"], data["ties"][0]["graph"]
(['event'], 'https://w3id.org/clustergraph/graph/example')
>>> project(example_store(), as_of=2010).actors.number_of_edges() < net.actors.number_of_edges()
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import NotFoundError
from ..namespaces import ID
from ..store.base import Store
from .metrics import betweenness
from .readers import read_records
from .records import Records, Tie
from .relations import PART_STRENGTH, RELATION_STRENGTH, active, check_relations, year_of

COUNTRY_PREFIX = ID + "country/"


@dataclass
class Network:
    """The projected graphs and what they were made from.

    Attributes
    ----------
    actors : networkx.Graph
        Actor network (see the module docs); edge attributes ``weight``, ``relations``,
        ``via`` (affiliation IRIs), ``ties`` (one dict per tie: tie IRI, relation, role, dates,
        source graph, evidence quote), ``start``/``end`` years.
    affiliation : networkx.Graph
        Bipartite actor / alliance-project-event-agreement graph; node attribute ``kind``.
    records : Records
        The rows read from the store.
    relations : tuple of str
        The relation types kept.
    as_of : int or None
        The year the ties were sliced at.
    reference_year : int or None
        ``as_of``, or else the latest year any tie carries (used for recency).
    """

    actors: nx.Graph
    affiliation: nx.Graph
    records: Records
    relations: tuple[str, ...]
    as_of: int | None = None
    reference_year: int | None = None
    notes: list[str] = field(default_factory=list)
    _betweenness: tuple[dict[Hashable, float], str | None] | None = field(default=None, repr=False, compare=False)

    def betweenness(self) -> tuple[dict[Hashable, float], str | None]:
        """Betweenness of every actor and the note saying whether it was sampled (computed once
        per projection, see :func:`clustergraph.network.metrics.betweenness`)."""
        if self._betweenness is None:
            self._betweenness = betweenness(self.actors)
        return self._betweenness

    def label(self, iri: str) -> str:
        """The label of any node."""
        return self.records.label(iri)

    def summary(self) -> dict[str, Any]:
        """Node and edge counts, relation types and the as-of year."""
        return {
            "actors": self.actors.number_of_nodes(),
            "actor_edges": self.actors.number_of_edges(),
            "affiliation_nodes": self.affiliation.number_of_nodes(),
            "affiliation_edges": self.affiliation.number_of_edges(),
            "relations": list(self.relations),
            "as_of": self.as_of,
        }


def tie_years(tie: Tie, records: Records) -> tuple[int | None, int | None]:
    """Start and end year of a tie, falling back to its target's dates (see the module docs)."""
    target = records.affiliations.get(tie.target)
    start = year_of(tie.start) or (year_of(target.start) if target else None)
    end = year_of(tie.end) or (year_of(target.end) if target else None)
    if end is None and start is not None and target is not None and target.kind == "event":
        end = start
    return start, end


def project(
    store: Store,
    *,
    relations: Sequence[str] | None = None,
    as_of: int | None = None,
    records: Records | None = None,
) -> Network:
    """Project the knowledge graph in ``store`` into networkx graphs.

    Parameters
    ----------
    store : Store
        Any store (only ``Store.query`` is used).
    relations : sequence of str, optional
        Relation types to keep: ``agreement``, ``alliance``, ``unit``, ``project``, ``event``,
        ``funding``. Default: all but ``funding``.
    as_of : int, optional
        Keep only the ties that hold in this year (see the module docs for the rule).
    records : Records, optional
        Records already read from the store (to avoid reading twice).

    Returns
    -------
    Network

    Raises
    ------
    NotFoundError
        If the store holds no organisation at all (an empty or unbuilt store).
    InputError
        For an unknown relation type.
    """
    chosen = check_relations(relations)
    recs = records if records is not None else read_records(store)
    if not recs.actors:
        raise NotFoundError(
            f"the store at {store.location} holds no organisation: nothing to analyse"
            " (run `clustergraph build`, or load data first)"
        )
    kept: list[tuple[Tie, str, int | None, int | None]] = []
    latest: int | None = None
    for tie in recs.ties:
        if tie.actor not in recs.actors:
            continue  # persons and other non-organisations
        target = recs.affiliations.get(tie.target)
        if tie.target not in recs.actors and target is None:
            continue
        relation = tie.relation(target)
        if relation not in chosen:
            continue
        start, end = tie_years(tie, recs)
        for year in (start, end):
            if year is not None and (latest is None or year > latest):
                latest = year
        if not active(start, end, as_of):
            continue
        kept.append((tie, relation, start, end))

    aff = _affiliation_graph(recs, kept)
    actors = _actor_graph(recs, kept, aff)
    return Network(
        actors=actors,
        affiliation=aff,
        records=recs,
        relations=chosen,
        as_of=as_of,
        reference_year=as_of if as_of is not None else latest,
    )


def _actor_attributes(recs: Records, iri: str) -> dict[str, Any]:
    actor = recs.actors[iri]
    attrs: dict[str, Any] = {
        "label": actor.label,
        "type": ";".join(actor.type_names()),
        "sectors": ";".join(actor.sectors),
        "serves": ";".join(actor.serves),
    }
    if actor.places:
        place = actor.places[0]
        attrs["region"] = place
        attrs["region_label"] = recs.place_label(place)
        countries = [p for p in recs.ancestors(place) if p.startswith(COUNTRY_PREFIX)]
        if countries:
            attrs["country"] = countries[0]
            attrs["country_label"] = recs.place_label(countries[0])
        coords = recs.coordinates(place)
        if coords is not None:
            attrs["lat"], attrs["long"], attrs["coordinates_of"] = coords
    return attrs


def _affiliation_graph(recs: Records, kept: list[tuple[Tie, str, int | None, int | None]]) -> nx.Graph:
    g = nx.Graph()
    for iri in recs.actors:
        g.add_node(iri, kind="actor", **_actor_attributes(recs, iri))
    for tie, relation, start, end in kept:
        if tie.target not in g:
            target = recs.affiliations[tie.target]
            g.add_node(
                tie.target,
                kind=target.kind,
                label=target.label,
                start=target.start or "",
                end=target.end or "",
                markets=";".join(target.markets),
            )
        entry = tie.to_dict(relation)
        entry["start_year"], entry["end_year"] = start, end
        if g.has_edge(tie.actor, tie.target):
            data = g.edges[tie.actor, tie.target]
            data["ties"].append(entry)
            if RELATION_STRENGTH[relation] > data["strength"]:
                data["strength"], data["relation"] = RELATION_STRENGTH[relation], relation
        else:
            g.add_edge(
                tie.actor,
                tie.target,
                ties=[entry],
                relation=relation,
                strength=RELATION_STRENGTH[relation],
            )
    for link in recs.links:
        known = [n for n in (link.part, link.whole) if n in g or n in recs.affiliations]
        if len(known) < 2 or g.has_edge(link.part, link.whole):
            continue
        for n in known:
            if n not in g:
                target = recs.affiliations[n]
                g.add_node(
                    n,
                    kind=target.kind,
                    label=target.label,
                    start=target.start or "",
                    end=target.end or "",
                    markets=";".join(target.markets),
                )
        g.add_edge(
            link.part,
            link.whole,
            relation=link.link,
            strength=PART_STRENGTH,
            part=link.part,
            whole=link.whole,
            graphs=list(link.graphs),
            sources=dict(link.sources),
            ties=[],
        )
    return g


_COLLABORATIONS = ("OrganizationalCollaboration", "Alliance", "Cluster")


def _collaboration(recs: Records, iri: str) -> bool:
    """Whether an actor is a collaboration (alliance, cluster) whose members share it."""
    return any(name in _COLLABORATIONS for name in recs.actors[iri].type_names())


def _actor_graph(recs: Records, kept: list[tuple[Tie, str, int | None, int | None]], aff: nx.Graph) -> nx.Graph:
    g = nx.Graph()
    for iri in recs.actors:
        g.add_node(iri, **_actor_attributes(recs, iri))
    direct: dict[str, list[tuple[Tie, str, int | None, int | None]]] = defaultdict(list)
    for item in kept:
        direct[item[0].target].append(item)
    children: dict[str, set[str]] = defaultdict(set)
    for link in recs.links:
        if link.part in aff and link.whole in aff:
            children[link.whole].add(link.part)

    def scope(node: str) -> list[str]:
        seen = [node]
        stack = [node]
        while stack:
            for child in sorted(children.get(stack.pop(), ())):
                if child not in seen:
                    seen.append(child)
                    stack.append(child)
        return seen

    def add(a: str, b: str, via: str, ties: list[tuple[Tie, str, int | None, int | None]]) -> None:
        relation = min((t[1] for t in ties), key=lambda r: RELATION_STRENGTH[r])
        if not g.has_edge(a, b):
            g.add_edge(a, b, weight=0.0, relations=[], via=[], ties=[], start=None, end=None, _keys=set())
        data = g.edges[a, b]
        if via not in data["via"]:
            data["via"].append(via)
            data["weight"] = round(data["weight"] + RELATION_STRENGTH[relation], 3)
        if relation not in data["relations"]:
            data["relations"].append(relation)
            data["relations"].sort(key=lambda r: -RELATION_STRENGTH[r])
        for tie, rel, start, end in ties:
            key = (tie.iri, tie.actor, tie.target)
            if key in data["_keys"]:
                continue
            data["_keys"].add(key)
            entry = tie.to_dict(rel)
            entry["via"] = via
            data["ties"].append(entry)
            if start is not None and (data["start"] is None or start < data["start"]):
                data["start"] = start
            for y in (end, start):
                if y is not None and (data["end"] is None or y > data["end"]):
                    data["end"] = y

    for target in sorted(direct):
        if target in recs.actors:  # a tie straight to another actor: membership of an acting alliance, a unit
            for item in direct[target]:
                if item[0].actor != target:
                    add(item[0].actor, target, target, [item])
            if not _collaboration(recs, target):
                # Members of an ordinary organisation (the companies of a cluster organisation)
                # meet through it: a star, not a clique. A clique would also grow with the square
                # of the membership (1.5 million edges for 10,000 synthetic actors).
                continue
        inside = [item for node in scope(target) for item in direct.get(node, [])]
        for first in direct[target]:
            for second in inside:
                a, b = first[0].actor, second[0].actor
                if a != b:
                    add(a, b, target, [first, second])
    for _, _, data in g.edges(data=True):
        data.pop("_keys", None)
    return g
