"""The OpenAPI description is true: schemathesis sends generated requests to a real server and
runs every default check of its on each answer (no 5xx; status, media type, body schema and
headers as documented; schema-valid requests accepted and schema-violating ones refused; ...).

Two things the run is told, both written beside this file:

- ``schemathesis_hooks.py`` generates values of the description's own formats (``sparql-query``,
  ``sparql-update``, ``iri``), since no JSON Schema can say what parses as SPARQL: otherwise
  ``query=0`` is a "schema-valid request" that the endpoint must refuse as a syntax error;
- ``schemathesis.toml``: for the operations that take names of things in the graph (the entry
  points and gap reports), ``positive_data_acceptance`` also accepts 422, the answer for a name
  that names several things (with the candidates), as it accepts 404 for one that names nothing;
  and for ``/api/gaps/diff`` it accepts 400 too: ``from`` must be a year before ``to``, a rule
  between two parameters that no OpenAPI parameter schema can state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import Server

HERE = Path(__file__).parent


@pytest.mark.slow
def test_every_answer_matches_the_description(served: Server, tmp_path: Path) -> None:
    st = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    assert st, "schemathesis is a test dependency: pip install -e '.[test]'"
    environment = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "PYTHONPATH": os.pathsep.join([str(HERE.parent.parent), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [
            st,
            "--config-file",
            str(HERE / "schemathesis.toml"),
            "run",
            f"{served.url}/openapi.json",
            "--max-examples",
            "8",
            "--seed",
            "1",
            "--workers",
            "1",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
        env=environment,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "API Operations" in run.stdout and "Tested:" in run.stdout
