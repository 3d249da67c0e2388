"""Inference at build time: conclusions in graph:inferred, each with its rule and premises."""

from __future__ import annotations

import pytest

from clustergraph.namespaces import INFERRED_GRAPH
from clustergraph.store import EmbeddedStore, Store

ID = "https://w3id.org/clustergraph/id/"
PREFIXES = """PREFIX cg: <https://w3id.org/clustergraph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


@pytest.fixture(scope="module")
def built(curated: EmbeddedStore) -> Store:
    """The curated graph as `clustergraph build` makes it (the session's build, copied)."""
    return curated


def ask(store: Store, where: str) -> bool:
    return bool(store.query(PREFIXES + f"ASK {{ {where} }}"))


def test_containment_closure_and_inverse_need_no_property_path(built: Store) -> None:
    # the reference places the delta in China; the inverse and the closure follow
    assert ask(built, f"GRAPH <{INFERRED_GRAPH}> {{ <{ID}country/CN> schema:containsPlace <{ID}region/yangtze-river-delta> }}")
    assert ask(built, f"GRAPH <{INFERRED_GRAPH}> {{ <{ID}city/taizhou> schema:containedInPlace <{ID}country/CN> }}")
    assert ask(built, f"<{ID}city/munich> schema:containedInPlace <{ID}country/DE>")
    assert ask(built, f"<{ID}nuts/DE2> schema:containsPlace <{ID}city/munich>")
    # sub-events both ways
    assert ask(built, f"<{ID}mission-japan-2016-workshop> schema:superEvent <{ID}mission-japan-2016>")
    assert ask(built, f"<{ID}biojapan> schema:subEvent <{ID}biojapan-2016>")


def test_class_and_property_hierarchy(built: Store) -> None:
    assert ask(built, f"<{ID}biocat> a org:Organization")
    assert ask(built, f"<{ID}mission-japan-2016> a schema:Event")
    assert ask(built, f"<{ID}membership/bioxclusters-plus/biocat> org:role cg:Member")
    # nothing the sources state is copied into graph:inferred
    assert not ask(built, f"GRAPH <{INFERRED_GRAPH}> {{ <{ID}biocat> a cg:ClusterOrganisation }}")


def test_dates_compare_across_precisions(built: Store) -> None:
    rows = built.select(PREFIXES + f"""
        SELECT ?thing ?start ?end WHERE {{
          VALUES ?thing {{ <{ID}bioxclusters-plus-project> <{ID}sepb-2013> <{ID}netbioclue>
                          <{ID}membership/bioxclusters-plus/biocat> <{ID}participation/bioxclusters/biocat> }}
          ?thing cg:periodStart ?start . OPTIONAL {{ ?thing cg:periodEnd ?end }}
        }} ORDER BY ?start""").values()
    assert [(r["thing"].removeprefix(ID), r["start"], r["end"]) for r in rows] == [
        ("netbioclue", "2006-01-01", "2009-01-31"),  # January 2006 + 3 years
        ("participation/bioxclusters/biocat", "2012-01-01", "2014-12-31"),  # the project's period
        ("sepb-2013", "2013-05-01", "2013-05-31"),  # an event in May 2013 lies within May
        ("bioxclusters-plus-project", "2016-01-01", "2018-12-31"),
        ("membership/bioxclusters-plus/biocat", "2016-01-01", "2016-12-31"),  # stated as of 2016
    ]


def test_inferences_from_stated_statements_name_their_rule_and_lead_to_the_quotes(built: Store) -> None:
    # NETBIOCLUE's end: by the duration rule, from its start and its duration, each with its quote
    rows = built.select(PREFIXES + f"""
        SELECT ?rule ?quote WHERE {{
          GRAPH <{INFERRED_GRAPH}> {{ ?st rdf:subject <{ID}netbioclue> ; rdf:predicate schema:endDate ;
                                        cg:inferredBy ?rule ; prov:wasDerivedFrom ?premise . }}
          GRAPH ?g {{ ?premise prov:wasDerivedFrom ?q . ?q oa:hasSelector/oa:exact ?quote }}
        }} ORDER BY ?quote""").values()
    assert {r["rule"] for r in rows} == {"https://w3id.org/clustergraph/ontology#DurationEndRule"}
    assert [r["quote"][:20] for r in rows] == ["In its 3 years of op", "Launched in January "]
    # every inferred statement about a node a source describes (places aside) is itself described,
    # with its rule and premises
    untraced = built.select(PREFIXES + f"""
        SELECT ?s ?p ?o WHERE {{
          {{ SELECT DISTINCT ?s WHERE {{  # the nodes a source describes, with a quote
            GRAPH ?g {{ ?quoted rdf:subject ?s ; prov:wasDerivedFrom ?q . ?q oa:hasSelector ?sel }}
            FILTER(STRSTARTS(STR(?s), "{ID}") && !STRSTARTS(STR(?s), "{ID}statement/")) }} }}
          GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}
          FILTER NOT EXISTS {{ GRAPH <{INFERRED_GRAPH}> {{
            ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; cg:inferredBy ?rule ; prov:wasDerivedFrom ?premise }} }}
          FILTER NOT EXISTS {{ ?s a schema:Place }}  # places: their types come from the reference data
        }} LIMIT 5""")
    assert untraced.rows == [], untraced.rows
    # the reference geography's own closure is materialised, not described statement by statement
    assert ask(built, f"GRAPH <{INFERRED_GRAPH}> {{ <{ID}nuts/DE212> schema:containedInPlace <{ID}country/DE> }}")
    assert not ask(built, f"GRAPH <{INFERRED_GRAPH}> {{ ?st rdf:subject <{ID}nuts/DE212> }}")


def test_a_validated_load_adds_what_the_new_data_implies(tmp_path, curated_copy) -> None:  # type: ignore[no-untyped-def]
    """A user's organisation in Munich is found in Germany by a plain query, as curated ones are."""
    from clustergraph.catalogue import run_named
    from clustergraph.ingest import load_files

    store = curated_copy
    before = store.count(INFERRED_GRAPH)
    path = tmp_path / "mine.ttl"
    path.write_text(
        "@prefix cg: <https://w3id.org/clustergraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"<{ID}munich-test-cluster> a cg:ClusterOrganisation ; rdfs:label \"Munich Test Cluster\"@en ;\n"
        f"  cg:locatedIn <{ID}city/munich> ; cg:evidence \"Munich Test Cluster, in Munich\"@en .\n",
        encoding="utf-8",
    )
    report = load_files(store, [path])
    assert report.inferred > 0 and store.count(INFERRED_GRAPH) > before
    assert ask(store, f"GRAPH <{INFERRED_GRAPH}> {{ <{ID}munich-test-cluster> a org:Organization }}")
    rows = run_named(store, "organisations-by-region", {"place": ID + "country/DE"}).values()  # type: ignore[union-attr]
    assert ID + "munich-test-cluster" in {r["organisation"] for r in rows}
    # the inferred statement rests on the user's quoted statement
    assert ask(store, f"""GRAPH <{INFERRED_GRAPH}> {{ ?st rdf:subject <{ID}munich-test-cluster> ;
        rdf:predicate rdf:type ; rdf:object org:Organization ; cg:inferredBy cg:TypeRule }}""")
