"""`reconcile propose` and `reconcile apply` on real CORDIS and ROR records, with hand-made labels."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clustergraph.errors import InputError, SheetError
from clustergraph.ingest import build
from clustergraph.ingest.cordis import import_cordis
from clustergraph.ingest.ror import import_ror
from clustergraph.network import project
from clustergraph.reconcile import LINKS_GRAPH, apply_review, propose
from clustergraph.store import EmbeddedStore

RESOURCES = Path(__file__).parent.parent / "resources"
LABELS = RESOURCES / "reconcile" / "labels.csv"
ID = "https://w3id.org/clustergraph/id/"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reconcile") / "store"
    store = EmbeddedStore(folder)
    build(store, validate=False)
    import_cordis(store, [RESOURCES / "cordis" / "cordis-HORIZONprojects-csv"])
    import_ror(store, RESOURCES / "ror" / "v2.1-2025-12-15-ror-data.json")
    store.close()
    return folder


@pytest.fixture
def store(imported: Path, tmp_path: Path) -> Iterator[EmbeddedStore]:
    shutil.copytree(imported, tmp_path / "store")
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def labels() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sheet_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_labelled_match_is_proposed_and_no_non_match(store: EmbeddedStore, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    report = propose(store, sheet)
    proposed = {(r["left"], r["right"]) for r in sheet_rows(sheet)}
    assert report.proposed == len(proposed)
    for label in labels():
        pair = (label["left"], label["right"])
        if label["match"] == "yes":
            assert pair in proposed, f"missed: {label['why']}"
        else:
            assert pair not in proposed, f"wrongly proposed: {label['why']}"


def test_each_proposal_has_a_score_reasons_and_the_method(store: EmbeddedStore, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    propose(store, sheet)
    rows = sheet_rows(sheet)
    assert rows and all(r["decision"] == "" for r in rows), "nothing is decided for the reviewer"
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 0.5
    potsdam = next(r for r in rows if r["left"] == ID + "pic/999854855")
    assert "equal names" in potsdam["reasons"] and "same country" in potsdam["reasons"]
    assert potsdam["left_country"] == potsdam["right_country"] == "DE"
    assert "splink" in potsdam["method"] and "rapidfuzz" in potsdam["method"]


def test_no_proposal_rests_on_an_acronym_or_crosses_countries_without_an_id(store: EmbeddedStore, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    propose(store, sheet, threshold=0.01)
    for row in sheet_rows(sheet):
        assert not row["reasons"].startswith(("different names", "similar names")), row
        if row["left_country"] and row["right_country"] and row["left_country"] != row["right_country"]:
            assert "a shared id" in row["reasons"], row


def test_accepted_rows_become_sameas_links_with_method_score_and_reviewer(store: EmbeddedStore, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    propose(store, sheet)
    rows = sheet_rows(sheet)
    truth = {(label["left"], label["right"]): label["match"] == "yes" for label in labels()}
    for row in rows:
        row["decision"] = "accept" if truth.get((row["left"], row["right"])) else "reject"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    accepted, rejected = apply_review(store, sheet, reviewer="Data steward, test")
    assert accepted == sum(truth.values()) and accepted + rejected == len(rows)
    got = store.select(f"""PREFIX cg: <https://w3id.org/clustergraph/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?score ?by ?method ?why WHERE {{ GRAPH <{LINKS_GRAPH}> {{
          <{ID}pic/999854855> <http://www.w3.org/2002/07/owl#sameAs> <{ID}ror/03bnmw459> .
          ?l rdf:subject <{ID}pic/999854855> ; rdf:object <{ID}ror/03bnmw459> ; cg:decision "accepted" ;
             cg:linkScore ?score ; cg:reviewedBy ?by ; cg:linkMethod ?method ; cg:linkReasons ?why }} }}""").values()
    assert got and got[0]["by"] == "Data steward, test" and float(got[0]["score"]) > 0.5
    # decided pairs are not proposed again
    again = tmp_path / "again.csv"
    report = propose(store, again)
    assert report.proposed == 0 and report.already_decided == len(rows)


def test_the_projection_treats_a_linked_set_as_one_actor(store: EmbeddedStore, tmp_path: Path) -> None:
    before = project(store)
    assert ID + "pic/999854855" in before.actors
    sheet = tmp_path / "review.csv"
    sheet.write_text(
        "decision,left,right,score,reasons,method\n"
        f"accept,{ID}pic/999854855,{ID}ror/03bnmw459,0.99,equal names,test\n", encoding="utf-8"
    )
    apply_review(store, sheet, reviewer="tester")
    after = project(store)
    assert ID + "pic/999854855" not in after.actors
    assert ID + "ror/03bnmw459" in after.actors
    # the CORDIS project partners of the university are now partners of the one actor
    assert set(before.actors[ID + "pic/999854855"]) <= set(after.actors[ID + "ror/03bnmw459"])
    assert "UNIVERSITAET POTSDAM" in after.records.actors[ID + "ror/03bnmw459"].aliases


def test_a_bad_sheet_is_refused_naming_its_row_and_nothing_is_recorded(store: EmbeddedStore, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    sheet.write_text(f"decision,left,right\naccept,{ID}pic/999854855,{ID}ror/03bnmw459\nmaybe,{ID}a,{ID}b\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"review.csv, row 3, column 'decision': 'maybe' is no decision"):
        apply_review(store, sheet, reviewer="tester")
    sheet.write_text(f"decision,left,right\naccept,{ID}pic/999854855,{ID}nobody\n", encoding="utf-8")
    with pytest.raises(InputError, match="is no organisation of the store"):
        apply_review(store, sheet, reviewer="tester")
    with pytest.raises(InputError, match="never an e-mail"):
        apply_review(store, sheet, reviewer="someone@example.org")
    assert store.count(LINKS_GRAPH) == 0


def test_the_commands_propose_and_apply(imported: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    shutil.copytree(imported, location)
    env = {"CLUSTERGRAPH_STORE": str(location), "PATH": str(Path(sys.executable).parent)}
    sheet = tmp_path / "review.csv"
    done = subprocess.run([sys.executable, "-m", "clustergraph", "reconcile", "propose", "-o", str(sheet)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "proposals in" in done.stderr and sheet.exists()
    done = subprocess.run([sys.executable, "-m", "clustergraph", "reconcile", "apply", str(sheet), "--reviewer", "x"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0 and "0 accepted, 0 rejected" in done.stderr
