"""Questions across sources once CORDIS is in: entry points through shared projects, named queries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clustergraph.catalogue import run_named
from clustergraph.entrypoints import entry_points
from clustergraph.ingest import load_files
from clustergraph.ingest.cordis import import_cordis
from clustergraph.reconcile import apply_review
from clustergraph.store import EmbeddedStore
from tests.support.curated import Curated

RESOURCES = Path(__file__).parent.parent / "resources"
CSV = RESOURCES / "cordis" / "cordis-HORIZONprojects-csv"
ID = "https://w3id.org/clustergraph/id/"
ORG_GRAPH = "https://w3id.org/clustergraph/graph/cordis/horizon-europe/organization"


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> tuple[Path, Path]:
    """A store with the curated graph only, and one with the CORDIS sample imported as well."""
    base = tmp_path_factory.mktemp("questions")
    curated = curated_data.folder(base / "curated")
    both = base / "both"
    shutil.copytree(curated, both)
    store = EmbeddedStore(both)
    import_cordis(store, [CSV])
    store.close()
    return curated, both


def cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLUSTERGRAPH_STORE": str(store)}
    done = subprocess.run([sys.executable, "-m", "clustergraph", *args], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    return done


def test_estonia_into_georgia_through_a_shared_horizon_europe_project(folders: tuple[Path, Path]) -> None:
    answer = json.loads(cli(folders[1], "entry-points", "--from", "Estonia", "--market", "Georgia", "--format", "json").stdout)
    first = answer["entry_points"][0]
    assert first["label"] == "GEORGIAN ICT CLUSTER"
    hops = [h for path in first["paths"] for h in path["hops"]]
    assert {h["target_label"] for h in hops} >= {"INFIMO", "GEORGIAN ICT CLUSTER"}
    assert all(h["graph"] == ORG_GRAPH for h in hops), "each hop names the CORDIS graph it comes from"
    ties = {h["tie"] for h in hops}
    assert any(t.startswith(ID + "participation/101096195/") for t in ties), "each hop names its participation"


def test_spain_into_the_us_through_a_shared_project(folders: tuple[Path, Path]) -> None:
    out = cli(folders[1], "entry-points", "--from", "Spain", "--market", "US").stdout
    assert "EIT DIGITAL SILICON VALLEY FOUNDATION" in out
    assert "EIT MANUFACTURING WEST SL —third-party of→ XKIC SO" in out


def _ranked(store: EmbeddedStore, home: str, market: str, as_of: int | None) -> list[tuple[str, list[str]]]:
    answer = entry_points(store, home, market, as_of=as_of)
    return [(e.actor, sorted(" ".join(h.target for h in p.hops) for p in e.paths)) for e in answer.entry_points]


@pytest.mark.parametrize(("home", "market"), [("Biocat", "Japan"), ("Nordrhein-Westfalen", "CN")])
def test_the_curated_answers_are_unchanged(folders: tuple[Path, Path], home: str, market: str) -> None:
    curated, both = (EmbeddedStore(f, read_only=True) for f in folders)
    try:
        # the same entry points through the same paths; in the curated years, the same ranking too
        # (without --as-of, recency counts from the latest year in the store, which CORDIS moves:
        # the analytics' reference year, issue 15)
        assert sorted(_ranked(curated, home, market, None)) == sorted(_ranked(both, home, market, None))
        assert _ranked(curated, home, market, 2016) == _ranked(both, home, market, 2016)
    finally:
        curated.close()
        both.close()


def test_participations_of_a_region_by_programme_and_partner_country(folders: tuple[Path, Path]) -> None:
    store = EmbeddedStore(folders[1], read_only=True)
    rows = run_named(store, "region-participations-by-programme", {"region": ID + "country/EE"}).values()  # type: ignore[union-attr]
    store.close()
    got = {(r["programme"], r["partnerCountry"], r["projects"]) for r in rows}
    assert got == {(ID + "horizon-europe", ID + "country/GE", "1"), (ID + "horizon-europe", ID + "country/PT", "1")}


def test_organisations_of_a_region_that_never_partnered_with_a_market(folders: tuple[Path, Path]) -> None:
    store = EmbeddedStore(folders[1], read_only=True)
    rows = run_named(store, "region-organisations-never-partnered-with-market",
                     {"region": ID + "country/ES", "market": ID + "country/US"}).values()  # type: ignore[union-attr]
    store.close()
    names = {r["organisationLabel"] for r in rows}
    assert "EIT MANUFACTURING WEST SL" not in names, "it shares XKIC SO with a US participant"
    assert "CARTAGO VENTURES SL" in names


def test_a_curated_actor_linked_to_its_cordis_record_gets_its_projects(folders: tuple[Path, Path], tmp_path: Path) -> None:
    location = tmp_path / "store"
    shutil.copytree(folders[1], location)
    store = EmbeddedStore(location)
    # a user's own curated file (tests/resources/reconcile) naming the cluster that CORDIS lists too
    load_files(store, [RESOURCES / "reconcile" / "user-georgian-ict-cluster.ttl"])
    sheet = tmp_path / "review.csv"
    sheet.write_text(
        "decision,left,right,score,reasons,method\n"
        f"accept,https://example.org/test/georgian-ict-cluster,{ID}pic/882600576,0.99,equal names; same country,test\n",
        encoding="utf-8",
    )
    apply_review(store, sheet, reviewer="tester")
    rows = run_named(store, "curated-actors-cordis-projects", {"actor": "https://example.org/test/georgian-ict-cluster"}).values()  # type: ignore[union-attr]
    assert [(r["project"], r["role"], r["record"]) for r in rows] == [
        (ID + "project/101096195", "https://w3id.org/clustergraph/ontology#Partner", rows[0]["record"])
    ]
    assert rows[0]["record"].startswith(ID + "record/cordis/horizon-europe/organization/")
    # and the entry points start from the curated actor through its CORDIS project
    answer = entry_points(store, "https://example.org/test/georgian-ict-cluster", "Estonia")
    store.close()
    assert {e.label for e in answer.entry_points} >= {"BALTIC INNOVATION AGENCY OU"}
