"""Region shapes the user loads for the map: reading, the errors of bad files, bounds, names from the graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clustergraph.errors import InputError
from clustergraph.store import EmbeddedStore
from clustergraph.viz.regions import read_region_shapes, region_layer

SHAPES = Path(__file__).resolve().parent.parent / "resources" / "regions" / "regions.geojson"
ID = "https://w3id.org/clustergraph/id/"


def _write(tmp_path: Path, document: Any, name: str = "shapes.geojson") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _feature(props: dict[str, Any], geometry: dict[str, Any] | None) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


SQUARE = {"type": "Polygon", "coordinates": [[[2, 41], [3, 41], [3, 42], [2, 42], [2, 41]]]}


def test_the_fixture_is_read_with_both_code_properties() -> None:
    shapes = read_region_shapes(SHAPES)
    codes = {s.code: s for s in shapes.shapes}
    assert set(codes) == {"ES51", "DEA", "ITC1", "JP-27"}
    assert len(codes["ITC1"].rings) == 2  # a MultiPolygon: both parts
    assert len(codes["DEA"].rings) == 2  # a polygon with a hole
    assert shapes.tolerance == 0.0 and shapes.points == shapes.source_points


def test_region_layer_names_regions_from_the_graph_and_skips_unknown_codes(
    curated: EmbeddedStore, tmp_path: Path
) -> None:
    document = json.loads(SHAPES.read_text(encoding="utf-8"))
    document["features"] += [
        _feature({"NUTS_ID": "XX99"}, SQUARE),  # no such region
        _feature({"NUTS_ID": "ES"}, SQUARE),  # a country: drawn from the shipped outlines
    ]
    layer, warnings = region_layer(read_region_shapes(_write(tmp_path, document)), curated)
    regions = {r["code"]: r for r in layer["regions"]}
    assert set(regions) == {"ES51", "DEA", "ITC1", "JP-27"}
    assert regions["ES51"]["iri"] == ID + "nuts/ES51" and regions["ES51"]["label"] == "Catalonia"
    assert regions["DEA"]["label"] == "North Rhine-Westphalia"
    assert regions["JP-27"]["iri"] == ID + "subdivision/JP-27"
    assert regions["ES51"]["rings"][0][:2] == [3.1, 41.7]  # flat [x0, y0, x1, y1, ...]
    assert layer["skipped"] == ["XX99"]
    assert any("XX99" in w and "does not know" in w for w in warnings)
    assert any("country-level" in w and "ES" in w for w in warnings)


def test_big_files_are_simplified_under_the_bound(tmp_path: Path) -> None:
    import math

    # a circle of 20,000 points: simplified until the whole file fits in 500
    ring = [[round(2 + math.cos(2 * math.pi * k / 20_000), 6), round(41 + math.sin(2 * math.pi * k / 20_000), 6)]
            for k in range(20_000)]
    ring.append(ring[0])
    path = _write(tmp_path, _collection(_feature({"NUTS_ID": "ES51"}, {"type": "Polygon", "coordinates": [ring]})))
    shapes = read_region_shapes(path, max_points=500)
    assert shapes.source_points == 20_001
    assert 4 <= shapes.points <= 500 and shapes.tolerance > 0
    kept = shapes.shapes[0].rings[0]
    assert kept[0] == kept[-1]  # still closed
    assert all(abs(math.hypot(x - 2, y - 41) - 1) < 0.01 for x, y in kept)  # still the circle
    with pytest.raises(InputError, match="do not fit in 3"):
        read_region_shapes(path, max_points=3)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", r"shapes.geojson:1:2: syntax error: not JSON"),
        ([1, 2], r"shapes.geojson: not a GeoJSON FeatureCollection \(its type is 'list'\)"),
        ({"type": "Feature"}, r"not a GeoJSON FeatureCollection \(its type is 'Feature'\)"),
        (_collection(), r"holds no features"),
        (_collection(_feature({"NUTS_ID": "ES51"}, SQUARE), _feature({"name": "Somewhere"}, SQUARE)),
         r"shapes.geojson: feature 1: no region code; give one of the properties NUTS_ID, .*iso_3166_2.*"
         r"\(it has: name\)"),
        (_collection(_feature({"NUTS_ID": "ES51"}, {"type": "Point", "coordinates": [2, 41]})),
         r"feature 0 \(ES51\): geometry is Point; only Polygon and MultiPolygon"),
        (_collection(_feature({"NUTS_ID": "ES51"}, None)), r"feature 0 \(ES51\): geometry is missing"),
        (_collection(_feature({"iso_3166_2": "ES-CT"}, {"type": "Polygon", "coordinates": [[[3_500_000, 2_000_000],
                                                                                              [1, 2], [3, 4], [1, 1]]]})),
         r"feature 0 \(ES-CT\): position \[3500000.0, 2000000.0\] is not a longitude/latitude.*EPSG:4326"),
        (_collection(_feature({"NUTS_ID": "ES51"}, {"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]})),
         r"feature 0 \(ES51\): a ring has 2 positions"),
        (_collection(_feature({"NUTS_ID": "ES51"}, {"type": "Polygon", "coordinates": [["a", "b"]]})),
         r"feature 0 \(ES51\): a ring is not a list of \[longitude, latitude\] positions"),
        (_collection({"type": "Nope"}), r"feature 0: not a GeoJSON Feature"),
    ],
)
def test_bad_files_are_refused_naming_file_feature_and_problem(tmp_path: Path, document: Any, message: str) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(InputError, match=message):
        read_region_shapes(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere.geojson: no such file"):
        read_region_shapes(tmp_path / "nowhere.geojson")
