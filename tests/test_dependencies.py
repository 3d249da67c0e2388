"""Every third-party import of src/ is a declared dependency, and every declared one is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_imports_and_declared_dependencies_agree() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "deptry", "src"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
