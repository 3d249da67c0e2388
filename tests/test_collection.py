"""The suite itself: pytest collects the doctests of every module of ``src/`` that has examples.

A package named like build output (``build/``, ``dist/``) or otherwise skipped by pytest's
``norecursedirs`` would have its examples silently never run.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import clustergraph

REPO = Path(__file__).resolve().parent.parent


def modules_with_examples() -> set[str]:
    """Every module of the package whose docstrings hold at least one example."""
    finder = doctest.DocTestFinder()
    names = ["clustergraph", *(info.name for info in pkgutil.walk_packages(clustergraph.__path__, "clustergraph."))]
    return {name for name in names if any(test.examples for test in finder.find(importlib.import_module(name)))}


def test_every_module_with_examples_has_its_doctests_collected() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "src/clustergraph"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    # an item is `src/clustergraph/x/y.py::clustergraph.x.y.function`: keep the module part
    files = {line.split("::")[0] for line in done.stdout.splitlines() if line.startswith("src/") and "::" in line}
    modules = {f.removeprefix("src/").removesuffix(".py").removesuffix("/__init__").replace("/", ".") for f in files}
    assert modules == modules_with_examples()
