"""Entry points on the curated graph: Japan through the 2016 mission, China through ChInValue,
the missing-hop answer, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustergraph.entrypoints import entry_points
from clustergraph.errors import AmbiguousError, NotFoundError
from clustergraph.network.example import example_store
from clustergraph.store import EmbeddedStore

ID = "https://w3id.org/clustergraph/id/"
GRAPH = "https://w3id.org/clustergraph/graph/"
JAPAN_PARTNERS = {ID + "osaka-bio-headquarters", ID + "eu-japan-centre"}
RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "network"


@pytest.mark.parametrize("member", ["Biocat", "BioM", "bioPmed", "Lyonbiopole"])
def test_bioxclusters_members_reach_japan_through_the_2016_mission(curated: EmbeddedStore, member: str) -> None:
    answer = entry_points(curated, member, "Japan")
    found = {e.actor for e in answer.entry_points}
    assert found >= JAPAN_PARTNERS
    eujc = next(e for e in answer.entry_points if e.actor == ID + "eu-japan-centre")
    nodes = [h.target for p in eujc.paths for h in p.hops]
    assert ID + "mission-japan-2016" in nodes
    for path in eujc.paths:
        assert path.hops[0].source == answer.home_actors[0].iri
        for hop in path.hops:  # every hop is sourced and quoted
            assert hop.graph == GRAPH + "001-bioxclusters-plus-news"
            assert hop.evidence
    osaka = next(e for e in answer.entry_points if e.actor == ID + "osaka-bio-headquarters")
    assert osaka.located_in and osaka.serves and "Kansai" in osaka.reason  # "their region", Kansai
    assert "organized in collaboration with Osaka Bio Headquarters" in (osaka.paths[0].hops[-1].evidence or "")
    assert osaka.score > 0 and "independent path" in osaka.why


def test_the_path_reads_as_a_sentence(curated: EmbeddedStore) -> None:
    answer = entry_points(curated, "Biocat", "JP")
    texts = [p.text for e in answer.entry_points for p in e.paths]
    assert "Biocat —organiser of→ bioXclusters+ mission to Japan 2016 —has partner→ EU-Japan Centre" in texts
    contacts = [c for e in answer.entry_points for c in e.contacts]
    assert any(c.label == "Biocat regional contact point, mission to Japan 2016" for c in contacts)


def test_nrw_reaches_china_through_chinvalue_and_china_medical_city(curated: EmbeddedStore) -> None:
    answer = entry_points(curated, "NRW", "China")
    assert answer.home_kind == "region"
    assert {ID + "bio-nrw", ID + "bio-cm"} <= {h.iri for h in answer.home_actors}
    cmc = next(e for e in answer.entry_points if e.actor == ID + "china-medical-city")
    assert "Taizhou" in cmc.reason
    # through the project ChInValue (awardees BIO CM and BIO.NRW, first network partner CMC); the
    # source states no agreement with China Medical City
    assert ID + "chinvalue" in [h.target for h in cmc.paths[0].hops]
    for hop in cmc.paths[0].hops:
        assert hop.graph == GRAPH + "003-chinvalue-bio-nrw-china"
        assert hop.evidence  # the German quote of each hop's statement
    assert "China Medical City" in (cmc.paths[0].hops[-1].evidence or "")
    # BIO CM itself serves China: part of the home, listed apart and not ranked as a way in
    assert ID + "bio-cm" not in {e.actor for e in answer.entry_points}
    bio_cm = next(e for e in answer.home_entry_points if e.actor == ID + "bio-cm")
    assert bio_cm.serves and "China" in bio_cm.reason
    assert answer.entry_points[0].actor == ID + "china-medical-city"  # the first way in is outside the home


def test_the_nrw_china_forum_is_an_aim_not_an_actor(curated: EmbeddedStore) -> None:
    """The source states the forum as ChInValue's aim, not as a unit that exists."""
    with pytest.raises(NotFoundError, match="NRW-China Life Science Business Forum"):
        entry_points(curated, "NRW-China Life Science Business Forum", "CN")


def test_no_path_gives_the_missing_hop_and_partial_paths(curated: EmbeddedStore) -> None:
    answer = entry_points(curated, "Biocat", "Brazil")
    assert answer.entry_points == []
    assert answer.missing is not None
    assert "Brazil" in answer.missing.message
    partial = {p.affiliation for p in answer.missing.partial_paths}
    assert ID + "bioxclusters-plus" in partial  # targets Brazil but has no partner there
    data = answer.model_dump()
    assert data["entry_points"] == [] and data["missing"]["partial_paths"]


def test_market_with_partners_out_of_reach(curated: EmbeddedStore) -> None:
    answer = entry_points(curated, "BioSA", "China")
    assert answer.entry_points == []
    assert answer.missing is not None
    assert answer.missing.message.startswith("no agreement, alliance")
    assert "China Medical City" in {a.label for a in answer.missing.market_actors}
    assert ID + "bioxclusters-plus" in {p.affiliation for p in answer.missing.partial_paths}


def test_an_organisation_without_ties() -> None:
    store = example_store(RESOURCES / "lonely.ttl")
    answer = entry_points(store, "Home Org", "JP")
    assert answer.entry_points == []
    assert answer.missing is not None and "has no" in answer.missing.message
    assert [(a.iri, a.label) for a in answer.missing.market_actors] == [(ID + "tokyo-org", "Tokyo Org")]


def test_as_of_and_sector(curated: EmbeddedStore) -> None:
    assert entry_points(curated, "Biocat", "Japan", as_of=2010).entry_points == []
    assert entry_points(curated, "Biocat", "Japan", as_of=2016).entry_points
    assert entry_points(curated, "Biocat", "Japan", sector="personalised healthcare").entry_points
    assert entry_points(curated, "NRW", "China", sector="medical technology").entry_points == []


def test_names_codes_iris_and_languages_resolve(curated: EmbeddedStore) -> None:
    by_alias = entry_points(curated, "Bioindustry Park", "日本")  # NETBIOCLUE's name for it; Japanese name
    assert by_alias.home.iri == ID + "bioindustry-park-silvano-fumero" and by_alias.market.iri == ID + "country/JP"
    by_code = entry_points(curated, "ES51", "JP")
    assert by_code.home.kind == "place" and ID + "biocat" in {h.iri for h in by_code.home_actors}
    by_iri = entry_points(curated, "id:bioxclusters-plus", ID + "country/JP")
    assert by_iri.home_kind == "alliance" and len(by_iri.home_actors) == 5


def test_unknown_and_ambiguous_names(curated: EmbeddedStore) -> None:
    with pytest.raises(AmbiguousError) as err:
        entry_points(curated, "Chamber of Commerce", "Japan")
    assert {ID + "milan-chamber-of-commerce", ID + "essonne-chamber-of-commerce"} <= {
        iri for iri, _ in err.value.candidates
    }
    with pytest.raises(NotFoundError, match="Atlantis"):
        entry_points(curated, "Biocat", "Atlantis")
    with pytest.raises(NotFoundError, match="Nobody Inc"):
        entry_points(curated, "Nobody Inc", "Japan")
    with pytest.raises(NotFoundError, match="not a country or region"):
        entry_points(curated, "Biocat", "Lyonbiopole")
    with pytest.raises(NotFoundError, match="holds no organisation"):
        entry_points(EmbeddedStore(), "Biocat", "Japan")
