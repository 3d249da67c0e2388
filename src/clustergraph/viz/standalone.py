"""One self-contained HTML file of the network (``clustergraph viz``): assets and data inlined.

The page is the package's Jinja2 template ``viz_standalone.html`` with vis-network's JS and CSS,
the page scripts, the Natural Earth land outline, the network data and (optionally) the gap
overlay inlined, so the file opens from disk with no network at all.

>>> import tempfile, pathlib
>>> from clustergraph.network import project
>>> from clustergraph.network.example import example_store
>>> from clustergraph.viz.data import network_data
>>> out = pathlib.Path(tempfile.mkdtemp()) / "net.html"
>>> path = write_html(out, network_data(project(example_store())), layout="geo")
>>> text = path.read_text(encoding="utf-8")
>>> "vis.Network" in text and 'id="viz-data"' in text and remote_references(text)
True
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .. import __version__
from ..errors import InputError
from ..namespaces import ID
from ..web import STATIC, TEMPLATES

LAYOUTS = ("force", "geo")
MODES = ("network", "map")

#: A resource reference to another host: src=, href=, url(), @import, with http(s).
_REMOTE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*https?://|url\(\s*["']?\s*https?://|@import\s+["']?https?://)""",
    re.IGNORECASE,
)


_CLOSING = re.compile(r"</(script|style)", re.IGNORECASE)


def remote_references(text: str) -> list[str] | bool:
    """The remote resource references in an HTML text, or ``True`` when there is none.

    >>> remote_references('<img src="https://static.example.org/x.png"> <a data-iri="https://w3id.org/x">')
    ['src="https://']
    >>> remote_references('<p>https://w3id.org/clustergraph/id/biocat</p>')
    True
    """
    found = [m.group(0) for m in _REMOTE.finditer(text)]
    return found or True


def inline_text(text: str) -> str:
    """Text safe to put inside a <script> or <style> element (no closing tag inside).

    ``://`` is written ``:\\/\\/``, the same characters in a JavaScript string, regular expression
    or comment, so the licence notes of the bundled libraries (which name their home pages) leave
    no address in the file that a scanner could take for a resource reference.

    >>> inline_text('var home = "https://example.org/"; // </script>')
    'var home = "https:\\\\/\\\\/example.org/"; // <\\\\/script>'
    """
    return _CLOSING.sub(r"<\\/\1", text).replace("://", ":\\/\\/")


def _asset(path: str) -> str:
    return (STATIC / path).read_text(encoding="utf-8")


def script_json(value: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` block of a standalone file.

    Like Jinja's ``tojson`` (``<``, ``>``, ``&`` and ``'`` escaped), and every ``/`` written
    ``\\/`` as JSON allows, so the file holds no ``http://`` text at all: entity IRIs in the data
    stay data, and no scanner can take them for resource references.

    >>> str(script_json({"graph": "https://w3id.org/clustergraph/graph/x", "q": "</script>"}))
    '{"graph": "https:\\\\/\\\\/w3id.org\\\\/clustergraph\\\\/graph\\\\/x", "q": "\\\\u003c\\\\/script\\\\u003e"}'
    """
    text = htmlsafe_json_dumps(value).replace("/", "\\/")
    return Markup(text)


def render_html(
    data: dict[str, Any],
    *,
    layout: str = "force",
    mode: str = "network",
    gaps: dict[str, Any] | None = None,
    title: str = "clustergraph network",
    intro: str = "",
    market: str | None = None,
    year: int | None = None,
    regions: dict[str, Any] | None = None,
) -> str:
    """The standalone page as text.

    Parameters
    ----------
    data : dict
        From :func:`clustergraph.viz.data.network_data`.
    layout : {"force", "geo"}
        The layout the page opens with (the reader can switch).
    mode : {"network", "map"}
        ``map`` draws markets on the map too, and keeps the geographic layout.
    gaps : dict, optional
        From :func:`clustergraph.viz.gaps.gap_overlay`, shown on demand.
    title, intro : str
        Heading and first paragraph.
    market : str, optional
        IRI of a place the market filter starts on.
    year : int, optional
        The year the "as of" filter starts on.
    regions : dict, optional
        Region shapes for the map (:func:`clustergraph.viz.regions.region_layer`), inlined; the
        map mode shades countries, and these regions, by a measure.

    Raises
    ------
    InputError
        For an unknown layout or mode.
    """
    if layout not in LAYOUTS:
        raise InputError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.filters["tojson"] = script_json
    vis_version = (STATIC / "vendor" / "vis-network" / "VERSION").read_text(encoding="utf-8").split(" (")[0]
    config = {
        "mode": mode,
        "layout": layout,
        "idPrefix": ID,
        "initial": {"market": market, "year": year},
    }
    return env.get_template("viz_standalone.html").render(
        title=title,
        intro=intro or _intro(data),
        mode=mode,
        as_of=year,
        config=config,
        data=data,
        gaps=gaps,
        world=inline_text(_asset("vendor/world-atlas/land-110m.json")),
        countries=inline_text(_asset("vendor/world-atlas/countries-110m.json")) if mode == "map" else None,
        countries_iso=inline_text(_asset("vendor/world-atlas/countries-110m-iso.json")) if mode == "map" else None,
        regions=regions if mode == "map" and regions else None,
        regions_loaded=len(regions["regions"]) if mode == "map" and regions else 0,
        regions_source=regions.get("source") if regions else None,
        geomap_js=inline_text(_asset("js/geomap.js")) if mode == "map" else None,
        regionmap_js=inline_text(_asset("js/regionmap.js")) if mode == "map" else None,
        site_css=inline_text(_asset("css/site.css")),
        viz_css=inline_text(_asset("css/viz.css")),
        vis_css=inline_text(_asset("vendor/vis-network/vis-network.min.css")),
        vis_js=inline_text(_asset("vendor/vis-network/vis-network.min.js")),
        worldmap_js=inline_text(_asset("js/worldmap.js")),
        facts_js=inline_text(_asset("js/network-facts.js")),
        edges_js=inline_text(_asset("js/network-edges.js")),
        focus_js=inline_text(_asset("js/network-focus.js")),
        view_js=inline_text(_asset("js/network-view.js")),
        page_js=inline_text(_asset("js/viz-page.js")),
        vis_version=vis_version,
        version=__version__,
    )


def _intro(data: dict[str, Any]) -> str:
    counts = data["counts"]
    when = f" as of {data['as_of']}" if data.get("as_of") else ""
    return (
        f"{counts['nodes']} organisations and {counts['edges']} ties{when} ({', '.join(data['relations'])})."
        " Filter by relation, market, region and year; click an organisation for its ties and sources."
    )


def write_html(path: str | Path, data: dict[str, Any], **options: Any) -> Path:
    """Write the standalone page to ``path`` (see :func:`render_html` for the options).

    Returns
    -------
    Path
        The file written.
    """
    target = Path(path)
    if target.exists() and target.is_dir():
        raise InputError(f"{target} is a folder; give a file name ending in .html")
    if not target.parent.exists():
        raise InputError(f"the folder {target.parent} does not exist")
    target.write_text(render_html(data, **options), encoding="utf-8")
    return target
