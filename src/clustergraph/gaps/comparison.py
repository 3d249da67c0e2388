"""Regions side by side: organisations, ties, markets reached and projects of up to ten regions.

For each region (a country, a NUTS region, an ISO 3166-2 subdivision, a city: any place the
graph contains), from the network projection (:func:`clustergraph.network.project`):

- **organisations**: the actors located in the region or in a place inside it;
- **ties**: the actor-network edges with at least one end among them, and **partners**: the
  actors at the other end that are not in the region;
- **markets reached**: the countries of those partners (a partner's places, with containment),
  and the markets the region's organisations state they serve;
- **projects**: the projects and programmes (CORDIS projects included) that the region's
  organisations take part in.

As U.S. Cluster Mapping compares regions; the numbers rest on the same projection as entry
points and gaps, so they agree with those views.

>>> from clustergraph.network.example import example_store
>>> catalonia, japan = compare_regions(example_store(), ["Catalonia", "Japan"])
>>> catalonia.organisations, catalonia.ties, catalonia.partners, [m.label for m in catalonia.markets]
(2, 5, 3, ['Japan'])
>>> [e.label for e in japan.examples], [m.label for m in japan.markets]
(['Osaka Partner'], ['Spain'])
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from ..errors import ParameterError
from ..namespaces import ID
from ..network.cache import resolved
from ..network.projection import Network, project
from ..store.base import Store

#: At most this many regions side by side.
MAX_REGIONS = 10
_COUNTRY = ID + "country/"


class Named(BaseModel):
    """An IRI with its label."""

    iri: str
    label: str


class RegionProfile(BaseModel):
    """One region's column of the comparison."""

    region: str = Field(description="The region's IRI")
    label: str
    organisations: int = Field(description="Organisations located in the region or in a place inside it")
    ties: int = Field(description="Actor-network edges with at least one end in the region")
    partners: int = Field(description="Organisations outside the region tied to one inside it")
    markets: list[Named] = Field(default_factory=list,
                                 description="Countries of those partners and markets served, by label")
    projects: list[Named] = Field(default_factory=list,
                                  description="Projects and programmes its organisations take part in, by label")
    examples: list[Named] = Field(default_factory=list, description="Up to five of its organisations, by label")


def compare_regions(store: Store, regions: Sequence[str], *, network: Network | None = None) -> list[RegionProfile]:
    """Profiles of ``regions`` (names, codes or IRIs), in the order given.

    Raises
    ------
    ParameterError
        For no region, more than :data:`MAX_REGIONS`, or one region given twice.
    NotFoundError, AmbiguousError
        For a text that names no place, or several equally well.
    """
    if not regions:
        raise ParameterError("give at least one region to compare (for example region=Catalonia)")
    if len(regions) > MAX_REGIONS:
        raise ParameterError(f"at most {MAX_REGIONS} regions can be compared at once; {len(regions)} were given")
    places = [resolved(store, text, ("place",), what="region") for text in regions]
    iris = [p.iri for p in places]
    twice = sorted({i for i in iris if iris.count(i) > 1})
    if twice:
        raise ParameterError(f"a region is given twice: {', '.join(twice)}; give each once")
    net = network if network is not None else project(store)
    return [_profile(net, place.iri, place.label) for place in places]


def _profile(net: Network, region: str, label: str) -> RegionProfile:
    records = net.records
    inside = set(records.actors_in(region))
    index = records.index
    ids = {index[a] for a in inside if a in index}
    g = net.actor_edges.graph
    u, v = g.u.tolist(), g.v.tolist()
    ties = 0
    partners: set[int] = set()
    for a, b in zip(u, v, strict=True):
        if a in ids or b in ids:
            ties += 1
            for other in (a, b):
                if other not in ids:
                    partners.add(other)
    markets: set[str] = set()
    for p in partners:
        actor = records.actors.get(records.iris[p])
        for place in actor.places if actor is not None else []:
            markets.update(c for c in records.ancestors(place) if c.startswith(_COUNTRY))
    for a in inside:
        markets.update(records.actors[a].serves)
    projects = {t for t in _targets(net, ids) if records.affiliations[t].kind == "project"}
    return RegionProfile(
        region=region,
        label=label,
        organisations=len(inside),
        ties=ties,
        partners=len(partners),
        markets=_named(net, markets),
        projects=_named(net, projects),
        examples=_named(net, inside)[:5],
    )


def _targets(net: Network, ids: set[int]) -> set[str]:
    """The affiliations the actors ``ids`` are tied to (the tie table's targets)."""
    table, iris = net.records.ties, net.records.iris
    found = set()
    for actor, target in zip(table.actor.tolist(), table.target.tolist(), strict=True):
        if actor in ids and iris[target] in net.records.affiliations:
            found.add(iris[target])
    return found


def _named(net: Network, iris: set[str]) -> list[Named]:
    return sorted((Named(iri=i, label=net.records.label(i)) for i in iris), key=lambda n: (n.label.casefold(), n.iri))
