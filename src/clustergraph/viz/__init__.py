"""The network and map views: page data from a projection, gap overlay, standalone HTML files.

The pages themselves are Jinja2 templates and scripts in :mod:`clustergraph.web`
(``network.html``, ``finder.html``, ``viz_standalone.html``, ``static/js/network-view.js``);
vis-network and the world outline ship in ``static/vendor/`` (no CDN).

>>> from clustergraph.network import project
>>> from clustergraph.network.example import example_store
>>> network_data(project(example_store()))["counts"]["nodes"]
5
"""

from __future__ import annotations

from .data import METRICS, PRECOMPUTE_ABOVE, NodeFacts, graph_data, network_data
from .gaps import gap_overlay
from .layout import GEO_SCALE, force_layout, geo_layout
from .page import VIEW_RELATIONS, NetworkPage, network_page
from .standalone import LAYOUTS, MODES, remote_references, render_html, write_html

__all__ = [
    "GEO_SCALE",
    "LAYOUTS",
    "METRICS",
    "MODES",
    "PRECOMPUTE_ABOVE",
    "VIEW_RELATIONS",
    "NetworkPage",
    "NodeFacts",
    "force_layout",
    "gap_overlay",
    "geo_layout",
    "graph_data",
    "network_data",
    "network_page",
    "remote_references",
    "render_html",
    "write_html",
]
