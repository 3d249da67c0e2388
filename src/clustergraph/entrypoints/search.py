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
    ``100 × strength × recency × (1 + 0.5 × (independent_paths − 1))``, rounded to one decimal:

    - *strength*: product of the strengths of the hops of the best path (agreement 1.0,
      alliance 0.9, unit 0.9, project 0.7, event 0.5, funding 0.3, a part-of link such as a
      sub-event 0.9), so longer and weaker paths score lower;
    - *recency*: ``1 / (1 + max(0, reference_year − latest_year) / 5)``, where latest_year is the
      latest year any tie or link of the best path carries and reference_year is ``as_of`` or the
      latest year in the graph; an undated path gets 0.5;
    - *independent_paths*: the number of paths from the home to the entry point that share no
      intermediate node (actor, alliance, project, event or agreement), found greedily shortest
      first and counted up to 5 — a lower bound of the local node connectivity in the
      affiliation graph (the same on the curated graph), cheap on large networks.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import networkx as nx

from ..errors import NotFoundError
from ..lookup import Resolved, resolve
from ..namespaces import CG, ORG
from ..network.projection import Network, project
from ..network.records import RELATION_STRENGTH, Records, read_records, year_of
from ..store.base import Store
from .model import Contact, EntryPath, EntryPoint, EntryPointAnswer, Hop, MissingHop, PartialPath

SOURCE = "\x00home"  # the virtual node joined to every home actor
MAX_CONNECTIVITY = 5
MAX_PATHS = 50  # shortest paths looked at per entry point
_BOUND = 1 + 0.5 * (MAX_CONNECTIVITY - 1)  # the most independent paths can multiply a score by
_LINK_INVERSE = {
    "sub-event": ("sub-event of", "has sub-event"),
    "in context of": ("in the context of", "has in its context"),
    "signed at": ("signed at", "where was signed"),
    "continues": ("continues", "continued by"),
}
RELATION_WORDS = {
    "agreement": "agreement",
    "alliance": "alliance",
    "unit": "organisational unit",
    "project": "project",
    "event": "event",
    "funding": "funding",
}


def home_actors(records: Records, home: Resolved) -> tuple[str, list[str]]:
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
    >>> answer.entry_points[0].paths[0].text().split(" —")  # doctest: +NORMALIZE_WHITESPACE
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
    home_r = resolve(store, home, ("actor", "place"), what="home")
    market_r = resolve(store, market, ("place",), what="market")
    sector_r = resolve(store, sector, ("concept",), what="sector") if sector else None
    kind, homes = home_actors(records, home_r)

    entries = sorted(
        a for a in records.actors if records.located_in(a, market_r.iri) or records.serves(a, market_r.iri)
    )
    g = net.affiliation.copy()
    g.add_node(SOURCE)
    for h in homes:
        g.add_edge(SOURCE, h, strength=1.0, relation="home", ties=[])
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
    prepared.sort(key=lambda ep: (-ep.score * _BOUND, ep.label.lower(), ep.actor))
    found: list[EntryPoint] = []
    for ep in prepared:
        if len(found) >= limit and ep.score * _BOUND < found[limit - 1].score:
            break
        if ep.paths:
            _count_paths(ep, g)
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
        missing = _missing(net, g, reach, homes, home_r, market_r, entries, records, sector_r)
    return EntryPointAnswer(
        home=home_r,
        home_kind=kind,
        home_actors=[(h, records.label(h)) for h in homes],
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


def _hop(g: nx.Graph, records: Records, u: str, v: str) -> Hop:
    data = g.edges[u, v]
    ties = data.get("ties") or []
    if ties:
        tie = max(ties, key=lambda t: (RELATION_STRENGTH[t["relation"]], -ties.index(t)))
        relation_type = tie["relation"]
        role = tie["role"]
        forward = tie["actor"] == u
        if tie["kind"] == "unit":
            words = "has unit" if forward else "unit of"
        elif tie["kind"] == "party":
            words = "party to" if forward else "signed by"
        elif forward:
            words = f"{role} of"
        else:
            words = f"has {role}"
        return Hop(
            source=u,
            source_label=records.label(u),
            relation=words,
            relation_type=relation_type,
            target=v,
            target_label=records.label(v),
            tie=tie["tie"],
            role=role,
            start=tie["start"],
            end=tie["end"],
            graph=tie["graph"],
            evidence=tie["evidence"],
            strength=RELATION_STRENGTH[relation_type],
        )
    link = data["relation"]
    ahead, back = _LINK_INVERSE.get(link, (link, f"has {link}"))
    graph = sorted(data.get("sources", {}))[0] if data.get("sources") else None
    part = records.affiliations.get(data["part"])
    return Hop(
        source=u,
        source_label=records.label(u),
        relation=ahead if data["part"] == u else back,
        relation_type=link,
        target=v,
        target_label=records.label(v),
        tie=None,
        role=None,
        start=part.start if part else None,
        end=part.end if part else None,
        graph=graph,
        evidence=(data["sources"].get(graph) or None) if graph else None,
        strength=float(data["strength"]),
    )


def _path(g: nx.Graph, records: Records, nodes: list[str]) -> EntryPath:
    hops = [_hop(g, records, u, v) for u, v in itertools.pairwise(nodes) if u != SOURCE]
    strength = 1.0
    latest: int | None = None
    for hop in hops:
        strength *= hop.strength
        for value in (hop.start, hop.end):
            y = year_of(value)
            if y is not None and (latest is None or y > latest):
                latest = y
        for node in (hop.source, hop.target):
            aff = records.affiliations.get(node)
            if aff is not None:
                for value in (aff.start, aff.end):
                    y = year_of(value)
                    if y is not None and (latest is None or y > latest):
                        latest = y
    return EntryPath(hops=hops, strength=round(strength, 4), latest_year=latest)


def _entry_point(
    net: Network, g: nx.Graph, pred: dict[str, list[str]], e: str, homes: list[str], market: Resolved, records: Records
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
    candidates = _shortest_paths(pred, e, MAX_PATHS)
    paths = sorted(
        (_path(g, records, nodes) for nodes in candidates),
        key=lambda p: (-p.strength, -(p.latest_year or 0), p.text()),
    )[:3]
    best = paths[0]
    ref = net.reference_year
    if best.latest_year is None:
        recency, when = 0.5, "no dated tie on the path (recency 0.5)"
    else:
        age = max(0, (ref or best.latest_year) - best.latest_year)
        recency = 1 / (1 + age / 5)
        when = f"latest tie {best.latest_year}, {age} year(s) before {ref} (recency {recency:.2f})"
    strengths = " × ".join(f"{h.relation_type} {h.strength:g}" for h in best.hops)
    return EntryPoint(
        rank=0,
        actor=e,
        label=actor.label,
        type=";".join(actor.type_names()),
        reason=reason,
        located_in=located,
        serves=serves,
        score=round(100 * best.strength * recency, 1),
        why=f"{len(best.hops)} hop(s), strength {strengths} = {best.strength:g}; {when}",
        independent_paths=1,
        paths=paths,
        contacts=_contacts(records, e, best.hops),
    )


def _count_paths(ep: EntryPoint, g: nx.Graph) -> None:
    """Count independent paths to an entry point (up to a cap) and finish its score.

    Paths are found greedily: a shortest path (bidirectional search, which stays local in a
    small-world network), then another avoiding the intermediate nodes of those found, and so
    on. This gives a lower bound of the node connectivity (equal to it on the curated graph) at a
    fraction of a max-flow's cost on large networks.
    """
    removed: set[str] = set()
    k = 0
    while k < MAX_CONNECTIVITY:
        view = nx.restricted_view(g, removed, []) if removed else g
        try:
            path = nx.bidirectional_shortest_path(view, SOURCE, ep.actor)
        except nx.NetworkXNoPath:
            break
        k += 1
        removed.update(path[1:-1])
    ep.independent_paths = k
    ep.score = round(ep.score * (1 + 0.5 * (k - 1)), 1)
    ep.why += f"; {k} independent path(s)"


def _shortest_paths(pred: dict[str, list[str]], target: str, most: int) -> list[list[str]]:
    """Up to ``most`` shortest paths from the BFS source to ``target``, from the predecessor map."""
    out: list[list[str]] = []
    stack: list[tuple[str, list[str]]] = [(target, [target])]
    while stack and len(out) < most:
        node, tail = stack.pop()
        before = pred.get(node, [])
        if not before:
            out.append(tail[::-1])
            continue
        for p in reversed(before):
            stack.append((p, [*tail, p]))
    return out


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


def _missing(
    net: Network,
    g: nx.Graph,
    reach: dict[str, int],
    homes: list[str],
    home: Resolved,
    market: Resolved,
    entries: list[str],
    records: Records,
    sector: Resolved | None,
) -> MissingHop:
    kinds = ", ".join(RELATION_WORDS[r] for r in net.relations)
    who = home.label
    if not entries:
        message = (
            f"the graph knows no organisation located in or serving {market.label}:"
            f" the missing hop is a partner in {market.label}"
        )
    elif not any(g.degree(h) > 1 for h in homes):
        message = f"{who} has no {kinds} tie in the graph" + (f" as of {net.as_of}" if net.as_of is not None else "")
    else:
        message = f"no {kinds} tie of {who} leads to an organisation located in or serving {market.label}"
        if sector is not None:
            message += f" with sector {sector.label}"
    if net.as_of is not None:
        message += f" (ties as of {net.as_of})"
    partial: list[PartialPath] = []
    for node in sorted(reach, key=lambda n: (reach[n], n)):
        aff = records.affiliations.get(node)
        if aff is None:
            continue
        targets = [m for m in aff.markets if records.within(m, market.iri)]
        if not targets:
            continue
        nodes = nx.shortest_path(g, SOURCE, node)
        path = _path(g, records, nodes)
        partial.append(
            PartialPath(
                affiliation=node,
                label=aff.label,
                kind=aff.kind,
                targets=[records.place_label(m) for m in targets],
                path=path,
                note=f"{aff.label} targets {', '.join(records.place_label(m) for m in targets)}"
                f" but has no partner located in or serving {market.label}",
            )
        )
        if len(partial) >= 5:
            break
    return MissingHop(
        message=message,
        market_actors=[(e, records.label(e)) for e in entries[:20]],
        partial_paths=partial,
    )
