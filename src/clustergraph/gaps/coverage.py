"""Coverage: homes (clusters, alliances, regions) by markets, counted in independent entry paths.

A cell counts the **distinct entry actors** of the market (organisations located in it or
serving it) that the home reaches in the affiliation graph within ``max_hops`` edges. Distinct
entry actors are independent ways in: each is another organisation to call. ``0`` is a gap and
``1`` a fragile, single path.
"""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel, Field, computed_field

from ..namespaces import CG
from ..network.projection import Network

SOURCE = "\x00home"
CLUSTER_TYPES = (CG + "ClusterOrganisation", CG + "Cluster")


class Home(BaseModel):
    """A row of the coverage matrix."""

    iri: str
    label: str
    kind: str  # cluster, alliance or region
    actors: list[str] = Field(exclude=True)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size(self) -> int:
        """The number of actors of the home."""
        return len(self.actors)


class CoverageCell(BaseModel):
    """Entry paths of one home into one market."""

    home: str
    home_label: str
    home_kind: str
    market: str
    market_label: str
    paths: int
    flag: str  # "none", "single" or ""
    entry_actors: list[str] = []  # labels


def homes_of(net: Network) -> list[Home]:
    """Clusters (cluster organisations and clusters), alliances, and the regions they sit in."""
    recs = net.records
    out: list[Home] = []
    regions: dict[str, list[str]] = {}
    for iri, actor in sorted(recs.actors.items(), key=lambda kv: kv[1].label.lower()):
        types = set(actor.types)
        if CG + "Alliance" in types:
            members = sorted(
                {t.actor for t in recs.ties if t.kind == "membership" and t.target == iri} & set(recs.actors)
            )
            out.append(Home(iri=iri, label=actor.label, kind="alliance", actors=[iri, *members]))
        elif types & set(CLUSTER_TYPES):
            out.append(Home(iri=iri, label=actor.label, kind="cluster", actors=[iri]))
            for place in actor.places:
                regions.setdefault(place, [])
    for place in sorted(regions, key=lambda p: recs.place_label(p).lower()):
        actors = sorted(a for a in recs.actors if recs.located_in(a, place))
        out.append(Home(iri=place, label=recs.place_label(place), kind="region", actors=actors))
    return out


def markets_of(net: Network) -> list[str]:
    """Every place some alliance, project, event or agreement targets, or some actor serves."""
    recs = net.records
    found = {m for aff in recs.affiliations.values() for m in aff.markets}
    found |= {m for actor in recs.actors.values() for m in actor.serves}
    return sorted(found, key=lambda m: recs.place_label(m).lower())


def entry_actors(net: Network, market: str) -> list[str]:
    """Organisations located in or serving ``market``."""
    recs = net.records
    return sorted(a for a in recs.actors if recs.located_in(a, market) or recs.serves(a, market))


def coverage(net: Network, homes: list[Home], markets: list[str], *, max_hops: int = 8) -> list[CoverageCell]:
    """The coverage matrix as a list of cells (homes × markets)."""
    recs = net.records
    entries = {m: set(entry_actors(net, m)) for m in markets}
    cells: list[CoverageCell] = []
    g = net.affiliation
    for home in homes:
        sources = [a for a in home.actors if a in g]
        reached: set[str] = set()
        if sources:
            reached = set(nx.multi_source_dijkstra_path_length(g, set(sources), cutoff=max_hops, weight=None))
        for m in markets:
            hit = sorted(entries[m] & reached, key=lambda a: recs.label(a).lower())
            n = len(hit)
            cells.append(
                CoverageCell(
                    home=home.iri,
                    home_label=home.label,
                    home_kind=home.kind,
                    market=m,
                    market_label=recs.place_label(m),
                    paths=n,
                    flag="none" if n == 0 else "single" if n == 1 else "",
                    entry_actors=[recs.label(a) for a in hit],
                )
            )
    return cells
