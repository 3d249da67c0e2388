"""Region shapes the user gives for the map: a GeoJSON file read, checked, bounded, named from the graph.

The package ships country outlines only (Natural Earth, public domain). Shapes of regions below
country level (NUTS 1-3, ISO 3166-2 subdivisions) come from a file the user loads
(``clustergraph serve --region-shapes FILE``, ``clustergraph viz --region-shapes FILE``,
``CLUSTERGRAPH_REGION_SHAPES``), for example GISCO's NUTS boundaries, which the package may not
carry (their licence allows non-commercial use only; see ``docs/viz.md``).

The file is a GeoJSON FeatureCollection in longitude/latitude (EPSG:4326). Each feature names its
region by one of :data:`CODE_PROPERTIES` (the first present wins): ``NUTS_ID`` as in GISCO's files,
or an ISO 3166-2 code (``iso_3166_2``, ...). Its geometry is a Polygon or MultiPolygon.

What reaches the browser is bounded: coordinates rounded to :data:`PRECISION` decimals (about
100 m), rings simplified by Douglas-Peucker with the smallest tolerance of :data:`TOLERANCES` that
brings the whole file under ``max_points`` points (:data:`MAX_POINTS`), rings that shrink below a
triangle dropped. A region's code is looked up in the graph (:func:`region_layer`): its IRI and
English label come from there; codes the graph does not know are reported and left out, never
guessed; country-level codes (NUTS level 0) are left to the country outlines.

>>> import json, tempfile, pathlib
>>> square = [[[2.0, 41.0], [3.0, 41.0], [3.0, 42.0], [2.0, 42.0], [2.0, 41.0]]]
>>> feature = {"type": "Feature", "properties": {"NUTS_ID": "ES51"},
...            "geometry": {"type": "Polygon", "coordinates": square}}
>>> path = pathlib.Path(tempfile.mkdtemp()) / "regions.geojson"
>>> _ = path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
>>> shapes = read_region_shapes(path)
>>> [(s.code, len(s.rings), len(s.rings[0])) for s in shapes.shapes], shapes.points
([('ES51', 1, 5)], 5)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, InputNotFoundError, InputSyntaxError
from ..namespaces import ID

if TYPE_CHECKING:
    from ..store.base import Store

#: Feature properties read for the region's code, in this order.
CODE_PROPERTIES = ("NUTS_ID", "nuts_id", "iso_3166_2", "ISO_3166_2", "ISO3166-2", "iso3166_2")
#: Most points (all rings of all regions) sent to the browser.
MAX_POINTS = 150_000
#: Decimals kept of each coordinate (degrees; 3 is about 100 m).
PRECISION = 3
#: Douglas-Peucker tolerances tried in turn (degrees), until the points fit.
TOLERANCES = (0.0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)

Point = tuple[float, float]


@dataclass(frozen=True)
class RegionShape:
    """One region of the file: its code and its rings (longitude, latitude), closed."""

    code: str
    rings: tuple[tuple[Point, ...], ...]


@dataclass(frozen=True)
class RegionShapes:
    """The regions of one file, simplified: ``points`` kept of ``source_points``."""

    path: str
    shapes: tuple[RegionShape, ...]
    tolerance: float
    points: int
    source_points: int


def read_region_shapes(path: str | Path, *, max_points: int = MAX_POINTS) -> RegionShapes:
    """Read, check and simplify a GeoJSON FeatureCollection of region shapes.

    Parameters
    ----------
    path : str or Path
        The file.
    max_points : int
        Most points kept in all (see :data:`TOLERANCES`).

    Raises
    ------
    InputError
        The file is missing, not JSON, not a FeatureCollection, or a feature has no known code
        property, a geometry other than Polygon/MultiPolygon or coordinates that are not
        longitude/latitude; the message names the file and the feature's index.
    """
    name = str(path)
    target = Path(path)
    if not target.is_file():
        raise InputNotFoundError(name)
    try:
        document = json.loads(target.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not a text file ({err.reason}); give a GeoJSON file (UTF-8)") from None
    except json.JSONDecodeError as err:
        raise InputSyntaxError(name, f"not JSON: {err.msg}", line=err.lineno, column=err.colno) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise InputError(
            f"{name}: not a GeoJSON FeatureCollection (its type is {kind!r}); give a file whose top"
            ' level is {"type": "FeatureCollection", "features": [...]}'
        )
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise InputError(f"{name}: the FeatureCollection holds no features (\"features\" must be a non-empty list)")
    merged: dict[str, list[tuple[Point, ...]]] = {}
    for index, feature in enumerate(features):
        code, rings = _feature(name, index, feature)
        merged.setdefault(code, []).extend(rings)
    source_points = sum(len(r) for rings in merged.values() for r in rings)
    for tolerance in TOLERANCES:
        shapes = tuple(
            RegionShape(code, kept)
            for code, rings in merged.items()
            if (kept := tuple(s for s in (simplify_ring(r, tolerance) for r in rings) if s))
        )
        points = sum(len(r) for s in shapes for r in s.rings)
        if points <= max_points:
            return RegionShapes(name, shapes, tolerance, points, source_points)
    raise InputError(
        f"{name}: {source_points:,} points do not fit in {max_points:,} even simplified at {TOLERANCES[-1]}"
        " degrees; give a coarser file (GISCO's 1:10 or 1:20 million scale) or fewer regions"
    )


def _feature(name: str, index: int, feature: Any) -> tuple[str, list[tuple[Point, ...]]]:
    where = f"{name}: feature {index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise InputError(f'{where}: not a GeoJSON Feature (an object with "type": "Feature")')
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise InputError(f"{where}: its properties are not an object")
    code = next((str(props[k]).strip() for k in CODE_PROPERTIES if props.get(k) not in (None, "")), None)
    if code is None:
        found = ", ".join(sorted(map(str, props))) or "none"
        raise InputError(
            f"{where}: no region code; give one of the properties {', '.join(CODE_PROPERTIES)}"
            f" (it has: {found})"
        )
    where = f"{where} ({code})"
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        raise InputError(f"{where}: geometry is {kind or 'missing'}; only Polygon and MultiPolygon regions are drawn")
    assert isinstance(geometry, dict)
    polygons = [geometry.get("coordinates")] if kind == "Polygon" else geometry.get("coordinates")
    if not isinstance(polygons, list):
        raise InputError(f"{where}: {kind} without a list of coordinates")
    rings: list[tuple[Point, ...]] = []
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise InputError(f"{where}: a polygon is not a list of rings")
        rings.extend(_ring(where, ring) for ring in polygon)
    return code, rings


def _ring(where: str, ring: Any) -> tuple[Point, ...]:
    points: list[Point] = []
    for p in ring if isinstance(ring, list) else [None]:
        if not (isinstance(p, list) and len(p) >= 2 and all(isinstance(v, int | float) for v in p[:2])):
            raise InputError(f"{where}: a ring is not a list of [longitude, latitude] positions")
        x, y = float(p[0]), float(p[1])
        if not (math.isfinite(x) and math.isfinite(y) and -180 <= x <= 180 and -90 <= y <= 90):
            raise InputError(
                f"{where}: position [{x}, {y}] is not a longitude/latitude; the file looks projected"
                " (EPSG:3035 or 3857): use its EPSG:4326 version"
            )
        points.append((x, y))
    if len(points) < 4:
        raise InputError(f"{where}: a ring has {len(points)} positions; a closed ring needs at least 4")
    return tuple(points)


def simplify_ring(ring: tuple[Point, ...], tolerance: float) -> tuple[Point, ...] | None:
    """A closed ring rounded to :data:`PRECISION` and simplified (Douglas-Peucker), or ``None``.

    Written here rather than taken from shapely, which the server does not otherwise need:
    rounding and one line simplification are all a map in the browser asks for.

    >>> ring = ((0, 0), (1, 0.0001), (2, 0), (2, 2), (0, 2), (0, 0))
    >>> simplify_ring(ring, 0.01)
    ((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0))
    >>> simplify_ring(((0, 0), (0.0001, 0), (0, 0.0001), (0, 0)), 0.01) is None
    True
    """
    pts: list[Point] = []
    for x, y in ring:
        p = (round(float(x), PRECISION), round(float(y), PRECISION))
        if not pts or p != pts[-1]:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    if len(pts) < 4:
        return None
    if tolerance > 0:
        # a closed ring is split at its point farthest from the start: two open lines
        far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
        pts = _douglas_peucker(pts[: far + 1], tolerance)[:-1] + _douglas_peucker(pts[far:], tolerance)
    return tuple(pts) if len(pts) >= 4 else None


def _douglas_peucker(line: list[Point], tolerance: float) -> list[Point]:
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = line[a], line[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = line[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def region_layer(shapes: RegionShapes, store: Store) -> tuple[dict[str, Any], list[str]]:
    """The regions the graph knows, ready for the page, and a warning for every other code.

    Returns
    -------
    (dict, list of str)
        ``{"regions": [{"code", "iri", "label", "rings"}], "source", "tolerance", "points",
        "skipped"}`` (each ring a flat list ``[x0, y0, x1, y1, ...]``), and the warnings.
    """
    from pyoxigraph import Literal

    from .. import sparql
    from ..store.results import SelectResult, term_value
    from ..store.sparqltext import bind_rows

    codes = [s.code for s in shapes.shapes if not _country_code(s.code)]
    known: dict[str, tuple[str, str]] = {}
    if codes:
        result = store.query(bind_rows(sparql.load("viz-region-codes"), ["code"], [[Literal(c)] for c in codes]))
        assert isinstance(result, SelectResult)
        for row in result.dicts():
            code, iri = term_value(row["code"]), term_value(row["place"])
            label = term_value(row["label"]) if row.get("label") is not None else code
            if code not in known or iri.startswith(ID + "nuts/"):
                known[code] = (iri, label)
    regions, skipped, warnings = [], [], []
    countries = [s.code for s in shapes.shapes if _country_code(s.code)]
    if countries:
        warnings.append(
            f"{shapes.path}: {len(countries)} country-level shapes left out ({', '.join(countries[:8])}"
            f"{'…' if len(countries) > 8 else ''}): countries are drawn from the shipped outlines"
        )
    for shape in shapes.shapes:
        if _country_code(shape.code):
            continue
        if shape.code not in known:
            skipped.append(shape.code)
            continue
        iri, label = known[shape.code]
        rings = [[v for p in ring for v in p] for ring in shape.rings]
        regions.append({"code": shape.code, "iri": iri, "label": label, "rings": rings})
    if skipped:
        warnings.append(
            f"{shapes.path}: {len(skipped)} region codes the graph does not know, left out: "
            f"{', '.join(skipped[:20])}{'…' if len(skipped) > 20 else ''} (the graph has NUTS 2021"
            " and ISO 3166-2 codes; check the file's NUTS version)"
        )
    layer = {
        "regions": regions,
        "source": Path(shapes.path).name,
        "tolerance": shapes.tolerance,
        "points": shapes.points,
        "skipped": skipped,
    }
    return layer, warnings


def _country_code(code: str) -> bool:
    return len(code) == 2 and code.isalpha()
