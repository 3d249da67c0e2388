"""The OpenAPI description is true: schemathesis sends generated requests to a real server and
checks every answer against it (status documented, media type, body schema, headers, no 5xx)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import Server

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance"


@pytest.mark.slow
def test_every_answer_matches_the_description(served: Server, tmp_path: Path) -> None:
    st = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    assert st, "schemathesis is a test dependency: pip install -e '.[test]'"
    run = subprocess.run(
        [
            st,
            "run",
            f"{served.url}/openapi.json",
            "--max-examples",
            "8",
            "--seed",
            "1",
            "--workers",
            "1",
            "--checks",
            CHECKS,
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "API Operations" in run.stdout and "Tested:" in run.stdout
