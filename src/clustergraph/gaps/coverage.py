"""Coverage: homes (clusters, alliances, regions) by markets, counted in independent entry paths.

A cell counts the **distinct entry actors** of the market (organisations located in it or
serving it) that the home reaches in the affiliation graph within ``max_hops`` edges. Distinct
entry actors are independent ways in: each is another organisation to call. ``0`` is a gap and
``1`` a fragile, single path. One compiled breadth-first search per home
(:func:`clustergraph.network.algorithms.distances`) serves every market of its row.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field, computed_field

from ..namespaces import CG
from ..network import algorithms
from ..network.projection import Network

CLUSTER_TYPES = (CG + "ClusterOrganisation", CG + "Cluster")
#: Entry actors named per cell (the count is always whole).
NAMED = 20


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
    entry_actors: list[str] = []  # labels (the first NAMED, by label)


def homes_of(net: Network) -> list[Home]:
    """Clusters (cluster organisations and clusters), alliances, and the regions they sit in."""
    recs = net.records
    out: list[Home] = []
    regions: dict[str, list[str]] = {}
    for iri, actor in sorted(recs.actors.items(), key=lambda kv: kv[1].label.lower()):
        types = set(actor.types)
        if CG + "Alliance" in types:
            out.append(Home(iri=iri, label=actor.label, kind="alliance", actors=[iri, *recs.members_of(iri)]))
        elif types & set(CLUSTER_TYPES):
            out.append(Home(iri=iri, label=actor.label, kind="cluster", actors=[iri]))
            for place in actor.places:
                regions.setdefault(place, [])
    for place in sorted(regions, key=lambda p: recs.place_label(p).lower()):
        out.append(Home(iri=place, label=recs.place_label(place), kind="region", actors=recs.actors_in(place)))
    return out


def markets_of(net: Network) -> list[str]:
    """Every place some alliance, project, event or agreement targets, or some actor serves."""
    recs = net.records
    found = {m for aff in recs.affiliations.values() for m in aff.markets}
    found |= {m for actor in recs.actors.values() for m in actor.serves}
    return sorted(found, key=lambda m: recs.place_label(m).lower())


def entry_actors(net: Network, market: str) -> list[str]:
    """Organisations located in or serving ``market``."""
    return net.records.market_actors(market)


def coverage(net: Network, homes: list[Home], markets: list[str], *, max_hops: int = 8) -> list[CoverageCell]:
    """The coverage matrix as a list of cells (homes × markets)."""
    recs = net.records
    index = recs.index
    entries: dict[str, npt.NDArray[np.int64]] = {}  # node ids of each market's entry actors, by label
    for m in markets:
        found = sorted(entry_actors(net, m), key=lambda a: recs.label(a).lower())
        entries[m] = np.array([index[a] for a in found], dtype=np.int64)
    labels = {m: recs.place_label(m) for m in markets}
    g = net.affiliation_edges.graph
    cells: list[CoverageCell] = []
    for home in homes:
        sources = [index[a] for a in home.actors if a in index]
        reached = algorithms.distances(g, sources, limit=max_hops + 0.5) >= 0
        for m in markets:
            hit = entries[m][reached[entries[m]]] if len(entries[m]) else entries[m]
            n = len(hit)
            named = [recs.label(recs.iris[int(i)]) for i in hit[:NAMED]]  # entries are in label order
            cells.append(
                CoverageCell(
                    home=home.iri,
                    home_label=home.label,
                    home_kind=home.kind,
                    market=m,
                    market_label=labels[m],
                    paths=n,
                    flag="none" if n == 0 else "single" if n == 1 else "",
                    entry_actors=named,
                )
            )
    return cells
