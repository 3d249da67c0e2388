"""What the projection reads from the store: actors, affiliations, places and contact points
as small records, the ties as a table of integer arrays (:class:`~.ties.TieTable`).

Every actor and affiliation has an integer id (:attr:`Records.iris`): actors first, then the
alliances, projects, events and agreements that are not actors themselves. The records are read
by :mod:`clustergraph.network.readers` and projected by :mod:`clustergraph.network.projection`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..namespaces import CG, ORG, SCHEMA
from ..terms import compact, local_name
from .ties import TieTable


@dataclass(slots=True)
class Actor:
    """An organisation of the graph (org:Organization or a subclass)."""

    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # labels of the organisations linked to it

    def type_names(self) -> list[str]:
        """Local names of the types, most specific first (cg: terms before org: terms)."""
        return sorted({local_name(t) for t in self.types}, key=lambda n: (n.startswith(("Formal", "Organ")), n))


#: The kind of an affiliation by its types, first match wins (see :attr:`Affiliation.kind`). The
#: types are those stated (not the superclasses the build infers), so subclasses are listed.
KIND_TYPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("agreement", frozenset({CG + "Agreement", CG + "MemorandumOfUnderstanding"})),
    ("alliance", frozenset({CG + "Alliance", CG + "Cluster", ORG + "OrganizationalCollaboration"})),
    ("event", frozenset({SCHEMA + "Event", SCHEMA + "EventSeries", CG + "Mission"})),
    ("project", frozenset({SCHEMA + "Project", CG + "Programme", CG + "PolicyInitiative"})),
)


def kind_of(types: list[str]) -> str:
    """``agreement``, ``alliance``, ``event``, ``project`` or ``organisation``, by the types.

    >>> kind_of(["https://w3id.org/clustergraph/ontology#Mission"])
    'event'
    """
    for kind, names in KIND_TYPES:
        if not names.isdisjoint(types):
            return kind
    return "organisation"


@dataclass(slots=True)
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
        return kind_of(self.types)


@dataclass(slots=True)
class Link:
    """A part of an affiliation: a sub-event, something in the context of a project, ..."""

    part: str
    link: str
    whole: str


@dataclass(slots=True)
class Place:
    """A place with its parents, coordinates, codes and label."""

    iri: str
    label: str = ""
    parents: list[str] = field(default_factory=list)
    lat: float | None = None
    long: float | None = None
    codes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ContactPoint:
    """A contact point of an organisation (label, type, what it answers for)."""

    iri: str
    label: str = ""
    type: str = ""
    answers_for: list[str] = field(default_factory=list)
    of: list[str] = field(default_factory=list)  # the organisations it is a contact point of


#: Actors by the place they are located in, by the place they serve; places by what contains them.
PlaceIndex = tuple[dict[str, set[str]], dict[str, set[str]], dict[str, list[str]]]


@dataclass
class Records:
    """Everything the projection needs, read from one store."""

    actors: dict[str, Actor]
    affiliations: dict[str, Affiliation]
    ties: TieTable
    links: list[Link]
    places: dict[str, Place]
    contacts: dict[str, ContactPoint] = field(default_factory=dict)
    iris: list[str] = field(default_factory=list)  # node id -> IRI: actors, then other affiliations
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _containers: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _contacts_of: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _by_place: tuple[dict[str, set[str]], dict[str, set[str]], dict[str, list[str]]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def index(self) -> dict[str, int]:
        """IRI -> node id."""
        if not self._index:
            self._index = {iri: i for i, iri in enumerate(self.iris)}
        return self._index

    @property
    def actor_count(self) -> int:
        """The number of actors (their ids are ``0 .. actor_count - 1``)."""
        return len(self.actors)

    def members_of(self, target: str) -> list[str]:
        """The actors with a membership of ``target``, sorted."""
        i = self.index.get(target)
        return self.ties.members(i, self.iris) if i is not None else []

    def _places_index(self) -> PlaceIndex:
        """Actors by the place they are located in and by the place they serve, and every
        place by the places it contains (itself included), built once."""
        if self._by_place is None:
            located: dict[str, set[str]] = {}
            serving: dict[str, set[str]] = {}
            for a in self.actors.values():
                for p in a.places:
                    located.setdefault(p, set()).add(a.iri)
                for p in a.serves:
                    serving.setdefault(p, set()).add(a.iri)
            inside: dict[str, list[str]] = {}
            for p in set(located) | set(serving):
                for container in self.ancestors(p):
                    inside.setdefault(container, []).append(p)
            self._by_place = (located, serving, inside)
        return self._by_place

    def actors_in(self, region: str) -> list[str]:
        """The actors located in ``region`` (or a place inside it), sorted."""
        located, _, inside = self._places_index()
        return sorted({a for p in inside.get(region, ()) for a in located.get(p, ())})

    def market_actors(self, market: str) -> list[str]:
        """The actors located in ``market`` or serving it (or a place inside it), sorted."""
        located, serving, inside = self._places_index()
        places = inside.get(market, ())
        return sorted({a for p in places for a in located.get(p, ())} | {a for p in places for a in serving.get(p, ())})

    def contacts_of(self, actor: str) -> list[ContactPoint]:
        """The contact points of an organisation, by IRI."""
        if self._contacts_of is None:
            found: dict[str, list[str]] = {}
            for cp in self.contacts.values():
                for owner in cp.of:
                    found.setdefault(owner, []).append(cp.iri)
            self._contacts_of = found
        return [self.contacts[c] for c in sorted(self._contacts_of.get(actor, []))]

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
