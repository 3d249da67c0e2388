"""``--region-shapes`` on ``serve`` and ``viz``: a bad file stops the command with its error (file,
feature, problem), never a traceback; codes the graph does not know are reported and left out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "clustergraph"]
SHAPES = Path(__file__).resolve().parent.parent / "resources" / "regions" / "regions.geojson"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env={**clean, **(env or {})}, timeout=600)


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode not in (0, 139, -11), (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def _bad(tmp_path: Path) -> Path:
    feature = {"type": "Feature", "properties": {"NAME": "x"},
               "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    return path


def test_serve_refuses_a_bad_shapes_file_by_option_and_by_environment(tmp_path: Path) -> None:
    bad = _bad(tmp_path)
    store = str(tmp_path / "store")
    refused(run("serve", "--store", store, "--port", "1", "--region-shapes", str(bad)),
            "bad.geojson: feature 0: no region code", "NUTS_ID")
    refused(run("serve", "--store", store, "--port", "1", env={"CLUSTERGRAPH_REGION_SHAPES": str(bad)}),
            "bad.geojson: feature 0: no region code")
    refused(run("serve", "--store", store, "--port", "1", "--region-shapes", str(tmp_path / "none.geojson")),
            "none.geojson: no such file")


def test_viz_refuses_bad_shapes_and_reports_unknown_codes(tmp_path: Path, curated_folder: Path) -> None:
    out = tmp_path / "map.html"
    refused(run("viz", "--map", "-o", str(out), "--store", str(curated_folder), "--region-shapes", str(_bad(tmp_path))),
            "bad.geojson: feature 0: no region code")
    refused(run("viz", "-o", str(out), "--store", str(curated_folder), "--region-shapes", str(SHAPES)),
            "add --map")
    notjson = tmp_path / "regions.json"
    notjson.write_text("<html>", encoding="utf-8")
    refused(run("viz", "--map", "-o", str(out), "--store", str(curated_folder), "--region-shapes", str(notjson)),
            "regions.json:1:1: syntax error: not JSON")
    assert not out.exists()
    document = json.loads(SHAPES.read_text(encoding="utf-8"))
    document["features"].append({**document["features"][0], "properties": {"NUTS_ID": "ZZ9"}})
    mixed = tmp_path / "mixed.geojson"
    mixed.write_text(json.dumps(document), encoding="utf-8")
    done = run("viz", "--map", "-o", str(out), "--store", str(curated_folder), "--region-shapes", str(mixed))
    assert done.returncode == 0, done.stderr
    assert "warning: " in done.stderr and "ZZ9" in done.stderr and "does not know" in done.stderr
    assert "4 region shapes" in done.stdout
    assert '"ZZ9"' in out.read_text(encoding="utf-8")  # listed as skipped, never drawn
