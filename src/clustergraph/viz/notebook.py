"""The projection as a pyvis network, for notebooks, with no CDN.

:func:`to_pyvis` gives a :class:`pyvis.network.Network` of the actor network: nodes labelled,
coloured by type, sized by betweenness (the projection's one number), titled with type, place
and betweenness; edges weighted by tie strength and titled with their relations, years and the
alliances, projects, events or agreements behind them. Its page is the package template
``pyvis_network.html``, which inlines the vis-network the package ships (pyvis's own template
loads Bootstrap and vis-network from CDNs), so ``net.show("net.html", notebook=True)``,
``net.write_html(...)`` and ``net.generate_html()`` all work offline.

>>> from clustergraph.network import project
>>> from clustergraph.network.example import example_store
>>> net = to_pyvis(project(example_store()))
>>> len(net.nodes), net.nodes[0]["label"]
(5, 'Alpha Cluster')
>>> html = net.generate_html()
>>> "vis.Network" in html and "https://" not in html
True
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader

from ..network.projection import Network
from ..web import STATIC, TEMPLATES
from .standalone import inline_text, script_json

TEMPLATE = "pyvis_network.html"
#: Colours by the type of an organisation (the rest are grey).
COLOURS = {
    "ClusterOrganisation": "#1f77b4",
    "Cluster": "#1f77b4",
    "Alliance": "#9467bd",
    "Company": "#2ca02c",
    "University": "#ff7f0e",
    "ResearchOrganisation": "#ff7f0e",
    "PublicAgency": "#d62728",
    "ScienceParkOrganisation": "#8c564b",
}


def _options(text: str) -> str:
    """pyvis's options JSON, checked and written with ``/`` escaped (no ``</script>`` inside)."""
    return json.dumps(json.loads(text)).replace("/", "\\/").replace("<", "\\u003c")


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False)
    vendor = STATIC / "vendor" / "vis-network"
    env.globals.update(
        vis_js=inline_text((vendor / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=inline_text((vendor / "vis-network.min.css").read_text(encoding="utf-8")),
        vis_version=(vendor / "VERSION").read_text(encoding="utf-8").split(" (")[0].strip(),
    )
    env.filters["script_json"] = script_json
    env.filters["safe_options"] = _options
    return env


def to_pyvis(net: Network, *, height: str = "600px", width: str = "100%", heading: str = "", **options: Any) -> Any:
    """The actor network of a projection as a :class:`pyvis.network.Network`, offline.

    Parameters
    ----------
    net : Network
        A projection (:func:`clustergraph.network.project`).
    height, width : str
        Size of the drawing (CSS).
    heading : str
        A heading above the drawing.
    **options
        Passed on to :class:`pyvis.network.Network` (``bgcolor``, ``select_menu``, ...);
        ``cdn_resources`` is always ``"in_line"``.

    Returns
    -------
    pyvis.network.Network
        With the package's template: writing or showing it inlines vis-network.
    """
    from pyvis.network import Network as PyvisNetwork

    options["cdn_resources"] = "in_line"
    out = PyvisNetwork(height=height, width=width, heading=heading, **options)
    env = _environment()
    out.templateEnv = env
    out.path = TEMPLATE
    out.template = env.get_template(TEMPLATE)  # what pyvis renders in notebook mode
    between, _ = net.betweenness()
    top = max(between.values(), default=0.0) or 1.0
    g = net.actors
    for node, attrs in g.nodes(data=True):
        kind = str(attrs.get("type") or "Organization").split(";")[0]
        where = attrs.get("region_label") or attrs.get("country_label") or "place unknown"
        b = float(between.get(node, 0.0))
        out.add_node(
            node,
            label=str(attrs.get("label") or node),
            title=f"{attrs.get('label')}\n{kind}, {where}\nbetweenness {b:.3f}",
            color=COLOURS.get(kind, "#7f7f7f"),
            size=10 + 30 * b / top,
            group=kind,
        )
    for u, v, attrs in g.edges(data=True):
        years = "–".join(str(y) for y in dict.fromkeys((attrs.get("start"), attrs.get("end"))) if y is not None)
        via = ", ".join(net.label(x) for x in attrs.get("via", [])[:3])
        relations = ", ".join(attrs.get("relations", []))
        out.add_edge(
            u,
            v,
            value=float(attrs.get("weight", 1.0)),
            title=f"{relations}{' ' + years if years else ''}{' via ' + via if via else ''}",
        )
    return out
