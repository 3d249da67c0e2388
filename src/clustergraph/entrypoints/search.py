"""Find, rank and explain the entry points from a home into a market.

Definitions
-----------
home
    An organisation (itself), an alliance (itself and its members), or a region (every
    organisation located in it, with containment through ``schema:containedInPlace+``).
entry point for market M
    An organisation located in M (its ``cg:locatedIn`` place is M or lies inside M) or one whose
    stated purpose is to serve M (``cg:servesMarket`` M or a place inside M), reachable from a
    home actor in the affiliation graph (actors — alliances, projects, events, agreements) within
    ``max_hops`` edges. A home actor that is itself located in or serving M needs no way in:
    it is listed apart (``home_entry_points``), not ranked.
score
    see :mod:`clustergraph.entrypoints.scoring` (the answer states the scale and the reference
    year of recency).

Only numbers are ranked (:class:`~clustergraph.entrypoints.paths.Search`): every reachable
candidate's best path strength and latest year come from one search; independent paths are
counted best bound first, and only while a candidate can still enter the list; the hop records
(roles, dates, sources, quotes) are built for the entry points returned.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from ..errors import NotFoundError
from ..lookup import Resolved
from ..namespaces import CG, ORG
from ..network.cache import resolved
from ..network.projection import Network, project
from ..network.records import Records
from ..store.base import Store
from .missing import missing_hop
from .model import Contact, EntryPoint, EntryPointAnswer, HomeEntry, Hop, Named
from .paths import Search, entry_path, independent_paths
from .scoring import BOUND, MAX_CONNECTIVITY, MAX_PATHS, SCALE, explain, recency, score

#: Paths shown per entry point.
PATHS_SHOWN = 3


def home_actors(records: Records, home: Resolved) -> tuple[str, list[str]]:
    """The kind of home (organisation, alliance, region) and its actors, sorted."""
    if home.kind == "place":
        found = records.actors_in(home.iri)
        if not found:
            raise NotFoundError(
                f"no organisation in the graph is located in {home.label} <{home.iri}>;"
                " give an organisation, an alliance or another region"
            )
        return "region", found
    if home.iri not in records.actors:
        raise NotFoundError(f"{home.label} <{home.iri}> is not an organisation of the graph")
    types = set(records.actors[home.iri].types)
    if types & {CG + "Alliance", ORG + "OrganizationalCollaboration", CG + "Cluster"}:
        members = set(records.members_of(home.iri))
        return "alliance", sorted({home.iri} | members)
    return "organisation", [home.iri]


def entry_points(
    store: Store,
    home: str,
    market: str,
    *,
    sector: str | None = None,
    as_of: int | None = None,
    limit: int = 10,
    relations: Sequence[str] | None = None,
    max_hops: int = 8,
    network: Network | None = None,
) -> EntryPointAnswer:
    """Ranked, explained entry points from ``home`` into ``market``.

    Parameters
    ----------
    store : Store
        Any store.
    home : str
        An organisation, alliance or region: name or alias in any language, code, or IRI.
    market : str
        A country or region: name, ISO 3166 / NUTS code, or IRI.
    sector : str, optional
        Keep entry points whose actor, or an alliance/project/event/agreement on whose best
        path, carries this sector.
    as_of : int, optional
        Only ties holding in this year (see :mod:`clustergraph.network.projection`).
    limit : int
        At most this many entry points.
    relations : sequence of str, optional
        Relation types to follow (default: all but funding).
    max_hops : int
        Longest path, in edges of the affiliation graph (actor→event→actor is 2).
    network : Network, optional
        A projection already made from ``store`` with the same relations and ``as_of``.

    Returns
    -------
    EntryPointAnswer
        Entry points ranked by score (see the module docs), or ``missing`` saying which hop is
        missing and the nearest partial paths.

    Raises
    ------
    NotFoundError, AmbiguousError
        For a home, market or sector the graph does not know or cannot tell apart; for an
        empty graph.

    Examples
    --------
    >>> from clustergraph.network.example import example_store
    >>> store = example_store()
    >>> answer = entry_points(store, "Beta Cluster", "Japan")
    >>> [e.label for e in answer.entry_points]
    ['Osaka Partner']
    >>> answer.entry_points[0].paths[0].text.split(" —")  # doctest: +NORMALIZE_WHITESPACE
    ['Beta Cluster', 'member of→ Example Alliance', 'has member→ Alpha Cluster',
     'organiser of→ Mission to Japan 2016', 'has partner→ Osaka Partner']
    >>> answer.entry_points[0].paths[0].hops[-1].evidence
    'in coordination with Osaka Partner'
    >>> none = entry_points(store, "Beta Cluster", "BR")
    >>> none.entry_points
    []
    >>> print(none.missing.message)
    the graph knows no organisation located in or serving Brazil: the missing hop is a partner in Brazil
    >>> none.missing.partial_paths[0].label
    'Example Alliance'
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    net = network or project(store, relations=relations, as_of=as_of)
    records = net.records
    home_r = resolved(store, home, ("actor", "place"), what="home")
    market_r = resolved(store, market, ("place",), what="market")
    sector_r = resolved(store, sector, ("concept",), what="sector") if sector else None
    kind, homes = home_actors(records, home_r)
    index = records.index
    home_ids = [index[h] for h in homes]
    entries = records.market_actors(market_r.iri)
    aff = net.affiliation_edges
    search = Search.run(aff.graph, aff.strength, aff.year, net.node_years(), home_ids, max_hops)
    whose = f"as of {net.as_of}" if net.as_of is not None else "the current year"

    home_set = set(homes)
    own: list[HomeEntry] = []
    ranked: list[tuple[float, str, str, int]] = []  # (-bound score, label, IRI, node)
    dropped = 0
    for e in entries:
        node = index[e]
        if e in home_set:
            own.append(_home_entry(records, e, market_r))
            continue
        if not search.reached(node):
            continue
        if sector_r is not None and not _has_sector(records, search.best_path(node), sector_r.iri):
            dropped += 1
            continue
        latest = int(search.latest[node]) or None
        factor, _ = recency(latest, net.reference_year, whose)
        ranked.append((-score(float(search.strength[node]), factor), records.label(e).lower(), e, node))
    ranked.sort()

    # Independent paths are counted best bound first, until no candidate left can beat the last
    # one kept: the ranking is exact, and large networks count for few candidates.
    adjacency = net.adjacency()
    degree = aff.graph.degree()
    found: list[tuple[float, str, str, int, int]] = []  # (-score, label, IRI, node, paths)
    for neg, label, e, node in ranked:
        if len(found) >= limit and -neg * BOUND < -found[limit - 1][0]:
            break  # sorted by base score: no candidate left can enter the list
        # each independent path ends through a different neighbour: at most the degree
        most = min(MAX_CONNECTIVITY, int(degree[node]))
        if len(found) >= limit and -neg * (1 + 0.5 * (most - 1)) < -found[limit - 1][0]:
            continue
        k = independent_paths(adjacency, home_ids, node, most)
        bisect.insort(found, (round(neg * (1 + 0.5 * (max(k, 1) - 1)), 1), label, e, node, k))
        del found[limit:]
    notes: list[str] = []
    if dropped:
        notes.append(
            f"{dropped} entry point(s) left out: neither they nor their best path carry sector"
            f" {sector_r.label if sector_r else ''}"
        )
    if len(ranked) > limit:
        notes.append(f"{len(ranked) - limit} more entry point(s) beyond the limit of {limit}")
    chosen = found[:limit]
    candidates = {node: _candidate_paths(search, node) for _, _, _, node, _ in chosen}
    _prefetch(net, [nodes for paths in candidates.values() for nodes in paths])
    answers = [
        _entry_point(net, candidates[node], rank, e, k, market_r, whose)
        for rank, (_, _, e, node, k) in enumerate(chosen, 1)
    ]
    missing = None
    if not answers:
        missing = missing_hop(net, search, homes, home_r, market_r, [e for e in entries if e not in home_set], sector_r)
    return EntryPointAnswer(
        home=home_r,
        home_kind=kind,
        home_actors=[Named(iri=h, label=records.label(h)) for h in homes],
        market=market_r,
        entry_points=answers,
        home_entry_points=own,
        missing=missing,
        sector=sector_r,
        as_of=as_of,
        reference_year=net.reference_year,
        reference=whose,
        score_scale=SCALE,
        relations=list(net.relations),
        notes=notes,
    )


def _has_sector(records: Records, path: list[int], sector: str) -> bool:
    """Whether an actor or affiliation on the path (the entry point included) carries ``sector``."""
    for node in path:
        iri = records.iris[node]
        if iri in records.actors and sector in records.actors[iri].sectors:
            return True
        aff = records.affiliations.get(iri)
        if aff is not None and sector in aff.sectors:
            return True
    return False


def _reason(records: Records, actor: str, market: Resolved) -> tuple[str, bool, bool]:
    a = records.actors[actor]
    located = [p for p in a.places if records.within(p, market.iri)]
    serves = [p for p in a.serves if records.within(p, market.iri)]
    parts = []
    if located:
        where = records.place_label(located[0])
        parts.append(f"located in {where}" + (f" ({market.label})" if located[0] != market.iri else ""))
    if serves:
        parts.append("serves " + ", ".join(records.place_label(p) for p in serves))
    return "; ".join(parts), bool(located), bool(serves)


def _home_entry(records: Records, e: str, market: Resolved) -> HomeEntry:
    reason, located, serves = _reason(records, e, market)
    actor = records.actors[e]
    return HomeEntry(
        actor=e,
        label=actor.label,
        type=";".join(actor.type_names()),
        reason=reason,
        located_in=located,
        serves=serves,
        contacts=_contacts(records, e, []),
    )


def _candidate_paths(search: Search, node: int) -> list[list[int]]:
    """The shortest paths whose hop records are built: up to :data:`MAX_PATHS`, the best one
    (by strength, then year) always among them."""
    candidates = search.shortest_paths(node, MAX_PATHS)
    best = search.best_path(node)
    if best not in candidates:
        candidates.append(best)
    return candidates


def _prefetch(net: Network, paths: list[list[int]]) -> None:
    """Fetch the sources of every tie on these paths in one go."""
    e = net.affiliation_edges
    ties: set[int] = set()
    for nodes in paths:
        for u, v in itertools.pairwise(nodes):
            k = net.affiliation_edge(u, v)
            ties.update(int(t) for t in e.tie_ids[e.tie_ptr[k] : e.tie_ptr[k + 1]])
    net.sources.ties(sorted(ties))


def _entry_point(
    net: Network, candidates: list[list[int]], rank: int, e: str, k: int, market: Resolved, whose: str
) -> EntryPoint:
    """An entry point with its best paths (hop records built here, for the answers returned)."""
    records = net.records
    reason, located, serves = _reason(records, e, market)
    actor = records.actors[e]
    paths = sorted(
        (entry_path(net, nodes) for nodes in candidates),
        key=lambda p: (-p.strength, -(p.latest_year or 0), p.text),
    )[:PATHS_SHOWN]
    best = paths[0]
    factor, when = recency(best.latest_year, net.reference_year, whose)
    return EntryPoint(
        rank=rank,
        actor=e,
        label=actor.label,
        type=";".join(actor.type_names()),
        reason=reason,
        located_in=located,
        serves=serves,
        score=score(best.strength, factor, max(k, 1)),
        why=f"{explain(best, when)}; {k} independent path(s)",
        independent_paths=k,
        paths=paths,
        contacts=_contacts(records, e, best.hops),
    )


def _contacts(records: Records, entry: str, hops: list[Hop]) -> list[Contact]:
    on_path = {h.source for h in hops} | {h.target for h in hops}
    out: list[Contact] = []
    owners = [entry] + ([hops[0].source] if hops else [])
    for owner in owners:
        for contact in records.contacts_of(owner):
            cp = contact.iri
            if owner != entry and not (set(contact.answers_for) & on_path):
                continue  # a home contact point only when it answers for something on the path
            out.append(
                Contact(
                    iri=cp,
                    label=contact.label,
                    type=contact.type,
                    organisation=records.label(owner),
                    answers_for=list(contact.answers_for),
                )
            )
    return out
