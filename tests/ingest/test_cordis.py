"""`import cordis` on the official layout of real Horizon Europe records (tests/resources/cordis)."""

from __future__ import annotations

import csv
import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from clustergraph.errors import InputError, InputSyntaxError
from clustergraph.ingest.cordis import import_cordis
from clustergraph.store import EmbeddedStore, RemoteStore
from tests.ingest.register_fixtures import CORDIS, bundled_store_folder, disk_store

__all__ = ["bundled_store_folder", "disk_store"]

CSV = CORDIS / "cordis-HORIZONprojects-csv"
JSON = CORDIS / "cordis-HORIZONprojects-json"
ID = "https://w3id.org/clustergraph/id/"
ORG_GRAPH = "https://w3id.org/clustergraph/graph/cordis/horizon-europe/organization"
PROJECT_GRAPH = "https://w3id.org/clustergraph/graph/cordis/horizon-europe/project"
PREFIXES = """PREFIX cg: <https://w3id.org/clustergraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""


def one(store: object, sparql: str) -> list[dict[str, str]]:
    return store.select(PREFIXES + sparql).values()  # type: ignore[attr-defined]


def count(store: object, sparql: str) -> int:
    return int(one(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ {sparql} }} }}")[0]["n"])


def dumped(store: EmbeddedStore) -> bytes:
    out = io.BytesIO()
    store.dump(out, RdfFormat.N_QUADS)
    return out.getvalue()


def quads(store: EmbeddedStore) -> set[object]:
    return set(parse(dumped(store), format=RdfFormat.N_QUADS))


def official_zip(tmp_path: Path, folder: Path = CSV) -> Path:
    target = tmp_path / "cordis-HORIZONprojects-csv.zip"
    with zipfile.ZipFile(target, "w") as z:
        for name in ("project.csv", "organization.csv"):
            z.write(folder / name, name)
        z.writestr("topics.csv", '"projectID";"topic"\n')  # other files of the download are skipped
    return target


def broken_copy(tmp_path: Path, line: int, column: str, value: str) -> Path:
    """The CSV fixture folder with one field of organization.csv replaced (line counts the header)."""
    folder = tmp_path / "cordis-HORIZONprojects-csv"
    shutil.copytree(CSV, folder)
    path = folder / "organization.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return folder


def test_the_sample_imports_with_its_counts(disk_store: EmbeddedStore) -> None:
    report = import_cordis(disk_store, [CSV])
    assert [f.graph for f in report.files] == [PROJECT_GRAPH, ORG_GRAPH]
    assert count(disk_store, "?p a schema:Project ; cg:fundedUnder <https://w3id.org/clustergraph/id/horizon-europe>") == 100
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?x a cg:Participation ; cg:participant ?o ; cg:participatesIn ?p }}") == 100
    assert count(disk_store, "?o cg:pic ?pic") == 92
    # every participation points at a project of the project file
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?x cg:participatesIn ?p }} GRAPH <{PROJECT_GRAPH}> {{ ?p dcterms:title ?t }}") == 100


def test_roles_are_mapped_from_the_programme_vocabulary(disk_store: EmbeddedStore) -> None:
    import_cordis(disk_store, [CSV])
    roles = {r["role"].rsplit("#", 1)[-1]: int(r["n"]) for r in one(
        disk_store, f"SELECT ?role (COUNT(*) AS ?n) WHERE {{ GRAPH <{ORG_GRAPH}> {{ ?x cg:role ?role }} }} GROUP BY ?role")}
    assert roles == {"Coordinator": 41, "Partner": 44, "ThirdParty": 14, "AssociatedPartner": 1}
    raw = one(disk_store, 'SELECT ?role WHERE { ?x cg:registerRole "associatedPartner" ; cg:role ?role }')
    assert raw == [{"role": "https://w3id.org/clustergraph/ontology#AssociatedPartner"}], "the register's word is kept"


def test_amounts_with_decimal_commas_and_dates(disk_store: EmbeddedStore) -> None:
    import_cordis(disk_store, [CSV])
    berkeley = one(disk_store, f"""SELECT ?ec ?cost WHERE {{ ?x cg:participatesIn <{ID}project/101167314> ;
        cg:participant/rdfs:label "THE REGENTS OF THE UNIVERSITY OF CALIFORNIA" ; cg:ecContribution ?ec ; cg:totalCost ?cost }}""")
    assert berkeley == [{"ec": "3025000.25", "cost": "3025000.25"}]
    doe = one(disk_store, f"SELECT ?s ?e WHERE {{ <{ID}project/101116741> schema:startDate ?s ; schema:endDate ?e }}")
    assert doe == [{"s": "2024-02-01", "e": "2029-01-31"}]


def test_el_and_uk_become_gr_and_gb(disk_store: EmbeddedStore) -> None:
    import_cordis(disk_store, [CSV])
    # the NUTS codes keep NUTS's EL and UK, and lie in the ISO countries GR and GB
    forth = one(disk_store, f"SELECT ?place WHERE {{ <{ID}pic/999995893> cg:locatedIn ?place . ?place schema:containedInPlace+ <{ID}country/GR> }}")
    assert forth == [{"place": ID + "nuts/EL431"}]
    uk = one(disk_store, f'SELECT ?place WHERE {{ ?o rdfs:label "EIT DIGITAL UK" ; cg:locatedIn ?place . ?place schema:containedInPlace+ <{ID}country/GB> }}')
    assert uk == [{"place": ID + "nuts/UKI31"}]
    assert count(disk_store, f"?o cg:locatedIn <{ID}country/EL>") == 0
    assert count(disk_store, f"?o cg:locatedIn <{ID}country/UK>") == 0


def test_places_are_the_record_region_or_a_stated_fallback(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    import_cordis(disk_store, [CSV])
    # a NUTS 3 code of the reference: exact, no basis needed
    mpg = one(disk_store, f"SELECT ?place WHERE {{ <{ID}pic/999990267> cg:locatedIn ?place }}")
    assert mpg == [{"place": ID + "nuts/DE212"}]
    assert count(disk_store, f"<{ID}pic/999990267> cg:locationBasis ?why") == 0
    # a country-level NUTS code: the one city of that name the reference has, and said so
    georgia = one(disk_store, 'SELECT ?place ?why WHERE { ?o rdfs:label "GEORGIAN ICT CLUSTER" ; cg:locatedIn ?place ; cg:locationBasis ?why }')
    assert georgia[0]["place"].startswith(ID + "city/")
    assert one(disk_store, f"SELECT ?l WHERE {{ <{georgia[0]['place']}> rdfs:label ?l FILTER(LANG(?l) = 'en') }}") == [{"l": "Tbilisi"}]
    assert "names only the country" in georgia[0]["why"] and "coordinates are kept" in georgia[0]["why"]
    # every organisation is placed
    assert count(disk_store, "?o cg:pic ?pic FILTER NOT EXISTS { ?o cg:locatedIn ?p }") == 0
    # a code the reference does not define (an older NUTS version): the region that contains it
    import_cordis(disk_store, [broken_copy(tmp_path, 85, "nutsCode", "ES51Z")])
    hospital = one(disk_store, 'SELECT ?place ?why WHERE { ?o rdfs:label "HOSPITAL SANT JOAN DE DEU" ; cg:locatedIn ?place ; cg:locationBasis ?why }')
    assert hospital == [{"place": ID + "nuts/ES51", "why": "the record's NUTS code 'ES51Z' is not in the reference geography; placed in the region ES51 that contains it"}]


def test_a_statement_names_the_record_it_came_from(disk_store: EmbeddedStore) -> None:
    import_cordis(disk_store, [CSV])
    rows = one(disk_store, f"""SELECT ?g ?file ?line ?row ?id WHERE {{
        GRAPH ?g {{ <{ID}participation/101116741/999981634> cg:role cg:Coordinator ;
                    prov:wasDerivedFrom ?record .
                    ?record a cg:RegisterRecord ; cg:inFile ?file ; cg:line ?line ; cg:row ?row ; dcterms:identifier ?id }} }}""")
    assert rows == [{"g": ORG_GRAPH, "file": str(CSV / "organization.csv"), "line": "2", "row": "1", "id": "101116741/999981634"}]
    # every minted resource has exactly one record in its graph
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?s a ?t FILTER(?t != cg:RegisterRecord && ?t != cg:RegisterDataset) "
                             "FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?r } }") == 0
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?s prov:wasDerivedFrom ?a, ?b FILTER(?a != ?b) }}") == 0


def test_each_graph_describes_its_file(disk_store: EmbeddedStore) -> None:
    import_cordis(disk_store, [official_zip(disk_store.root.parent)])  # type: ignore[union-attr]
    [about] = one(disk_store, f"""SELECT ?licence ?rights ?modified ?programme ?n ?source WHERE {{ GRAPH <{ORG_GRAPH}> {{
        <{ORG_GRAPH}> a cg:RegisterDataset ; dcterms:license ?licence ; dcterms:rights ?rights ; dcterms:modified ?modified ;
        cg:programme ?programme ; cg:recordCount ?n ; dcterms:source ?source }} }}""")
    assert about["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert about["rights"] == "© European Union"
    assert about["modified"] == "2025-02-24T17:23:14"  # the latest contentUpdateDate of the file
    assert about["programme"] == ID + "horizon-europe"
    assert about["n"] == "100"
    assert about["source"] == "cordis-HORIZONprojects-csv.zip!organization.csv"


def test_zip_folder_and_json_give_the_same_statements(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    import_cordis(disk_store, [CSV])
    from_folder = quads(disk_store)
    import_cordis(disk_store, [official_zip(tmp_path)])
    from_zip = quads(disk_store)
    import_cordis(disk_store, [JSON])
    from_json = quads(disk_store)

    def facts(qs: set[object]) -> set[tuple[str, str, str]]:
        skip = ("#inFile", "#line", "/source", "/title")  # where the file is, what it is called
        return {(str(q.subject), str(q.predicate), str(q.object)) for q in qs  # type: ignore[attr-defined]
                if not str(q.predicate).endswith(tuple(s + ">" for s in skip))}

    assert len(from_folder) == len(from_zip), "a re-import replaces the graphs"
    assert facts(from_folder) == facts(from_zip)
    assert facts(from_folder) == facts(from_json), "JSON gives the same facts as CSV"


def test_reimport_of_a_newer_release_replaces_the_graphs(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    import_cordis(disk_store, [CSV])
    before = disk_store.count()
    newer = tmp_path / "cordis-HORIZONprojects-csv"
    shutil.copytree(CSV, newer)
    lines = (newer / "organization.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (newer / "organization.csv").write_text("".join(lines[:51]), encoding="utf-8")  # header + 50 rows
    import_cordis(disk_store, [newer])
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?x a cg:Participation }}") == 50
    assert disk_store.count() < before
    import_cordis(disk_store, [CSV])
    assert disk_store.count() == before


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (18, "ecContribution", "12,5,0", "organization.csv:18:21: syntax error: column 'ecContribution': '12,5,0' is not an amount"),
        (40, "role", "sponsor", "organization.csv:40:20: syntax error: column 'role': 'sponsor' is not a role of HORIZON"),
        (61, "geolocation", "north", "organization.csv:61:14: syntax error: column 'geolocation'"),
        (99, "country", "Greece", "organization.csv:99:12: syntax error: column 'country': 'GREECE' is not a two-letter"),
    ],
)
def test_a_malformed_row_is_refused_and_nothing_is_stored(
    disk_store: EmbeddedStore, tmp_path: Path, line: int, column: str, value: str, expected: str
) -> None:
    before = quads(disk_store)
    with pytest.raises(InputSyntaxError) as caught:
        import_cordis(disk_store, [broken_copy(tmp_path, line, column, value)])
    assert expected in str(caught.value)
    assert quads(disk_store) == before


def test_a_row_with_a_missing_field_names_its_line(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "cordis-HORIZONprojects-csv"
    shutil.copytree(CSV, folder)
    path = folder / "organization.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].replace('";"', '";', 1).replace(';"', '"', 1)  # two fields run together
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputSyntaxError, match=r"organization.csv:10:\d+: syntax error: the row has 23 fields, the header 24"):
        import_cordis(disk_store, [folder])


def test_the_pandas_re_export_is_refused_with_the_reason(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "cordis-HORIZONprojects-csv"
    folder.mkdir()
    shutil.copy(Path(__file__).parents[3] / "shared" / "datasets" / "cordis-horizon-sample" / "organization.csv", folder)
    with pytest.raises(InputSyntaxError, match="comma-separated, but CORDIS files are ';'-separated"):
        import_cordis(disk_store, [folder])


def test_without_a_programme_name_the_import_says_how_to_give_one(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    plain = tmp_path / "download"
    plain.mkdir()
    shutil.copy(CSV / "organization.csv", plain)
    with pytest.raises(InputError, match="pass --programme"):
        import_cordis(disk_store, [plain])
    report = import_cordis(disk_store, [plain], programme="HORIZON")
    assert report.graphs == [ORG_GRAPH]


def test_natural_persons_are_not_imported(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    folder = broken_copy(tmp_path, 30, "name", "XAVIERA QUIMBY ZORRILLA")
    path = folder / "organization.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header = rows[0]
    for column in ("vatNumber", "shortName", "organizationURL"):
        rows[29][header.index(column)] = ""
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    import_cordis(disk_store, [folder])
    assert "XAVIERA" not in dumped(disk_store).decode("utf-8")
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?x a cg:Participation }}") == 99
    assert one(disk_store, f"SELECT ?n WHERE {{ <{ORG_GRAPH}> cg:naturalPersonsLeftOut ?n }}") == [{"n": "1"}]


def test_no_personal_or_contact_data_is_kept(disk_store: EmbeddedStore) -> None:
    import_cordis(disk_store, [CSV])
    text = dumped(disk_store).decode("utf-8")
    assert "DROEVENDAALSESTEEG" not in text, "no street"
    assert "contact-form" not in text, "no contact form"
    assert "NL811383696B01" not in text, "no VAT number"


def test_the_import_works_on_a_remote_store(oxigraph_server: object, tmp_path: Path) -> None:
    from clustergraph.ingest import build

    store = RemoteStore(oxigraph_server.url)  # type: ignore[attr-defined]
    build(store, validate=False)
    import_cordis(store, [CSV])
    assert count(store, f"GRAPH <{ORG_GRAPH}> {{ ?x a cg:Participation }}") == 100
    import_cordis(store, [CSV])
    assert count(store, f"GRAPH <{ORG_GRAPH}> {{ ?x a cg:Participation }}") == 100


def test_generated_cordis_files_import_with_their_quirks(disk_store: EmbeddedStore, tmp_path: Path) -> None:
    from clustergraph.synthetic.cordis import write_cordis

    report = write_cordis(tmp_path / "cordis-HORIZONprojects-csv", participations=3000, seed=3)
    text = (report.folder / "organization.csv").read_text(encoding="utf-8")
    assert '";"EL";"' in text and '";"UK";"' in text, "CORDIS country codes"
    assert any("," in cell for cell in text.split('";"') if cell[:1].isdigit()), "decimal commas"
    imported = import_cordis(disk_store, [report.folder])
    assert imported.files[1].counts["participations"] == report.participations == 3000
    assert count(disk_store, f"GRAPH <{ORG_GRAPH}> {{ ?o cg:locatedIn <{ID}country/GR> }}") > 0


def test_the_command_reports_counts_and_refuses_a_bad_row_without_a_traceback(
    bundled_store_folder: Path, tmp_path: Path
) -> None:
    import os
    import subprocess

    location = tmp_path / "store"
    shutil.copytree(bundled_store_folder, location)
    env = {**os.environ, "CLUSTERGRAPH_STORE": str(location)}
    done = subprocess.run([sys.executable, "-m", "clustergraph", "import", "cordis", str(CSV)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "100 participations, 92 organisations" in done.stderr
    bad = broken_copy(tmp_path / "bad", 18, "ecContribution", "12,5,0")
    done = subprocess.run([sys.executable, "-m", "clustergraph", "import", "cordis", str(bad)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 1
    assert "organization.csv:18:21: syntax error: column 'ecContribution'" in done.stderr
    assert "Traceback" not in done.stderr
