"""Read the projection's records from a store: one reader per ``sparql/net-*.rq``, one fold.

Every query runs through :meth:`Store.query <clustergraph.store.base.Store.query>` only, so the
same code runs on the embedded store and on a remote SPARQL server.

The queries say where each value goes. An *attribute* query (``net-actors``, ``net-affiliations``,
``net-places``, ``net-contact-points``) returns ``?s ?field ?o``: ``?field`` names the record
attribute the value belongs to, and the record's :data:`REDUCERS` entry says how the values of
one attribute become one (all of them sorted, the earliest, the latest, the label to show, a
number). A *tie* query (``net-ties``, ``net-affiliation-links``) returns one row per statement
and graph; rows of one key fold into one record whose ``sources`` map each graph to its quote.
A new attribute is a new ``?field`` in the ``.rq`` and a field of the record: no new code.

>>> from clustergraph.network.example import example_store
>>> recs = read_records(example_store())
>>> recs.actors["https://w3id.org/clustergraph/id/osaka-partner"].label
'Osaka Partner'
>>> sorted({t.kind for t in recs.ties})
['membership', 'participation', 'party']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any, TypeVar

from pyoxigraph import Literal

from .. import sparql
from ..store.base import Store
from ..store.results import SelectResult, Term
from ..terms import compact, pick_label
from .records import Actor, Affiliation, ContactPoint, Link, Place, Records, Tie

R = TypeVar("R")
A = TypeVar("A", Actor, Affiliation, Place, ContactPoint)

#: How the values of one attribute become the record's value, by name.
Reducer = Callable[[list[tuple[str, str]], str], Any]


def _all(values: list[tuple[str, str]], _: str) -> list[str]:
    return sorted({v for v, _ in values})


def _earliest(values: list[tuple[str, str]], _: str) -> str | None:
    return min((v for v, _ in values), default=None)


def _latest(values: list[tuple[str, str]], _: str) -> str | None:
    return max((v for v, _ in values), default=None)


def _others(values: list[tuple[str, str]], iri: str) -> list[str]:
    return sorted({v for v, _ in values if v != iri})


def _label(values: list[tuple[str, str]], iri: str) -> str:
    return pick_label(values, compact(iri))


def _first(values: list[tuple[str, str]], _: str) -> str:
    return min((v for v, _ in values), default="")


def _number(values: list[tuple[str, str]], _: str) -> float | None:
    for value, _lang in sorted(values):
        try:
            return float(value)
        except ValueError:
            continue
    return None


#: The reducer of every attribute, by record type (attributes absent here keep their default).
REDUCERS: dict[type, dict[str, Reducer]] = {
    Actor: {"label": _label}
    | dict.fromkeys(("types", "aliases", "places", "sectors", "serves", "contact_points"), _all),
    Affiliation: {"label": _label, "start": _earliest, "end": _latest, "types": _all, "markets": _all, "sectors": _all},
    Place: {"label": _label, "parents": _others, "codes": _all, "lat": _number, "long": _number},
    ContactPoint: {"label": _first, "type": _first, "answers_for": _all},
}


def _select(store: Store, name: str) -> SelectResult:
    result = store.query(sparql.load(name))
    if not isinstance(result, SelectResult):  # pragma: no cover - the .rq files are SELECTs
        raise TypeError(f"{name}.rq does not return a table of rows")
    return result


def _value(term: Term | None) -> str | None:
    return None if term is None else term.value  # type: ignore[union-attr]


def _lang(term: Term | None) -> str:
    return (term.language or "") if isinstance(term, Literal) else ""


def read_attributes(store: Store, name: str, record: type[A]) -> dict[str, A]:
    """Run an attribute query (``?s ?field ?o``) and fold its rows into one record per subject.

    Parameters
    ----------
    store : Store
        Any store.
    name : str
        The ``.rq`` file (without extension) in :mod:`clustergraph.sparql`.
    record : type
        A record dataclass of :mod:`clustergraph.network.records` with an ``iri`` field and an
        entry in :data:`REDUCERS`; a ``?field`` it does not have is an error of the query.

    Returns
    -------
    dict
        IRI to record, sorted by IRI.
    """
    reducers = REDUCERS[record]
    known = {f.name for f in fields(record)}
    values: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    result = _select(store, name)
    for s, f, o in result.rows:
        subject, attribute, value = _value(s), _value(f), _value(o)
        if subject is None or attribute is None or value is None:
            continue
        values[subject][attribute].append((value, _lang(o)))
    out: dict[str, A] = {}
    for subject in sorted(values):
        found = values[subject]
        unknown = set(found) - known
        if unknown:
            raise ValueError(f"{name}.rq gives ?field {sorted(unknown)}, which {record.__name__} does not have")
        attrs = {a: reduce(found.get(a, []), subject) for a, reduce in reducers.items()}
        out[subject] = record(iri=subject, **attrs)
    return out


def _add_source(sources: dict[str, str], graph: str | None, evidence: str | None) -> None:
    """Keep, per graph, the smallest non-empty quote (``""`` when the graph gives none)."""
    if not graph:
        return
    current = sources.get(graph)
    if evidence and (not current or evidence < current):
        sources[graph] = evidence
    elif current is None:
        sources[graph] = ""


def _fold(
    rows: Iterable[tuple[Term | None, ...]],
    width: int,
    make: Callable[[tuple[str, ...]], R],
    merge: Callable[[R, list[str | None]], None],
) -> dict[tuple[str, ...], R]:
    """Fold rows into one record per key (the first ``width`` columns, all bound): ``make`` the
    record the first time a key is seen, ``merge`` every row into it."""
    out: dict[tuple[str, ...], R] = {}
    for row in rows:
        values = [_value(t) for t in row]
        k = tuple(v for v in values[:width] if v is not None)
        if len(k) < width:
            continue
        item = out.get(k)
        if item is None:
            item = out[k] = make(k)
        merge(item, values)
    return out


def read_ties(store: Store) -> list[Tie]:
    """Ties of actors (``net-ties.rq``): one per kind, tie node, actor and target, with roles,
    the earliest start, the latest end and the quote of each graph that states it."""

    def merge(t: Tie, row: list[str | None]) -> None:
        _, _, _, _, role, start, end, graph, evidence = row
        if role and role not in t.roles:
            t.roles.append(role)
        if start:
            t.start = min(t.start or start, start)
        if end:
            t.end = max(t.end or end, end)
        _add_source(t.sources, graph, evidence)

    folded = _fold(
        _select(store, "net-ties").rows,
        width=4,
        make=lambda k: Tie(kind=k[0], iri=k[1], actor=k[2], target=k[3]),
        merge=merge,
    )
    ties = sorted(folded.values(), key=lambda t: (t.actor, t.target, t.kind, t.iri))
    for t in ties:
        t.roles.sort()
    return ties


def read_links(store: Store) -> list[Link]:
    """Part-of links between affiliations (``net-affiliation-links.rq``), with their sources."""
    folded = _fold(
        _select(store, "net-affiliation-links").rows,
        width=3,
        make=lambda k: Link(part=k[0], link=k[1], whole=k[2]),
        merge=lambda link, r: _add_source(link.sources, r[3], r[4]),
    )
    links = (link for link in folded.values() if link.part != link.whole)
    return sorted(links, key=lambda link: (link.part, link.whole, link.link))


def read_records(store: Store) -> Records:
    """Read actors, affiliations, ties, links, places and contact points from a store.

    Parameters
    ----------
    store : Store
        Any store; only ``query`` is used.

    Returns
    -------
    Records
        Organisations joined by accepted links (graph:links) read as one actor.
    """
    from .identity import join, same_as

    records = Records(
        actors=read_attributes(store, "net-actors", Actor),
        affiliations=read_attributes(store, "net-affiliations", Affiliation),
        ties=read_ties(store),
        links=read_links(store),
        places=read_attributes(store, "net-places", Place),
        contacts=read_attributes(store, "net-contact-points", ContactPoint),
    )
    return join(records, same_as(store))  # organisations joined by reviewed links are one actor
