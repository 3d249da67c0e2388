"""What the projection reads from the store, as plain records.

Everything here comes from a handful of SPARQL ``SELECT`` queries (``sparql/net-*.rq``) run
through :meth:`Store.query <clustergraph.store.base.Store.query>` only, so the same code runs on
the embedded store and on a remote SPARQL server. The records are then turned into networkx
graphs by :mod:`clustergraph.network.projection`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal

from .. import sparql
from ..namespaces import CG, GRAPH, ID, ORG, RDF, RDFS, SCHEMA, SKOS
from ..store.base import Store
from ..store.results import SelectResult, Term

#: The relation types of the projection, strongest first, with the strength each tie gives.
RELATION_STRENGTH: dict[str, float] = {
    "agreement": 1.0,
    "alliance": 0.9,
    "unit": 0.9,
    "project": 0.7,
    "event": 0.5,
    "funding": 0.3,
}
#: The relation types used when the caller names none: every type except funding.
DEFAULT_RELATIONS: tuple[str, ...] = ("agreement", "alliance", "unit", "project", "event")
#: Roles that make a participation a funding tie when it has no other role.
FUNDING_ROLES = frozenset({CG + "Funder", CG + "Initiator", CG + "Supporter"})
#: Strength of a hop between two alliances/projects/events/agreements (a sub-event and its event).
PART_STRENGTH = 0.9


def year_of(value: str | None) -> int | None:
    """The year of an ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` lexical form.

    >>> year_of("2016-10-09"), year_of("2016"), year_of(None), year_of("January")
    (2016, 2016, None, None)
    """
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    return int(value[:4])


def short(iri: str) -> str:
    """A short form of an IRI for display (``id:`` and ``cg:`` prefixes).

    >>> short("https://w3id.org/clustergraph/id/biocat"), short("https://w3id.org/clustergraph/ontology#Member")
    ('id:biocat', 'cg:Member')
    """
    for prefix, ns in (("id", ID), ("cg", CG), ("graph", GRAPH), ("org", ORG), ("schema", SCHEMA)):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> local_name("https://w3id.org/clustergraph/ontology#CoOrganiser")
    'CoOrganiser'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def pick_label(labels: list[tuple[str, str]], fallback: str) -> str:
    """The English label if there is one, else an untagged one, else the first; else ``fallback``.

    >>> pick_label([("BIO.NRW", "de"), ("BIO.NRW (en)", "en")], "x")
    'BIO.NRW (en)'
    """
    if not labels:
        return fallback
    ordered = sorted(labels, key=lambda pair: (pair[1] != "en", pair[1] != "", pair[1], pair[0]))
    return ordered[0][0]


@dataclass
class Actor:
    """An organisation of the graph (org:Organization or a subclass)."""

    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)
    contact_points: list[str] = field(default_factory=list)

    def type_names(self) -> list[str]:
        """Local names of the types, most specific first (cg: terms before org: terms)."""
        names = sorted(
            {local_name(t) for t in self.types},
            key=lambda n: (n.startswith(("Formal", "Organ")), n),
        )
        return names


@dataclass
class Affiliation:
    """Something actors are tied through: an alliance, project, programme, event or agreement."""

    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    markets: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """One word: ``agreement``, ``alliance``, ``event``, ``project`` or ``organisation``."""
        types = set(self.types)
        if CG + "Agreement" in types or CG + "MemorandumOfUnderstanding" in types:
            return "agreement"
        if CG + "Alliance" in types or CG + "Cluster" in types or ORG + "OrganizationalCollaboration" in types:
            return "alliance"
        if SCHEMA + "Event" in types or CG + "Mission" in types:
            return "event"
        if SCHEMA + "Project" in types or CG + "Programme" in types or CG + "PolicyInitiative" in types:
            return "project"
        return "organisation"


@dataclass
class Tie:
    """One stated tie of an actor to an affiliation (or, for ``unit``, to another actor)."""

    iri: str
    kind: str  # membership, participation, party, funder, unit
    actor: str
    target: str
    roles: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # graph -> evidence quote

    def relation(self, target: Affiliation | None) -> str:
        """The relation type of the tie: agreement, alliance, project, event, funding or unit."""
        if self.kind == "unit":
            return "unit"
        if self.kind == "funder":
            return "funding"
        if self.kind == "party":
            return "agreement"
        if self.kind == "participation" and self.roles and set(self.roles) <= FUNDING_ROLES:
            return "funding"
        if self.kind == "membership":
            return "alliance"
        kind = target.kind if target is not None else "project"
        return {"agreement": "agreement", "alliance": "project", "event": "event"}.get(kind, "project")

    def role_text(self) -> str:
        """The roles in words (``organiser``, ``co-organiser``), or the kind of tie."""
        if not self.roles:
            return {
                "party": "party",
                "funder": "funder",
                "unit": "unit",
                "membership": "member",
            }.get(self.kind, "participant")
        words = []
        for role in sorted(self.roles):
            name = local_name(role)
            name = "".join(("-" + c.lower()) if c.isupper() and i else c.lower() for i, c in enumerate(name))
            words.append(name)
        return "/".join(words)

    def to_dict(self, relation: str | None = None) -> dict[str, Any]:
        """The tie as plain values: IRI, relation, roles, dates, source graphs and quotes."""
        graph, quote = self.first_source()
        return {
            "tie": self.iri,
            "kind": self.kind,
            "relation": relation,
            "actor": self.actor,
            "target": self.target,
            "role": self.role_text(),
            "start": self.start,
            "end": self.end,
            "graph": graph,
            "evidence": quote,
            "sources": [{"graph": g, "evidence": q} for g, q in sorted(self.sources.items())],
        }

    def first_source(self) -> tuple[str | None, str | None]:
        """The first source graph (sorted) and its quote."""
        if not self.sources:
            return None, None
        graph = sorted(self.sources)[0]
        return graph, self.sources[graph] or None


@dataclass
class Link:
    """A part of an affiliation: a sub-event, something in the context of a project, ..."""

    part: str
    link: str
    whole: str
    sources: dict[str, str] = field(default_factory=dict)  # graph -> evidence quote of the part

    @property
    def graphs(self) -> list[str]:
        """The graphs that state the link."""
        return sorted(self.sources)


@dataclass
class Place:
    """A place with its parents, coordinates, codes and label."""

    iri: str
    label: str = ""
    parents: list[str] = field(default_factory=list)
    lat: float | None = None
    long: float | None = None
    codes: list[str] = field(default_factory=list)


@dataclass
class ContactPoint:
    """A contact point of an organisation (label, type, what it answers for)."""

    iri: str
    label: str = ""
    type: str = ""
    answers_for: list[str] = field(default_factory=list)


@dataclass
class Records:
    """Everything the projection needs, read from one store."""

    actors: dict[str, Actor]
    affiliations: dict[str, Affiliation]
    ties: list[Tie]
    links: list[Link]
    places: dict[str, Place]
    contacts: dict[str, ContactPoint] = field(default_factory=dict)
    _containers: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    # --- places -----------------------------------------------------------------------------

    def ancestors(self, place: str) -> list[str]:
        """The place and every place containing it, nearest first (breadth-first)."""
        seen = [place]
        frontier = [place]
        while frontier:
            nxt = []
            for p in frontier:
                for parent in sorted(self.places[p].parents) if p in self.places else []:
                    if parent not in seen:
                        seen.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return seen

    def within(self, place: str, region: str) -> bool:
        """Whether ``place`` is ``region`` or lies inside it (containment is transitive)."""
        containers = self._containers.get(place)
        if containers is None:  # places do not change once read: remember each answer
            containers = self._containers[place] = frozenset(self.ancestors(place))
        return region in containers

    def coordinates(self, place: str) -> tuple[float, float, str] | None:
        """Coordinates of the place or of the nearest place containing it, and whose they are."""
        for p in self.ancestors(place):
            info = self.places.get(p)
            if info is not None and info.lat is not None and info.long is not None:
                return info.lat, info.long, p
        return None

    def place_label(self, place: str) -> str:
        """The place's label, or a short form of its IRI."""
        info = self.places.get(place)
        return info.label if info is not None and info.label else short(place)

    def located_in(self, actor: str, region: str) -> bool:
        """Whether an actor is located in ``region`` (any of its places, with containment)."""
        a = self.actors.get(actor)
        return a is not None and any(self.within(p, region) for p in a.places)

    def serves(self, actor: str, region: str) -> bool:
        """Whether an actor states it serves ``region`` or a place inside it."""
        a = self.actors.get(actor)
        return a is not None and any(self.within(p, region) for p in a.serves)

    def label(self, iri: str) -> str:
        """The label of an actor, affiliation or place."""
        if iri in self.actors:
            return self.actors[iri].label
        if iri in self.affiliations:
            return self.affiliations[iri].label
        return self.place_label(iri)


def _select(store: Store, name: str) -> SelectResult:
    result = store.query(sparql.load(name))
    if not isinstance(result, SelectResult):  # pragma: no cover - the .rq files are SELECTs
        raise TypeError(f"{name}.rq does not return a table of rows")
    return result


def _value(term: Term | None) -> str | None:
    return None if term is None else term.value  # type: ignore[union-attr]


def _lang(term: Term | None) -> str:
    return (term.language or "") if isinstance(term, Literal) else ""


def read_records(store: Store) -> Records:
    """Read actors, affiliations, ties, links and places from a store.

    Parameters
    ----------
    store : Store
        Any store; only ``query`` is used.

    Returns
    -------
    Records
    """
    from .identity import same_as

    one = same_as(store)  # organisations joined by reviewed links are one actor
    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    actors: dict[str, Actor] = {}
    for row in _select(store, "net-actors").rows:
        s, p, o = (_value(t) for t in row)
        if s is None or p is None or o is None:
            continue
        merged = one.get(s, s)
        actor = actors.setdefault(merged, Actor(iri=merged, label=""))
        if p == RDF + "type":
            actor.types.append(o)
        elif p == RDFS + "label" and merged != s:
            actor.aliases.append(o)
        elif p == RDFS + "label":
            labels[s].append((o, _lang(row[2])))
        elif p == SKOS + "altLabel":
            actor.aliases.append(o)
        elif p == CG + "locatedIn":
            actor.places.append(o)
        elif p == CG + "sector":
            actor.sectors.append(o)
        elif p == CG + "servesMarket":
            actor.serves.append(o)
        elif p == SCHEMA + "contactPoint":
            actor.contact_points.append(o)
    for a in actors.values():
        a.label = pick_label(labels.get(a.iri, []), short(a.iri))
        for attr in ("types", "aliases", "places", "sectors", "serves", "contact_points"):
            setattr(a, attr, sorted(set(getattr(a, attr))))

    aff_labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    affiliations: dict[str, Affiliation] = {}
    for row in _select(store, "net-affiliations").rows:
        s, p, o = (_value(t) for t in row)
        if s is None or p is None or o is None:
            continue
        aff = affiliations.setdefault(s, Affiliation(iri=s, label=""))
        if p == RDF + "type":
            aff.types.append(o)
        elif p == RDFS + "label":
            aff_labels[s].append((o, _lang(row[2])))
        elif p == SCHEMA + "startDate":
            aff.start = min(aff.start or o, o)
        elif p == SCHEMA + "endDate":
            aff.end = max(aff.end or o, o)
        elif p in (CG + "targetMarket", CG + "destination"):
            aff.markets.append(o)
        elif p == CG + "sector":
            aff.sectors.append(o)
    for aff in affiliations.values():
        aff.label = pick_label(aff_labels.get(aff.iri, []), short(aff.iri))
        aff.types = sorted(set(aff.types))
        aff.markets = sorted(set(aff.markets))
        aff.sectors = sorted(set(aff.sectors))

    ties: dict[tuple[str, str, str, str], Tie] = {}
    for row in _select(store, "net-ties").rows:
        kind, tie, who, target, role, start, end, graph, evidence = (_value(t) for t in row)
        if kind is None or tie is None or who is None or target is None:
            continue
        who, target = one.get(who, who), one.get(target, target)
        if who == target:
            continue
        key = (kind, tie, who, target)
        t = ties.get(key)
        if t is None:
            t = ties[key] = Tie(iri=tie, kind=kind, actor=who, target=target)
        if role and role not in t.roles:
            t.roles.append(role)
        if start:
            t.start = min(t.start or start, start)
        if end:
            t.end = max(t.end or end, end)
        if graph:
            current = t.sources.get(graph)
            if evidence and (current is None or current == "" or evidence < current):
                t.sources[graph] = evidence
            elif current is None:
                t.sources[graph] = ""
    tie_list = sorted(ties.values(), key=lambda t: (t.actor, t.target, t.kind, t.iri))
    for t in tie_list:
        t.roles.sort()

    links: dict[tuple[str, str, str], Link] = {}
    for row in _select(store, "net-affiliation-links").rows:
        part, link, whole, graph, evidence = (_value(t) for t in row)
        if part is None or link is None or whole is None or part == whole:
            continue
        item = links.setdefault((part, link, whole), Link(part=part, link=link, whole=whole))
        if graph:
            current = item.sources.get(graph)
            if evidence and (not current or evidence < current):
                item.sources[graph] = evidence
            elif current is None:
                item.sources[graph] = ""

    places: dict[str, Place] = {}
    place_labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _select(store, "net-places").rows:
        s, p, o = (_value(t) for t in row)
        if s is None or p is None or o is None:
            continue
        place = places.setdefault(s, Place(iri=s))
        if p == "parent" and o != s and o not in place.parents:
            place.parents.append(o)
        elif p == "lat":
            place.lat = _float(o)
        elif p == "long":
            place.long = _float(o)
        elif p == "code" and o not in place.codes:
            place.codes.append(o)
        elif p == "label":
            place_labels[s].append((o, _lang(row[2])))
    for place in places.values():
        place.label = pick_label(place_labels.get(place.iri, []), short(place.iri))
        place.parents.sort()
        place.codes.sort()

    contacts: dict[str, ContactPoint] = {}
    for row in _select(store, "net-contact-points").rows:
        _, cp, label, kind, answers = (_value(t) for t in row)
        if cp is None:
            continue
        contact = contacts.setdefault(cp, ContactPoint(iri=cp))
        if label and (not contact.label or label < contact.label):
            contact.label = label
        if kind and (not contact.type or kind < contact.type):
            contact.type = kind
        if answers and answers not in contact.answers_for:
            contact.answers_for.append(answers)
            contact.answers_for.sort()

    return Records(
        contacts=dict(sorted(contacts.items())),
        actors=dict(sorted(actors.items())),
        affiliations=dict(sorted(affiliations.items())),
        ties=tie_list,
        links=sorted(links.values(), key=lambda link: (link.part, link.whole, link.link)),
        places=dict(sorted(places.items())),
    )


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
