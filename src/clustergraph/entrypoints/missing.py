"""The answer when no entry point is found: which hop is missing, and the nearest partial paths.

A *partial path* leads from the home to an alliance, project, event or agreement that targets
the market (or a place inside it) but has no partner located in or serving it.
"""

from __future__ import annotations

import numpy as np

from ..lookup.models import Resolved
from ..network.projection import Network
from .model import MissingHop, Named, PartialPath
from .paths import Search, entry_path

RELATION_WORDS = {
    "agreement": "agreement",
    "alliance": "alliance",
    "unit": "organisational unit",
    "project": "project",
    "event": "event",
    "funding": "funding",
}
#: Partial paths listed at most.
PARTIAL_PATHS = 5
#: Organisations of the market named at most.
MARKET_ACTORS = 20


def missing_hop(
    net: Network,
    search: Search,
    homes: list[str],
    home: Resolved,
    market: Resolved,
    entries: list[str],
    sector: Resolved | None,
) -> MissingHop:
    """Say which hop is missing from ``home`` into ``market`` (see the module docs)."""
    records = net.records
    kinds = ", ".join(RELATION_WORDS[r] for r in net.relations)
    who = home.label
    degree = net.affiliation_edges.graph.degree()
    if not entries:
        message = (
            f"the graph knows no organisation located in or serving {market.label}:"
            f" the missing hop is a partner in {market.label}"
        )
    elif not any(degree[records.index[h]] > 0 for h in homes):
        message = f"{who} has no {kinds} tie in the graph" + (f" as of {net.as_of}" if net.as_of is not None else "")
    else:
        message = f"no {kinds} tie of {who} leads to an organisation located in or serving {market.label}"
        if sector is not None:
            message += f" with sector {sector.label}"
    if net.as_of is not None:
        message += f" (ties as of {net.as_of})"
    partial: list[PartialPath] = []
    reached = np.nonzero(search.dist >= 0)[0]
    for node in sorted(reached.tolist(), key=lambda n: (int(search.dist[n]), records.iris[n])):
        aff = records.affiliations.get(records.iris[node])
        if aff is None:
            continue
        targets = [m for m in aff.markets if records.within(m, market.iri)]
        if not targets:
            continue
        path = entry_path(net, search.best_path(node))
        names = ", ".join(records.place_label(m) for m in targets)
        partial.append(
            PartialPath(
                affiliation=aff.iri,
                label=aff.label,
                kind=aff.kind,
                targets=[records.place_label(m) for m in targets],
                path=path,
                note=f"{aff.label} targets {names} but has no partner located in or serving {market.label}",
            )
        )
        if len(partial) >= PARTIAL_PATHS:
            break
    return MissingHop(
        message=message,
        market_actors=[Named(iri=e, label=records.label(e)) for e in entries[:MARKET_ACTORS]],
        partial_paths=partial,
    )
