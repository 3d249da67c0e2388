"""Read the projection's records from a store in a few large scans, one reader per ``.rq``.

Every query runs through :meth:`Store.values <clustergraph.store.base.Store.values>` only (rows
of plain strings, no term object per value), so the same code runs on the embedded store and on
a remote SPARQL server; the scans are independent and run side by side in a few threads. The queries are plain scans
of a handful of predicates (``net-types``, ``net-attributes``, ``net-ties``, ``net-places``,
``net-affiliation-links``, ``net-contact-points``, and the organisation classes): a store answers
those at the speed of its indexes, where joins of property paths and optional parts would cost
far more per row. The reader joins the rows by subject.

The queries say where each value goes: an attribute query returns ``?s ?field ?o`` and
``?field`` names the record attribute (a new attribute is a new row of the ``.rq``'s ``VALUES``
and a field of the record); the tie query names ``<kind>.actor``, ``<kind>.target`` and
``role``. There is one participation pattern: a ``cg:Participation`` whose role is member or
leader, in an organisation (an alliance), is a membership; the dates of a tie are its own, or
else the comparable period the build infers (``cg:periodStart`` / ``cg:periodEnd``: from the date
it is stated as of, or from what it belongs to), or else those of what it points at. What the
projection does not need to rank or count (quotes, graphs, roles in words, dates as stated) is
read for the answers returned only (:mod:`clustergraph.network.sources`).

>>> from clustergraph.network.example import example_store
>>> recs = read_records(example_store())
>>> recs.actors["https://w3id.org/clustergraph/id/osaka-partner"].label
'Osaka Partner'
>>> sorted(set(recs.ties.relation_names()))
['agreement', 'alliance', 'event']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from .. import sparql
from ..store.base import Store
from ..terms import compact, pick_label
from .identity import merge_actors, representatives
from .records import Actor, Affiliation, ContactPoint, Link, Place, Records, kind_of
from .relations import FUNDING_ROLES, MEMBER_ROLES, year_of
from .ties import Row, TieTable

#: Tie kinds whose tie node is the target itself (an agreement's party, a project's funder, a unit).
SELF_TARGET = frozenset({"party", "funder", "unit"})

Values = dict[str, list[tuple[str, str]]]  # field -> [(value, language)]


#: The scans of a projection, run side by side (pyoxigraph lets other threads run while it
#: evaluates and serialises; a remote server answers several requests at once).
SCANS = (
    "net-organisation-classes", "net-types", "net-attributes", "net-ties", "net-affiliation-links", "net-places",
    "net-contact-points", "net-same-as",
)
THREADS = 4

Rows = list[tuple[str | None, ...]]


def scan(store: Store, name: str) -> Rows:
    """The rows of ``<name>.rq`` as plain strings (IRIs, lexical forms; :meth:`Store.values`)."""
    return store.values(sparql.load(name)).rows


def scans(store: Store) -> dict[str, Rows]:
    """Every scan of :data:`SCANS`, run in a pool of threads."""
    with ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="clustergraph-scan") as pool:
        return dict(zip(SCANS, pool.map(lambda name: scan(store, name), SCANS), strict=True))


def read_attributes(rows: Rows) -> dict[str, Values]:
    """Fold the rows of an attribute query (``?s ?field ?o``, and optionally ``?lang``, the
    language of a label): subject -> field -> values with languages."""
    out: dict[str, Values] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        s, f, o = row[0], row[1], row[2]
        if s is not None and f is not None and o is not None:
            out[s][f].append((o, (row[3] or "") if len(row) > 3 else ""))
    return out


def _all(values: Values, name: str) -> list[str]:
    return sorted({v for v, _ in values.get(name, ())})


def _one(values: Values, name: str, pick: Callable[[list[str]], str]) -> str | None:
    found = [v for v, _ in values.get(name, ())]
    return pick(found) if found else None


def _number(values: Values, name: str) -> float | None:
    for value in sorted(v for v, _ in values.get(name, ())):
        try:
            return float(value)
        except ValueError:
            continue
    return None


def _year(values: Values | None, name: str, pick: Callable[[list[str]], str]) -> int | None:
    return year_of(_one(values, name, pick)) if values else None


def read_records(store: Store) -> Records:
    """Read actors, affiliations, ties, links, places and contact points from a store.

    Parameters
    ----------
    store : Store
        Any store; only ``query`` is used.

    Returns
    -------
    Records
        Organisations joined by accepted links (graph:links) read as one actor
        (:mod:`clustergraph.network.identity`).
    """
    found = scans(store)
    classes = {row[0] for row in found["net-organisation-classes"] if row[0]}
    types: dict[str, list[str]] = defaultdict(list)
    for s, t in found["net-types"]:
        if s is not None and t is not None:
            types[s].append(t)
    attrs = read_attributes(found["net-attributes"])

    tie_nodes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, f, o in found["net-ties"]:
        if s is not None and f is not None and o is not None:
            tie_nodes[s][f].append(o)
    links = _links(found["net-affiliation-links"])

    actors: dict[str, Actor] = {}
    for s in sorted(s for s, ts in types.items() if not classes.isdisjoint(ts)):
        a = attrs.get(s, {})
        actors[s] = Actor(
            iri=s,
            label=pick_label(a.get("label", []), "") or compact(s),
            types=sorted(set(types[s])),
            places=_all(a, "places"),
            sectors=_all(a, "sectors"),
            serves=_all(a, "serves"),
        )
    one = representatives((a, b) for a, b in found["net-same-as"] if a and b)  # reviewed links: one actor
    actors = merge_actors(actors, one)
    targeted = {link.part for link in links} | {link.whole for link in links}
    for node, fields in tie_nodes.items():
        for f, values in fields.items():
            kind, _, end = f.partition(".")
            if end == "target":
                targeted.update(values)
            elif end == "actor" and kind in SELF_TARGET and kind != "unit":
                targeted.add(node)
    affiliations: dict[str, Affiliation] = {}
    for s in sorted(targeted):
        a = attrs.get(s, {})
        affiliations[s] = Affiliation(
            iri=s,
            label=pick_label(a.get("label", []), "") or compact(s),
            types=sorted(set(types.get(s, []))),
            start=_one(a, "start", min),
            end=_one(a, "end", max),
            markets=_all(a, "markets"),
            sectors=_all(a, "sectors"),
        )
    iris = list(actors) + [s for s in affiliations if s not in actors]
    index = {iri: i for i, iri in enumerate(iris)}
    ties = TieTable.from_rows(_tie_rows(tie_nodes, attrs, actors, affiliations, index, one))
    return Records(
        actors=actors,
        affiliations=affiliations,
        ties=ties,
        links=links,
        places=_places(found["net-places"], attrs, actors, affiliations),
        contacts=_contacts(found["net-contact-points"]),
        iris=iris,
        _index=index,
    )


def _tie_rows(
    tie_nodes: dict[str, dict[str, list[str]]],
    attrs: dict[str, Values],
    actors: dict[str, Actor],
    affiliations: dict[str, Affiliation],
    index: dict[str, int],
    one: dict[str, str],
) -> Iterator[Row]:
    """One row per (kind, tie node, actor, target), with its relation type and years; linked
    organisations are their set's representative (a tie of a set with itself is dropped)."""
    kinds = {a: kind_of(aff.types) for a, aff in affiliations.items()}
    for node, fields in tie_nodes.items():
        roles = set(fields.get("role", ()))
        own = attrs.get(node)
        for f, who in fields.items():
            kind, _, end = f.partition(".")
            if end != "actor":
                continue
            targets = {one.get(t, t) for t in ([node] if kind in SELF_TARGET else fields.get(f"{kind}.target", []))}
            for actor in {one.get(a, a) for a in who}:
                if actor not in actors:
                    continue  # persons and other non-organisations
                for target in targets:
                    if target not in index or target == actor:
                        continue
                    aff = affiliations.get(target)
                    tie_kind = kind
                    if kind == "participation" and not roles.isdisjoint(MEMBER_ROLES) and target in actors:
                        tie_kind = "membership"  # a member or leader of an organisation (an alliance)
                    relation = _relation(tie_kind, roles, kinds.get(target))
                    start = _year(own, "start", min) or _year(own, "period_start", min)
                    last = _year(own, "end", max) or _year(own, "period_end", max)
                    start = start or (year_of(aff.start) if aff else None)
                    last = last or (year_of(aff.end) if aff else None)
                    if last is None and start is not None and kinds.get(target) == "event":
                        last = start  # an event without an end date ends the year it starts
                    yield tie_kind, node, index[actor], index[target], relation, start or 0, last or 0


def _relation(kind: str, roles: set[str], target_kind: str | None) -> str:
    """The relation type of a tie: agreement, alliance, project, event, funding or unit."""
    if kind == "unit":
        return "unit"
    if kind == "funder" or (kind == "participation" and roles and roles <= FUNDING_ROLES):
        return "funding"
    if kind == "party":
        return "agreement"
    if kind == "membership":
        return "alliance"
    return {"agreement": "agreement", "event": "event"}.get(target_kind or "", "project")


def _links(rows: Rows) -> list[Link]:
    found = {(part, link, whole) for part, link, whole in rows if part and link and whole and part != whole}
    return [Link(part=p, link=k, whole=w) for p, k, w in sorted(found, key=lambda x: (x[0], x[2], x[1]))]


def _places(
    rows: Rows, attrs: dict[str, Values], actors: dict[str, Actor], affiliations: dict[str, Affiliation]
) -> dict[str, Place]:
    tree = read_attributes(rows)
    named: set[str] = set(tree)
    for fields in tree.values():
        named.update(v for v, _ in fields.get("parents", ()))
    for a in actors.values():
        named.update(a.places)
        named.update(a.serves)
    for aff in affiliations.values():
        named.update(aff.markets)
    out: dict[str, Place] = {}
    for s in sorted(named):
        fields = tree.get(s, {})
        out[s] = Place(
            iri=s,
            label=pick_label(attrs.get(s, {}).get("label", []), "") or compact(s),
            parents=[p for p in _all(fields, "parents") if p != s],
            lat=_number(fields, "lat"),
            long=_number(fields, "long"),
            codes=_all(fields, "codes"),
        )
    return out


def _contacts(rows: Rows) -> dict[str, ContactPoint]:
    out: dict[str, ContactPoint] = {}
    for s, fields in sorted(read_attributes(rows).items()):
        out[s] = ContactPoint(
            iri=s,
            label=_one(fields, "label", min) or "",
            type=_one(fields, "type", min) or "",
            answers_for=_all(fields, "answers_for"),
            of=_all(fields, "of"),
        )
    return out
