"""`import ror` on real ROR v2 records (tests/resources/ror) and on the whole shared sample."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from clustergraph.errors import InputError, InputSyntaxError
from clustergraph.ingest.ror import ROR_GRAPH, import_ror
from clustergraph.store import EmbeddedStore
from tests.ingest.register_fixtures import bundled_store_folder, disk_store

__all__ = ["bundled_store_folder", "disk_store"]

FIXTURE = Path(__file__).parent.parent / "resources" / "ror" / "v2.1-2025-12-15-ror-data.json"
SAMPLE = Path(__file__).parents[3] / "shared" / "datasets" / "ror" / "v2-sample-ror-data.zip"
ROR = "https://w3id.org/clustergraph/id/ror/"
ID = "https://w3id.org/clustergraph/id/"
PREFIXES = """PREFIX cg: <https://w3id.org/clustergraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def rows(store: EmbeddedStore, sparql: str) -> list[dict[str, str]]:
    return store.select(PREFIXES + sparql).values()


def snapshot(store: EmbeddedStore) -> set[object]:
    out = io.BytesIO()
    store.dump(out, RdfFormat.N_QUADS)
    return set(parse(out.getvalue(), format=RdfFormat.N_QUADS))


def fixture_records() -> list[dict[str, object]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_every_record_is_an_organisation_with_its_id(disk_store: EmbeddedStore) -> None:
    report = import_ror(disk_store, FIXTURE)
    n = len(fixture_records())
    assert report.files[0].records == n
    [count] = rows(disk_store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ GRAPH <{ROR_GRAPH}> {{ ?o a org:FormalOrganization ; cg:rorId ?id }} }}")
    assert int(count["n"]) == n


def test_names_keep_their_languages_and_kinds(disk_store: EmbeddedStore) -> None:
    import_ror(disk_store, FIXTURE)
    mpg = ROR + "01hhn8329"
    labels = {(r["l"], r["lang"]) for r in rows(disk_store, f"SELECT ?l (LANG(?l) AS ?lang) WHERE {{ <{mpg}> rdfs:label ?l }}")}
    assert ("Max Planck Society", "en") in labels
    assert ("Max-Planck-Gesellschaft zur Förderung der Wissenschaften", "de") in labels
    assert len({lang for _, lang in labels}) == len(labels), "one label per language"
    acronyms = rows(disk_store, f"SELECT ?a WHERE {{ <{mpg}> cg:acronym ?a }}")
    assert {"a": "MPG"} in acronyms
    assert rows(disk_store, f'SELECT ?x WHERE {{ <{mpg}> skos:altLabel ?x FILTER(STR(?x) = "MPG") }}') != [], "searchable"


def test_types_status_established_ids_and_links(disk_store: EmbeddedStore) -> None:
    import_ror(disk_store, FIXTURE)
    record = next(r for r in fixture_records() if r["id"] == "https://ror.org/04qw24q55")
    s = ROR + "04qw24q55"
    got = rows(disk_store, f"SELECT ?t ?status ?year WHERE {{ <{s}> cg:registerType ?t ; cg:status ?status ; schema:foundingDate ?year }}")
    assert {r["t"] for r in got} == set(record["types"])  # type: ignore[arg-type]
    assert got[0]["status"] == record["status"]
    assert got[0]["year"] == str(record["established"])
    for ext in record["external_ids"]:  # type: ignore[union-attr]
        prop = {"wikidata": "wikidataId", "isni": "isni", "grid": "gridId", "fundref": "fundrefId"}[ext["type"]]
        found = {r["v"] for r in rows(disk_store, f"SELECT ?v WHERE {{ <{s}> cg:{prop} ?v }}")}
        assert found == set(ext["all"])
    websites = {r["u"] for r in rows(disk_store, f"SELECT ?u WHERE {{ <{s}> schema:url ?u }}")}
    assert websites == {link["value"] for link in record["links"] if link["type"] == "website"}  # type: ignore[union-attr]


def test_places_come_from_the_reference_with_a_stated_basis(disk_store: EmbeddedStore) -> None:
    import_ror(disk_store, FIXTURE)
    # every organisation whose country the reference knows is placed there or inside it
    unplaced = rows(disk_store, f"SELECT ?o WHERE {{ GRAPH <{ROR_GRAPH}> {{ ?o a org:FormalOrganization }} FILTER NOT EXISTS {{ ?o cg:locatedIn ?p }} }}")
    assert unplaced == []
    placed = rows(disk_store, f"SELECT ?o ?why WHERE {{ GRAPH <{ROR_GRAPH}> {{ ?o cg:locatedIn ?p ; cg:locationBasis ?why }} }}")
    assert placed and all("GeoNames id" in r["why"] for r in placed)
    inside = rows(disk_store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o cg:rorId ?id ; cg:locatedIn/<https://schema.org/containedInPlace>* <{ID}country/EE> }}")
    assert int(inside[0]["n"]) == sum(
        1 for r in fixture_records() if r["locations"] and r["locations"][0]["geonames_details"]["country_code"] == "EE"  # type: ignore[index]
    )


def test_relationships_to_records_outside_the_dump_are_kept(disk_store: EmbeddedStore) -> None:
    import_ror(disk_store, FIXTURE)
    ids = {r["id"] for r in fixture_records()}
    outside = [(r["id"], rel) for r in fixture_records() for rel in r["relationships"] if rel["id"] not in ids]  # type: ignore[attr-defined]
    assert outside, "the fixture has relationships that point outside it"
    source, rel = outside[0]
    target = ROR + rel["id"].rsplit("/", 1)[-1]
    prop = {"parent": "org:subOrganizationOf", "child": "org:hasSubOrganization", "related": "cg:relatedOrganisation",
            "successor": "cg:successor", "predecessor": "cg:predecessor"}[rel["type"]]
    assert rows(disk_store, f"SELECT ?x WHERE {{ <{ROR}{source.rsplit('/', 1)[-1]}> {prop} ?x }}") != []
    named = rows(disk_store, f"SELECT ?l ?id WHERE {{ <{target}> rdfs:label ?l ; cg:rorId ?id }}")
    assert named[0]["id"] == rel["id"]
    assert rows(disk_store, f"SELECT ?t WHERE {{ <{target}> a ?t }}") == [], "not an organisation of the dump"


def test_provenance_and_graph_description(disk_store: EmbeddedStore) -> None:
    import_ror(disk_store, FIXTURE)
    got = rows(disk_store, f"""SELECT ?row ?id WHERE {{ GRAPH <{ROR_GRAPH}> {{ <{ROR}01hhn8329> rdfs:label "Max Planck Society"@en ;
        prov:wasDerivedFrom ?r . ?r cg:row ?row ; dcterms:identifier ?id }} }}""")
    index = [r["id"] for r in fixture_records()].index("https://ror.org/01hhn8329") + 1
    assert got == [{"row": str(index), "id": "https://ror.org/01hhn8329"}]
    about = rows(disk_store, f"SELECT ?l ?d WHERE {{ <{ROR_GRAPH}> dcterms:license ?l ; dcterms:modified ?d }}")
    assert about == [{"l": "https://creativecommons.org/publicdomain/zero/1.0/", "d": "2025-12-15"}]


def test_the_zip_dump_imports_and_a_reimport_replaces(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    archive = tmp_path / "v2.1-2025-12-15-ror-data.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURE, "v2.1-2025-12-15-ror-data.json")
    import_ror(disk_store, archive)
    first = disk_store.count(ROR_GRAPH)
    import_ror(disk_store, archive)
    assert disk_store.count(ROR_GRAPH) == first


def test_a_malformed_record_is_refused_and_nothing_is_stored(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    records = fixture_records()
    records[41]["established"] = "nineteen-ten"
    bad = tmp_path / "v2.1-2025-12-15-ror-data.json"
    bad.write_text(json.dumps(records), encoding="utf-8")
    before = snapshot(disk_store)
    with pytest.raises(InputSyntaxError, match=rf"record 42 \({records[41]['id']}\): field 'established'"):
        import_ror(disk_store, bad)
    broken = tmp_path / "broken.json"
    broken.write_text(FIXTURE.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(InputSyntaxError, match="does not parse"):
        import_ror(disk_store, broken)
    assert snapshot(disk_store) == before


def test_a_file_that_is_no_dump_says_what_to_give(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    other = tmp_path / "ror.csv"
    other.write_text("id,name\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"give the \.\.\.-ror-data\.zip"):
        import_ror(disk_store, other)


def test_the_shared_sample_of_eleven_thousand_records_imports(disk_store: EmbeddedStore) -> None:
    report = import_ror(disk_store, SAMPLE)
    assert report.files[0].records == 11072
    assert report.files[0].counts["organisations"] == 11072


def test_a_coordinate_near_zero_is_stored_as_a_decimal_in_fixed_notation(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    """Python writes 0.00001 as 1e-05, which is no xsd:decimal: the stored point must be
    0.00001 (a place on the equator or the prime meridian, São Tomé's or Greenwich's)."""
    records = fixture_records()[:1]
    location = records[0]["locations"][0]  # type: ignore[index]
    location["geonames_details"]["lat"] = 0.00001  # type: ignore[index]
    location["geonames_details"]["lng"] = -0.0000123  # type: ignore[index]
    dump = tmp_path / "v2.1-2025-12-15-ror-data.json"
    dump.write_text(json.dumps(records), encoding="utf-8")
    import_ror(disk_store, dump)
    got = rows(disk_store, f"""PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        SELECT ?lat ?long WHERE {{ <{ROR}{str(records[0]['id']).rsplit('/', 1)[-1]}> geo:lat ?lat ; geo:long ?long }}""")
    assert got == [{"lat": "0.00001", "long": "-0.0000123"}]
