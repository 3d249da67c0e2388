"""What the projection reads from the store, as plain records: actors, affiliations, ties,
links, places and contact points.

The records are read by :mod:`clustergraph.network.readers` (one reader per ``sparql/net-*.rq``)
and turned into networkx graphs by :mod:`clustergraph.network.projection`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..namespaces import CG, ORG, SCHEMA
from ..terms import compact, local_name
from .relations import FUNDING_ROLES


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
        return info.label if info is not None and info.label else compact(place)

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
