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
    ``max_hops`` edges. A home actor that is itself located in or serving M is an entry point
    with an empty path.
score
    see :mod:`clustergraph.entrypoints.scoring`.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from ..errors import NotFoundError
from ..lookup import Resolved, resolve
from ..namespaces import CG, ORG
from ..network.projection import Network, project
from ..network.readers import read_records
from ..network.records import Records
from ..store.base import Store
from .missing import missing_hop
from .model import Contact, EntryPoint, EntryPointAnswer, Hop, Named, Subject
from .paths import SOURCE, entry_path, independent_paths, search_graph, shortest_paths
from .scoring import BOUND, MAX_CONNECTIVITY, MAX_PATHS, explain, recency, score


def _subject(r: Resolved) -> Subject:
    return Subject(iri=r.iri, kind=r.kind, label=r.label)


def home_actors(records: Records, home: Subject) -> tuple[str, list[str]]:
    """The kind of home (organisation, alliance, region) and its actors, sorted."""
    if home.kind == "place":
        found = sorted(a for a in records.actors if records.located_in(a, home.iri))
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
        members = {
            t.actor
            for t in records.ties
            if t.kind == "membership" and t.target == home.iri and t.actor in records.actors
        }
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
    records = network.records if network is not None else read_records(store)
    net = network or project(store, relations=relations, as_of=as_of, records=records)
    home_r = _subject(resolve(store, home, ("actor", "place"), what="home"))
    market_r = _subject(resolve(store, market, ("place",), what="market"))
    sector_r = _subject(resolve(store, sector, ("concept",), what="sector")) if sector else None
    kind, homes = home_actors(records, home_r)

    entries = sorted(
        a for a in records.actors if records.located_in(a, market_r.iri) or records.serves(a, market_r.iri)
    )
    g = search_graph(net.affiliation, homes)
    pred, reach = nx.predecessor(g, SOURCE, cutoff=max_hops + 1, return_seen=True)

    # Phase 1, for every reached entry: its best shortest paths (from one BFS) and the score it
    # would have with one independent path. Phase 2 counts independent paths (see _count_paths),
    # best bound first, and stops once no unscored entry can beat the last one kept: the ranking
    # is exact, and large networks do not pay a flow per entry.
    prepared: list[EntryPoint] = []
    notes: list[str] = []
    dropped = 0
    for e in entries:
        if e not in reach:
            continue
        ep = _entry_point(net, g, pred, e, homes, market_r, records)
        if sector_r is not None and not _has_sector(records, ep, sector_r.iri):
            dropped += 1
            continue
        prepared.append(ep)
    prepared.sort(key=lambda ep: (-ep.score * BOUND, ep.label.lower(), ep.actor))
    found: list[EntryPoint] = []
    for ep in prepared:
        if len(found) >= limit and ep.score * BOUND < found[limit - 1].score:
            break
        if ep.paths:
            _finish(ep, g)
        found.append(ep)
        found.sort(key=lambda ep: (-ep.score, ep.label.lower(), ep.actor))
    if dropped:
        notes.append(
            f"{dropped} entry point(s) left out: neither they nor their path carry sector"
            f" {sector_r.label if sector_r else ''}"
        )
    if len(prepared) > limit:
        notes.append(f"{len(prepared) - limit} more entry point(s) beyond the limit of {limit}")
    found = found[:limit]
    for i, ep in enumerate(found, 1):
        ep.rank = i

    missing = None
    if not found:
        missing = missing_hop(net, g, reach, homes, home_r, market_r, entries, records, sector_r)
    return EntryPointAnswer(
        home=home_r,
        home_kind=kind,
        home_actors=[Named(iri=h, label=records.label(h)) for h in homes],
        market=market_r,
        entry_points=found,
        missing=missing,
        sector=sector_r,
        as_of=as_of,
        reference_year=net.reference_year,
        relations=list(net.relations),
        notes=notes,
    )


def _has_sector(records: Records, ep: EntryPoint, sector: str) -> bool:
    if sector in records.actors[ep.actor].sectors:
        return True
    for path in ep.paths[:1]:
        for hop in path.hops:
            for node in (hop.source, hop.target):
                if node in records.actors and sector in records.actors[node].sectors:
                    return True
                aff = records.affiliations.get(node)
                if aff is not None and sector in aff.sectors:
                    return True
    return False


def _reason(records: Records, actor: str, market: Subject) -> tuple[str, bool, bool]:
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


def _entry_point(
    net: Network, g: nx.Graph, pred: dict[str, list[str]], e: str, homes: list[str], market: Subject, records: Records
) -> EntryPoint:
    """An entry point with its best paths, scored as if it had one independent path."""
    reason, located, serves = _reason(records, e, market)
    actor = records.actors[e]
    if e in homes:
        return EntryPoint(
            rank=0,
            actor=e,
            label=actor.label,
            type=";".join(actor.type_names()),
            reason=reason,
            located_in=located,
            serves=serves,
            score=100.0,
            why=f"{actor.label} is itself part of the home and {reason}",
            independent_paths=0,
            paths=[],
            contacts=_contacts(records, e, []),
        )
    candidates = shortest_paths(pred, e, MAX_PATHS)
    paths = sorted(
        (entry_path(g, records, nodes) for nodes in candidates),
        key=lambda p: (-p.strength, -(p.latest_year or 0), p.text),
    )[:3]
    best = paths[0]
    factor, when = recency(best.latest_year, net.reference_year)
    return EntryPoint(
        rank=0,
        actor=e,
        label=actor.label,
        type=";".join(actor.type_names()),
        reason=reason,
        located_in=located,
        serves=serves,
        score=score(best.strength, factor),
        why=explain(best, when),
        independent_paths=1,
        paths=paths,
        contacts=_contacts(records, e, best.hops),
    )


def _finish(ep: EntryPoint, g: nx.Graph) -> None:
    """Count the independent paths to an entry point and finish its score."""
    k = independent_paths(g, ep.actor, MAX_CONNECTIVITY)
    ep.independent_paths = k
    ep.score = round(ep.score * (1 + 0.5 * (k - 1)), 1)
    ep.why += f"; {k} independent path(s)"


def _contacts(records: Records, entry: str, hops: list[Hop]) -> list[Contact]:
    on_path = {h.source for h in hops} | {h.target for h in hops}
    out: list[Contact] = []
    owners = [entry] + ([hops[0].source] if hops else [])
    for owner in owners:
        for cp in records.actors[owner].contact_points:
            contact = records.contacts.get(cp)
            if contact is None:
                continue
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
