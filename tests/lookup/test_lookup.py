"""Search, resolve and describe: the one lookup every face calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustergraph.errors import AmbiguousError, NotFoundError, ParameterError
from clustergraph.lookup import entity, entity_graph, resolve, search
from clustergraph.namespaces import GRAPH, ID
from clustergraph.network.example import example_store
from clustergraph.store import EmbeddedStore

NAMES = Path(__file__).resolve().parents[1] / "resources" / "lookup" / "names.ttl"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return example_store(NAMES)


def test_search_ranks_exact_then_prefix_then_substring(store: EmbeddedStore) -> None:
    found = search(store, "HELIX")
    assert [(m.iri, m.match) for m in found] == [
        (ID + "helix", "exact"),
        (ID + "helix-labs", "prefix"),
        (ID + "helix-partners", "prefix"),
    ]
    nova = search(store, "nova")
    assert [(m.name, m.match) for m in nova] == [("Nova Bio", "prefix"), ("Terra Nova", "substring")]


def test_search_matches_any_language_and_aliases_and_shows_the_english_name(store: EmbeddedStore) -> None:
    for text in ("ヘリックス", "helix-verbund"):
        first = search(store, text)[0]
        assert first.iri == ID + "helix" and first.name == "Helix" and first.match == "exact"
    capital = search(store, "capital region")[0]
    assert capital.name == "Hovedstaden" and capital.kind == "place" and capital.match == "prefix"


def test_codes_match_whole_only(store: EmbeddedStore) -> None:
    assert [(m.iri, m.match, m.matched_labels) for m in search(store, "dk01")] == [(ID + "nuts/DK01", "exact", ["DK01"])]
    assert search(store, "dk0") == []


def test_search_kinds_limit_types_and_regions(store: EmbeddedStore) -> None:
    assert [m.iri for m in search(store, "medtech", kinds=("concept",))] == [ID + "sector/medtech"]
    assert {m.kind for m in search(store, "medtech")} == {"concept", "actor"}
    assert len(search(store, "helix", limit=1)) == 1
    nova = search(store, "nova bio")[0]
    assert nova.types == ["https://w3id.org/clustergraph/ontology#ClusterOrganisation"]
    assert [(r.iri, r.name) for r in nova.regions] == [(ID + "nuts/DK01", None)]  # no English label
    with pytest.raises(ParameterError, match="give some text"):
        search(store, "  ")


def test_resolve_takes_the_best_match_of_the_kinds_wanted(store: EmbeddedStore) -> None:
    assert resolve(store, "nova").iri == ID + "nova-bio"  # a prefix beats a substring
    assert resolve(store, "Helix").iri == ID + "helix"  # a whole label beats two prefixes
    assert resolve(store, "medtech").kind == "concept"  # the sector's label is whole
    assert resolve(store, "medtech", ("actor",)).iri == ID + "medtech-partners"
    assert resolve(store, "Danmark", ("place",)).label == "Denmark"
    assert resolve(store, "DK").iri == ID + "country/DK"
    assert resolve(store, "id:helix").label == "Helix"
    assert resolve(store, f"<{ID}nuts/DK01>").kind == "place"


def test_resolve_errors_say_what_matched(store: EmbeddedStore) -> None:
    with pytest.raises(AmbiguousError) as err:
        resolve(store, "partners")
    assert err.value.candidates == [(ID + "helix-partners", "Helix Partners"), (ID + "medtech-partners", "Medtech Partners")]
    with pytest.raises(NotFoundError, match=r"Nova Bio <.*nova-bio> is an organisation, not a country or region"):
        resolve(store, "Nova Bio", ("place",), what="market")
    with pytest.raises(NotFoundError, match=r"Denmark <.*country/DK> is a country or region, not an organisation"):
        resolve(store, "id:country/DK", ("actor",))
    with pytest.raises(NotFoundError, match="no organisation or country or region or sector matches name 'Atlantis'"):
        resolve(store, "Atlantis")
    with pytest.raises(NotFoundError, match="id:nobody"):
        resolve(store, "id:nobody")


def test_entity_gives_names_facts_sources_and_evidence(store: EmbeddedStore) -> None:
    helix = entity(store, ID + "helix")
    assert helix.name == "Helix"
    assert [(label.value, label.language) for label in helix.labels] == [
        ("Helix", "en"), ("Helix-Verbund", "de"), ("ヘリックス", "ja")
    ]
    assert helix.graphs == [GRAPH + "example"]
    nova = entity(store, ID + "nova-bio")
    located = next(f for f in nova.facts if f.predicate.endswith("#locatedIn"))
    assert located.value.type == "uri" and located.value.value == ID + "nuts/DK01"
    assert located.evidence == ["Nova Bio is a cluster in the Capital Region."]
    region = entity(store, ID + "nuts/DK01")
    assert any(f.direction == "in" for f in region.facts)
    dumped = nova.model_dump()["facts"]
    label = next(f for f in dumped if f["predicate"].endswith("#label"))
    assert label["value"] == {"type": "literal", "value": "Nova Bio", "xml:lang": "en"}
    with pytest.raises(NotFoundError, match="nothing in the graph is about"):
        entity(store, ID + "nobody")
    with pytest.raises(ParameterError, match="not a valid IRI"):
        entity(store, "not an iri")
    # the description as RDF: the entity's own statements, one per fact, and the quotes behind them
    described = entity_graph(store, ID + "helix").triples
    reified = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject", "http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
    own = [t for t in described if ID + "helix" in (t.subject.value, t.object.value) and t.predicate.value not in reified]
    assert len(own) == len(helix.facts)
    quotes = {t.object.value for t in described if t.predicate.value == "http://www.w3.org/ns/oa#exact"}
    assert quotes == {q for f in helix.facts for q in f.evidence}
