"""The curated answers, from the command line, as the sources support them.

Names in English (the reference's labels) resolve to the regions; each hop carries the quote of
its statement. North Rhine-Westphalia reaches China through ChInValue (the source states no
agreement with China Medical City, only its first network partner); Bavaria has no tie to an
organisation in China, and the answer says which hops lead towards it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.curated import Curated

ID = "https://w3id.org/clustergraph/id/"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> str:
    return str(curated_data.folder(tmp_path_factory.mktemp("curated") / "store"))


def entry_points(store_dir: str, home: str, market: str) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [str(Path(sys.executable).parent / "clustergraph"), "entry-points", "--from", home, "--market", market,
         "--format", "json", "--store", store_dir],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_north_rhine_westphalia_into_china(store_dir: str) -> None:
    answer = entry_points(store_dir, "North Rhine-Westphalia", "China")
    found = {e["actor"]: e for e in answer["entry_points"]}
    assert ID + "china-medical-city" in found
    hops = found[ID + "china-medical-city"]["paths"][0]["hops"]
    assert ID + "chinvalue" in [h["target"] for h in hops]
    assert all(h["graph"].endswith("003-chinvalue-bio-nrw-china") and h["evidence"] for h in hops)
    assert "China Medical City" in hops[-1]["evidence"]


def test_bavaria_into_china_names_the_missing_hop(store_dir: str) -> None:
    answer = entry_points(store_dir, "Bavaria", "China")
    assert answer["entry_points"] == []
    partial = {p["affiliation"] for p in answer["missing"]["partial_paths"]}
    assert {ID + "bioxclusters", ID + "bioxclusters-plus"} <= partial  # both target China
    assert "China" in answer["missing"]["message"]
