"""CSV sheets: the documented templates load and validate; bad cells are named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from clustergraph.errors import SheetError
from clustergraph.ingest import load_files
from clustergraph.ingest.sheets import TEMPLATES, read_sheet
from clustergraph.store import EmbeddedStore, Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "docs" / "sheets").glob("*.csv"))
BAD = Path(__file__).parent.parent / "resources" / "sheets"
GRAPH = "https://example.org/demo/graph"


@pytest.fixture
def built(curated_copy: EmbeddedStore) -> Store:
    """A fresh copy of the curated graph (the tests load sheets into it)."""
    return curated_copy


def test_there_is_an_example_for_every_template() -> None:
    assert {p.stem for p in EXAMPLES} == set(TEMPLATES)


def test_the_examples_load_together_and_answer_queries(built: Store) -> None:
    before = built.count()
    load_files(built, EXAMPLES, graph=GRAPH)
    assert built.count() > before
    members = built.select(
        "PREFIX cg: <https://w3id.org/clustergraph/ontology#> SELECT ?alliance ?role WHERE {"
        " ?m a cg:Participation ; cg:participant <https://example.org/demo/nordic-health-cluster> ;"
        " cg:participatesIn ?alliance ; cg:role ?role . ?alliance a cg:Alliance }"
    ).values()
    assert members == [
        {
            "alliance": "https://example.org/demo/north-south-alliance",
            "role": "https://w3id.org/clustergraph/ontology#Leader",
        }
    ]
    mou = built.select(
        "PREFIX cg: <https://w3id.org/clustergraph/ontology#> PREFIX schema: <https://schema.org/>"
        " SELECT ?date (COUNT(?party) AS ?parties) WHERE {"
        " <https://example.org/demo/mou-nordic-kyoto> schema:startDate ?date ; cg:party ?party }"
        " GROUP BY ?date"
    ).values()
    assert mou == [{"date": "2022-05-17", "parties": "2"}]
    # each statement of a row is tied to the row's quote
    quotes = built.select(
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#>"
        " PREFIX oa: <http://www.w3.org/ns/oa#> SELECT DISTINCT ?quote WHERE {"
        " ?st rdf:subject <https://example.org/demo/mou-nordic-kyoto> ; rdf:predicate <https://schema.org/startDate> ;"
        " prov:wasDerivedFrom ?q . ?q oa:hasSelector/oa:exact ?quote }"
    ).values()
    assert quotes == [{"quote": "The two demo organisations signed an MoU in Osaka on 17 May 2022."}]


def test_dates_keep_their_precision() -> None:
    quads = read_sheet(REPO / "docs" / "sheets" / "memberships.csv", graph=GRAPH)
    dates = {q.object.datatype.value.rsplit("#")[-1] for q in quads if q.predicate.value.endswith("Date")}  # type: ignore[union-attr]
    assert dates == {"gYear"}


def test_a_bad_date_names_file_row_and_column(built: Store) -> None:
    before = set(parse(built.dump_bytes(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS))
    with pytest.raises(SheetError, match=r"bad-date\.csv, row 2, column 'start': '2016-13' is not a date"):
        load_files(built, [BAD / "bad-date.csv"])
    assert set(parse(built.dump_bytes(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)) == before


def test_an_unknown_column_lists_the_template_columns() -> None:
    with pytest.raises(SheetError, match=r"row 1: unknown column\(s\) 'colour' for the organisations template"):
        read_sheet(BAD / "unknown-column.csv", graph=GRAPH)


def test_an_empty_required_cell_is_named() -> None:
    with pytest.raises(SheetError, match=r"row 2, column 'label': this cell is required and empty"):
        read_sheet(BAD / "missing-label.csv", graph=GRAPH)


def test_a_header_of_no_template(tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("name,colour\nx,blue\n")
    with pytest.raises(SheetError, match="matches no template; the required columns are organisations: id"):
        read_sheet(sheet, graph=GRAPH)
