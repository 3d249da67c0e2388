"""The knowledge graph projected into two graphs: typed, weighted, dated, sourced.

Two graphs come out of one :func:`project` call, as integer arrays (:mod:`.edges`, :mod:`.csr`)
and, on demand, as networkx graphs with the same nodes and edges:

actor graph (``Network.actor_edges``, ``Network.actors``)
    One node per organisation. Two actors are joined when they share an alliance (both members),
    an agreement (both parties), a project or an event (both take part), directly or through a
    part of it (one takes part in a sub-event of the event the other organises, or in an activity
    done in the context of the other's project). Members of an ordinary organisation (the
    companies of a cluster organisation) are joined to it rather than to each other. A member is
    also joined to its alliance when the alliance acts on its own, and an organisation to its units.
affiliation graph (``Network.affiliation_edges``, ``Network.affiliation``)
    The bipartite view: actors and the alliances, projects, events and agreements they are tied
    to, plus the links between those (sub-event, in the context of, signed at, continues). Paths
    in it read "Biocat -member of-> bioXclusters PLUS -organiser of-> mission to Japan 2016 ...".

Relation types, their strength and the as-of rule: :mod:`clustergraph.network.relations`. A
funding tie is ``schema:funder`` or a participation whose only roles are funder, initiator or
supporter; funding ties are left out unless asked for, because one funder would otherwise join
every project it pays for and hide who actually works with whom. A tie's dates are its own, or
else those of what it points at; an event without an end date ends the year it starts.

The records (:func:`clustergraph.network.readers.read_records`) are read once per store
generation (:mod:`clustergraph.network.cache`); a projection for other relation types or another
year reuses them. **Recency is measured against a stated year**: ``as_of``, or else the current
year (:attr:`Network.reference_year`), never the latest year some unrelated data carries.

>>> from clustergraph.network.example import example_store
>>> store = example_store()
>>> net = project(store)
>>> sorted(net.actors.nodes)[:2]
['https://w3id.org/clustergraph/id/alpha-cluster', 'https://w3id.org/clustergraph/id/beta-cluster']
>>> a, b = "https://w3id.org/clustergraph/id/alpha-cluster", "https://w3id.org/clustergraph/id/osaka-partner"
>>> net.actors.edges[a, b]["relations"], net.edge_ties(a, b)[0]["graph"]
(['event'], 'https://w3id.org/clustergraph/graph/example')
>>> project(store, as_of=2010).actors.number_of_edges() < net.actors.number_of_edges()
True
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from ..errors import NotFoundError
from ..namespaces import ID
from ..store.base import Store
from .csr import Neighbours
from .edges import LINK_KINDS, ActorEdges, AffiliationEdges, actor_edges, affiliation_edges, part_scope
from .metrics import betweenness_array
from .records import Records
from .relations import check_relations, year_of
from .sources import TieSources
from .ties import KINDS, RELATIONS

COUNTRY_PREFIX = ID + "country/"
_COLLABORATIONS = ("OrganizationalCollaboration", "Alliance", "Cluster")


def current_year() -> int:
    """The year today (the reference year of recency when no ``as_of`` is given)."""
    return datetime.date.today().year


@dataclass
class Network:
    """The projected graphs and what they were made from.

    Attributes
    ----------
    records : Records
        What was read from the store.
    relations : tuple of str
        The relation types kept.
    as_of : int or None
        The year the ties were sliced at.
    reference_year : int
        The year recency is measured against: ``as_of``, or the current year.
    kept : numpy.ndarray
        Which ties of ``records.ties`` the projection keeps.
    affiliation_edges, actor_edges
        The two graphs as arrays (node ids of ``records.iris``).
    """

    records: Records
    relations: tuple[str, ...]
    as_of: int | None
    reference_year: int
    kept: npt.NDArray[np.bool_]
    present: npt.NDArray[np.bool_]  # node ids in the affiliation graph
    affiliation_edges: AffiliationEdges
    actor_edges: ActorEdges
    sources: TieSources
    notes: list[str] = field(default_factory=list)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # --- labels and counts --------------------------------------------------------------------

    def label(self, iri: str) -> str:
        """The label of any node."""
        return self.records.label(iri)

    @property
    def latest_year(self) -> int | None:
        """The latest year any tie of the records carries (for information only)."""
        return self.records.ties.latest_year()

    def summary(self) -> dict[str, Any]:
        """Node and edge counts, relation types and the as-of year."""
        return {
            "actors": self.records.actor_count,
            "actor_edges": self.actor_edges.graph.m,
            "affiliation_nodes": int(self.present.sum()),
            "affiliation_edges": self.affiliation_edges.graph.m,
            "relations": list(self.relations),
            "as_of": self.as_of,
            "reference_year": self.reference_year,
        }

    def betweenness(self) -> tuple[dict[Hashable, float], str | None]:
        """Betweenness of every actor and the note saying whether it was sampled (computed once
        per projection, see :func:`clustergraph.network.metrics.betweenness`)."""
        if "betweenness" not in self._cache:
            values, note = betweenness_array(self.actor_edges.graph)
            iris = self.records.iris
            self._cache["betweenness"] = ({iris[i]: float(x) for i, x in enumerate(values.tolist())}, note)
        found: tuple[dict[Hashable, float], str | None] = self._cache["betweenness"]
        return found

    # --- ties as a person reads them ----------------------------------------------------------

    def tie_records(self, ids: Sequence[int], *, via: str | None = None) -> list[dict[str, Any]]:
        """The ties ``ids`` as plain values: tie IRI, kind, relation, actor, target, role, dates,
        first source graph and quote, every source."""
        table, iris = self.records.ties, self.records.iris
        found = self.sources.ties(ids)
        out = []
        for i in ids:
            src = found[i]
            entry: dict[str, Any] = {
                "tie": table.nodes[i],
                "kind": KINDS[int(table.kind[i])],
                "relation": RELATIONS[int(table.relation[i])],
                "actor": iris[int(table.actor[i])],
                "target": iris[int(table.target[i])],
                "role": src.role,
                "start": src.start,
                "end": src.end,
                "graph": src.graph,
                "evidence": src.evidence,
                "sources": src.sources,
            }
            if via is not None:
                entry["via"] = via
            out.append(entry)
        return out

    def prefetch_sources(self) -> None:
        """Fetch the sources of every kept tie at once (before writing a whole graph out)."""
        self.sources.ties(np.nonzero(self.kept)[0].tolist())

    def node_years(self) -> npt.NDArray[np.int16]:
        """The latest year of every node's own dates (affiliations; 0 for the undated)."""
        if "node_years" not in self._cache:
            out = np.zeros(len(self.records.iris), dtype=np.int16)
            for iri, aff in self.records.affiliations.items():
                y = max(year_of(aff.start) or 0, year_of(aff.end) or 0)
                if y:
                    out[self.records.index[iri]] = y
            self._cache["node_years"] = out
        years: npt.NDArray[np.int16] = self._cache["node_years"]
        return years

    def adjacency(self) -> Neighbours:
        """The affiliation graph's neighbour lists, made as searches reach them."""
        return self.affiliation_edges.graph.lazy_lists()

    def affiliation_edge(self, u: int, v: int) -> int:
        """The id of the affiliation-graph edge joining nodes ``u`` and ``v``."""
        g = self.affiliation_edges.graph
        lo, hi = int(g.indptr[u]), int(g.indptr[u + 1])
        at = lo + int(np.searchsorted(g.indices[lo:hi], v))
        if at >= hi or int(g.indices[at]) != v:
            raise KeyError((u, v))
        return int(g.edge[at])

    def actor_edge(self, u: int, v: int) -> int:
        """The id of the actor-graph edge joining actors ``u`` and ``v``."""
        g = self.actor_edges.graph
        lo, hi = int(g.indptr[u]), int(g.indptr[u + 1])
        at = lo + int(np.searchsorted(g.indices[lo:hi], v))
        if at >= hi or int(g.indices[at]) != v:
            raise KeyError((u, v))
        return int(g.edge[at])

    def edge_ties(self, a: str, b: str) -> list[dict[str, Any]]:
        """The ties behind the actor edge ``a — b`` (see :meth:`tie_records`)."""
        data = self.actors.edges[a, b]
        return self.tie_records(data["tie_ids"])

    # --- networkx views -----------------------------------------------------------------------

    def _actor_attributes(self, iri: str) -> dict[str, Any]:
        recs = self.records
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

    @property
    def actors(self) -> nx.Graph:
        """The actor graph in networkx: node attributes (label, type, region, country,
        coordinates), edge attributes ``weight``, ``relations`` (strongest first), ``via``
        (affiliation IRIs), ``start``/``end`` years, ``tie_ids`` (see :meth:`tie_records`)."""
        if "actors" not in self._cache:
            iris, e = self.records.iris, self.actor_edges
            g = nx.Graph()
            for iri in self.records.actors:
                g.add_node(iri, **self._actor_attributes(iri))
            for k in range(e.graph.m):
                bits = int(e.relations[k])
                g.add_edge(
                    iris[int(e.graph.u[k])],
                    iris[int(e.graph.v[k])],
                    weight=float(e.weight[k]),
                    relations=[r for i, r in enumerate(RELATIONS) if bits >> i & 1],
                    via=[iris[int(x)] for x in e.via_ids[e.via_ptr[k] : e.via_ptr[k + 1]]],
                    start=int(e.start[k]) or None,
                    end=int(e.end[k]) or None,
                    tie_ids=[int(t) for t in e.tie_ids[e.tie_ptr[k] : e.tie_ptr[k + 1]]],
                )
            self._cache["actors"] = g
        graph: nx.Graph = self._cache["actors"]
        return graph

    @property
    def affiliation(self) -> nx.Graph:
        """The affiliation graph in networkx: node attribute ``kind`` (``actor`` or the kind of
        affiliation), edge attributes ``relation``, ``strength``, ``tie_ids`` (or, for a part-of
        link, ``part`` and ``whole``)."""
        if "affiliation" not in self._cache:
            recs, e = self.records, self.affiliation_edges
            iris = recs.iris
            g = nx.Graph()
            for iri in recs.actors:
                g.add_node(iri, kind="actor", **self._actor_attributes(iri))
            for i in np.nonzero(self.present)[0].tolist():
                iri = iris[i]
                if iri not in recs.actors:
                    aff = recs.affiliations[iri]
                    g.add_node(
                        iri,
                        kind=aff.kind,
                        label=aff.label,
                        start=aff.start or "",
                        end=aff.end or "",
                        markets=";".join(aff.markets),
                    )
            for k in range(e.graph.m):
                u, v = iris[int(e.graph.u[k])], iris[int(e.graph.v[k])]
                code = int(e.relation[k])
                if code >= 0:
                    ties = [int(t) for t in e.tie_ids[e.tie_ptr[k] : e.tie_ptr[k + 1]]]
                    g.add_edge(u, v, relation=RELATIONS[code], strength=float(e.strength[k]), tie_ids=ties)
                else:
                    part = iris[int(e.link_part[k])]
                    whole = v if part == u else u
                    g.add_edge(
                        u,
                        v,
                        relation=LINK_KINDS[-1 - code],
                        strength=float(e.strength[k]),
                        part=part,
                        whole=whole,
                        tie_ids=[],
                    )
            self._cache["affiliation"] = g
        graph: nx.Graph = self._cache["affiliation"]
        return graph


def _collaboration(recs: Records, iri: str) -> bool:
    """Whether an actor is a collaboration (alliance, cluster) whose members share it."""
    return any(name in _COLLABORATIONS for name in recs.actors[iri].type_names())


def project(
    store: Store,
    *,
    relations: Sequence[str] | None = None,
    as_of: int | None = None,
    records: Records | None = None,
) -> Network:
    """Project the knowledge graph in ``store`` into the actor and affiliation graphs.

    Parameters
    ----------
    store : Store
        Any store (only ``Store.query`` is used).
    relations : sequence of str, optional
        Relation types to keep: ``agreement``, ``alliance``, ``unit``, ``project``, ``event``,
        ``funding``. Default: all but ``funding``.
    as_of : int, optional
        Keep only the ties that hold in this year (see :mod:`clustergraph.network.relations`).
    records : Records, optional
        Records already read from ``store``; default: those of the store's generation
        (:func:`clustergraph.network.cache.records_of`, read once and reused).

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
    from .cache import records_of, sources_of

    chosen = check_relations(relations)
    recs = records if records is not None else records_of(store)
    if not recs.actors:
        raise NotFoundError(
            f"the store at {store.location} holds no organisation: nothing to analyse"
            " (run `clustergraph build`, or load data first)"
        )
    table = recs.ties
    kept = table.kept(chosen, as_of)
    n, n_actors = len(recs.iris), recs.actor_count
    index = recs.index
    actor, target = table.actor[kept].astype(np.int64), table.target[kept].astype(np.int64)
    present = np.zeros(n, dtype=bool)
    present[:n_actors] = True
    present[target] = True
    links = []
    for link in recs.links:
        p, w = index.get(link.part), index.get(link.whole)
        if p is None or w is None:
            continue  # an endpoint that is neither an actor nor an affiliation
        present[p] = present[w] = True
        links.append((p, w, LINK_KINDS.index(link.link)))
    kept_ids = np.nonzero(kept)[0].astype(np.int64)
    years = np.maximum(table.start[kept], table.end[kept]).astype(np.int64)
    aff = affiliation_edges(n, actor, target, table.relation[kept].astype(np.int64), years, kept_ids, links)
    star = np.zeros(n, dtype=bool)
    star[:n_actors] = True
    pair = np.ones(n, dtype=bool)
    for i, iri in enumerate(recs.actors):
        pair[i] = _collaboration(recs, iri)
    scope = part_scope(links)
    act = actor_edges(
        n_actors,
        n,
        actor,
        target,
        table.relation[kept].astype(np.int64),
        table.start[kept].astype(np.int64),
        table.end[kept].astype(np.int64),
        kept_ids,
        star,
        pair,
        scope,
    )
    return Network(
        records=recs,
        relations=chosen,
        as_of=as_of,
        reference_year=as_of if as_of is not None else current_year(),
        kept=kept,
        present=present,
        affiliation_edges=aff,
        actor_edges=act,
        sources=sources_of(store, recs),
    )
