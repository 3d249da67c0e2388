"""Place checks and scoped validation: what a user sees from `clustergraph validate` and `load`."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustergraph.errors import ValidationError
from clustergraph.ingest import check_files, validate_quads
from clustergraph.ingest.reading import read_file
from clustergraph.ingest.sources import bundled_files
from clustergraph.ingest.validate import check_reach, importable

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ORG = """@prefix cg: <https://w3id.org/clustergraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@base <https://w3id.org/clustergraph/id/> .
<https://example.org/o> a cg:ClusterOrganisation ; rdfs:label "O"@en ; cg:evidence "a quote"@en ;
    cg:locatedIn {place} .
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_undefined_place_fails_with_file_line_and_the_nearest_codes(tmp_path: Path) -> None:
    path = _file(tmp_path, ORG.format(place="<nuts/DEA9>"))
    with pytest.raises(ValidationError) as err:
        check_files([path])
    text = str(err.value)
    assert "id:nuts/DEA9 is not a place of the reference data" in text
    assert "nearest known: id:nuts/DEA" in text
    assert f"[{path}:5]" in text


def test_a_country_code_that_does_not_exist_fails(tmp_path: Path) -> None:
    path = _file(tmp_path, ORG.format(place="<country/XZ>") + '<https://example.org/o> cg:iso3166Code "QQ" .\n')
    with pytest.raises(ValidationError) as err:
        check_files([path])
    text = str(err.value)
    assert "id:country/XZ is not a place of the reference data" in text
    assert '"QQ" is no ISO 3166-1 or ISO 3166-2 code' in text


@pytest.mark.parametrize("place", ["<nuts/DEA>", "<subdivision/JP-27>", "<city/geonames-2643743>", "<region/kansai>"])
def test_a_known_place_passes(tmp_path: Path, place: str) -> None:
    _, report = check_files([_file(tmp_path, ORG.format(place=place))])
    assert report.validated


def test_the_shapes_read_no_further_than_the_neighbourhood() -> None:
    shapes = next(f for f in bundled_files() if f.role == "shapes")
    assert check_reach(read_file(shapes.path, graph="urn:s")) == []


@pytest.mark.skipif(not importable("pyrudof"), reason="pyrudof not installed")
@pytest.mark.parametrize("name", ["user-organisation-invalid.ttl", "user-organisation.ttl"])
def test_both_engines_give_the_same_violations(name: str) -> None:
    files = [f for f in bundled_files() if f.role != "reference"]
    shapes = read_file(next(f for f in files if f.role == "shapes").path, graph="urn:s")
    context = [q for f in files if f.role != "shapes" for q in read_file(f.path, graph=f.graph)]
    new = read_file(RESOURCES / name, graph="urn:user")
    a = validate_quads([*context, *new], shapes, scope=new, engine="pyshacl")
    b = validate_quads([*context, *new], shapes, scope=new, engine="rudof")
    assert a == b
    assert bool(a) == ("invalid" in name)


def test_scoping_reports_what_the_whole_graph_reports_for_the_file() -> None:
    """Validating the file's focus nodes with their neighbourhood finds what validating the
    whole bundled graph with the file finds for the file's nodes."""
    files = [f for f in bundled_files() if f.role != "reference"]
    shapes = read_file(next(f for f in files if f.role == "shapes").path, graph="urn:s")
    context = [q for f in files if f.role != "shapes" for q in read_file(f.path, graph=f.graph)]
    new = read_file(RESOURCES / "user-organisation-invalid.ttl", graph="urn:user")
    own = {q.subject.value for q in new}
    whole = [v for v in validate_quads([*context, *new], shapes, engine="pyshacl") if v.focus in own]
    assert validate_quads([*context, *new], shapes, scope=new, engine="pyshacl") == whole
    assert len(whole) == 3
