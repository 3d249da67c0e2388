"""The same answers on a remote ``oxigraph serve``; the CLI and HTTP faces with their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustergraph.cli import app
from clustergraph.entrypoints import entry_points
from clustergraph.gaps import gap_report
from clustergraph.network import project
from clustergraph.store import EmbeddedStore, RemoteStore
from tests.support.curated import Curated
from tests.support.servers import OxigraphServer


@pytest.mark.slow
@pytest.mark.remote
def test_remote_store_gives_the_same_answers(curated: EmbeddedStore, curated_data: Curated, tmp_path: Path) -> None:
    """On a real ``oxigraph serve`` the analyses read the same records and resolve the same names.

    The projection is read from each store once (every record compared); the entry points and
    the gap report are then computed on it, so what goes to the remote store again is what they
    ask themselves: resolving a home and a market by name and by code. The server keeps its data
    in memory: the answers are the same as on disk, in a fraction of the time.
    """
    server = OxigraphServer(tmp_path / "oxigraph", in_memory=True)
    remote = curated_data.fill(RemoteStore(server.url))
    try:
        local, far = project(curated), project(remote)
        assert far.records == local.records
        assert sorted(far.actors.edges) == sorted(local.actors.edges)
        for home, market in [("Biocat", "Japan"), ("NRW", "CN"), ("Biocat", "Brazil")]:
            assert (entry_points(remote, home, market, network=far)
                    == entry_points(curated, home, market, network=local)), (home, market)
        assert gap_report(remote, network=far) == gap_report(curated, network=local)
    finally:
        remote.close()
        server.stop()


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
        assert gaps.status_code == 200 and gaps.json()["brokers"][0]["label"] == "bioPmed"
        md = client.get("/api/gaps", params={"format": "md"})
        assert md.status_code == 200 and md.text.startswith("# Gaps")
