"""The network page, assembled once for every face: ``clustergraph viz`` and the server.

:func:`network_page` projects the store once with the relation types the page draws (all of
them by default, funding included; the page hides funding at first) and gives the page data
and, on demand, the gap overlay computed **on that same projection**, so the suggested links
and brokers are those of the network drawn. The CLI writes both into one file
(:func:`clustergraph.viz.standalone.write_html`); the server answers ``/api/network`` with
:attr:`NetworkPage.data` and ``/api/network/gaps`` with :meth:`NetworkPage.gaps`.

>>> from clustergraph.network.example import example_store
>>> page = network_page(example_store())
>>> page.data["counts"]["nodes"], sorted(b["label"] for b in page.gaps()["brokers"])
(5, ['Alpha Cluster', 'Beta Cluster'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..network.cache import resolved
from ..network.projection import Network, project
from ..network.relations import RELATION_STRENGTH
from ..store.base import Store
from .data import network_data
from .gaps import gap_overlay

#: The relation types a view draws when the caller names none: all of them.
VIEW_RELATIONS: tuple[str, ...] = tuple(RELATION_STRENGTH)
#: Brokers and suggested links the gap overlay lists.
OVERLAY_LIMIT = 15


@dataclass
class NetworkPage:
    """One projection and what the network and map pages draw from it."""

    store: Store
    network: Network
    market: str | None = None  # IRI of the place the market filter starts on
    _gaps: dict[int, dict[str, Any]] = field(default_factory=dict, repr=False)

    @cached_property
    def data(self) -> dict[str, Any]:
        """Nodes, edges, places, metrics and positions (:func:`clustergraph.viz.data.network_data`)."""
        return network_data(self.network)

    def gaps(self, limit: int = OVERLAY_LIMIT) -> dict[str, Any]:
        """The gap overlay of this projection, by the page's node numbers."""
        if limit not in self._gaps:
            from ..gaps import gap_report

            report = gap_report(self.store, network=self.network, limit=limit)
            self._gaps[limit] = gap_overlay(report, self.data)
        return self._gaps[limit]


def network_page(
    store: Store,
    *,
    relations: Sequence[str] | None = None,
    as_of: int | None = None,
    market: str | None = None,
    network: Network | None = None,
) -> NetworkPage:
    """Assemble the network page of ``store``.

    Parameters
    ----------
    store : Store
        Any store.
    relations : sequence of str, optional
        Relation types to draw; default :data:`VIEW_RELATIONS` (all, funding included).
    as_of : int, optional
        Only ties holding in this year.
    market : str, optional
        A market (name, code or IRI) the page's market filter starts on.
    network : Network, optional
        A projection of ``store`` already made with these relations and year.

    Raises
    ------
    NotFoundError, AmbiguousError
        For an unknown or ambiguous market; for an empty graph.
    InputError
        For an unknown relation type.
    """
    net = network or project(store, relations=list(relations or VIEW_RELATIONS), as_of=as_of)
    market_iri = resolved(store, market, ("place",), what="market").iri if market else None
    return NetworkPage(store=store, network=net, market=market_iri)
