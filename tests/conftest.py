"""Shared fixtures: stores of every kind, on real ``oxigraph serve`` and Virtuoso servers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# Real SPARQL servers (oxigraph serve, Virtuoso) and the fixtures that run a test on each store.
from remote_servers import (
    OxigraphServer,
    curated,
    curated_oxigraph,
    curated_virtuoso,
    free_port,
    oxigraph_binary,
    store,
    virtuoso_server,
)

__all__ = [
    "OxigraphServer",
    "curated",
    "curated_oxigraph",
    "curated_virtuoso",
    "free_port",
    "oxigraph_binary",
    "store",
    "virtuoso_server",
]

RESOURCES = Path(__file__).parent / "resources"
REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty ``oxigraph serve`` for one test; stopped afterwards."""
    server = OxigraphServer(tmp_path / "oxigraph")
    yield server
    server.stop()
