"""The same answers on every kind of store; the CLI and HTTP faces with their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustergraph.cli import app
from clustergraph.entrypoints import entry_points
from clustergraph.gaps import gap_report
from clustergraph.network import project
from clustergraph.store import EmbeddedStore, Store
from tests.support.curated import Curated


@pytest.fixture(scope="module")
def reference(curated_data: Curated) -> EmbeddedStore:
    """The curated graph in an embedded store: the answers every other store must give."""
    return curated_data.memory()


@pytest.mark.slow
def test_every_store_gives_the_same_answers(curated: Store, reference: EmbeddedStore) -> None:
    """Entry points, the gap report and the projection, identical on each kind of store
    (``curated`` is embedded, ``oxigraph serve`` and Virtuoso: tests/entrypoints/conftest.py)."""
    here, there = project(curated), project(reference)
    assert here.records == there.records
    assert sorted(here.actors.edges) == sorted(there.actors.edges)
    assert dict(here.actors.nodes(data=True)) == dict(there.actors.nodes(data=True))
    for home, market in [("Biocat", "Japan"), ("NRW", "CN"), ("Biocat", "Brazil")]:
        assert entry_points(curated, home, market) == entry_points(reference, home, market), (home, market)
    assert gap_report(curated) == gap_report(reference)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> str:
    return str(curated_data.folder(tmp_path_factory.mktemp("cli") / "store"))


def test_cli_entry_points_json_and_table(store_dir: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["entry-points", "--from", "Biocat", "--market", "JP", "--format", "json", "--store", store_dir]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {e["label"] for e in data["entry_points"]} >= {"Osaka Bio Headquarters", "EU-Japan Centre"}
    table = runner.invoke(app, ["entry-points", "--from", "Biocat", "--market", "Brazil", "--store", store_dir])
    assert table.exit_code == 0
    assert "No entry point" in table.stdout and "bioXclusters PLUS targets Brazil" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["entry-points", "--from", "Chamber of Commerce", "--market", "JP"], "ambiguous"),
        (["entry-points", "--from", "Biocat", "--market", "Atlantis"], "Atlantis"),
        (["gaps", "--market", "Atlantis"], "Atlantis"),
        (["gaps", "--diff", "2018", "2014"], "earlier year first"),
    ],
)
def test_cli_errors_exit_1_with_the_message(store_dir: str, args: list[str], message: str) -> None:
    import subprocess
    import sys

    command = [str(Path(sys.executable).parent / "clustergraph"), *args, "--store", store_dir]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr


def test_cli_gaps_formats(store_dir: str) -> None:
    runner = CliRunner()
    md = runner.invoke(app, ["gaps", "--format", "md", "--store", store_dir])
    assert md.exit_code == 0 and md.stdout.startswith("# Gaps in the cluster network")
    csv = runner.invoke(app, ["gaps", "--market", "Japan", "--format", "csv", "--store", store_dir])
    assert csv.exit_code == 0 and csv.stdout.splitlines()[0].startswith("home,")
    table = runner.invoke(app, ["gaps", "--store", store_dir])
    assert table.exit_code == 0 and "bioPmed" in table.stdout


def test_cli_gaps_diff(store_dir: str) -> None:
    runner = CliRunner()
    found = runner.invoke(app, ["gaps", "--diff", "2014", "2018", "--format", "json", "--store", store_dir])
    assert found.exit_code == 0, found.output
    data = json.loads(found.stdout)
    assert (data["before"], data["after"]) == (2014, 2018)
    assert any(c["home_label"] == "Biocat" and c["market_label"] == "Australia" and c["change"] == "gained"
               for c in data["changes"])
    table = runner.invoke(app, ["gaps", "--diff", "2014", "2018", "--store", store_dir])
    assert table.exit_code == 0 and "gained" in table.stdout


def test_http_entry_points_and_gaps(store_dir: str) -> None:
    from fastapi.testclient import TestClient

    from clustergraph.api import Settings, create_app

    with TestClient(create_app(Settings(store=store_dir))) as client:
        ok = client.get("/api/entry-points", params={"from": "Biocat", "market": "JP"})
        assert ok.status_code == 200
        assert {e["label"] for e in ok.json()["entry_points"]} >= {"EU-Japan Centre"}
        ambiguous = client.get("/api/entry-points", params={"from": "Chamber of Commerce", "market": "JP"})
        assert ambiguous.status_code == 422
        assert len(ambiguous.json()["candidates"]) >= 2
        unknown = client.get("/api/entry-points", params={"from": "Biocat", "market": "Atlantis"})
        assert unknown.status_code == 404 and "Atlantis" in unknown.json()["message"]
        gaps = client.get("/api/gaps", params={"market": "Japan"})
        assert gaps.status_code == 200 and gaps.json()["brokers"][0]["label"] == "Bioindustry Park Silvano Fumero"
        md = client.get("/api/gaps", params={"format": "md"})
        assert md.status_code == 200 and md.text.startswith("# Gaps")
        diff = client.get("/api/gaps/diff", params={"from": 2014, "to": 2018, "market": "Australia"})
        assert diff.status_code == 200, diff.text
        assert {c["home_label"] for c in diff.json()["changes"] if c["change"] == "gained"} >= {"Biocat"}
        brief = client.get("/api/gaps/diff", params={"from": 2014, "to": 2018, "format": "md"})
        assert brief.status_code == 200 and brief.text.startswith("# The network from 2014 to 2018")
        wrong = client.get("/api/gaps/diff", params={"from": 2018, "to": 2014})
        assert wrong.status_code == 400 and "earlier year first" in wrong.json()["message"]
